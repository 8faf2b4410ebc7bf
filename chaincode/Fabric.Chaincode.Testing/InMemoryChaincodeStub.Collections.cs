using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fabric.Chaincode.Testing;

/// <summary>
/// The collection configuration of the chaincode definition, when a test declares it with
/// <see cref="DefineCollection"/>: then, as on a peer, an undefined collection is refused, memberOnlyRead and
/// memberOnlyWrite are enforced against the creator's MSP, and a peer whose organization (<see cref="LocalMspId"/>)
/// is not a member holds hashes only. Implicit collections (<c>_implicit_org_&lt;MSPID&gt;</c>) always exist, open
/// to every reader and writer, with that organization as their only member. Without any definition the stub cannot
/// know the configuration and accepts every collection name, with every caller and peer a member.
/// </summary>
public sealed partial class InMemoryChaincodeStub
{
    private const string ImplicitCollectionPrefix = "_implicit_org_";

    private readonly Dictionary<string, Collection> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Collection, string Key), long> _privateVersions = [];
    private long _blockNumber;

    private sealed record Collection(IReadOnlyCollection<string> MemberMspIds, bool MemberOnlyRead, bool MemberOnlyWrite);

    /// <summary>The chaincode name the peer puts in its errors about collections; default <c>chaincode</c>.</summary>
    public string ChaincodeName { get; set; } = "chaincode";

    /// <summary>Declares a collection of the chaincode definition, as in collections_config.json (members are the MSP IDs of its member policy).</summary>
    public void DefineCollection(string name, IReadOnlyCollection<string> memberMspIds, bool memberOnlyRead = false, bool memberOnlyWrite = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(memberMspIds);
        _collections[name] = new Collection(memberMspIds.ToHashSet(StringComparer.Ordinal), memberOnlyRead, memberOnlyWrite);
    }

    /// <summary>
    /// Declares every collection of a collections_config.json as peer CLI's <c>--collections-config</c> reads it:
    /// <c>name</c>, <c>policy</c> (the MSP IDs it names are the members, e.g. <c>OR('Org1MSP.member','Org2MSP.member')</c>),
    /// <c>memberOnlyRead</c> and <c>memberOnlyWrite</c>.
    /// </summary>
    public void DefineCollections(string collectionsConfigJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(collectionsConfigJson);
        using var document = JsonDocument.Parse(collectionsConfigJson);
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var members = PolicyPrincipal().Matches(entry.GetProperty("policy").GetString() ?? string.Empty).Select(m => m.Groups["msp"].Value).ToArray();
            DefineCollection(
                entry.GetProperty("name").GetString() ?? string.Empty,
                members,
                entry.TryGetProperty("memberOnlyRead", out var read) && read.GetBoolean(),
                entry.TryGetProperty("memberOnlyWrite", out var write) && write.GetBoolean());
        }
    }

    [GeneratedRegex(@"'(?<msp>[^']+)\.(?:member|peer|admin|client)'", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyPrincipal();

    private Collection? FindCollection(string name) =>
        name.StartsWith(ImplicitCollectionPrefix, StringComparison.Ordinal)
            ? new Collection([name[ImplicitCollectionPrefix.Length..]], MemberOnlyRead: false, MemberOnlyWrite: false)
            : _collections.GetValueOrDefault(name);

    /// <summary>The handler's checks before a private data request: not in Init, a known collection, and the creator's read or write permission.</summary>
    private void CheckCollectionAccess(string messageType, string collection, bool write)
    {
        CheckPrivateDataAllowed(messageType);
        if (_collections.Count == 0)
        {
            return;
        }

        var definition = FindCollection(collection)
            ?? throw PeerError(messageType, $"collection {ChannelId}/{ChaincodeName}/{collection} could not be found");
        var isMember = ClientIdentity is { } creator && definition.MemberMspIds.Contains(creator.MspId);
        if (!isMember && (write ? definition.MemberOnlyWrite : definition.MemberOnlyRead))
        {
            throw PeerError(
                messageType,
                $"tx creator does not have {(write ? "write" : "read")} access permission on privatedata in chaincodeName:{ChaincodeName} collectionName: {collection}");
        }
    }

    /// <summary>The simulator's own collection check (queryExecutor.validateCollName), the only one a hash read gets.</summary>
    private void CheckCollectionDefined(string messageType, string collection)
    {
        CheckPrivateDataAllowed(messageType);
        if (_collections.Count > 0 && FindCollection(collection) is null)
        {
            throw PeerError(messageType, $"collection [{collection}] not defined in the collection config for chaincode [{ChaincodeName}]");
        }
    }

    /// <summary>Whether this peer's organization holds the collection's values, not only their hashes.</summary>
    private bool PeerHoldsPrivateData(string collection) =>
        _collections.Count == 0 || LocalMspId.Length == 0 || FindCollection(collection)?.MemberMspIds.Contains(LocalMspId) == true;

    /// <summary>A private value as the peer reads it: a peer without the values fails where the hash says a value exists.</summary>
    private byte[]? ReadPrivate(string collection, string key)
    {
        if (PeerHoldsPrivateData(collection))
        {
            return Read(collection, key);
        }

        return _privateVersions.TryGetValue((collection, key), out var block)
            ? throw PeerError(
                GetStateMessage,
                $"private data matching public hash version is not available. Public hash version = {{BlockNum: {block}, TxNum: 0}}, Private data version = <nil>")
            : null;
    }

    /// <summary>Records the block (one per committed transaction here) that wrote a private key, as the hash's version.</summary>
    private void TrackPrivateVersion(string collection, string key, bool deleted)
    {
        if (deleted)
        {
            _privateVersions.Remove((collection, key));
        }
        else
        {
            _privateVersions[(collection, key)] = _blockNumber;
        }
    }
}
