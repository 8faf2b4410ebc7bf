namespace TradeFinance.Domain.Credits;

/// <summary>
/// The public state of a documentary credit: who is involved (organizations and company IDs), where it stands,
/// when it moved, and the salted hash of its private terms. Nothing here reveals an amount or the goods.
/// </summary>
public sealed record LetterOfCredit
{
    /// <summary>The credit number (MT700 field 20).</summary>
    public required string CreditId { get; init; }

    public required CreditStatus Status { get; init; }

    /// <summary>The issuing bank: the applicant's organization.</summary>
    public required string IssuingBankMspId { get; init; }

    /// <summary>The advising (and nominated) bank: the beneficiary's organization.</summary>
    public required string AdvisingBankMspId { get; init; }

    public required string ApplicantCompanyId { get; init; }

    public required string BeneficiaryCompanyId { get; init; }

    /// <summary>SHA-256(salt || canonical terms) of the terms in force (after the last accepted amendment).</summary>
    public required string TermsHash { get; init; }

    /// <summary>How many amendments the beneficiary accepted.</summary>
    public int AcceptedAmendments { get; init; }

    /// <summary>The amendment awaiting the beneficiary's answer, if any (only one at a time).</summary>
    public string? PendingAmendmentId { get; init; }

    /// <summary>How many drawings were honoured.</summary>
    public int HonouredDrawings { get; init; }

    public required DateTimeOffset AppliedAt { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    public DateTimeOffset? AdvisedAt { get; init; }

    /// <summary>When the credit became fully drawn, expired or cancelled.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>True once no further presentation can be made.</summary>
    public bool IsClosed => Status is CreditStatus.FullyDrawn or CreditStatus.Expired or CreditStatus.Cancelled;
}

/// <summary>Where a credit stands. Presentations are separate objects; the credit stays Advised while they run.</summary>
public enum CreditStatus
{
    /// <summary>The applicant asked its bank to issue the credit.</summary>
    Applied,

    /// <summary>The issuing bank issued it: it is now irrevocably bound (Art. 7(b)).</summary>
    Issued,

    /// <summary>The advising bank advised it to the beneficiary; presentations may be made.</summary>
    Advised,

    /// <summary>Honoured drawings reached the amount (less the minus tolerance).</summary>
    FullyDrawn,

    /// <summary>The expiry date passed.</summary>
    Expired,

    /// <summary>Withdrawn before issue, or cancelled by an amendment the beneficiary accepted (Art. 10(a)).</summary>
    Cancelled,
}

/// <summary>
/// The private record of a credit in the banks' collection: the terms in force, the salt of their hash, and the
/// amount drawn so far. The salt is kept so a bank can prove the terms against the public hash.
/// </summary>
public sealed record CreditPrivateData(byte[] Salt, CreditTerms Terms, long DrawnAmount);
