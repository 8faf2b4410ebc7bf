using Fabric.Chaincode.Contracts;
using TradeFinance.Contracts.Internal;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Configuration;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Contracts;

/// <summary>
/// Documentary letters of credit under UCP 600. Terms (MT700) arrive as transient data and are kept in the banks'
/// collection; public state holds the credit's parties (IDs), status, timestamps and the terms' salted hash.
/// This file: application, issue, advice, withdrawal, expiry and queries; amendments and presentations are in
/// the other parts of the class.
/// </summary>
[Contract(Name = "LetterOfCredit", Title = "Documentary letters of credit (UCP 600)", IsDefault = true)]
public sealed partial class LetterOfCreditContract : Contract
{
    /// <summary>
    /// The applicant (role=applicant, company=&lt;id&gt;, a client of an issuing bank) applies for a credit.
    /// Transient: <c>terms</c> (MT700 terms JSON), <c>salt</c> (16+ random bytes).
    /// </summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<LetterOfCredit> ApplyAsync(
        ChaincodeContext context, string creditId, [Transient] CreditTerms terms, [Transient] byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new TradeLedger(context);
        var configuration = await ledger.GetConfigurationAsync().ConfigureAwait(false);
        var caller = ledger.Caller;
        if (caller.Role != TradeRoles.Applicant || string.IsNullOrEmpty(caller.Company) || !configuration.Plays(caller.MspId, TradeRole.IssuingBank))
        {
            throw TradeErrors.Forbidden($"Only an applicant (role=applicant with a company) of an issuing bank may apply; the caller is {caller.Describe()}.");
        }

        SaltedHash.RequireSalt(salt, "salt");
        var credit = LetterOfCreditLifecycle.Apply(creditId, terms, caller.MspId, caller.Company, salt, ledger.Now);
        if (!configuration.Plays(credit.AdvisingBankMspId, TradeRole.AdvisingBank))
        {
            throw TradeErrors.Invalid("terms.advisingBankMspId", "(57A) is not an advising bank of this channel's configuration.");
        }

        if (await ledger.FindAsync<LetterOfCredit>(TradeKeys.Credit, creditId).ConfigureAwait(false) is not null)
        {
            throw TradeErrors.Conflict($"Credit '{creditId}' already exists.");
        }

        await ledger.PutPrivateAsync(configuration.CreditCollection, new CreditPrivateData(salt, terms, 0), TradeKeys.Credit, creditId).ConfigureAwait(false);
        await ledger.RequireEndorsementAsync([credit.IssuingBankMspId, credit.AdvisingBankMspId], TradeKeys.Credit, creditId).ConfigureAwait(false);
        return await SaveAsync(context, ledger, credit, TradeEvents.CreditApplied).ConfigureAwait(false);
    }

    /// <summary>An officer of the issuing bank issues the applied credit (Art. 7(b): irrevocably bound from now on).</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<LetterOfCredit> IssueAsync(ChaincodeContext context, string creditId)
    {
        var (ledger, configuration, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequireOfficerOf(credit.IssuingBankMspId, "the issuing bank");
        var data = await GetCreditPrivateAsync(ledger, configuration, creditId).ConfigureAwait(false);
        return await SaveAsync(context, ledger, LetterOfCreditLifecycle.Issue(credit, data.Terms, ledger.Now), TradeEvents.CreditIssued).ConfigureAwait(false);
    }

    /// <summary>An officer of the advising bank advises the issued credit to the beneficiary (Art. 9).</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<LetterOfCredit> AdviseAsync(ChaincodeContext context, string creditId)
    {
        var (ledger, _, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequireOfficerOf(credit.AdvisingBankMspId, "the advising bank");
        return await SaveAsync(context, ledger, LetterOfCreditLifecycle.Advise(credit, ledger.Now), TradeEvents.CreditAdvised).ConfigureAwait(false);
    }

    /// <summary>The applicant or an issuing bank officer withdraws an application that was not issued yet.</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<LetterOfCredit> WithdrawAsync(ChaincodeContext context, string creditId)
    {
        var (ledger, _, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        if (!ledger.Caller.IsApplicantOf(credit))
        {
            ledger.Caller.RequireOfficerOf(credit.IssuingBankMspId, "the issuing bank");
        }

        return await SaveAsync(context, ledger, LetterOfCreditLifecycle.Withdraw(credit, ledger.Now), TradeEvents.CreditCancelled).ConfigureAwait(false);
    }

    /// <summary>An officer of either bank records that the credit expired (after its expiry date, Art. 29(a) applied).</summary>
    [Transaction(TransactionIntent.Submit)]
    public async Task<LetterOfCredit> ExpireAsync(ChaincodeContext context, string creditId)
    {
        var (ledger, configuration, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequireBankOf(credit);
        var data = await GetCreditPrivateAsync(ledger, configuration, creditId).ConfigureAwait(false);
        var expired = LetterOfCreditLifecycle.Expire(credit, data.Terms, configuration.CreateCalendar(), ledger.Now);
        return await SaveAsync(context, ledger, expired, TradeEvents.CreditExpired).ConfigureAwait(false);
    }

    /// <summary>The public record of a credit (no terms): readable by every member of the channel.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public Task<LetterOfCredit> GetCreditAsync(ChaincodeContext context, string creditId) =>
        new TradeLedger(context).GetAsync<LetterOfCredit>("Credit", TradeKeys.Credit, creditId);

    /// <summary>The private terms, their salt and the balance: only for the credit's banks, applicant and beneficiary.</summary>
    [Transaction(TransactionIntent.Evaluate)]
    public async Task<CreditTermsView> GetTermsAsync(ChaincodeContext context, string creditId)
    {
        var (ledger, configuration, credit) = await LoadAsync(context, creditId).ConfigureAwait(false);
        ledger.Caller.RequirePartyTo(credit);
        var data = await GetCreditPrivateAsync(ledger, configuration, creditId).ConfigureAwait(false);
        return new CreditTermsView(
            creditId, data.Terms, data.Salt, credit.TermsHash, data.DrawnAmount, CreditRules.AvailableBalance(data.Terms, data.DrawnAmount));
    }

    private static async Task<(TradeLedger Ledger, TradeConfiguration Configuration, LetterOfCredit Credit)> LoadAsync(ChaincodeContext context, string creditId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ledger = new TradeLedger(context);
        var configuration = await ledger.GetConfigurationAsync().ConfigureAwait(false);
        Identifiers.Require(creditId, "creditId");
        var credit = await ledger.GetAsync<LetterOfCredit>("Credit", TradeKeys.Credit, creditId).ConfigureAwait(false);
        return (ledger, configuration, credit);
    }

    private static Task<CreditPrivateData> GetCreditPrivateAsync(TradeLedger ledger, TradeConfiguration configuration, string creditId) =>
        ledger.GetPrivateAsync<CreditPrivateData>(configuration.CreditCollection, "credit", TradeKeys.Credit, creditId);

    private static async Task<LetterOfCredit> SaveAsync(ChaincodeContext context, TradeLedger ledger, LetterOfCredit credit, string eventName)
    {
        await ledger.PutAsync(credit, TradeKeys.Credit, credit.CreditId).ConfigureAwait(false);
        ledger.Emit(eventName, new CreditEvent(credit.CreditId, credit.Status, ledger.TxId));
        TradeLog.CreditChanged(context.Logger, credit.CreditId, credit.Status, ledger.TxId);
        return credit;
    }
}

/// <summary>What the parties of a credit may read of its private record.</summary>
public sealed record CreditTermsView(string CreditId, CreditTerms Terms, byte[] Salt, string TermsHash, long DrawnAmount, long AvailableBalance);
