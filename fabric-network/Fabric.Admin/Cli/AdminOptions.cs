using System.CommandLine;
using Fabric.Admin.Lifecycle;
using Fabric.Admin.Policies;

namespace Fabric.Admin.Cli;

/// <summary>
/// The options of the lifecycle commands, named like the peer CLI's where they mean the same. Unset identity and peer
/// options fall back to the peer CLI's environment (CORE_PEER_ADDRESS, CORE_PEER_TLS_ROOTCERT_FILE,
/// CORE_PEER_MSPCONFIGPATH, CORE_PEER_LOCALMSPID), so an admin shell set up for <c>peer</c> works unchanged.
/// </summary>
internal sealed class AdminOptions
{
    public Option<string[]> Peers { get; } = new("--peer", "--peerAddresses")
    {
        Description = "Peer address host:port (repeatable; TLS when --tls-ca is given). Default: $CORE_PEER_ADDRESS.",
    };

    public Option<string[]> TlsCa { get; } = new("--tls-ca", "--tlsRootCertFiles")
    {
        Description = "PEM file of the TLS CA of each --peer, in the same order (one file applies to all). Default: $CORE_PEER_TLS_ROOTCERT_FILE.",
    };

    public Option<string[]> ServerName { get; } = new("--server-name")
    {
        Description = "Name in each peer's TLS certificate when it differs from the address host (one value applies to all).",
    };

    public Option<string?> TlsClientCert { get; } = new("--tls-client-cert") { Description = "TLS client certificate PEM file, for peers and orderer that require mutual TLS." };

    public Option<string?> TlsClientKey { get; } = new("--tls-client-key") { Description = "TLS client key PEM file, with --tls-client-cert." };

    public Option<string?> Orderer { get; } = new("--orderer", "-o") { Description = "Orderer address host:port (TLS when --orderer-tls-ca is given)." };

    public Option<string?> OrdererTlsCa { get; } = new("--orderer-tls-ca", "--cafile") { Description = "PEM file of the orderer's TLS CA." };

    public Option<string?> OrdererServerName { get; } = new("--orderer-server-name", "--ordererTLSHostnameOverride")
    {
        Description = "Name in the orderer's TLS certificate when it differs from the address host.",
    };

    public Option<string?> MspDir { get; } = new("--msp-dir") { Description = "MSP folder of the admin identity (signcerts/, keystore/). Default: $CORE_PEER_MSPCONFIGPATH." };

    public Option<string?> MspId { get; } = new("--msp-id") { Description = "MSP ID of the admin's organization, e.g. Org1MSP. Default: $CORE_PEER_LOCALMSPID." };

    public Option<string?> Channel { get; } = new("--channel", "-C", "--channelID") { Description = "Channel name." };

    public Option<string?> Name { get; } = new("--name", "-n") { Description = "Chaincode name." };

    public Option<string?> Version { get; } = new("--version", "-v") { Description = "Chaincode version." };

    public Option<long> Sequence { get; } = new("--sequence") { Description = "Sequence number of the chaincode definition (1 for a new chaincode, committed + 1 for an upgrade)." };

    public Option<string?> SignaturePolicy { get; } = new("--signature-policy") { Description = "Endorsement policy, e.g. \"AND('Org1MSP.peer','Org2MSP.peer')\". Default: the channel's endorsement policy." };

    public Option<string?> ChannelConfigPolicy { get; } = new("--channel-config-policy") { Description = "Endorsement policy as a channel config policy reference, e.g. /Channel/Application/Endorsement." };

    public Option<FileInfo?> CollectionsConfig { get; } = new("--collections-config") { Description = "Private data collections config JSON file (Fabric's format)." };

    public Option<bool> InitRequired { get; } = new("--init-required") { Description = "The chaincode must be initialized (an Init transaction) before it is used." };

    public Option<string?> EndorsementPlugin { get; } = new("--endorsement-plugin", "-E") { Description = "Endorsement plugin (default: the peer's, escc)." };

    public Option<string?> ValidationPlugin { get; } = new("--validation-plugin", "-V") { Description = "Validation plugin (default: the peer's, vscc)." };

    public Option<string?> PackageId { get; } = new("--package-id") { Description = "Package ID of the installed chaincode this organization's peers run (label:hash)." };

    public Option<string?> Output { get; } = new("--output", "-O") { Description = "Output format: json, or human-readable text when omitted." };

    public Option<TimeSpan> Timeout { get; } = new("--timeout")
    {
        Description = "Give up after this long, including waiting for the commit (e.g. 30s, 2m). Default: 30s.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
        CustomParser = Durations.Parse,
    };

    public void AddIdentity(Command command)
    {
        command.Options.Add(MspDir);
        command.Options.Add(MspId);
        command.Options.Add(Timeout);
    }

    public void AddPeers(Command command)
    {
        command.Options.Add(Peers);
        command.Options.Add(TlsCa);
        command.Options.Add(ServerName);
        command.Options.Add(TlsClientCert);
        command.Options.Add(TlsClientKey);
    }

    public void AddOrderer(Command command)
    {
        command.Options.Add(Orderer);
        command.Options.Add(OrdererTlsCa);
        command.Options.Add(OrdererServerName);
    }

    public void AddDefinition(Command command)
    {
        command.Options.Add(Channel);
        command.Options.Add(Name);
        command.Options.Add(Version);
        command.Options.Add(Sequence);
        command.Options.Add(SignaturePolicy);
        command.Options.Add(ChannelConfigPolicy);
        command.Options.Add(CollectionsConfig);
        command.Options.Add(InitRequired);
        command.Options.Add(EndorsementPlugin);
        command.Options.Add(ValidationPlugin);
    }

    public bool Json(ParseResult parse)
    {
        var output = parse.GetValue(Output);
        return output is null
            ? false
            : output.Equals("json", StringComparison.OrdinalIgnoreCase)
                ? true
                : throw new AdminException(AdminErrorKind.InvalidInput, $"--output '{output}' is not supported; use json or omit it");
    }

    public string RequireChannel(ParseResult parse) =>
        parse.GetValue(Channel) is { Length: > 0 } channel ? channel : throw new AdminException(AdminErrorKind.InvalidInput, "--channel is required");

    public Task<AdminSigner> LoadSignerAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var mspDir = parse.GetValue(MspDir) ?? Environment.GetEnvironmentVariable("CORE_PEER_MSPCONFIGPATH");
        var mspId = parse.GetValue(MspId) ?? Environment.GetEnvironmentVariable("CORE_PEER_LOCALMSPID");
        if (string.IsNullOrEmpty(mspDir))
        {
            throw new AdminException(AdminErrorKind.InvalidInput, "--msp-dir is required (or set CORE_PEER_MSPCONFIGPATH)");
        }

        if (string.IsNullOrEmpty(mspId))
        {
            throw new AdminException(AdminErrorKind.InvalidInput, "--msp-id is required (or set CORE_PEER_LOCALMSPID)");
        }

        return AdminSigner.LoadAsync(mspDir, mspId, cancellationToken);
    }

    /// <summary>The peer endpoints, each with its TLS CA and server name (one value given for all, or one per peer).</summary>
    public IReadOnlyList<Endpoint> PeerEndpoints(ParseResult parse)
    {
        var addresses = parse.GetValue(Peers) is { Length: > 0 } given
            ? given
            : Environment.GetEnvironmentVariable("CORE_PEER_ADDRESS") is { Length: > 0 } fromEnvironment ? [fromEnvironment] : [];
        if (addresses.Length == 0)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, "--peer is required (or set CORE_PEER_ADDRESS)");
        }

        var tlsCas = parse.GetValue(TlsCa) is { Length: > 0 } cas
            ? cas
            : Environment.GetEnvironmentVariable("CORE_PEER_TLS_ROOTCERT_FILE") is { Length: > 0 } caFromEnvironment ? [caFromEnvironment] : [];
        var serverNames = parse.GetValue(ServerName) ?? [];
        var clientCert = parse.GetValue(TlsClientCert);
        var clientKey = parse.GetValue(TlsClientKey);
        return [.. addresses.Select((address, i) => new Endpoint(
            address,
            PerPeer(tlsCas, i, addresses.Length, "--tls-ca"),
            PerPeer(serverNames, i, addresses.Length, "--server-name"),
            clientCert,
            clientKey))];
    }

    public Endpoint OrdererEndpoint(ParseResult parse)
    {
        var address = parse.GetValue(Orderer);
        return string.IsNullOrEmpty(address)
            ? throw new AdminException(AdminErrorKind.InvalidInput, "--orderer is required")
            : new Endpoint(address, parse.GetValue(OrdererTlsCa), parse.GetValue(OrdererServerName), parse.GetValue(TlsClientCert), parse.GetValue(TlsClientKey));
    }

    public async Task<ChaincodeDefinition> ReadDefinitionAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var collectionsFile = parse.GetValue(CollectionsConfig);
        var definition = new ChaincodeDefinition(
            parse.GetValue(Name) ?? string.Empty,
            parse.GetValue(Version) ?? string.Empty,
            parse.GetValue(Sequence),
            EndorsementPolicies.Create(parse.GetValue(SignaturePolicy), parse.GetValue(ChannelConfigPolicy)),
            collectionsFile is null ? null : await Policies.CollectionsConfig.LoadAsync(collectionsFile.FullName, cancellationToken).ConfigureAwait(false),
            parse.GetValue(InitRequired),
            parse.GetValue(EndorsementPlugin) ?? string.Empty,
            parse.GetValue(ValidationPlugin) ?? string.Empty);
        definition.Validate();
        return definition;
    }

    private static string? PerPeer(string[] values, int index, int peers, string option) => values.Length switch
    {
        0 => null,
        1 => values[0],
        _ when values.Length == peers => values[index],
        _ => throw new AdminException(AdminErrorKind.InvalidInput, $"{values.Length} values of {option} for {peers} peers; give one for all or one per peer"),
    };
}
