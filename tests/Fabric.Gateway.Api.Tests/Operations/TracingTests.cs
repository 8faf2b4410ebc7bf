using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Fabric.Gateway.Api.Tests.Support;

namespace Fabric.Gateway.Api.Tests.Operations;

public sealed class TracingTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Submit_IsOneTrace_FromHttpRequestThroughEndorseSubmitAndCommit()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Fabric.Gateway.Api" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1"), "traced");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var transactionId = (await response.JsonAsync()).GetProperty("transactionId").GetString()!;
        // Other tests run in parallel in this process: pick this transaction's spans by their tag.
        var endorse = stopped.Single(a => a.OperationName == "fabric.endorse" && (string?)a.GetTagItem("fabric.transaction_id") == transactionId);
        var submit = stopped.Single(a => a.OperationName == "fabric.submit" && (string?)a.GetTagItem("fabric.transaction_id") == transactionId);
        var commit = stopped.Single(a => a.OperationName == "fabric.commit" && (string?)a.GetTagItem("fabric.transaction_id") == transactionId);
        var request = stopped.Single(a => a.SpanId == endorse.ParentSpanId);
        request.Source.Name.Should().Be("Microsoft.AspNetCore", "the HTTP request's span is the parent");
        request.Parent.Should().BeNull();

        new[] { submit.TraceId, commit.TraceId }.Should().AllBeEquivalentTo(endorse.TraceId);
        new[] { endorse.ParentSpanId, submit.ParentSpanId, commit.ParentSpanId }.Should().AllBeEquivalentTo(request.SpanId);
        endorse.GetTagItem("fabric.channel").Should().Be("trade");
        commit.GetTagItem("fabric.validation_code").Should().Be("Valid");
    }
}
