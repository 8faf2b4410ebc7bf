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

    /// <summary>Gives the key up without a response (transient failure): a retry runs the request again.</summary>
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

public sealed record IdempotencyClaim(ClaimStatus Status, StoredResponse? Response = null);

/// <summary>A response as it was sent.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);
