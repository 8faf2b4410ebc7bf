using System.Net;
using Fabric.Gateway.Api.Tests.Support;
using Fabric.Gateway.TestDoubles;

namespace Fabric.Gateway.Api.Tests.Operations;

public sealed class ShutdownTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Shutdown_LetsInFlightSubmitFinish()
    {
        using var release = new SemaphoreSlim(0);
        _host.State.Chaincode = invocation =>
        {
            release.Wait(TimeSpan.FromSeconds(20));
            return new ChaincodeOutcome([]);
        };
        // Kestrel, as in production: the in-memory test server aborts requests when it stops.
        _host.UseKestrel = true;
        using var factoryClient = _host.CreateClient(ApiTestHost.AliceKey);
        // A client of our own: the factory disposes the clients it made when it stops.
        using var client = new HttpClient { BaseAddress = factoryClient.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiTestHost.AliceKey);
        var submit = client.PostJsonAsync("/api/test/trade/submit", HttpAssertions.Submit("LetterOfCredit:Issue", "LC-1"), "in-flight");
        await _host.State.Called(PeerMethod.Endorse).WaitAsync(TimeSpan.FromSeconds(20));

        var stop = _host.StopCurrentHostAsync();
        await Task.Delay(300);
        submit.IsCompleted.Should().BeFalse();
        stop.IsCompleted.Should().BeFalse("the host waits for the request in flight");
        release.Release();

        using var response = await submit;
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        await stop;
        _host.State.Submitted.Should().ContainSingle();
    }
}
