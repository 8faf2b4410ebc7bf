using Fabric.DevNetwork.Chaincode;
using Fabric.Protos.Peer;
using static Fabric.DevNetwork.Tests.Ledger.CollectionConfigFactory;

namespace Fabric.DevNetwork.Tests.Chaincode;

/// <summary>
/// Two instances of the Node contract as chaincode-as-a-service ("asset" and "other", each its own package and
/// process, as two chaincodes of a channel are) and one peer-side runtime that knows both on "mychannel".
/// </summary>
public sealed class NodeContractFixture : IAsyncLifetime
{
    public const string Channel = "mychannel";

    /// <summary>A second channel this peer has joined, with "asset" defined on it too.</summary>
    public const string OtherChannel = "otherchannel";

    internal NodeChaincodeServer Asset { get; private set; } = null!;

    internal NodeChaincodeServer Other { get; private set; } = null!;

    internal ChaincodeRuntime Runtime { get; private set; } = null!;

    internal Fabric.DevNetwork.Ledger.WorldState OtherChannelState { get; } = new("Org1MSP", _ => null);

    internal IReadOnlyDictionary<string, CollectionConfigPackage> Collections { get; } = new Dictionary<string, CollectionConfigPackage>
    {
        ["asset"] = Package(
            Collection("shared", 0, false, false, "Org1MSP", "Org2MSP"),
            Collection("org2only", 0, true, true, "Org2MSP"),
            Collection("_implicit_org_Org1MSP", 0, false, false, "Org1MSP"),
            Collection("_implicit_org_Org2MSP", 0, false, false, "Org2MSP")),
        ["other"] = Package(),
        ["initcc"] = Package(),
    };

    public Task InitializeAsync()
    {
        Asset = NodeChaincodeServer.Start("asset_1.0:1111111111111111111111111111111111111111111111111111111111111111", "Org1MSP");
        Other = NodeChaincodeServer.Start("other_1.0:2222222222222222222222222222222222222222222222222222222222222222", "Org1MSP");
        Runtime = new ChaincodeRuntime(
            new ChaincodeRuntimeOptions { ExecuteTimeout = TimeSpan.FromSeconds(15) },
            channelLedgers: channel => channel == OtherChannel ? new ChannelLedger(OtherChannelState, Collections) : null);
        Runtime.Register(OtherChannel, Endpoint("asset", Asset));
        Runtime.Register(Channel, Endpoint("asset", Asset));
        Runtime.Register(Channel, Endpoint("other", Other));

        // A definition approved with --init-required, served by the same package as "asset".
        Runtime.Register(Channel, Endpoint("initcc", Asset), initRequired: true, version: "2.0");

        // Same server, but the peer expects another package: registration must be refused.
        Runtime.Register(Channel, new ChaincodeEndpoint("impostor", "impostor_1.0:3333", Asset.Address, null, null, null, TimeSpan.FromSeconds(15)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Runtime.DisposeAsync();
        Asset.Dispose();
        Other.Dispose();
    }

    private static ChaincodeEndpoint Endpoint(string name, NodeChaincodeServer server) =>
        new(name, server.PackageId, server.Address, null, null, null, TimeSpan.FromSeconds(20));
}
