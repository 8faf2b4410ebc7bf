using System.Text.Json.Nodes;

namespace TradeFinance.Domain.Credits;

/// <summary>
/// The public state of an amendment (MT707): which terms fields it changes (names only, never values), or that it
/// cancels the credit, and the beneficiary's answer.
/// </summary>
public sealed record Amendment
{
    public required string CreditId { get; init; }

    public required string AmendmentId { get; init; }

    public required AmendmentKind Kind { get; init; }

    public required AmendmentStatus Status { get; init; }

    /// <summary>The JSON names of the terms fields the amendment changes, sorted; empty for a cancellation.</summary>
    public required IReadOnlyList<string> ChangedFields { get; init; }

    /// <summary>SHA-256(salt || canonical new terms) for a change; null for a cancellation.</summary>
    public string? NewTermsHash { get; init; }

    public required DateTimeOffset ProposedAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>Why the amendment was rejected, when it was.</summary>
    public AmendmentRejection? Rejection { get; init; }
}

/// <summary>What an amendment does.</summary>
public enum AmendmentKind
{
    /// <summary>Changes terms.</summary>
    Change,

    /// <summary>Cancels the credit before expiry (needs the beneficiary's consent, Art. 10(a)).</summary>
    Cancellation,
}

/// <summary>Where an amendment stands. A proposed amendment binds the issuing bank and cannot be withdrawn (Art. 10(b)).</summary>
public enum AmendmentStatus
{
    Proposed,
    Accepted,
    Rejected,
}

/// <summary>Why an amendment was rejected.</summary>
public enum AmendmentRejection
{
    /// <summary>The beneficiary rejected it.</summary>
    RejectedByBeneficiary,

    /// <summary>The beneficiary accepted only some changes, which counts as rejection (Art. 10(e)).</summary>
    PartialAcceptance,
}

/// <summary>
/// The private input of a proposal (transient key <c>amendment</c>): either <see cref="Changes"/>, a JSON object
/// with the terms fields to replace (same names and shapes as the terms), or <see cref="Cancel"/> true.
/// </summary>
public sealed record AmendmentRequest(JsonObject? Changes, bool Cancel);

/// <summary>The private record of a proposed change: the complete new terms and the salt of their hash.</summary>
public sealed record AmendmentPrivateData(byte[] Salt, CreditTerms? NewTerms);
