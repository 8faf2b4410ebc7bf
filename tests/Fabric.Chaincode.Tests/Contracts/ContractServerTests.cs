using System.Text.Json.Nodes;
using Fabric.Chaincode.Tests.Support;
using FluentAssertions;
using MessageType = Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabric.Chaincode.Tests.Contracts;

/// <summary>Contracts served by the real server to a scripted peer.</summary>
public sealed class ContractServerTests : IAsyncLifetime
{
    private ServerHarness _harness = null!;
    private ScriptedPeer _peer = null!;

    public async Task InitializeAsync()
    {
        _harness = await ServerHarness.StartAsync(builder => builder
            .AddContract<AssetContract>()
            .AddContract<AuditContract>()
            .WithInfo("trade-finance", "0.1.0"));
        _peer = await _harness.ConnectPeerAsync();
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Transaction_OverTheStream_WritesJsonAndSendsEvent()
    {
        var completed = await _peer.InvokeAsync("c1", "Create", "a1", "alice", "10");

        ScriptedPeer.Decode(completed).Status.Should().Be(200);
        completed.ChaincodeEvent.EventName.Should().Be("AssetCreated");
        _peer.Ledger.ValueOf("a1").Should().Be("""{"id":"a1","owner":"alice","appraisedValue":10,"status":"Active"}""");
    }

    [Fact]
    public async Task UnknownFunction_OverTheStream_CompletesWithStatus400()
    {
        var completed = await _peer.InvokeAsync("c2", "Destroy", "a1");

        completed.Type.Should().Be(MessageType.Completed);
        var response = ScriptedPeer.Decode(completed);
        response.Status.Should().Be(400);
        response.Message.Should().Contain("Destroy");
    }

    [Fact]
    public async Task ThrowingTransaction_OverTheStream_AnswersErrorAndServerKeepsServing()
    {
        var failed = await _peer.InvokeAsync("c3", "Explode");
        var next = await _peer.InvokeAsync("c4", "Audit:Ping", "still here");

        failed.Type.Should().Be(MessageType.Error);
        failed.Payload.ToStringUtf8().Should().Be("unexpected failure");
        ScriptedPeer.Decode(next).PayloadText.Should().Be("audit:still here");
    }

    [Fact]
    public async Task GetMetadata_OverTheStream_ReportsInfo()
    {
        var completed = await _peer.InvokeAsync("c5", "org.hyperledger.fabric:GetMetadata");

        var metadata = JsonNode.Parse(ScriptedPeer.Decode(completed).PayloadText)!;
        metadata["info"]!["title"]!.GetValue<string>().Should().Be("trade-finance");
        metadata["info"]!["version"]!.GetValue<string>().Should().Be("0.1.0");
    }
}
