using Fabric.Gateway.Api.Endpoints.Health;
using Fabric.Gateway.Api.Endpoints.Pharma;
using Fabric.Gateway.Api.Endpoints.Trade;

namespace Fabric.Gateway.Api.Endpoints;

/// <summary>The business endpoints of the REST gateway: one per chaincode transaction of the three business networks.</summary>
public static class BusinessNetworkEndpoints
{
    /// <summary>
    /// Maps <c>/api/trade/...</c>, <c>/api/pharma/...</c> and <c>/api/health/...</c>. The endpoints resolve an
    /// <see cref="Fabric.IChaincodeInvoker"/> from the request's services to run each transaction as the caller.
    /// </summary>
    public static IEndpointRouteBuilder MapBusinessNetworkEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        TradeEndpoints.Map(endpoints);
        PharmaEndpoints.Map(endpoints);
        HealthEndpoints.Map(endpoints);
        return endpoints;
    }
}
