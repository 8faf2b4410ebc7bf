using System.Net;
using System.Text.Json;
using Fabric.Gateway.Api.Tests.Support;

namespace Fabric.Gateway.Api.Tests.Events;

public sealed class EventsTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Events_StreamAsSse_WithBlockAndTransactionAsId()
    {
        SeedLedger();
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        var events = await ReadEventsAsync(client, "/api/events?network=trade&startBlock=0", lastEventId: null, count: 3);

        events.Select(e => e.Id).Should().Equal("0:aa01", "0:bb02", "1:cc03");
        events.Select(e => e.Name).Should().Equal("Issued", "Amended", "Paid");
        var data = JsonDocument.Parse(events[0].Data).RootElement;
        data.GetProperty("blockNumber").GetUInt64().Should().Be(0);
        data.GetProperty("transactionId").GetString().Should().Be("aa01");
        data.GetProperty("eventName").GetString().Should().Be("Issued");
        Convert.FromBase64String(data.GetProperty("payloadBase64").GetString()!).Should().Equal("Issued"u8.ToArray());
    }

    [Fact]
    public async Task Events_ResumeAfterLastEventId_WithoutGapOrDuplicate()
    {
        SeedLedger();
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        var resumed = await ReadEventsAsync(client, "/api/events?network=trade", lastEventId: "0:aa01", count: 2);

        resumed.Select(e => e.Id).Should().Equal("0:bb02", "1:cc03");
    }

    [Fact]
    public async Task Events_WhenFirstPeerIsDown_StreamFromNextPeerOfOrganization()
    {
        SeedLedger();
        _host.Org1Endpoints.Insert(0, ApiTestHost.DeadEndpoint());
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        var events = await ReadEventsAsync(client, "/api/events?network=trade&startBlock=0", lastEventId: null, count: 3);

        events.Select(e => e.Id).Should().Equal("0:aa01", "0:bb02", "1:cc03");
    }

    [Fact]
    public async Task Events_WithMalformedLastEventId_Is400()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/events?network=trade", UriKind.Relative));
        request.Headers.Add("Last-Event-ID", "yesterday");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("Last-Event-ID", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Events_OfUnknownNetwork_Is404()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.GetAsync(new Uri("/api/events?network=gold", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private void SeedLedger()
    {
        var ledger = _host.State.Ledger("trade");
        ledger.AppendEvents("trade-finance", ("aa01", "Issued"), ("bb02", "Amended"));
        ledger.AppendEvents("trade-finance", ("cc03", "Paid"));
    }

    private static async Task<List<(string Id, string Name, string Data)>> ReadEventsAsync(
        HttpClient client, string path, string? lastEventId, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<(string, string, string)>();
        string? id = null, name = null, data = null;
        while (events.Count < count)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The event stream ended early.");
            if (line.Length == 0)
            {
                events.Add((id!, name!, data!));
                (id, name, data) = (null, null, null);
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        return events;
    }
}
