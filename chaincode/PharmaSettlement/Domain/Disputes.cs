namespace PharmaSettlement.Domain;

/// <summary>
/// Disputes of accepted chargeback lines: the manufacturer disputes a line that is accepted and not yet in a
/// settlement; the dispute ends either upheld (conceded by the manufacturer: the line is accepted again) or withdrawn
/// (conceded by the wholesaler: the line is rejected and its product of that sale may be claimed again).
/// </summary>
internal static class Disputes
{
    public static ClaimLine Open(ChargebackClaim claim, int lineNumber, DisputeReason reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var line = claim.Line(lineNumber);
        return line.Status == ClaimLineStatus.Accepted
            ? line with { Status = ClaimLineStatus.Disputed, DisputeReason = reason, UpdatedAt = at }
            : throw Refusals.Conflict($"Line {claim.ClaimId}#{lineNumber} is {Describe(line.Status)}; only accepted lines not yet in a settlement can be disputed.");
    }

    /// <param name="byManufacturer">True when the manufacturer resolves, false when the wholesaler does.</param>
    public static ClaimLine Resolve(ChargebackClaim claim, int lineNumber, DisputeOutcome outcome, bool byManufacturer, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var line = claim.Line(lineNumber);
        if (line.Status != ClaimLineStatus.Disputed)
        {
            throw Refusals.Conflict($"Line {claim.ClaimId}#{lineNumber} is {Describe(line.Status)}, not disputed.");
        }

        return outcome switch
        {
            DisputeOutcome.Upheld when byManufacturer => line with { Status = ClaimLineStatus.Accepted, UpdatedAt = at },
            DisputeOutcome.Withdrawn when !byManufacturer => line with
            {
                Status = ClaimLineStatus.Rejected,
                Reason = ChargebackReason.WithdrawnAfterDispute,
                Detail = "the wholesaler withdrew the line after the manufacturer disputed it.",
                UpdatedAt = at,
            },
            DisputeOutcome.Upheld => throw Refusals.Forbidden("Only the manufacturer can uphold a disputed line (concede it)."),
            _ => throw Refusals.Forbidden("Only the wholesaler can withdraw a disputed line (concede it)."),
        };
    }

    private static string Describe(ClaimLineStatus status) => status switch
    {
        ClaimLineStatus.InSettlement => "in a settlement",
        _ => status.ToString().ToLowerInvariant(),
    };
}
