using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabric.Gateway.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabric.Gateway.Api.Tests.Webhooks;

public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "webhook-secret-of-enough-length";
    private readonly ConcurrentQueue<(string EventId, string Signature, string Body, int Answered)> _received = new();
    private int _failuresLeft;
    private ApiTestHost _host = null!;
    private WebApplication _receiver = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiTestHost.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = Interlocked.Decrement(ref _failuresLeft) >= 0 ? 503 : 200;
            _received.Enqueue((request.Headers["X-Fabric-Event-Id"].ToString(), request.Headers["X-Fabric-Signature"].ToString(), body, status));
            return Results.StatusCode(status);
        });
        await _receiver.StartAsync();
        var url = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _host.Settings["Webhooks:Subscriptions:erp:Network"] = "trade";
        _host.Settings["Webhooks:Subscriptions:erp:Identity"] = "org1-user";
        _host.Settings["Webhooks:Subscriptions:erp:Url"] = url + "/hook";
        _host.Settings["Webhooks:Subscriptions:erp:Secret"] = Secret;
        _host.Settings["Webhooks:Subscriptions:erp:StartBlock"] = "0";
        _host.Settings["Webhooks:RetryDelay"] = "00:00:00.050";
        _host.Settings["Webhooks:MaxRetryDelay"] = "00:00:00.200";
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Events_AreDeliveredSignedInOrder_RetriedUntilAccepted_AndResumedAfterRestartWithoutDuplicates()
    {
        _failuresLeft = 2;
        var ledger = _host.State.Ledger("trade");
        ledger.AppendEvents("trade-finance", ("aa01", "Issued"), ("bb02", "Amended"));
        using var first = _host.CreateClient();

        await WaitForAsync(() => Accepted().Count == 2);

        Accepted().Select(r => r.EventId).Should().Equal("0:aa01", "0:bb02");
        _received.Take(3).Select(r => (r.EventId, r.Answered)).Should().Equal(("0:aa01", 503), ("0:aa01", 503), ("0:aa01", 200));
        foreach (var delivery in _received)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(delivery.Body)));
            delivery.Signature.Should().Be(expected);
        }

        var body = JsonDocument.Parse(Accepted()[0].Body).RootElement;
        body.GetProperty("network").GetString().Should().Be("trade");
        body.GetProperty("event").GetProperty("eventName").GetString().Should().Be("Issued");

        await _host.StopCurrentHostAsync();
        ledger.AppendEvents("trade-finance", ("cc03", "Paid"));
        using var second = _host.CreateClient();

        await WaitForAsync(() => Accepted().Count == 3);
        await Task.Delay(300);
        Accepted().Select(r => r.EventId).Should().Equal("0:aa01", "0:bb02", "1:cc03");
    }

    private List<(string EventId, string Signature, string Body, int Answered)> Accepted() => [.. _received.Where(r => r.Answered == 200)];

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the webhook deliveries should arrive");
            await Task.Delay(20);
        }
    }
}
