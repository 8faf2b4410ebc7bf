using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Fabric.Gateway.Api.Fabric;
using Fabric.Gateway.Api.Security;

namespace Fabric.Gateway.Api.Tests.Support;

/// <summary>
/// Test-only endpoints that drive <see cref="IChaincodeInvoker"/> the way the business endpoints do: a POST that
/// submits and a POST that evaluates, each taking the transaction name, arguments and transient data as JSON.
/// </summary>
internal sealed class TestEndpoints : IApiEndpoints
{
    public void Map(RouteGroupBuilder api)
    {
        api.MapPost("/test/{network}/submit", async (string network, TestCall call, IChaincodeInvoker invoker, CancellationToken cancellationToken) =>
        {
            var outcome = await invoker.SubmitAsync(call.ToChaincodeCall(network), cancellationToken);
            return TypedResults.Created(
                "/api/transactions/" + outcome.TransactionId,
                new TestOutcome(outcome.TransactionId, outcome.BlockNumber, Encoding.UTF8.GetString(outcome.Payload.Span)));
        });
        api.MapPost("/test/{network}/evaluate", async (string network, TestCall call, IChaincodeInvoker invoker, CancellationToken cancellationToken) =>
        {
            var payload = await invoker.EvaluateAsync(call.ToChaincodeCall(network), cancellationToken);
            return TypedResults.Ok(new TestOutcome(null, null, Encoding.UTF8.GetString(payload.Span)));
        });
        api.MapGet("/test/{network}/query/{transaction}", async (string network, string transaction, IChaincodeInvoker invoker, CancellationToken cancellationToken) =>
        {
            var payload = await invoker.EvaluateAsync(new ChaincodeCall(network, transaction, []), cancellationToken);
            return TypedResults.Ok(new TestOutcome(null, null, Encoding.UTF8.GetString(payload.Span)));
        });
        api.MapGet("/test/whoami", (HttpContext http) => TypedResults.Ok(FabricCaller.Of(http)));
    }
}

internal sealed record TestCall(string Transaction, string[] Arguments, Dictionary<string, string>? Transient, string[]? Endorsers = null)
{
    public ChaincodeCall ToChaincodeCall(string network) => new(
        network,
        Transaction,
        Arguments,
        Transient?.ToDictionary(t => t.Key, t => Encoding.UTF8.GetBytes(t.Value)),
        Endorsers);
}

internal sealed record TestOutcome(string? TransactionId, ulong? BlockNumber, string Payload);
