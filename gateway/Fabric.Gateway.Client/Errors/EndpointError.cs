namespace Fabric.Gateway.Client;

/// <summary>
/// One peer or orderer that failed a request, as the Fabric Gateway reports it in the gRPC status details
/// (<c>gateway.ErrorDetail</c>).
/// </summary>
/// <param name="Address">The endpoint's host:port.</param>
/// <param name="MspId">The endpoint's organization.</param>
/// <param name="Message">What the endpoint said, e.g. the chaincode's error message.</param>
public sealed record EndpointError(string Address, string MspId, string Message);
