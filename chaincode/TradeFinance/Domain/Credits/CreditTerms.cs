using System.Text.Json.Serialization;

namespace TradeFinance.Domain.Credits;

/// <summary>
/// The terms of a documentary credit as SWIFT MT700 carries them (the field tag is given on each member). The
/// credit number (field 20) is the credit's ID and the date of issue (31C) its issue timestamp, so neither is
/// repeated here. These terms are private: they live in the banks' collection, and public state holds only their
/// salted hash. Amounts are in minor units of <see cref="Currency"/>.
/// </summary>
public sealed record CreditTerms
{
    /// <summary>40A Form of documentary credit.</summary>
    public FormOfCredit FormOfCredit { get; init; }

    /// <summary>40E Applicable rules; only UCP latest version is supported.</summary>
    public ApplicableRules ApplicableRules { get; init; }

    /// <summary>31D Date of expiry.</summary>
    public DateOnly ExpiryDate { get; init; }

    /// <summary>31D Place of expiry (where documents must be presented).</summary>
    public string? ExpiryPlace { get; init; }

    /// <summary>50 Applicant.</summary>
    public CreditParty? Applicant { get; init; }

    /// <summary>59 Beneficiary.</summary>
    public CreditParty? Beneficiary { get; init; }

    /// <summary>57A Advise through: MSP ID of the advising bank (must play the advising bank role).</summary>
    public string? AdvisingBankMspId { get; init; }

    /// <summary>32B Currency code (ISO 4217).</summary>
    public string? Currency { get; init; }

    /// <summary>32B Amount in minor units.</summary>
    public long Amount { get; init; }

    /// <summary>39A Percentage credit amount tolerance (plus/minus), for "about" credits (Art. 30(a)).</summary>
    public Tolerance Tolerance { get; init; } = Tolerance.None;

    /// <summary>41a Available with (a bank's MSP ID, or "ANY BANK").</summary>
    public string? AvailableWith { get; init; }

    /// <summary>41a Available by.</summary>
    public AvailableBy AvailableBy { get; init; }

    /// <summary>43P Partial shipments.</summary>
    public ShipmentAllowance PartialShipments { get; init; }

    /// <summary>43T Transhipment.</summary>
    public ShipmentAllowance Transhipment { get; init; }

    /// <summary>44E Port of loading (UN/LOCODE).</summary>
    public string? PortOfLoading { get; init; }

    /// <summary>44F Port of discharge (UN/LOCODE).</summary>
    public string? PortOfDischarge { get; init; }

    /// <summary>44C Latest date of shipment.</summary>
    public DateOnly LatestShipmentDate { get; init; }

    /// <summary>45A Description of goods and/or services.</summary>
    public string? GoodsDescription { get; init; }

    /// <summary>46A Documents required (one entry per document).</summary>
    public IReadOnlyList<string>? DocumentsRequired { get; init; }

    /// <summary>47A Additional conditions.</summary>
    public IReadOnlyList<string>? AdditionalConditions { get; init; }

    /// <summary>48 Period for presentation in days after the date of shipment; null means the UCP default of 21 (Art. 14(c)).</summary>
    public int? PresentationPeriodDays { get; init; }

    /// <summary>49 Confirmation instructions.</summary>
    public ConfirmationInstructions ConfirmationInstructions { get; init; }

    /// <summary>71D Charges (free text), optional.</summary>
    public string? Charges { get; init; }

    /// <summary>The presentation period that applies: field 48, or 21 days.</summary>
    [JsonIgnore]
    public int EffectivePresentationPeriodDays => PresentationPeriodDays ?? CreditRules.DefaultPresentationPeriodDays;
}

/// <summary>50 / 59: a party of the credit. <see cref="CompanyId"/> is the <c>company</c> attribute of its certificates.</summary>
public sealed record CreditParty(string? CompanyId, string? Name, string? Address);

/// <summary>39A: tolerance in whole percent above and below the amount.</summary>
public sealed record Tolerance(int PlusPercent, int MinusPercent)
{
    /// <summary>No tolerance.</summary>
    public static Tolerance None { get; } = new(0, 0);
}

/// <summary>40A.</summary>
public enum FormOfCredit
{
    Unspecified,
    Irrevocable,
    IrrevocableTransferable,
}

/// <summary>40E.</summary>
public enum ApplicableRules
{
    Unspecified,

    /// <summary>"UCP LATEST VERSION": UCP 600.</summary>
    UcpLatestVersion,
}

/// <summary>41a.</summary>
public enum AvailableBy
{
    Unspecified,
    Payment,
    DeferredPayment,
    Acceptance,
    Negotiation,
}

/// <summary>43P and 43T.</summary>
public enum ShipmentAllowance
{
    Unspecified,
    Allowed,
    NotAllowed,
}

/// <summary>49.</summary>
public enum ConfirmationInstructions
{
    Unspecified,
    Confirm,
    MayAdd,
    Without,
}
