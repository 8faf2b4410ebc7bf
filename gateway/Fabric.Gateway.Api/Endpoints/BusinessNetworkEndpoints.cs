using Fabric.Gateway.Api.Endpoints.Health;
using Fabric.Gateway.Api.Endpoints.Internal;
using Fabric.Gateway.Api.Endpoints.Pharma;
using Fabric.Gateway.Api.Endpoints.Trade;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fabric.Gateway.Api.Endpoints;

/// <summary>The business endpoints of the REST gateway: one per chaincode transaction of the three business networks.</summary>
public static class BusinessNetworkEndpoints
{
    /// <summary>
    /// Registers what the business endpoints add to the API description: their route parameters (read by the
    /// endpoints themselves, so invisible to the API explorer otherwise) as path parameters of the OpenAPI document.
    /// </summary>
    public static IServiceCollection AddBusinessNetworkEndpoints(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Transient<IApiDescriptionProvider, RouteParameterDescriptions>());
        return services;
    }

    /// <summary>
    /// Maps <c>{pathPrefix}/trade/...</c>, <c>{pathPrefix}/pharma/...</c> and <c>{pathPrefix}/health/...</c>. The
    /// endpoints resolve an <see cref="Fabric.IChaincodeInvoker"/> from the request's services to run each
    /// transaction as the caller. On the application, keep the default <c>/api</c>; on a group that already is
    /// <c>/api</c> (with its authentication, idempotency and rate limiting), pass an empty prefix.
    /// </summary>
    /// <returns>The group of all business endpoints, for conventions that apply to every one of them.</returns>
    public static RouteGroupBuilder MapBusinessNetworkEndpoints(this IEndpointRouteBuilder endpoints, string pathPrefix = "/api")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var group = endpoints.MapGroup(pathPrefix);
        TradeEndpoints.Map(group);
        PharmaEndpoints.Map(group);
        HealthEndpoints.Map(group);
        return group;
    }
}
