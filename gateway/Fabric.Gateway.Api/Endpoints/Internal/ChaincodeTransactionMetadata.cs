namespace Fabric.Gateway.Api.Endpoints.Internal;

/// <summary>Endpoint metadata naming the chaincode transaction an endpoint runs (for tests, logs and documentation).</summary>
internal sealed record ChaincodeTransactionMetadata(string BusinessNetwork, string TransactionName, bool IsEvaluate);
