using System.Text.Json;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using Fabric.Protos.Peer;
using FluentAssertions;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.TradeFinance;

/// <summary>A transaction committed as VALID: the chaincode's JSON result, where it landed, and the event it must have emitted.</summary>
internal sealed record CommittedTransaction(string TransactionId, ulong BlockNumber, string ExpectedEvent, JsonElement Result);

/// <summary>
/// One person of the trade channel (an officer, the importer or the exporter): a client identity enrolled with its
/// Fabric CA attributes, connected through its own organization's peer unless told otherwise.
/// </summary>
internal sealed class TradeActor
{
    public const string Channel = "trade";
    public const string Chaincode = "trade-finance";

    /// <summary>The organizations of the trade channel, whose peers endorse and answer the scenario's steps.</summary>
    public static readonly IReadOnlyList<string> Organizations = [TradeInputs.IssuingBank, TradeInputs.AdvisingBank, TradeInputs.Carrier];

    private readonly FabricTestNetwork _network;

    private TradeActor(string role, TestUser user, FabricTestNetwork network)
    {
        Role = role;
        User = user;
        _network = network;
    }

    /// <summary>The part the actor plays in docs/trade-finance.md's happy path (issuingOfficer, importer, ...).</summary>
    public string Role { get; }

    public TestUser User { get; }

    public string MspId => User.MspId;

    public static async Task<TradeActor> EnrollAsync(
        FabricTestNetwork network, string role, string mspId, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        var user = await network.EnrollAsync(mspId, UniqueIds.New(role), attributes, cancellationToken: cancellationToken);
        return new TradeActor(role, user, network);
    }

    /// <summary>The trade channel as this actor sees it through the peer of <paramref name="peerMspId"/> (default: its own).</summary>
    public Network Network(string? peerMspId = null) => _network.Connect(User, peerMspId).GetNetwork(Channel);

    /// <summary>
    /// Submits with the given endorsing organizations and transient data, waits for the commit and requires it VALID.
    /// Transient values are UTF-8 JSON strings or raw bytes (the salt).
    /// </summary>
    public async Task<CommittedTransaction> SubmitAsync(
        string transaction, string[] arguments, string expectedEvent, IReadOnlyList<string> endorsers,
        IReadOnlyDictionary<string, object>? transient = null, CancellationToken cancellationToken = default)
    {
        var options = Options(arguments, endorsers, transient);
        var submitted = await Network().GetContract(Chaincode).SubmitToOrdererAsync(transaction, options, cancellationToken);
        var status = await submitted.GetStatusAsync(cancellationToken);
        status.Code.Should().Be(TxValidationCode.Valid, "{0} by {1} must commit as VALID", transaction, Role);
        await WaitUntilEveryPeerHasAsync(status.BlockNumber, cancellationToken);
        return new CommittedTransaction(submitted.TransactionId, status.BlockNumber, expectedEvent, Parse(submitted.Result));
    }

    /// <summary>Evaluates on this actor's peer, or on the peer of <paramref name="peerMspId"/>.</summary>
    public async Task<JsonElement> EvaluateAsync(string transaction, string[] arguments, string? peerMspId = null, CancellationToken cancellationToken = default)
    {
        var options = Options(arguments, peerMspId is null ? [] : [peerMspId], transient: null);
        var result = await Network(peerMspId).GetContract(Chaincode).EvaluateAsync(transaction, options, cancellationToken);
        return Parse(result);
    }

    /// <summary>Submits a transaction that the endorsing peers must refuse, and returns what the client exposes.</summary>
    public async Task<GatewayException> SubmitRefusedAsync(
        string transaction, string[] arguments, IReadOnlyList<string> endorsers,
        IReadOnlyDictionary<string, object>? transient = null, CancellationToken cancellationToken = default)
    {
        var call = () => Network().GetContract(Chaincode).SubmitAsync(transaction, Options(arguments, endorsers, transient), cancellationToken);
        return (await call.Should().ThrowAsync<EndorseException>($"{Role} must not be able to {transaction}")).Which;
    }

    /// <summary>Evaluates a query that the peer must refuse, and returns what the client exposes.</summary>
    public async Task<GatewayException> EvaluateRefusedAsync(
        string transaction, string[] arguments, string? peerMspId = null, CancellationToken cancellationToken = default)
    {
        var options = Options(arguments, peerMspId is null ? [] : [peerMspId], transient: null);
        var call = () => Network(peerMspId).GetContract(Chaincode).EvaluateAsync(transaction, options, cancellationToken);
        return (await call.Should().ThrowAsync<GatewayException>($"{Role} must not be able to {transaction}")).Which;
    }

    /// <summary>The next step may be endorsed by another organization's peer: wait until each has the block (see <see cref="PeerBlocks"/>).</summary>
    private Task WaitUntilEveryPeerHasAsync(ulong blockNumber, CancellationToken cancellationToken) =>
        PeerBlocks.WaitUntilEveryPeerHasAsync(_network, User, Channel, Organizations, blockNumber, cancellationToken);

    private static ProposalOptions Options(string[] arguments, IReadOnlyList<string> organizations, IReadOnlyDictionary<string, object>? transient)
    {
        var options = new ProposalOptions().AddArguments(arguments).AddEndorsingOrganizations([.. organizations]);
        foreach (var (key, value) in transient ?? new Dictionary<string, object>())
        {
            _ = value switch
            {
                byte[] bytes => options.AddTransientData(key, bytes),
                string text => options.AddTransientData(key, text),
                _ => throw new ArgumentException($"Transient '{key}' must be bytes or a JSON string.", nameof(transient)),
            };
        }

        return options;
    }

    private static JsonElement Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
