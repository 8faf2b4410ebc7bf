using System.Text.Json;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;

namespace Integration.Tests.PharmaSettlement;

/// <summary>A committed transaction: the chaincode's JSON result, its ID and the block that holds it.</summary>
internal sealed record Committed(JsonElement Result, string TransactionId, ulong BlockNumber);

/// <summary>
/// One staff member of the pharma network calling the pharma-settlement chaincode through the .NET client, by
/// default through a peer of their own organization (as docs/pharma-settlement.md asks for private reads).
/// </summary>
internal sealed class PharmaStaff(FabricTestNetwork network, TestUser user)
{
    public const string Channel = "pharma";
    public const string Chaincode = "pharma-settlement";

    /// <summary>The organizations whose peers join channel pharma.</summary>
    public static readonly string[] ChannelOrganizations = ["ManufacturerMSP", "WholesalerMSP", "PharmacyMSP"];

    /// <summary>JSON as the chaincode reads it: camelCase.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string MspId => user.MspId;

    public Network Network(string? peerMspId = null) => Gateway(peerMspId).GetNetwork(Channel);

    private Fabric.Gateway.Client.Gateway Gateway(string? peerMspId) => network.Connect(user, peerMspId);

    /// <summary>
    /// Endorses (by <paramref name="endorsers"/> when given, otherwise as the gateway plans it), orders, and waits until
    /// the peer of every organization of the channel has committed it: the gateway's commit status speaks for its own
    /// peer only, and the next step may read or endorse on another organization's peer. A transaction committed as
    /// invalid throws <see cref="CommitException"/>.
    /// </summary>
    /// <param name="transient">Transient values: strings are sent as they are, anything else as JSON.</param>
    public async Task<Committed> SubmitAsync(
        string transaction, string[] arguments, IReadOnlyDictionary<string, object>? transient = null, string[]? endorsers = null,
        CancellationToken cancellationToken = default)
    {
        var options = new ProposalOptions().AddArguments(arguments);
        foreach (var (key, value) in transient ?? new Dictionary<string, object>())
        {
            options.AddTransientData(key, value as string ?? JsonSerializer.Serialize(value, Json));
        }

        if (endorsers is { Length: > 0 })
        {
            options.AddEndorsingOrganizations(endorsers);
        }

        var submitted = await Network().GetContract(Chaincode).SubmitToOrdererAsync(transaction, options, cancellationToken);
        var status = await submitted.GetStatusAsync(cancellationToken);
        if (!status.IsSuccessful)
        {
            throw new CommitException(status.TransactionId, status.Code, status.BlockNumber);
        }

        var commitRequest = submitted.Commit.GetBytes();
        await Task.WhenAll(ChannelOrganizations.Where(o => o != MspId).Select(o => Gateway(o).NewCommit(commitRequest).GetStatusAsync(cancellationToken)));

        return new Committed(Parse(submitted.Result.Span), status.TransactionId, status.BlockNumber);
    }

    /// <summary>Evaluates on a peer of <paramref name="peerMspId"/> (default: the caller's own organization's peer) and only there.</summary>
    public async Task<JsonElement> EvaluateAsync(string transaction, string[] arguments, string? peerMspId = null, CancellationToken cancellationToken = default)
    {
        var options = new ProposalOptions().AddArguments(arguments).AddEndorsingOrganizations(peerMspId ?? MspId);
        var result = await Network(peerMspId).GetContract(Chaincode).EvaluateAsync(transaction, options, cancellationToken);
        return Parse(result);
    }

    private static JsonElement Parse(ReadOnlySpan<byte> result)
    {
        if (result.IsEmpty)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(result.ToArray());
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // The answer itself is not repeated: it may carry private terms.
            throw new InvalidDataException($"The chaincode answered with {result.Length} bytes that are not JSON.");
        }
    }
}
