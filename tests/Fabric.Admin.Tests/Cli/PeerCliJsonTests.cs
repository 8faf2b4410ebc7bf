using System.Text.Json;
using Fabric.Admin.Cli;
using Fabric.Protos.Peer;
using Fabric.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabric.Admin.Tests.Cli;

/// <summary>The JSON the peer CLI prints is Go's encoding/json of the generated structs; scripts depend on its shape.</summary>
public sealed class PeerCliJsonTests
{
    [Fact]
    public void Format_QueryInstalled_UsesProtoNamesAndTabs()
    {
        var result = new QueryInstalledChaincodesResult();
        result.InstalledChaincodes.Add(new QueryInstalledChaincodesResult.Types.InstalledChaincode { PackageId = "cc_1:ab", Label = "cc_1" });

        PeerCliJson.Format(result).Should().Be("{\n\t\"installed_chaincodes\": [\n\t\t{\n\t\t\t\"package_id\": \"cc_1:ab\",\n\t\t\t\"label\": \"cc_1\"\n\t\t}\n\t]\n}".ReplaceLineEndings());
    }

    [Fact]
    public void Format_CommittedDefinition_NumbersSortedMapsBase64AndOneofs()
    {
        var result = new QueryChaincodeDefinitionResult
        {
            Sequence = 2,
            Version = "1.1",
            EndorsementPlugin = "escc",
            ValidationParameter = ByteString.CopyFrom(0xfb, 0xff),
            Collections = new CollectionConfigPackage { Config = { new CollectionConfig { StaticCollectionConfig = new StaticCollectionConfig { Name = "c1", MaximumPeerCount = 1 } } } },
        };
        result.Approvals["Org2MSP"] = false;
        result.Approvals["Org1MSP"] = true;

        using var json = JsonDocument.Parse(PeerCliJson.Format(result));
        var root = json.RootElement;
        root.GetProperty("sequence").ValueKind.Should().Be(JsonValueKind.Number);
        root.GetProperty("sequence").GetInt64().Should().Be(2);
        root.GetProperty("validation_parameter").GetString().Should().Be("+/8=");
        root.TryGetProperty("init_required", out _).Should().BeFalse("false is left out, as omitempty does");
        root.TryGetProperty("validation_plugin", out _).Should().BeFalse();
        root.GetProperty("approvals").EnumerateObject().Select(p => p.Name).Should().Equal("Org1MSP", "Org2MSP");
        root.GetProperty("approvals").GetProperty("Org2MSP").GetBoolean().Should().BeFalse();
        var collection = root.GetProperty("collections").GetProperty("config")[0].GetProperty("Payload").GetProperty("static_collection_config");
        collection.GetProperty("name").GetString().Should().Be("c1");
        collection.GetProperty("maximum_peer_count").GetInt32().Should().Be(1);
    }
}
