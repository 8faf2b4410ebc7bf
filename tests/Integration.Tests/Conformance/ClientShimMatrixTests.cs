using System.Text;
using System.Text.Json;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using Fabric.Protos.Peer;
using Fabric.TestSupport;
using FluentAssertions;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.Conformance;

/// <summary>
/// Every client against every shim on the dev network: the official Node client against chaincode written with our
/// .NET shim, and our .NET client against chaincode written with the official Node fabric-contract-api and with ours.
/// </summary>
[Collection(ConformanceNetworkGroup.Name)]
public sealed class ClientShimMatrixTests(ConformanceNetworkFixture fixture)
{
    private const string Channel = "mychannel";

    [Fact]
    public async Task OfficialNodeClient_AgainstDotNetShimChaincode_PassesTheAcceptanceScenarios()
    {
        var network = fixture.Network;
        var user = await network.EnrollAsync("Org1MSP", UniqueIds.New("node-client"));
        var organization = network.Organization("Org1MSP");
        var configPath = Path.Combine(network.DataDirectory, $"{user.Name}.json");
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(new
        {
            peerAddress = organization.PeerAddress.Authority,
            tlsCaPath = organization.TlsCaCertificatePath,
            mspId = "Org1MSP",
            certPath = Directory.GetFiles(Path.Combine(user.MspDirectory, "signcerts")).Single(),
            keyPath = Directory.GetFiles(Path.Combine(user.MspDirectory, "keystore")).Single(),
            channel = Channel,
            chaincode = "basic",
        }));

        var output = await NodeScript.RunAsync("devnet/gateway-scenarios.js", TimeSpan.FromSeconds(90), configPath);

        using var document = JsonDocument.Parse(output);
        var results = document.RootElement;
        results.GetProperty("submitResult").GetString().Should().Be("green");
        results.GetProperty("evaluateResult").GetString().Should().Be("green");
        results.GetProperty("commitStatus").GetProperty("code").GetInt32().Should().Be(0);
        results.GetProperty("chaincodeEvent").GetProperty("name").GetString().Should().Be("put");
        results.GetProperty("chaincodeEvent").GetProperty("payload").GetString().Should().Be("E1");
        results.GetProperty("blockDataHashesMatch").EnumerateArray().Should().OnlyContain(m => m.GetBoolean());
        results.GetProperty("privateResult").GetString().Should().Be("hush");
        results.GetProperty("privateDataCollections").EnumerateArray().Select(c => c.GetString()).Should().Equal("basic/sharedCollection");
        results.GetProperty("privateInBlock").GetBoolean().Should().BeFalse("only hashes of private data go into blocks");

        var evaluateError = results.GetProperty("evaluateError");
        evaluateError.GetProperty("code").GetInt32().Should().Be(2, "UNKNOWN, as Fabric's gateway returns for a failing evaluate");
        evaluateError.GetProperty("details")[0].GetProperty("message").GetString().Should().Be("chaincode response 500, deliberate failure");
        var endorseError = results.GetProperty("endorseError");
        endorseError.GetProperty("name").GetString().Should().Be("EndorseError");
        endorseError.GetProperty("code").GetInt32().Should().Be(10, "ABORTED");
        results.GetProperty("unknownChaincodeError").GetProperty("code").GetInt32().Should().Be(9, "FAILED_PRECONDITION");
        results.GetProperty("mvccCodes").EnumerateArray().Select(c => c.GetInt32()).Should().Equal(0, 11);
        results.GetProperty("offlineStatus").GetInt32().Should().Be(0);
        results.GetProperty("offlineResult").GetString().Should().Be("signed-elsewhere");
    }

    /// <summary>Transaction names of the same operations in the two chaincodes.</summary>
    public sealed record Chaincode(string Name, string Put, string Get, string PutPrivate, string GetPrivate, string Fail, string Range, string Identity, string Event)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Chaincode> Chaincodes() => new()
    {
        new Chaincode("asset", "asset:Put", "asset:Get", "asset:PutPrivate", "asset:GetPrivate", "asset:Fail", "asset:Range", "asset:Identity", "asset:Emit"),
        new Chaincode("basic", "put", "get", "putPrivate", "getPrivate", "fail", "range", "whoami", "put"),
    };

    [Theory]
    [MemberData(nameof(Chaincodes))]
    public async Task DotNetClient_SubmitsEvaluatesAndReadsEvents(Chaincode chaincode)
    {
        var network = fixture.Network;
        var user = await network.EnrollAsync("Org2MSP", UniqueIds.New("dotnet-client"));
        var gateway = network.Connect(user);
        var contract = gateway.GetNetwork(Channel).GetContract(chaincode.Name);
        var key = UniqueIds.New("k");

        var submitted = await contract.SubmitToOrdererAsync(chaincode.Put, new ProposalOptions().AddArguments(key, "blue"));
        var status = await submitted.GetStatusAsync();
        status.Code.Should().Be(TxValidationCode.Valid);
        Encoding.UTF8.GetString(await contract.EvaluateTransactionAsync(chaincode.Get, key)).Should().Be("blue");

        // The peer told the chaincode process which organization it serves; the creator is the client's MSP.
        using var identity = JsonDocument.Parse(await contract.EvaluateTransactionAsync(chaincode.Identity));
        identity.RootElement.GetProperty("peer").GetString().Should().Be("Org2MSP");
        identity.RootElement.GetProperty("creator").GetString().Should().Be("Org2MSP");

        // A chaincode event, replayed from the block the transaction committed in.
        var eventName = chaincode.Name == "asset" ? UniqueIds.New("evt") : "put";
        var emitted = chaincode.Name == "asset"
            ? await contract.SubmitToOrdererAsync(chaincode.Event, new ProposalOptions().AddArguments(eventName, "payload-1"))
            : await contract.SubmitToOrdererAsync(chaincode.Put, new ProposalOptions().AddArguments(UniqueIds.New("k"), "payload-1"));
        var emittedStatus = await emitted.GetStatusAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Fabric.Gateway.Client.ChaincodeEvent? seen = null;
        await foreach (var e in gateway.GetNetwork(Channel).GetChaincodeEventsAsync(chaincode.Name, new() { StartBlock = emittedStatus.BlockNumber }, timeout.Token))
        {
            if (e.TransactionId == emitted.TransactionId)
            {
                seen = e;
                break;
            }
        }

        seen.Should().NotBeNull();
        seen!.EventName.Should().Be(eventName);
        Encoding.UTF8.GetString(seen.Payload.Span).Should().Be("payload-1");
        seen.BlockNumber.Should().Be(emittedStatus.BlockNumber);
    }

    [Theory]
    [MemberData(nameof(Chaincodes))]
    public async Task DotNetClient_PrivateDataTravelsInTransientAndStaysOutOfBlocks(Chaincode chaincode)
    {
        var network = fixture.Network;
        var user = await network.EnrollAsync("Org1MSP", UniqueIds.New("private"));
        var gateway = network.Connect(user);
        var contract = gateway.GetNetwork(Channel).GetContract(chaincode.Name);
        var key = UniqueIds.New("secret");
        var secret = UniqueIds.New("confidential-value");

        var submitted = await contract.SubmitToOrdererAsync(chaincode.PutPrivate,
            new ProposalOptions().AddArguments("sharedCollection", key).AddTransientData("value", secret));
        var status = await submitted.GetStatusAsync();
        status.Code.Should().Be(TxValidationCode.Valid);

        Encoding.UTF8.GetString(await contract.EvaluateTransactionAsync(chaincode.GetPrivate, "sharedCollection", key)).Should().Be(secret);
        await foreach (var block in gateway.GetNetwork(Channel).GetBlockEventsAsync(new() { StartBlock = status.BlockNumber }))
        {
            Encoding.UTF8.GetString(Google.Protobuf.MessageExtensions.ToByteArray(block)).Should().NotContain(secret, "the block carries only hashes of private writes");
            break;
        }
    }

    [Theory]
    [MemberData(nameof(Chaincodes))]
    public async Task DotNetClient_ChaincodeFailure_NamesTheEndorserAndTheChaincodeMessage(Chaincode chaincode)
    {
        var network = fixture.Network;
        var user = await network.EnrollAsync("Org1MSP", UniqueIds.New("errors"));
        var contract = network.Connect(user).GetNetwork(Channel).GetContract(chaincode.Name);
        var message = chaincode.Name == "asset" ? "refused on purpose" : "deliberate failure";
        string[] arguments = chaincode.Name == "asset" ? [message] : [];

        var evaluate = () => contract.EvaluateTransactionAsync(chaincode.Fail, arguments);
        var evaluated = (await evaluate.Should().ThrowAsync<GatewayException>()).Which;
        evaluated.StatusCode.Should().Be(Grpc.Core.StatusCode.Unknown);
        evaluated.Details.Should().ContainSingle().Which.Message.Should().Be($"chaincode response 500, {message}");

        var submit = () => contract.SubmitTransactionAsync(chaincode.Fail, arguments);
        var endorsed = (await submit.Should().ThrowAsync<EndorseException>()).Which;
        endorsed.StatusCode.Should().Be(Grpc.Core.StatusCode.Aborted);
        endorsed.Details.Should().NotBeEmpty().And.OnlyContain(d => d.Message.Contains(message, StringComparison.Ordinal));
        endorsed.Details.Select(d => d.MspId).Should().BeSubsetOf(["Org1MSP", "Org2MSP"]);
    }

    [Theory]
    [MemberData(nameof(Chaincodes))]
    public async Task DotNetClient_RangeQuery_SeesCommittedKeysInOrder(Chaincode chaincode)
    {
        var network = fixture.Network;
        var user = await network.EnrollAsync("Org1MSP", UniqueIds.New("range"));
        var contract = network.Connect(user).GetNetwork(Channel).GetContract(chaincode.Name);
        var prefix = UniqueIds.New("r") + "-";
        await Task.WhenAll(new[] { "c", "a", "b" }.Select(suffix => contract.SubmitTransactionAsync(chaincode.Put, prefix + suffix, suffix)));

        var json = Encoding.UTF8.GetString(await contract.EvaluateTransactionAsync(chaincode.Range, prefix, prefix + "~"));

        using var document = JsonDocument.Parse(json);
        var keys = document.RootElement.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetProperty("key").GetString())
            .ToList();
        keys.Should().Equal(prefix + "a", prefix + "b", prefix + "c");
    }

    [Fact]
    public async Task ChaincodeToChaincode_NodeAndDotNetChaincodesCallEachOther_OnTheSameChannel()
    {
        var network = fixture.Network;
        var user = await network.EnrollAsync("Org1MSP", UniqueIds.New("c2c"));
        var channel = network.Connect(user).GetNetwork(Channel);
        var dotnetKey = UniqueIds.New("c2c");
        var nodeKey = UniqueIds.New("c2c");
        await channel.GetContract("basic").SubmitTransactionAsync("put", dotnetKey, "from-dotnet");
        await channel.GetContract("asset").SubmitTransactionAsync("asset:Put", nodeKey, "from-node");

        using var nodeCallsDotNet = JsonDocument.Parse(await channel.GetContract("asset").EvaluateTransactionAsync("asset:Call", "basic", "get", dotnetKey));
        nodeCallsDotNet.RootElement.GetProperty("status").GetInt32().Should().Be(200);
        nodeCallsDotNet.RootElement.GetProperty("payload").GetString().Should().Be("from-dotnet");

        using var dotNetCallsNode = JsonDocument.Parse(await channel.GetContract("basic").EvaluateTransactionAsync("call", "asset", "asset:Get", nodeKey));
        dotNetCallsNode.RootElement.GetProperty("status").GetInt32().Should().Be(200);
        dotNetCallsNode.RootElement.GetProperty("payload").GetString().Should().Be("from-node");
    }
}
