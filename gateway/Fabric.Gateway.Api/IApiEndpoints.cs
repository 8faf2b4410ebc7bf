namespace Fabric.Gateway.Api;

/// <summary>
/// A set of endpoints mapped into the <c>/api</c> group, which brings authentication, the caller's Fabric identity,
/// rate limiting and (for POST) idempotency. Register implementations as singletons; <see cref="GatewayApi.MapFabricGateway"/>
/// maps each of them.
/// </summary>
public interface IApiEndpoints
{
    void Map(RouteGroupBuilder api);
}
