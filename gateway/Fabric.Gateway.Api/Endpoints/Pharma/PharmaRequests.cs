using System.Text.Json.Serialization;
using Fabric.Gateway.Api.Endpoints.Internal;

namespace Fabric.Gateway.Api.Endpoints.Pharma;

/// <summary>The pharma chaincode's configuration (public): which organizations are manufacturers, wholesalers and dispensers.</summary>
public sealed record PharmaConfigurationRequest(
    IReadOnlyList<string?>? Manufacturers,
    IReadOnlyList<string?>? Wholesalers,
    IReadOnlyList<string?>? Dispensers,
    string? PricingCollection) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        CheckRole(Manufacturers, "manufacturers", errors);
        CheckRole(Wholesalers, "wholesalers", errors);
        CheckRole(Dispensers, "dispensers", errors);
        errors.Required(PricingCollection, "pricingCollection", Formats.CollectionName);
    }

    private static void CheckRole(IReadOnlyList<string?>? mspIds, string field, RequestErrors errors) =>
        errors.List(mspIds, field, 1, 50, (mspId, itemField) => errors.Required(mspId, itemField, Formats.PharmaId));
}

/// <summary>A manufacturer registers a drug product (public data).</summary>
public sealed record RegisterProductRequest(string? Gtin, string? Ndc, string? Name, string? Strength, string? DosageForm) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(Gtin, "gtin", Formats.Gtin);
        errors.Required(Ndc, "ndc", Formats.Ndc);
        errors.Text(Name, "name", 200);
        errors.Text(Strength, "strength", 100);
        errors.Text(DosageForm, "dosageForm", 100);
    }
}

/// <summary>A manufacturer sets the wholesale acquisition cost of one of its products from a date on (private: transient <c>wac</c>).</summary>
public sealed record SetWacRequest(string? Currency, long Price, DateOnly? EffectiveFrom) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(Currency, "currency", Formats.Currency);
        errors.Positive(Price, "price");
        errors.Present(EffectiveFrom, "effectiveFrom");
    }
}

/// <summary>A manufacturer publishes a price contract for a customer through a wholesaler (private: transient <c>contract</c>).</summary>
public sealed record PublishPriceContractRequest(
    string? ContractId,
    string? Wholesaler,
    string? CustomerMsp,
    IReadOnlyList<string?>? EligibleCustomers,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    string? Currency,
    IReadOnlyList<ContractLineInput?>? Lines) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(ContractId, "contractId", Formats.PharmaId);
        errors.Required(Wholesaler, "wholesaler", Formats.PharmaId);
        errors.Required(CustomerMsp, "customerMsp", Formats.PharmaId);
        errors.List(EligibleCustomers, "eligibleCustomers", 1, 1000, (gln, field) => errors.Required(gln, field, Formats.Gln));
        errors.Present(ValidFrom, "validFrom");
        errors.Present(ValidTo, "validTo");
        if (ValidTo < ValidFrom)
        {
            errors.Add("validTo", "must not be before validFrom.");
        }

        errors.Required(Currency, "currency", Formats.Currency);
        errors.List(Lines, "lines", 1, 1000, (line, field) =>
        {
            errors.Required(line.Gtin, $"{field}.gtin", Formats.Gtin);
            errors.Positive(line.ContractPrice, $"{field}.contractPrice");
        });
    }
}

/// <summary>One product of a price contract and its price per unit (minor units).</summary>
public sealed record ContractLineInput(string? Gtin, long ContractPrice);

/// <summary>A manufacturer commissions serial numbers of one lot of its product.</summary>
public sealed record CommissionUnitsRequest(string? Gtin, string? Lot, DateOnly? Expiry, IReadOnlyList<string?>? Serials) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(Gtin, "gtin", Formats.Gtin);
        errors.Required(Lot, "lot", Formats.Gs1Attribute);
        errors.Present(Expiry, "expiry");
        errors.List(Serials, "serials", 1, 1000, (serial, field) => errors.Required(serial, field, Formats.Gs1Attribute));
    }
}

/// <summary>A unit as callers name it: GTIN and serial number.</summary>
public sealed record UnitRefInput(string? Gtin, string? Serial)
{
    internal void Validate(RequestErrors errors, string field)
    {
        errors.Required(Gtin, $"{field}.gtin", Formats.Gtin);
        errors.Required(Serial, $"{field}.serial", Formats.Gs1Attribute);
    }
}

/// <summary>Pack units the caller owns into a new case (SSCC).</summary>
public sealed record PackCaseRequest(string? CaseId, IReadOnlyList<UnitRefInput?>? Units) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(CaseId, "caseId", Formats.Sscc);
        errors.List(Units, "units", 1, 10_000, (unit, field) => unit.Validate(errors, field));
    }
}

/// <summary>Ship loose units and whole cases to another organization of the channel.</summary>
public sealed record ShipRequest(string? ShipmentId, string? To, bool IsReturn, IReadOnlyList<UnitRefInput?>? Units, IReadOnlyList<string?>? Cases)
    : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(ShipmentId, "shipmentId", Formats.PharmaId);
        errors.Required(To, "to", Formats.PharmaId);
        errors.List(Units, "units", 0, 10_000, (unit, field) => unit.Validate(errors, field));
        errors.List(Cases, "cases", 0, 10_000, (caseId, field) => errors.Required(caseId, field, Formats.Sscc));
        if ((Units?.Count ?? 0) + (Cases?.Count ?? 0) == 0)
        {
            errors.Add("units", "a shipment must carry at least one unit or case.");
        }
    }
}

/// <summary>A manufacturer recalls a lot of its product.</summary>
public sealed record RecallLotRequest(string? Gtin, string? Lot, string? RecallClass) : IValidatedRequest
{
    private static readonly FieldFormat RecallClassFormat = new(value =>
        value is "I" or "II" or "III" ? null : "must be I, II or III (the FDA classification).");

    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(Gtin, "gtin", Formats.Gtin);
        errors.Required(Lot, "lot", Formats.Gs1Attribute);
        errors.Required(RecallClass, "recallClass", RecallClassFormat);
    }
}

/// <summary>A wholesaler records a sale under a price contract (private: transient <c>sale</c>).</summary>
public sealed record RecordSaleRequest(
    string? SaleId, string? ContractId, string? CustomerGln, DateOnly? SaleDate, string? Currency, IReadOnlyList<SaleLineInput?>? Lines)
    : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(SaleId, "saleId", Formats.PharmaId);
        errors.Required(ContractId, "contractId", Formats.PharmaId);
        errors.Required(CustomerGln, "customerGln", Formats.Gln);
        errors.Present(SaleDate, "saleDate");
        errors.Required(Currency, "currency", Formats.Currency);
        errors.List(Lines, "lines", 1, 1000, (line, field) =>
        {
            errors.Required(line.Gtin, $"{field}.gtin", Formats.Gtin);
            errors.Positive(line.Quantity, $"{field}.quantity");
            errors.Positive(line.UnitPrice, $"{field}.unitPrice");
        });
    }
}

/// <summary>One product of a sale: quantity and unit price charged (minor units).</summary>
public sealed record SaleLineInput(string? Gtin, int Quantity, long UnitPrice);

/// <summary>A wholesaler submits a chargeback claim to a manufacturer (private: transient <c>claim</c>).</summary>
public sealed record SubmitClaimRequest(string? ClaimId, string? Manufacturer, string? Currency, IReadOnlyList<ClaimLineInput?>? Lines)
    : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(ClaimId, "claimId", Formats.PharmaId);
        errors.Required(Manufacturer, "manufacturer", Formats.PharmaId);
        errors.Required(Currency, "currency", Formats.Currency);
        errors.List(Lines, "lines", 1, 1000, (line, field) =>
        {
            errors.Positive(line.LineNumber, $"{field}.lineNumber");
            errors.Required(line.SaleId, $"{field}.saleId", Formats.PharmaId);
            errors.Required(line.Gtin, $"{field}.gtin", Formats.Gtin);
            errors.Positive(line.Quantity, $"{field}.quantity");
            errors.Positive(line.Wac, $"{field}.wac");
            errors.Positive(line.ContractPrice, $"{field}.contractPrice");
            errors.Positive(line.Amount, $"{field}.amount");
        });
    }
}

/// <summary>One claim line as the wholesaler computed it (minor units).</summary>
public sealed record ClaimLineInput(int LineNumber, string? SaleId, string? Gtin, int Quantity, long Wac, long ContractPrice, long Amount);

/// <summary>The manufacturer disputes an accepted claim line.</summary>
public sealed record DisputeLineRequest(DisputeReason? Reason) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors) => errors.Present(Reason, "reason");
}

/// <summary>Why a manufacturer disputes a line (codes only: no private term is written publicly).</summary>
public enum DisputeReason
{
    [JsonStringEnumMemberName("quantity_questioned")]
    QuantityQuestioned = 1,

    [JsonStringEnumMemberName("price_questioned")]
    PriceQuestioned = 2,

    [JsonStringEnumMemberName("customer_questioned")]
    CustomerQuestioned = 3,

    [JsonStringEnumMemberName("other")]
    Other = 4,
}

/// <summary>How a disputed line ends.</summary>
public sealed record ResolveDisputeRequest(DisputeOutcome? Outcome) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors) => errors.Present(Outcome, "outcome");
}

/// <summary>Each outcome is a concession by one side.</summary>
public enum DisputeOutcome
{
    /// <summary>The manufacturer accepts the line after all.</summary>
    [JsonStringEnumMemberName("upheld")]
    Upheld = 1,

    /// <summary>The wholesaler withdraws the line.</summary>
    [JsonStringEnumMemberName("withdrawn")]
    Withdrawn = 2,
}

/// <summary>The seller invoices a received shipment at the WAC in effect on the ship date.</summary>
public sealed record IssueInvoiceRequest(string? InvoiceId, string? ShipmentId, string? Currency) : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(InvoiceId, "invoiceId", Formats.PharmaId);
        errors.Required(ShipmentId, "shipmentId", Formats.PharmaId);
        errors.Required(Currency, "currency", Formats.Currency);
    }
}

/// <summary>A party proposes a netted statement with its counterparty over a period (inclusive dates).</summary>
public sealed record ProposeSettlementRequest(string? SettlementId, string? Counterparty, DateOnly? PeriodStart, DateOnly? PeriodEnd, string? Currency)
    : IValidatedRequest
{
    void IValidatedRequest.Validate(RequestErrors errors)
    {
        errors.Required(SettlementId, "settlementId", Formats.PharmaId);
        errors.Required(Counterparty, "counterparty", Formats.PharmaId);
        errors.Present(PeriodStart, "periodStart");
        errors.Present(PeriodEnd, "periodEnd");
        if (PeriodEnd < PeriodStart)
        {
            errors.Add("periodEnd", "must not be before periodStart.");
        }

        errors.Required(Currency, "currency", Formats.Currency);
    }
}
