namespace Fabric.Gateway.Api.Fabric;

/// <summary>What the idempotency filter tells the invoker about the current POST.</summary>
/// <param name="Key">The request's Idempotency-Key, or null when none was sent.</param>
/// <param name="RespondAsync">True with <c>Prefer: respond-async</c>: answer 202 once the signed transaction is journaled.</param>
/// <param name="EarlierAttempt">
/// An earlier request with the key ran (its claim was taken over): it may have journaled a transaction, which is to be
/// finished instead of creating another. False for a key's first request, and without a key.
/// </param>
internal sealed record IdempotencyFeature(string? Key, bool RespondAsync, bool EarlierAttempt);
