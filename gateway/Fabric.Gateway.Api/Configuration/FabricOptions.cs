namespace Fabric.Gateway.Api.Configuration;

/// <summary>
/// Section <c>Fabric</c>: which business networks exist, which peers serve each organization, and which Fabric
/// identities the gateway may sign with. Validated at start-up by <see cref="FabricOptionsValidator"/>.
/// </summary>
public sealed class FabricOptions
{
    public const string Section = "Fabric";

    /// <summary>Business network name (<c>trade</c>, <c>pharma</c>, <c>health</c>) to its channel and chaincode.</summary>
    public Dictionary<string, BusinessNetworkOptions> Networks { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>MSP ID to the peers of that organization, tried in order (the next one when a peer is unavailable).</summary>
    public Dictionary<string, OrganizationOptions> Organizations { get; } = new(StringComparer.Ordinal);

    /// <summary>Identity name to its MSP ID and MSP folder (cryptogen or Fabric CA layout).</summary>
    public Dictionary<string, IdentityOptions> Identities { get; } = new(StringComparer.Ordinal);

    /// <summary>Folder that relative file paths are resolved against. Default null: the current directory.</summary>
    public string? BasePath { get; set; }

    /// <summary>Deadline of an evaluate. Default 5 seconds.</summary>
    public TimeSpan EvaluateTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of an endorsement. Default 15 seconds.</summary>
    public TimeSpan EndorseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deadline of handing the signed transaction to the orderer. Default 5 seconds.</summary>
    public TimeSpan SubmitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a submit waits for its commit status. Default 1 minute.</summary>
    public TimeSpan CommitStatusTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Retries of a call on the same peer when it is UNAVAILABLE, before the next peer of the organization is tried.
    /// Default 1.
    /// </summary>
    public int UnavailableRetryAttempts { get; set; } = 1;

    /// <summary>How many times a submit invalidated by MVCC_READ_CONFLICT is endorsed again from a new proposal before 409. Default 3.</summary>
    public int MvccReadConflictRetryAttempts { get; set; } = 3;

    /// <summary>
    /// Recovery: how long to wait for the commit status of a journaled transaction before concluding the orderer
    /// never got it and re-sending the same signed envelope. Default 5 seconds.
    /// </summary>
    public TimeSpan RecoveryProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Recovery: how often journaled transactions still without outcome are looked at again. Only entries untouched for
    /// longer than <see cref="CommitStatusTimeout"/> are taken (younger ones belong to a request in flight). Default 30 s.
    /// </summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Resolves a configured path against <see cref="BasePath"/>.</summary>
    public string ResolvePath(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(BasePath ?? Directory.GetCurrentDirectory(), path));
}

/// <summary>One business network: the channel it lives on and its chaincode.</summary>
public sealed class BusinessNetworkOptions
{
    public string Channel { get; set; } = string.Empty;

    public string Chaincode { get; set; } = string.Empty;
}

/// <summary>The peers of one organization, in order of preference.</summary>
public sealed class OrganizationOptions
{
    public List<PeerOptions> Peers { get; } = [];
}

/// <summary>One peer's Gateway endpoint.</summary>
public sealed class PeerOptions
{
    /// <summary><c>https://host:port</c> (or <c>http://</c> for a peer without TLS).</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>PEM file of the organization's TLS CA (e.g. <c>.../peers/peer0.../tls/ca.crt</c>); required for https.</summary>
    public string? TlsCaFile { get; set; }

    /// <summary>The name in the peer's TLS certificate when it differs from the endpoint host (e.g. <c>peer0.org1.example.com</c>).</summary>
    public string? ServerNameOverride { get; set; }
}

/// <summary>A Fabric identity the gateway signs with.</summary>
public sealed class IdentityOptions
{
    public string MspId { get; set; } = string.Empty;

    /// <summary>MSP folder with <c>signcerts/</c> and <c>keystore/</c>, as cryptogen and the Fabric CA client write it.</summary>
    public string MspFolder { get; set; } = string.Empty;
}
