using TradeFinance.Domain.Common;

namespace TradeFinance.Domain.Credits;

/// <summary>
/// The public state of a presentation of documents under a credit: the eB/L it relies on, the examination
/// deadline, the codes (never the details) of the discrepancies, and where it stands. The claimed amount and the
/// document hashes are private (<see cref="PresentationPrivateData"/>).
/// </summary>
public sealed record Presentation
{
    public required string CreditId { get; init; }

    public required string PresentationId { get; init; }

    /// <summary>The electronic bill of lading presented.</summary>
    public required string BillOfLadingId { get; init; }

    public required PresentationStatus Status { get; init; }

    public required DateTimeOffset PresentedAt { get; init; }

    /// <summary>The last banking day of the Art. 14(b) examination (five banking days following presentation).</summary>
    public required DateOnly ExaminationDeadline { get; init; }

    /// <summary>SHA-256(salt || canonical claim): the amount and the document hashes.</summary>
    public required string ClaimHash { get; init; }

    /// <summary>Codes of the discrepancies the chaincode found when the documents were presented.</summary>
    public required IReadOnlyList<string> DetectedDiscrepancies { get; init; }

    /// <summary>Codes of every discrepancy of the refusal notice (Art. 16(c)(ii)), when refused.</summary>
    public IReadOnlyList<string> RefusalDiscrepancies { get; init; } = [];

    /// <summary>What the bank does with the documents after a refusal (Art. 16(c)(iii)).</summary>
    public DocumentDisposal? Disposal { get; init; }

    public DateTimeOffset? HonouredAt { get; init; }

    public DateTimeOffset? RefusedAt { get; init; }

    public DateTimeOffset? WaivedAt { get; init; }

    public DateTimeOffset? ReimbursedAt { get; init; }
}

/// <summary>Where a presentation stands.</summary>
public enum PresentationStatus
{
    /// <summary>Under examination by the issuing bank.</summary>
    Presented,

    /// <summary>Refused with a single notice (Art. 16(c)); the applicant may still waive unless the documents are returned.</summary>
    Refused,

    /// <summary>The applicant waived the discrepancies (Art. 16(b)); the issuing bank may now honour.</summary>
    Waived,

    /// <summary>Honoured: the drawing reduced the available balance and the eB/L's title passed to the issuing bank.</summary>
    Honoured,

    /// <summary>The applicant reimbursed the issuing bank; the eB/L's title passed to the applicant.</summary>
    Reimbursed,
}

/// <summary>Art. 16(c)(iii): the four things a refusing bank may say it does with the documents.</summary>
public enum DocumentDisposal
{
    Unspecified,

    /// <summary>(a) holding the documents pending further instructions from the presenter.</summary>
    HoldingPendingInstructions,

    /// <summary>(b) holding the documents until it receives a waiver from the applicant.</summary>
    HoldingPendingWaiver,

    /// <summary>(c) returning the documents.</summary>
    ReturningDocuments,

    /// <summary>(d) acting in accordance with instructions previously received from the presenter.</summary>
    ActingOnPriorInstructions,
}

/// <summary>One presented document other than the eB/L: its kind (for example CommercialInvoice) and SHA-256 (hex).</summary>
public sealed record PresentedDocument(string? Kind, string? Sha256);

/// <summary>The beneficiary's private input (transient key <c>claim</c>): the amount drawn and the documents' hashes.</summary>
public sealed record PresentationClaim(long Amount, IReadOnlyList<PresentedDocument>? Documents);

/// <summary>The issuing bank's refusal notice (Art. 16(c)): its own discrepancies (added to those the chaincode found) and the disposal.</summary>
public sealed record RefusalNotice(IReadOnlyList<Discrepancy>? Discrepancies, DocumentDisposal Disposal);

/// <summary>
/// The private record of a presentation in the banks' collection: the claim and its salt, every discrepancy with
/// its description, and the full refusal notice once refused.
/// </summary>
public sealed record PresentationPrivateData(
    byte[] Salt,
    PresentationClaim Claim,
    IReadOnlyList<Discrepancy> DetectedDiscrepancies,
    IReadOnlyList<Discrepancy>? RefusalDiscrepancies);

/// <summary>What the chaincode knows about the shipment from the eB/L, for the checks of a presentation.</summary>
public sealed record ShipmentEvidence(string BillOfLadingId, DateOnly ShippedOnBoardDate, string PortOfLoading, string PortOfDischarge);
