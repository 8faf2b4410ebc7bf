using System.Text.Json;
using Fabric.DevNetwork.Tests.TestDoubles;
using Fabric.TestSupport;
using FluentAssertions;

namespace Fabric.DevNetwork.Tests.Conformance;

/// <summary>
/// The official Node client @hyperledger/fabric-gateway (npm), unchanged, against the dev network: scenarios of
/// fabric-gateway's acceptance suite (tests/conformance/devnet/gateway-scenarios.js).
/// </summary>
public sealed class NodeGatewayClientTests
{
    [Fact]
    public async Task OfficialNodeClient_AcceptanceScenarios_BehaveAsOnFabric()
    {
        await using var network = await TestNetwork.StartAsync();
        var userMsp = network.UserMsp("Org1MSP");
        var configPath = Path.Combine(network.DataDirectory, "node-client.json");
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(new
        {
            peerAddress = network.PeerAddress("Org1MSP"),
            tlsCaPath = network.TlsCaPath("Org1MSP"),
            mspId = "Org1MSP",
            certPath = Directory.GetFiles(Path.Combine(userMsp, "signcerts")).Single(),
            keyPath = Path.Combine(userMsp, "keystore", "priv_sk"),
            channel = TestNetwork.Channel,
            chaincode = TestNetwork.Chaincode,
        }));

        var output = await NodeScript.RunAsync("devnet/gateway-scenarios.js", TimeSpan.FromSeconds(60), configPath);

        using var document = JsonDocument.Parse(output);
        var results = document.RootElement;
        results.GetProperty("submitResult").GetString().Should().Be("green");
        results.GetProperty("evaluateResult").GetString().Should().Be("green");
        results.GetProperty("commitStatus").GetProperty("successful").GetBoolean().Should().BeTrue();
        results.GetProperty("commitStatus").GetProperty("code").GetInt32().Should().Be(0);
        results.GetProperty("chaincodeEvent").GetProperty("name").GetString().Should().Be("put");
        results.GetProperty("chaincodeEvent").GetProperty("payload").GetString().Should().Be("E1");
        results.GetProperty("blockDataHashesMatch").EnumerateArray().Should().OnlyContain(m => m.GetBoolean());
        results.GetProperty("filteredTransaction").GetProperty("validationCode").GetInt32().Should().Be(0);
        results.GetProperty("privateResult").GetString().Should().Be("hush");
        results.GetProperty("privateDataCollections").EnumerateArray().Select(c => c.GetString()).Should().Equal("basic/sharedCollection");
        results.GetProperty("privateInBlock").GetBoolean().Should().BeFalse("only hashes of private data go into blocks");

        var evaluateError = results.GetProperty("evaluateError");
        evaluateError.GetProperty("name").GetString().Should().Be("GatewayError");
        evaluateError.GetProperty("code").GetInt32().Should().Be(2, "UNKNOWN, as Fabric's gateway returns for a failing evaluate");
        evaluateError.GetProperty("details")[0].GetProperty("mspId").GetString().Should().Be("Org1MSP");
        evaluateError.GetProperty("details")[0].GetProperty("message").GetString().Should().Be("chaincode response 500, deliberate failure");

        var endorseError = results.GetProperty("endorseError");
        endorseError.GetProperty("name").GetString().Should().Be("EndorseError");
        endorseError.GetProperty("code").GetInt32().Should().Be(10, "ABORTED");
        endorseError.GetProperty("details")[0].GetProperty("address").GetString().Should().Be(network.PeerAddress("Org1MSP"));

        results.GetProperty("unknownChaincodeError").GetProperty("code").GetInt32().Should().Be(9, "FAILED_PRECONDITION");
        results.GetProperty("mvccCodes").EnumerateArray().Select(c => c.GetInt32()).Should().Equal(0, 11);
        results.GetProperty("mvccSubmitStatus").GetInt32().Should().Be(11, "MVCC_READ_CONFLICT");
        results.GetProperty("offlineStatus").GetInt32().Should().Be(0);
        results.GetProperty("offlineResult").GetString().Should().Be("signed-elsewhere");
    }
}
