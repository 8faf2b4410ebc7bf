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
    [Theory]
    [InlineData("trade", "trade-finance", "IssuingBankMSP", "TradeConfiguration:Get")]
    [InlineData("pharma", "pharma-settlement", "WholesalerMSP", "Configuration:Get")]
    [InlineData("health", "health-records", "HospitalBMSP", "Configuration:Get")]
    public async Task EveryChaincodeOfTheDefaultNetwork_IsReachable_AndAnswersFromItsOwnLedger(string channel, string chaincode, string mspId, string transaction)
    {
        var network = devNetwork.Network;
        var user = await network.EnrollAsync(mspId, UniqueIds.New("smoke"), new Dictionary<string, string> { ["role"] = "officer" });
        var contract = network.Connect(user).GetNetwork(channel).GetContract(chaincode);

        // Nothing is configured on a fresh network: the chaincode itself says so (409), which proves the peer reached it.
        var call = () => contract.EvaluateTransactionAsync(transaction);
        (await call.Should().ThrowAsync<GatewayException>()).Which.Message.Should().Contain("not configured");
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

    [Fact]
    public async Task ContractMetadata_OfEachChaincode_ListsItsContracts()
    {
        var network = devNetwork.Network;
        var user = await network.EnrollAsync("HospitalAMSP", UniqueIds.New("meta"));
        var contract = network.Connect(user).GetNetwork("health").GetContract("health-records");

        var metadata = await contract.EvaluateTransactionAsync("org.hyperledger.fabric:GetMetadata");

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(metadata));
        document.RootElement.GetProperty("contracts").EnumerateObject().Select(c => c.Name)
            .Should().Contain(["Records", "Consents", "Sharing", "Audit"]);
    }
}
