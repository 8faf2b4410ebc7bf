namespace Fabric.DevNetwork.Configuration;

/// <summary>
/// A network file (YAML or JSON): the ordering service, the organizations with their peers, and the channels with
/// their members and chaincode definitions. Property names are camelCase in the file.
/// </summary>
internal sealed class NetworkDefinition
{
    /// <summary>The ordering service (one orderer). Defaults: OrdererMSP, example.com, port 7050.</summary>
    public OrdererDefinition Orderer { get; set; } = new();

    public List<OrganizationDefinition> Organizations { get; set; } = [];

    public List<ChannelDefinition> Channels { get; set; } = [];

    /// <summary>Client identities enrolled on first start (as <c>enroll</c> would), e.g. the people of a demo.</summary>
    public List<UserDefinition> Users { get; set; } = [];

    /// <summary>Processes <c>up</c> starts once the network is up, e.g. the REST gateway.</summary>
    public List<ApplicationDefinition> Applications { get; set; } = [];

    /// <summary>The folder of the network file; relative paths inside it (collections configs, TLS roots) resolve against it.</summary>
    public string BaseDirectory { get; set; } = ".";
}

/// <summary>
/// An application <c>up</c> starts after the network and its chaincodes, with FABRIC_DEVNET_DATA set to the data
/// folder; <c>${DATA}</c> in its arguments and environment values is replaced by that folder.
/// </summary>
internal sealed class ApplicationDefinition
{
    public string Name { get; set; } = "";

    public LaunchDefinition Launch { get; set; } = new();
}

/// <summary>A client identity <c>up</c> enrolls if its folder does not exist yet.</summary>
internal sealed class UserDefinition
{
    /// <summary>User name; the identity is <c>&lt;name&gt;@&lt;domain&gt;</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>MSP ID of the user's organization.</summary>
    public string Organization { get; set; } = "";

    /// <summary>Fabric CA-style attributes (extension 1.2.3.4.5.6.7.8.1).</summary>
    public Dictionary<string, string> Attributes { get; set; } = [];

    /// <summary>OU=admin instead of OU=client.</summary>
    public bool Admin { get; set; }
}

internal sealed class OrdererDefinition
{
    /// <summary>Default <c>OrdererMSP</c>.</summary>
    public string MspId { get; set; } = "OrdererMSP";

    /// <summary>Default <c>example.com</c> (cryptogen's ordererOrganizations/example.com).</summary>
    public string Domain { get; set; } = "example.com";

    /// <summary>Host name of the orderer inside its domain; default <c>orderer</c>.</summary>
    public string Hostname { get; set; } = "orderer";

    /// <summary>Loopback port of orderer.AtomicBroadcast; default 7050.</summary>
    public int Port { get; set; } = 7050;

    /// <summary>A block is cut when this many transactions are pending; default 10 (Fabric's default BatchSize.MaxMessageCount).</summary>
    public int MaxMessageCount { get; set; } = 10;

    /// <summary>A block is cut when the pending transactions reach this size in bytes; default 2 MiB (Fabric's PreferredMaxBytes).</summary>
    public int PreferredMaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>A block is cut this long after its first transaction arrived; default 250 ms (Fabric's default is 2 s;
    /// a dev network favours latency).</summary>
    public int BatchTimeoutMilliseconds { get; set; } = 250;
}

internal sealed class OrganizationDefinition
{
    /// <summary>The MSP ID, e.g. <c>Org1MSP</c>.</summary>
    public string MspId { get; set; } = "";

    /// <summary>The organization's domain, e.g. <c>org1.example.com</c>; its peer is <c>peer0.&lt;domain&gt;</c>.</summary>
    public string Domain { get; set; } = "";

    /// <summary>Loopback port of the organization's peer (Gateway, Endorser, Deliver).</summary>
    public int PeerPort { get; set; }
}

internal sealed class ChannelDefinition
{
    public string Name { get; set; } = "";

    /// <summary>MSP IDs of the member organizations.</summary>
    public List<string> Organizations { get; set; } = [];

    public List<ChaincodeDefinition> Chaincodes { get; set; } = [];
}

internal sealed class ChaincodeDefinition
{
    public string Name { get; set; } = "";

    public string Version { get; set; } = "1.0";

    public long Sequence { get; set; } = 1;

    /// <summary>Fabric's signature policy syntax, e.g. <c>AND('Org1MSP.peer','Org2MSP.peer')</c>. When empty, a majority
    /// of the channel's organizations' peers (Fabric's default <c>/Channel/Application/Endorsement</c>, MAJORITY).</summary>
    public string? EndorsementPolicy { get; set; }

    /// <summary>Path of a collections config in Fabric's JSON format, relative to the network file; optional.</summary>
    public string? CollectionsConfig { get; set; }

    /// <summary>Whether the chaincode requires an Init invocation before others (Fabric's --init-required).</summary>
    public bool InitRequired { get; set; }

    /// <summary>Set false to keep a definition in the file without deploying it (e.g. before its chaincode exists).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where every organization's peer reaches the chaincode, unless <see cref="Endpoints"/> names the organization.</summary>
    public ChaincodeEndpointDefinition? Endpoint { get; set; }

    /// <summary>Per-organization endpoints (MSP ID to endpoint): each organization may run its own chaincode process.</summary>
    public Dictionary<string, ChaincodeEndpointDefinition> Endpoints { get; set; } = [];
}

/// <summary>What a chaincode-as-a-service package's connection.json holds, plus the package ID and an optional launch command.</summary>
internal sealed class ChaincodeEndpointDefinition
{
    /// <summary>host:port of the chaincode server.</summary>
    public string Address { get; set; } = "";

    /// <summary>The package ID the chaincode registers with; when empty, <c>&lt;name&gt;_&lt;version&gt;:&lt;sha256 of connection.json&gt;</c>.</summary>
    public string? PackageId { get; set; }

    /// <summary>Whether the peer dials with TLS (connection.json <c>tls_required</c>); default false.</summary>
    public bool TlsRequired { get; set; }

    /// <summary>PEM file of the TLS root that signed the chaincode server's certificate (connection.json <c>root_cert</c>).</summary>
    public string? RootCertPath { get; set; }

    /// <summary>Client certificate and key (PEM files) for mutual TLS; optional.</summary>
    public string? ClientCertPath { get; set; }

    public string? ClientKeyPath { get; set; }

    /// <summary>connection.json <c>dial_timeout</c> in seconds; default 10.</summary>
    public int DialTimeoutSeconds { get; set; } = 10;

    /// <summary>A command that <c>up</c> starts as a child process before dialing, as an admin would start the chaincode.</summary>
    public LaunchDefinition? Launch { get; set; }
}

/// <summary>
/// A chaincode process started by <c>up</c>, with CHAINCODE_ID (the package ID), CHAINCODE_SERVER_ADDRESS and
/// CORE_PEER_LOCALMSPID set in its environment.
/// </summary>
internal sealed class LaunchDefinition
{
    public string Command { get; set; } = "";

    public List<string> Arguments { get; set; } = [];

    /// <summary>Relative to the network file; default its folder.</summary>
    public string? WorkingDirectory { get; set; }

    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>
    /// A command run to completion before the process starts (for example <c>dotnet build</c>), once per distinct
    /// command line however many processes name it, so that several organizations' processes of one chaincode do not
    /// build the same project concurrently. <c>up</c> fails, with the command's output, if it fails.
    /// </summary>
    public BuildDefinition? Build { get; set; }
}

/// <summary>A command <c>up</c> runs to completion before launching chaincode processes.</summary>
internal sealed class BuildDefinition
{
    public string Command { get; set; } = "";

    public List<string> Arguments { get; set; } = [];

    /// <summary>Relative to the network file; default its folder.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>How long the command may run; default 600 seconds (a first build restores packages).</summary>
    public int TimeoutSeconds { get; set; } = 600;
}
