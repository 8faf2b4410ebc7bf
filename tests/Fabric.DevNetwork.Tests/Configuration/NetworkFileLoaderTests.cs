using Fabric.DevNetwork.Configuration;
using Fabric.TestSupport;
using FluentAssertions;

namespace Fabric.DevNetwork.Tests.Configuration;

public sealed class NetworkFileLoaderTests
{
    [Fact]
    public void Load_DefaultNetwork_HasTheThreeBusinessChannels()
    {
        var network = NetworkFileLoader.Load(RepositoryLayout.PathOf("fabric-network", "config", "network.yaml"));

        network.Channels.Select(c => c.Name).Should().Equal("trade", "pharma", "health");
        network.Channels.Single(c => c.Name == "trade").Organizations.Should().Equal("IssuingBankMSP", "AdvisingBankMSP", "CarrierMSP");
        network.Channels.Single(c => c.Name == "pharma").Organizations.Should().Equal("ManufacturerMSP", "WholesalerMSP", "PharmacyMSP");
        network.Channels.Single(c => c.Name == "health").Organizations.Should().Equal("HospitalAMSP", "HospitalBMSP");
        network.Organizations.Select(o => o.PeerPort).Should().OnlyHaveUniqueItems();
        network.Channels.SelectMany(c => c.Chaincodes).Should().OnlyContain(c => c.Enabled && c.CollectionsConfig != null);
        network.Channels.Single(c => c.Name == "health").Chaincodes.Single().Endpoints.Keys.Should().Equal("HospitalAMSP", "HospitalBMSP");
        network.Users.Single(u => u.Name == "patient-42").Attributes.Should().Contain("patientId", "patient-42");
    }

    [Fact]
    public void Validate_UserOfUnknownOrganizationOrBadName_IsRefused()
    {
        var network = NetworkFileLoader.Parse("""
            organizations:
              - { mspId: Org1MSP, domain: org1.example.com, peerPort: 7051 }
            users:
              - { name: alice, organization: Org9MSP }
              - { name: "bob@org1", organization: Org1MSP }
            """, "users.yaml");

        var act = () => NetworkFileLoader.Validate(network);

        act.Should().Throw<NetworkFileException>()
            .Which.Message.Should().Contain("user alice names unknown organization 'Org9MSP'")
            .And.Contain("user name 'bob@org1' is invalid");
    }

    [Fact]
    public void Load_TwoOrgNetwork_ResolvesChaincodeEndpointAndCollections()
    {
        var network = NetworkFileLoader.Load(RepositoryLayout.PathOf("fabric-network", "config", "two-org-network.yaml"));

        var chaincode = network.Channels.Single().Chaincodes.Single();
        chaincode.Name.Should().Be("basic");
        NetworkFileLoader.EndpointFor(chaincode, "Org2MSP")!.Address.Should().Be("localhost:9999");
        File.Exists(NetworkFileLoader.ResolvePath(network, chaincode.CollectionsConfig!)).Should().BeTrue();
    }

    [Fact]
    public void Parse_JsonNetworkFile_IsAccepted()
    {
        var network = NetworkFileLoader.Parse("""
            {"organizations": [{"mspId": "Org1MSP", "domain": "org1.example.com", "peerPort": 7051}],
             "channels": [{"name": "mychannel", "organizations": ["Org1MSP"],
                           "chaincodes": [{"name": "cc", "endorsementPolicy": "OR('Org1MSP.peer')",
                                           "endpoints": {"Org1MSP": {"address": "localhost:9999", "packageId": "cc_1:abc"}}}]}]}
            """, "inline.json");

        NetworkFileLoader.Validate(network);

        network.Channels[0].Chaincodes[0].Endpoints["Org1MSP"].PackageId.Should().Be("cc_1:abc");
    }

    [Fact]
    public void Validate_SeveralMistakes_ListsEveryProblem()
    {
        var network = NetworkFileLoader.Parse("""
            organizations:
              - { mspId: Org1MSP, domain: org1.example.com, peerPort: 7051 }
              - { mspId: Org1MSP, domain: org2.example.com, peerPort: 7051 }
            channels:
              - name: MyChannel
                organizations: [Org1MSP, Org9MSP]
                chaincodes:
                  - { name: cc, endorsementPolicy: "AND('Org1MSP.peer'" }
            """, "broken.yaml");

        var act = () => NetworkFileLoader.Validate(network);

        act.Should().Throw<NetworkFileException>()
            .Which.Message.Should().Contain("MSP ID Org1MSP is used twice")
            .And.Contain("port 7051")
            .And.Contain("channel name 'MyChannel' is invalid")
            .And.Contain("unknown organization Org9MSP")
            .And.Contain("invalid signature policy")
            .And.Contain("no endpoint address for Org1MSP");
    }
}
