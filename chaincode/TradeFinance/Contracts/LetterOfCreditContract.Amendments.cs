using Fabric.Chaincode.Contracts;
using TradeFinance.Contracts.Internal;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Contracts;

/// <summary>Amendments (UCP 600 Art. 10): proposed by the issuing bank, accepted or rejected by the beneficiary.</summary>
public sealed partial class LetterOfCreditContract
{
    /// <summary>
    /// An officer of the issuing bank proposes an amendment at the applicant's request; it binds the bank at once
    /// and cannot be withdrawn (Art. 10(b)). Transient: <c>amendment</c> (<c>{"changes":{...}}</c> or
    /// <c>{"cancel":true}</c>), <c>salt</c> (16+ random bytes, for the new terms' hash).
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Amendment> ProposeAmendmentAsync(
        ChaincodeContext context, string creditId, string amendmentId, [Transient] AmendmentRequest amendment, [Transient] byte[] salt)
    {
        var (ledger, configuration, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequireOfficerOf(credit.IssuingBankMspId, "the issuing bank");
        SaltedHash.RequireSalt(salt, "salt");
        Identifiers.Require(amendmentId, "amendmentId");
        if (await ledger.FindAsync<Amendment>(TradeKeys.Amendment, creditId, amendmentId).ConfigureAwait(false) is not null)
        {
            throw TradeErrors.Conflict($"Amendment '{amendmentId}' of credit '{creditId}' already exists.");
        }

        var data = await GetCreditPrivateAsync(ledger, configuration, creditId).ConfigureAwait(false);
        var proposal = AmendmentRules.Propose(credit, data, amendmentId, amendment, salt, ledger.Now);
        await ledger.PutPrivateAsync(configuration.CreditCollection, new AmendmentPrivateData(salt, proposal.NewTerms), TradeKeys.Amendment, creditId, amendmentId)
            .ConfigureAwait(false);
        await ledger.PutAsync(proposal.Credit, TradeKeys.Credit, creditId).ConfigureAwait(false);
        return await SaveAmendmentAsync(context, ledger, proposal.Credit, proposal.Amendment, TradeEvents.AmendmentProposed).ConfigureAwait(false);
    }

    /// <summary>
    /// The beneficiary accepts, listing every field it accepts (<c>acceptedFields</c>, JSON array; empty for a
    /// cancellation). Accepting only some of the changed fields is a rejection (Art. 10(e)): the transaction
    /// succeeds and records the amendment as rejected for partial acceptance.
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Amendment> AcceptAmendmentAsync(ChaincodeContext context, string creditId, string amendmentId, string[] acceptedFields)
    {
        var (ledger, configuration, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequireBeneficiaryOf(credit);
        var proposed = await ledger.GetAsync<Amendment>("Amendment", TradeKeys.Amendment, creditId, amendmentId).ConfigureAwait(false);
        var (answered, updated) = AmendmentRules.Accept(credit, proposed, acceptedFields, proposed.NewTermsHash, ledger.Now);
        if (answered.Status == AmendmentStatus.Accepted && answered.Kind == AmendmentKind.Change)
        {
            var current = await GetCreditPrivateAsync(ledger, configuration, creditId).ConfigureAwait(false);
            var change = await ledger.GetPrivateAsync<AmendmentPrivateData>(configuration.CreditCollection, "amendment", TradeKeys.Amendment, creditId, amendmentId)
                .ConfigureAwait(false);
            await ledger.PutPrivateAsync(
                configuration.CreditCollection, current with { Salt = change.Salt, Terms = change.NewTerms! }, TradeKeys.Credit, creditId).ConfigureAwait(false);
        }

        await ledger.PutAsync(updated, TradeKeys.Credit, creditId).ConfigureAwait(false);
        var eventName = answered.Status == AmendmentStatus.Accepted ? TradeEvents.AmendmentAccepted : TradeEvents.AmendmentRejected;
        return await SaveAmendmentAsync(context, ledger, updated, answered, eventName).ConfigureAwait(false);
    }

    /// <summary>The beneficiary rejects the amendment; the terms in force stay (Art. 10(c)).</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<Amendment> RejectAmendmentAsync(ChaincodeContext context, string creditId, string amendmentId)
    {
        var (ledger, _, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequireBeneficiaryOf(credit);
        var proposed = await ledger.GetAsync<Amendment>("Amendment", TradeKeys.Amendment, creditId, amendmentId).ConfigureAwait(false);
        var (answered, updated) = AmendmentRules.Reject(credit, proposed, ledger.Now);
        await ledger.PutAsync(updated, TradeKeys.Credit, creditId).ConfigureAwait(false);
        return await SaveAmendmentAsync(context, ledger, updated, answered, TradeEvents.AmendmentRejected).ConfigureAwait(false);
    }

    /// <summary>The public record of an amendment (changed field names, status).</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public Task<Amendment> GetAmendmentAsync(ChaincodeContext context, string creditId, string amendmentId) =>
        new TradeLedger(context).GetAsync<Amendment>("Amendment", TradeKeys.Amendment, creditId, amendmentId);

    /// <summary>The proposed new terms of an amendment: only for the credit's banks, applicant and beneficiary.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<AmendmentPrivateData> GetAmendmentTermsAsync(ChaincodeContext context, string creditId, string amendmentId)
    {
        var (ledger, configuration, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequirePartyTo(credit);
        return await ledger.GetPrivateAsync<AmendmentPrivateData>(configuration.CreditCollection, "amendment", TradeKeys.Amendment, creditId, amendmentId)
            .ConfigureAwait(false);
    }

    private static async Task<Amendment> SaveAmendmentAsync(
        ChaincodeContext context, TradeLedger ledger, LetterOfCredit credit, Amendment amendment, string eventName)
    {
        await ledger.PutAsync(amendment, TradeKeys.Amendment, amendment.CreditId, amendment.AmendmentId).ConfigureAwait(false);
        ledger.Emit(eventName, new CreditEvent(credit.CreditId, credit.Status, ledger.TxId, AmendmentId: amendment.AmendmentId, AmendmentStatus: amendment.Status));
        TradeLog.AmendmentChanged(context.Logger, credit.CreditId, amendment.AmendmentId, amendment.Status, ledger.TxId);
        return amendment;
    }
}
