using Fabric.Gateway.Api.Endpoints.Internal;

namespace Fabric.Gateway.Api.Endpoints.Trade;

/// <summary>
/// The terms of a documentary credit as SWIFT MT700 carries them (tags in each description); private: sent to the
/// chaincode as transient data <c>terms</c>. Amounts are in minor units of <see cref="Currency"/>. Dates that depend
/// on the transaction's time (expiry after today) are checked by the chaincode.
/// </summary>
public sealed record CreditTermsInput
{
    /// <summary>40A.</summary>
    public FormOfCredit? FormOfCredit { get; init; }

    /// <summary>40E; only UcpLatestVersion (UCP 600) is supported.</summary>
    public ApplicableRules? ApplicableRules { get; init; }

    /// <summary>31D date of expiry.</summary>
    public DateOnly? ExpiryDate { get; init; }

    /// <summary>31D place of expiry.</summary>
    public string? ExpiryPlace { get; init; }

    /// <summary>50.</summary>
    public CreditPartyInput? Applicant { get; init; }

    /// <summary>59.</summary>
    public CreditPartyInput? Beneficiary { get; init; }

    /// <summary>57A: MSP ID of the advising bank.</summary>
    public string? AdvisingBankMspId { get; init; }

    /// <summary>32B currency (ISO 4217).</summary>
    public string? Currency { get; init; }

    /// <summary>32B amount in minor units.</summary>
    public long Amount { get; init; }

    /// <summary>39A; omitted means none.</summary>
    public ToleranceInput? Tolerance { get; init; }

    /// <summary>41a available with: a bank's MSP ID or "ANY BANK".</summary>
    public string? AvailableWith { get; init; }

    /// <summary>41a available by.</summary>
    public AvailableBy? AvailableBy { get; init; }

    /// <summary>43P.</summary>
    public ShipmentAllowance? PartialShipments { get; init; }

    /// <summary>43T.</summary>
    public ShipmentAllowance? Transhipment { get; init; }

    /// <summary>44E UN/LOCODE.</summary>
    public string? PortOfLoading { get; init; }

    /// <summary>44F UN/LOCODE.</summary>
    public string? PortOfDischarge { get; init; }

    /// <summary>44C.</summary>
    public DateOnly? LatestShipmentDate { get; init; }

    /// <summary>45A.</summary>
    public string? GoodsDescription { get; init; }

    /// <summary>46A, one entry per document.</summary>
    public IReadOnlyList<string?>? DocumentsRequired { get; init; }

    /// <summary>47A.</summary>
    public IReadOnlyList<string?>? AdditionalConditions { get; init; }

    /// <summary>48 days after shipment; omitted means the UCP default of 21.</summary>
    public int? PresentationPeriodDays { get; init; }

    /// <summary>49.</summary>
    public ConfirmationInstructions? ConfirmationInstructions { get; init; }

    /// <summary>71D, optional.</summary>
    public string? Charges { get; init; }

    internal const int MaxLineLength = 140;
    internal const int MaxTextLength = 6500;

    internal void Validate(RequestErrors errors, string prefix)
    {
        errors.Present(FormOfCredit, $"{prefix}.formOfCredit");
        errors.Present(ApplicableRules, $"{prefix}.applicableRules");
        errors.Present(ExpiryDate, $"{prefix}.expiryDate");
        errors.Text(ExpiryPlace, $"{prefix}.expiryPlace", MaxLineLength);
        ValidateParty(Applicant, errors, $"{prefix}.applicant");
        ValidateParty(Beneficiary, errors, $"{prefix}.beneficiary");
        errors.Required(AdvisingBankMspId, $"{prefix}.advisingBankMspId", Formats.TradeId);
        errors.Required(Currency, $"{prefix}.currency", Formats.Currency);
        errors.Positive(Amount, $"{prefix}.amount");
        if (Tolerance is not null)
        {
            errors.Range(Tolerance.PlusPercent, $"{prefix}.tolerance.plusPercent", 0, 99);
            errors.Range(Tolerance.MinusPercent, $"{prefix}.tolerance.minusPercent", 0, 99);
        }

        errors.Text(AvailableWith, $"{prefix}.availableWith", MaxLineLength);
        errors.Present(AvailableBy, $"{prefix}.availableBy");
        errors.Present(PartialShipments, $"{prefix}.partialShipments");
        errors.Present(Transhipment, $"{prefix}.transhipment");
        errors.Required(PortOfLoading, $"{prefix}.portOfLoading", Formats.UnLocode);
        errors.Required(PortOfDischarge, $"{prefix}.portOfDischarge", Formats.UnLocode);
        errors.Present(LatestShipmentDate, $"{prefix}.latestShipmentDate");
        if (LatestShipmentDate > ExpiryDate)
        {
            errors.Add($"{prefix}.latestShipmentDate", "(44C) must not be after the expiry date (31D).");
        }

        errors.Text(GoodsDescription, $"{prefix}.goodsDescription", MaxTextLength);
        errors.List(DocumentsRequired, $"{prefix}.documentsRequired", 1, 100, (text, field) => errors.Text(text, field, MaxTextLength));
        errors.List(AdditionalConditions, $"{prefix}.additionalConditions", 0, 100, (text, field) => errors.Text(text, field, MaxTextLength));
        if (PresentationPeriodDays is { } days)
        {
            errors.Range(days, $"{prefix}.presentationPeriodDays", 1, 365);
        }

        errors.Present(ConfirmationInstructions, $"{prefix}.confirmationInstructions");
        errors.OptionalText(Charges, $"{prefix}.charges", MaxTextLength);
    }

    private static void ValidateParty(CreditPartyInput? party, RequestErrors errors, string field)
    {
        if (errors.Present(party, field))
        {
            errors.Required(party!.CompanyId, $"{field}.companyId", Formats.TradeId);
            errors.Text(party.Name, $"{field}.name", MaxLineLength);
            errors.Text(party.Address, $"{field}.address", MaxTextLength);
        }
    }
}

/// <summary>50 / 59: a party of the credit; <see cref="CompanyId"/> is the <c>company</c> attribute of its certificates.</summary>
public sealed record CreditPartyInput(string? CompanyId, string? Name, string? Address);

/// <summary>39A: whole percent above and below the amount (0 to 99 each).</summary>
public sealed record ToleranceInput(int PlusPercent, int MinusPercent);

/// <summary>40A.</summary>
public enum FormOfCredit
{
    Irrevocable = 1,
    IrrevocableTransferable = 2,
}

/// <summary>40E: "UCP LATEST VERSION".</summary>
public enum ApplicableRules
{
    UcpLatestVersion = 1,
}

/// <summary>41a.</summary>
public enum AvailableBy
{
    Payment = 1,
    DeferredPayment = 2,
    Acceptance = 3,
    Negotiation = 4,
}

/// <summary>43P and 43T.</summary>
public enum ShipmentAllowance
{
    Allowed = 1,
    NotAllowed = 2,
}

/// <summary>49.</summary>
public enum ConfirmationInstructions
{
    Confirm = 1,
    MayAdd = 2,
    Without = 3,
}
