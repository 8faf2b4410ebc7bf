using System.Text;
using System.Text.Json;
using Fabric.Gateway.Client;
using FluentAssertions;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.DevNetwork;

/// <summary>The main job as a user starts it: `up` with the repository's network file starts every chaincode, and they answer.</summary>
[Collection(FabricNetworksGroup.Name)]
public sealed class DevNetworkSmokeTests(DevNetworkFixture devNetwork)
{
    public static TheoryData<string, string, string> ChaincodeProcesses() => new()
    {
        { "trade", "trade-finance", "IssuingBankMSP" },
        { "trade", "trade-finance", "AdvisingBankMSP" },
        { "trade", "trade-finance", "CarrierMSP" },
        { "pharma", "pharma-settlement", "ManufacturerMSP" },
        { "pharma", "pharma-settlement", "WholesalerMSP" },
        { "pharma", "pharma-settlement", "PharmacyMSP" },
        { "health", "health-records", "HospitalAMSP" },
        { "health", "health-records", "HospitalBMSP" },
    };

    /// <summary>Each organization's peer dials its own chaincode process; every one of the eight answers.</summary>
    [Theory]
    [MemberData(nameof(ChaincodeProcesses))]
    public async Task EveryOrganizationsChaincodeProcess_IsReachableThroughItsOwnPeer(string channel, string chaincode, string mspId)
    {
        var network = devNetwork.Network;
        var user = await network.EnrollAsync(mspId, UniqueIds.New("smoke"));
        var contract = network.Connect(user).GetNetwork(channel).GetContract(chaincode);

        var metadata = await contract.EvaluateTransactionAsync("org.hyperledger.fabric:GetMetadata");

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(metadata));
        document.RootElement.GetProperty("contracts").EnumerateObject().Should().NotBeEmpty();
    }

    [Fact]
    public async Task UsersOfTheNetworkFile_AreEnrolledOnFirstStart_WithTheirAttributes()
    {
        var network = devNetwork.Network;
        var folder = Path.Combine(network.Organization("HospitalAMSP").OrganizationDirectory, "users", "patient-42@hospitala.example.com", "msp");
        var credentials = await Fabric.Gateway.Client.Identity.MspFolder.LoadAsync(folder, "HospitalAMSP");
        using var certificate = credentials.Identity.CreateCertificate();

        var attributes = certificate.Extensions.Single(e => e.Oid?.Value == "1.2.3.4.5.6.7.8.1");
        using var json = JsonDocument.Parse(attributes.RawData);
        json.RootElement.GetProperty("attrs").GetProperty("role").GetString().Should().Be("patient");
        json.RootElement.GetProperty("attrs").GetProperty("patientId").GetString().Should().Be("patient-42");
    }
}
