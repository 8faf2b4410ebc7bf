using System.Text.Json;

namespace Fabric.Gateway.Api.Endpoints;

/// <summary>
/// The answer to every business transaction that was submitted (POST and PUT endpoints): the transaction
/// committed VALID in <see cref="BlockNumber"/>. Queries (GET endpoints) answer with the chaincode's JSON as is.
/// </summary>
/// <param name="TransactionId">The Fabric transaction ID (also the ID of health amendments, audit entries and emergency accesses).</param>
/// <param name="BlockNumber">The block the transaction was committed in.</param>
/// <param name="Result">The chaincode's response (usually the new state of the asset), or null when it returned nothing.</param>
public sealed record SubmitResponse(string TransactionId, ulong BlockNumber, JsonElement? Result);
