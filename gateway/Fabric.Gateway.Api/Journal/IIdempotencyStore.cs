namespace Fabric.Gateway.Api.Journal;

/// <summary>The first response to each (principal, Idempotency-Key), kept in the same database as the journal.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for a request with body hash <paramref name="requestHash"/>, or reports the earlier request that
    /// holds it. A claim whose lease expired (its gateway died) is taken over.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(
        string principal, string key, byte[] requestHash, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Stores the response of the request holding the key.</summary>
    Task CompleteAsync(string principal, string key, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the key up without a response (transient failure): a retry of the same request runs again, as a takeover
    /// (not a first attempt, so the invoker looks for what the earlier attempt journaled). The key stays bound to its
    /// request: a different request with it is still a mismatch.
    /// </summary>
    Task ReleaseAsync(string principal, string key, CancellationToken cancellationToken);
}

/// <summary>How a claim went.</summary>
public enum ClaimStatus
{
    /// <summary>This request holds the key now.</summary>
    Claimed,

    /// <summary>An earlier request with the same body completed; replay <see cref="IdempotencyClaim.Response"/>.</summary>
    Completed,

    /// <summary>An earlier request with the same body is still running.</summary>
    InProgress,

    /// <summary>The key was used with a different request.</summary>
    Mismatch,
}

/// <param name="Status">How the claim went.</param>
/// <param name="Response">The stored response when <see cref="ClaimStatus.Completed"/>.</param>
/// <param name="FirstAttempt">
/// Claimed by the first request ever to send the key: no transaction can be journaled under it yet, so the invoker
/// need not look for one. False when an earlier attempt's claim was taken over (it expired or was released).
/// </param>
public sealed record IdempotencyClaim(ClaimStatus Status, StoredResponse? Response = null, bool FirstAttempt = false);

/// <summary>A response as it was sent.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);
