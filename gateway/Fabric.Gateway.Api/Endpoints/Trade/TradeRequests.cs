using System.Text.Json.Nodes;
using Fabric.Gateway.Api.Endpoints.Internal;

namespace Fabric.Gateway.Api.Endpoints.Trade;

/// <summary>
/// The trade chaincode's configuration (public; sent as the argument of TradeConfiguration:Initialize/Update):
/// which organizations play issuing bank, advising bank and carrier.
/// </summary>
public sealed record TradeConfigurationRequest(
    IReadOnlyList<string?>? IssuingBanks,
    IReadOnlyList<string?>? AdvisingBanks,
    IReadOnlyList<string?>? Carriers,
    string? CreditCollection,
    string? DocumentCollection,
    BankingCalendarInput? BankingCalendar) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        CheckRole(IssuingBanks, "issuingBanks", errors);
        CheckRole(AdvisingBanks, "advisingBanks", errors);
        CheckRole(Carriers, "carriers", errors);
        errors.Optional(CreditCollection, "creditCollection", Formats.CollectionName);
        errors.Optional(DocumentCollection, "documentCollection", Formats.CollectionName);
        if (BankingCalendar is not null)
        {
            errors.List(BankingCalendar.WeekendDays, "bankingCalendar.weekendDays", 0, 6, (_, _) => { });
            errors.List(BankingCalendar.Holidays, "bankingCalendar.holidays", 0, 1000, (_, _) => { });
        }
    }

    private static void CheckRole(IReadOnlyList<string?>? mspIds, string field, RequestErrors errors) =>
        errors.List(mspIds, field, 1, 50, (mspId, itemField) => errors.Required(mspId, itemField, Formats.MspId));
}

/// <summary>Weekend days (names such as Saturday) and holidays for the UCP 600 banking-day rules.</summary>
public sealed record BankingCalendarInput(IReadOnlyList<DayOfWeek?>? WeekendDays, IReadOnlyList<DateOnly?>? Holidays);

/// <summary>An applicant applies for a credit: its ID and its private terms.</summary>
public sealed record ApplyForCreditRequest(string? CreditId, CreditTermsInput? Terms) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(CreditId, "creditId", Formats.TradeId);
        if (errors.Present(Terms, "terms"))
        {
            Terms!.Validate(errors, "terms");
        }
    }
}

/// <summary>
/// The issuing bank proposes an amendment: either <see cref="Changes"/> (the terms fields to replace, same names
/// and shapes as the terms) or <see cref="Cancel"/> true. Private: sent as transient data <c>amendment</c>.
/// </summary>
public sealed record ProposeAmendmentRequest(string? AmendmentId, JsonObject? Changes, bool Cancel) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(AmendmentId, "amendmentId", Formats.TradeId);
        if (Cancel && Changes is { Count: > 0 })
        {
            errors.Add("changes", "must be absent when cancel is true.");
        }
        else if (!Cancel && Changes is not { Count: > 0 })
        {
            errors.Add("changes", "must name at least one terms field to change (or set cancel to true).");
        }
    }
}

/// <summary>The beneficiary accepts an amendment, naming every changed field it accepts (empty for a cancellation).</summary>
public sealed record AcceptAmendmentRequest(IReadOnlyList<string?>? AcceptedFields) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        if (AcceptedFields is null)
        {
            errors.Add("acceptedFields", "is required (an empty list accepts a cancellation).");
            return;
        }

        errors.List(AcceptedFields, "acceptedFields", 0, 50, (name, field) => errors.Required(name, field, Formats.TradeId));
    }
}

/// <summary>The beneficiary presents documents under a credit with the eB/L it holds; the claim is private (transient <c>claim</c>).</summary>
public sealed record PresentDocumentsRequest(string? PresentationId, string? BillOfLadingId, PresentationClaimInput? Claim) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(PresentationId, "presentationId", Formats.TradeId);
        errors.Required(BillOfLadingId, "billOfLadingId", Formats.TradeId);
        if (errors.Present(Claim, "claim"))
        {
            errors.Positive(Claim!.Amount, "claim.amount");
            errors.List(Claim.Documents, "claim.documents", 1, 100, (document, field) =>
            {
                errors.Required(document.Kind, $"{field}.kind", Formats.TradeId);
                errors.Required(document.Sha256, $"{field}.sha256", Formats.Sha256Hex);
            });
        }
    }
}

/// <summary>The amount drawn (minor units) and the presented documents' hashes.</summary>
public sealed record PresentationClaimInput(long Amount, IReadOnlyList<PresentedDocumentInput?>? Documents);

/// <summary>A presented document other than the eB/L: its kind (for example CommercialInvoice) and lowercase hex SHA-256.</summary>
public sealed record PresentedDocumentInput(string? Kind, string? Sha256);

/// <summary>The issuing bank's single refusal notice (UCP 600 Art. 16(c)); private: transient <c>notice</c>.</summary>
public sealed record RefusePresentationRequest(IReadOnlyList<DiscrepancyInput?>? Discrepancies, DocumentDisposal? Disposal) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.List(Discrepancies, "discrepancies", 0, 100, (discrepancy, field) =>
        {
            errors.Required(discrepancy.Code, $"{field}.code", Formats.TradeId);
            errors.Text(discrepancy.Description, $"{field}.description", CreditTermsInput.MaxTextLength);
        });
        errors.Present(Disposal, "disposal");
    }
}

/// <summary>A discrepancy the bank found: a code (public) and its description (private).</summary>
public sealed record DiscrepancyInput(string? Code, string? Description);

/// <summary>Art. 16(c)(iii): what the refusing bank does with the documents.</summary>
public enum DocumentDisposal
{
    HoldingPendingInstructions = 1,
    HoldingPendingWaiver = 2,
    ReturningDocuments = 3,
    ActingOnPriorInstructions = 4,
}

/// <summary>A carrier issues an eB/L; the transport document is private (transient <c>document</c>).</summary>
public sealed record IssueBillOfLadingRequest(string? BillOfLadingId, TransportDocumentInput? Document) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(BillOfLadingId, "billOfLadingId", Formats.TradeId);
        if (errors.Present(Document, "document"))
        {
            Document!.Validate(errors, "document");
        }
    }
}

/// <summary>The holder passes the eB/L on to <see cref="Recipient"/>.</summary>
public sealed record TransferBillOfLadingRequest(TransferAction? Action, PartyInput? Recipient) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Present(Action, "action");
        if (errors.Present(Recipient, "recipient"))
        {
            Recipient!.Validate(errors, "recipient");
        }
    }
}

/// <summary>How the holder passes an eB/L on (the chaincode's EndorsementAction values a holder may use).</summary>
public enum TransferAction
{
    Endorse = 1,
    EndorseToOrder = 2,
    BlankEndorse = 3,
    Transfer = 4,
}

/// <summary>The holder surrenders the eB/L to the carrier.</summary>
public sealed record SurrenderBillOfLadingRequest(SurrenderReason? Reason) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors) => errors.Present(Reason, "reason");
}

/// <summary>Why the holder surrenders an eB/L.</summary>
public enum SurrenderReason
{
    Delivery = 1,
    Amendment = 2,
}
