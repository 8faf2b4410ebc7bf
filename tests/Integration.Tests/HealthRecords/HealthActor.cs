using System.Text.Json;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using FluentAssertions;

namespace Integration.Tests.HealthRecords;

/// <summary>A committed transaction as the scenario needs it: its ID (to match its chaincode event), its block and its JSON result.</summary>
internal sealed record Committed(string TransactionId, ulong BlockNumber, JsonElement Result);

/// <summary>
/// One person of the health network (admin, clinician or patient) calling the health-records chaincode through the
/// .NET Gateway client, through their own hospital's peer unless told otherwise. Submits go step by step (endorse,
/// submit, commit status) so that the scenario learns each transaction's ID and block; refusals are read from the
/// endorser details the client exposes.
/// </summary>
internal sealed class HealthActor(FabricTestNetwork network, TestUser user)
{
    public const string Channel = "health";
    public const string Chaincode = "health-records";

    public const string HospitalA = "HospitalAMSP";
    public const string HospitalB = "HospitalBMSP";

    /// <summary>The organizations whose peers join the channel.</summary>
    public static readonly IReadOnlyList<string> ChannelOrganizations = [HospitalA, HospitalB];

    public TestUser User { get; } = user;

    public string MspId => User.MspId;

    /// <summary>The chaincode as seen through the gateway of <paramref name="peerMspId"/>'s peer (default: the user's own).</summary>
    public Contract Contract(string? peerMspId = null) => network.Connect(User, peerMspId).GetNetwork(Channel).GetContract(Chaincode);

    /// <summary>
    /// Submits and waits for the commit on every hospital's peer; fails the test unless the transaction is committed as
    /// valid. The gateway's commit status speaks for its own peer only, and the next step of the scenario may run on
    /// the other hospital's peer, which must have committed the block too.
    /// </summary>
    public async Task<Committed> SubmitAsync(
        string transaction, string[] arguments, IReadOnlyDictionary<string, byte[]>? transient = null, string[]? endorsers = null,
        string? peerMspId = null, CancellationToken cancellationToken = default)
    {
        var proposal = Contract(peerMspId).NewProposal(transaction, Options(arguments, transient, endorsers));
        var endorsed = await proposal.EndorseAsync(cancellationToken);
        var commit = await endorsed.SubmitAsync(cancellationToken);
        var status = await commit.GetStatusAsync(cancellationToken);
        status.IsSuccessful.Should().BeTrue($"{transaction} ({endorsed.TransactionId}) should commit as VALID, not {status.Code}");
        foreach (var other in ChannelOrganizations.Where(o => o != (peerMspId ?? MspId)))
        {
            var elsewhere = await network.Connect(User, other).NewCommit(commit.GetBytes()).GetStatusAsync(cancellationToken);
            elsewhere.Should().Be(status, $"{other}'s peer commits the same block with the same validation code");
        }

        return new Committed(endorsed.TransactionId, status.BlockNumber, Parse(endorsed.Result.Span));
    }

    /// <summary>Evaluates on the peers of <paramref name="targets"/> (default: the gateway's choice, its own peer first).</summary>
    public async Task<JsonElement> EvaluateAsync(
        string transaction, string[] arguments, string[]? targets = null, string? peerMspId = null, CancellationToken cancellationToken = default)
    {
        var result = await Contract(peerMspId).EvaluateAsync(transaction, Options(arguments, null, targets), cancellationToken);
        return Parse(result);
    }

    /// <summary>
    /// Submits a transaction the chaincode must refuse with <paramref name="status"/>: endorsement fails, nothing is
    /// ordered, and the endorser detail names the peer's organization and carries the chaincode's status and message.
    /// </summary>
    public async Task<EndpointError> SubmitRefusedAsync(
        int status, string transaction, string[] arguments, IReadOnlyDictionary<string, byte[]>? transient = null, string[]? endorsers = null,
        string? peerMspId = null, CancellationToken cancellationToken = default)
    {
        var submit = () => Contract(peerMspId).SubmitAsync(transaction, Options(arguments, transient, endorsers), cancellationToken);
        var error = (await submit.Should().ThrowAsync<EndorseException>($"{transaction} should be refused with {status}")).Which;
        error.TransactionId.Should().NotBeNullOrEmpty();
        return SingleChaincodeError(error, status, endorsers?.Single() ?? peerMspId ?? MspId);
    }

    /// <summary>Evaluates a transaction the chaincode must refuse with <paramref name="status"/> on <paramref name="target"/>'s peer.</summary>
    public async Task<EndpointError> EvaluateRefusedAsync(
        int status, string transaction, string[] arguments, string target, string? peerMspId = null, CancellationToken cancellationToken = default)
    {
        var evaluate = () => Contract(peerMspId).EvaluateAsync(transaction, Options(arguments, null, [target]), cancellationToken);
        var error = (await evaluate.Should().ThrowAsync<GatewayException>($"{transaction} should be refused with {status}")).Which;
        error.Message.Should().Contain($"chaincode response {status}, ");
        return SingleChaincodeError(error, status, target);
    }

    private static EndpointError SingleChaincodeError(GatewayException error, int status, string endorserMspId)
    {
        error.Details.Should().ContainSingle($"one endorser refused: {error.Message}");
        var detail = error.Details[0];
        detail.MspId.Should().Be(endorserMspId);
        detail.Address.Should().NotBeNullOrEmpty();
        detail.Message.Should().StartWith($"chaincode response {status}, ");
        return detail;
    }

    private static ProposalOptions Options(string[] arguments, IReadOnlyDictionary<string, byte[]>? transient, string[]? endorsers)
    {
        var options = new ProposalOptions().AddArguments(arguments);
        foreach (var (key, value) in transient ?? new Dictionary<string, byte[]>())
        {
            options.AddTransientData(key, value);
        }

        if (endorsers is { Length: > 0 })
        {
            options.AddEndorsingOrganizations(endorsers);
        }

        return options;
    }

    private static JsonElement Parse(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return default;
        }

        using var document = JsonDocument.Parse(json.ToArray());
        return document.RootElement.Clone();
    }
}
