using System.Net;
using System.Text.Json;
using Fabric.Gateway.Api.Tests.Endpoints.Support;
using FluentAssertions;

namespace Fabric.Gateway.Api.Tests.Endpoints;

/// <summary>What every row of an endpoint table must satisfy.</summary>
internal static class EndpointTableAssertions
{
    public static async Task<JsonElement> AssertCallAsync(EndpointHost host, EndpointCase row)
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync(row.Method, row.Path, row.Body);
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(row.Status, "the response was {0}", text);
        var (call, isEvaluate) = host.Invoker.SingleCall;
        call.TransactionName.Should().Be(row.Transaction);
        isEvaluate.Should().Be(row.IsEvaluate, "queries are evaluated and everything else is submitted");
        call.Arguments.Should().Equal(row.Arguments, "arguments go in the transaction's order, and private fields never among them");
        (call.Transient?.Keys ?? []).Should().BeEquivalentTo(row.TransientKeys);
        (call.EndorsingOrganizations ?? []).Should().BeEquivalentTo(row.Endorsers ?? [], "the organizations Fabric needs are named (in any order), and none where the Gateway can choose");
        host.Invoker.Lookups.Where(l => l.BusinessNetwork != call.BusinessNetwork || l.TransactionName == call.TransactionName).Should().BeEmpty("a lookup reads another transaction of the same network");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");

        using var document = JsonDocument.Parse(text);
        var root = document.RootElement.Clone();
        if (row.IsEvaluate)
        {
            root.GetProperty("status").GetString().Should().Be("Recorded", "a query answers with the chaincode's JSON as it is");
        }
        else
        {
            root.GetProperty("transactionId").GetString().Should().Be(RecordingInvoker.TransactionId);
            root.GetProperty("blockNumber").GetUInt64().Should().Be(RecordingInvoker.BlockNumber);
            root.GetProperty("result").GetProperty("status").GetString().Should().Be("Recorded");
        }

        if (row.Status == (int)HttpStatusCode.Created)
        {
            response.Headers.Location!.OriginalString.Should().Be(row.Location ?? throw new InvalidOperationException("A 201 row must name its Location."));
        }
        else
        {
            response.Headers.Location.Should().BeNull();
        }

        return root;
    }

    /// <summary>The transient value under <paramref name="key"/> as JSON.</summary>
    public static JsonElement TransientJson(EndpointHost host, string key)
    {
        using var document = JsonDocument.Parse(host.Invoker.SingleCall.Call.Transient![key]);
        return document.RootElement.Clone();
    }
}
