using System.Text;
using System.Text.Json.Nodes;
using Fabric.Chaincode.Contracts;
using Fabric.Chaincode.Testing;
using FluentAssertions;

namespace Fabric.Chaincode.Tests.Contracts;

public sealed class ContractChaincodeTests
{
    private readonly ContractChaincode _chaincode = ContractChaincode.Create(typeof(AssetContract), typeof(AuditContract));
    private readonly InMemoryChaincodeStub _stub = new("trade");

    [Fact]
    public async Task InvokeAsync_BareNameAndQualifiedName_BothReachTheDefaultContract()
    {
        var created = await _stub.InvokeAsync(_chaincode, "Create", "a1", "alice", "300");
        var read = await _stub.InvokeAsync(_chaincode, "AssetContract:Read", "a1");

        created.Status.Should().Be(200);
        Text(read).Should().Be("""{"id":"a1","owner":"alice","appraisedValue":300,"status":"Active"}""");
        _stub.Events.Should().ContainSingle(e => e.Name == "AssetCreated");
    }

    [Fact]
    public async Task InvokeAsync_NamedContract_IsRouted()
    {
        var response = await _stub.InvokeAsync(_chaincode, "Audit:Ping", "hello");

        Text(response).Should().Be("audit:hello");
    }

    [Fact]
    public async Task InvokeAsync_WrongArgumentCount_Returns400NamingTheParameters()
    {
        var response = await _stub.InvokeAsync(_chaincode, "Create", "a1");

        response.Status.Should().Be(400);
        response.Message.Should().Be("Transaction 'Create' expects 3 argument(s) (id, owner, appraisedValue), but received 1.");
    }

    [Fact]
    public async Task InvokeAsync_WrongArgumentType_Returns400NamingTheParameter()
    {
        var response = await _stub.InvokeAsync(_chaincode, "Create", "a1", "alice", "three hundred");

        response.Status.Should().Be(400);
        response.Message.Should().StartWith("Argument 'appraisedValue' of transaction 'Create' is not a valid integer");
    }

    [Theory]
    [InlineData("Retired")]
    [InlineData("\"Retired\"")]
    public async Task InvokeAsync_EnumArgument_AcceptsRawOrJsonString(string status)
    {
        var response = await _stub.InvokeAsync(_chaincode, "SetStatus", "a1", status);

        Text(response).Should().Be("a1:Retired");
    }

    [Fact]
    public async Task InvokeAsync_JsonObjectArgument_IsBoundAndResultIsCamelCaseJson()
    {
        var response = await _stub.InvokeAsync(_chaincode, "Update", """{"id":"a2","owner":"bob","appraisedValue":5,"status":"Retired"}""");

        Text(response).Should().Be("""{"id":"a2","owner":"bob","appraisedValue":5,"status":"Retired"}""");
        _stub.Events.Should().ContainSingle(e => e.Name == "AssetTouched", "the after hook saw the result");
    }

    [Fact]
    public async Task InvokeAsync_PrimitiveResultAndArrayArgument_AreJsonText()
    {
        var response = await _stub.InvokeAsync(_chaincode, "Count", "true", """["a","b"]""");

        Text(response).Should().Be("1002");
    }

    [Fact]
    public async Task InvokeAsync_TransientParameter_IsReadFromTransientData()
    {
        _stub.TransientData["price"] = Encoding.UTF8.GetBytes("""{"price":12.5,"currency":"EUR"}""");

        var response = await _stub.InvokeAsync(_chaincode, "SetPrice", "a1");

        Text(response).Should().Be("a1");
        Encoding.UTF8.GetString(_stub.PrivateState("_implicit_org_Org1MSP")["a1"]).Should().Be("""{"price":12.5,"currency":"EUR"}""");
    }

    [Fact]
    public async Task InvokeAsync_TransientParameterMissing_Returns400()
    {
        var response = await _stub.InvokeAsync(_chaincode, "SetPrice", "a1");

        response.Status.Should().Be(400);
        response.Message.Should().Contain("Transient data 'price' for parameter 'price'");
    }

    [Fact]
    public async Task InvokeAsync_UnknownFunctionOrContract_Returns400()
    {
        var function = await _stub.InvokeAsync(_chaincode, "Destroy");
        var contract = await _stub.InvokeAsync(_chaincode, "Nope:Destroy");
        var handled = await _stub.InvokeAsync(_chaincode, "Audit:Anything");

        function.Status.Should().Be(400);
        function.Message.Should().Be("Function 'Destroy' does not exist in contract 'AssetContract'.");
        contract.Status.Should().Be(400);
        contract.Message.Should().Be("Contract name is not known: Nope");
        handled.Status.Should().Be(200, "the Audit contract overrides UnknownTransactionAsync");
    }

    [Fact]
    public async Task InvokeAsync_BeforeHookThrows_TransactionFailsWithItsStatus()
    {
        _stub.TransientData["deny"] = [1];

        var response = await _stub.InvokeAsync(_chaincode, "Create", "a9", "mallory", "1");

        response.Status.Should().Be(403);
        _stub.State.Should().NotContainKey("a9");
    }

    [Fact]
    public async Task InvokeAsync_ChaincodeExceptionFromTransaction_IsReturnedAsResponse()
    {
        await _stub.InvokeAsync(_chaincode, "Create", "a1", "alice", "1");

        var again = await _stub.InvokeAsync(_chaincode, "Create", "a1", "alice", "1");
        var missing = await _stub.InvokeAsync(_chaincode, "Read", "zzz");

        again.Status.Should().Be(409);
        missing.Status.Should().Be(404);
        missing.Message.Should().Be("Asset zzz does not exist.");
    }

    [Fact]
    public async Task InvokeAsync_UnexpectedException_Propagates()
    {
        var invoke = () => _stub.InvokeAsync(_chaincode, "Explode");

        await invoke.Should().ThrowAsync<InvalidOperationException>().WithMessage("unexpected failure");
    }

    [Fact]
    public async Task InvokeAsync_ClientIdentity_ComesFromTheCreator()
    {
        using var certificate = TestIdentities.CreateCertificate("alice", new Dictionary<string, string> { ["role"] = "applicant" });
        _stub.SetCreator("IssuingBankMSP", certificate);

        var response = await _stub.InvokeAsync(_chaincode, "WhoAmI");

        Text(response).Should().Be("IssuingBankMSP:applicant:WhoAmI");
    }

    [Fact]
    public async Task GetMetadata_DescribesContractsTransactionsAndSchemas()
    {
        var response = await _stub.InvokeAsync(_chaincode, "org.hyperledger.fabric:GetMetadata");

        var metadata = JsonNode.Parse(Text(response))!;
        metadata["$schema"]!.GetValue<string>().Should().Be("https://hyperledger.github.io/fabric-chaincode-node/main/api/contract-schema.json");
        metadata["contracts"]!.AsObject().Select(c => c.Key).Should().Equal("AssetContract", "Audit", "org.hyperledger.fabric");
        var assets = metadata["contracts"]!["AssetContract"]!;
        assets["info"]!["title"]!.GetValue<string>().Should().Be("Assets");
        assets["contractInstance"]!["default"]!.GetValue<bool>().Should().BeTrue();
        var transactions = assets["transactions"]!.AsArray();
        transactions.Select(t => t!["name"]!.GetValue<string>()).Should().Equal("Create", "Read", "Update", "SetStatus", "Count", "SetPrice", "Explode", "WhoAmI");
        var create = transactions[0]!;
        create["tag"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("SUBMIT", "submitTx");
        create["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Equal("id", "owner", "appraisedValue");
        create["parameters"]![2]!["schema"]!["type"]!.GetValue<string>().Should().Be("integer");
        var read = transactions[1]!;
        read["tag"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("EVALUATE");
        read["parameters"]![0]!["description"]!.GetValue<string>().Should().Be("The asset ID");
        read["returns"]!["$ref"]!.GetValue<string>().Should().Be("#/components/schemas/Asset");
        transactions[5]!["parameters"]!.AsArray().Should().ContainSingle("the transient parameter is not an argument");
        var asset = metadata["components"]!["schemas"]!["Asset"]!;
        asset["$id"]!.GetValue<string>().Should().Be("Asset");
        asset["properties"]!.AsObject().Select(p => p.Key).Should().Equal("id", "owner", "appraisedValue", "status");
        asset["properties"]!["status"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("Active", "Retired");
    }

    [Fact]
    public void Create_TransactionWithoutContextParameter_Throws()
    {
        var create = () => ContractChaincode.Create(typeof(ContractWithoutContextParameter));

        create.Should().Throw<InvalidOperationException>().WithMessage("*must take a ChaincodeContext as its first parameter*");
    }

    private static string Text(ChaincodeResponse response)
    {
        response.IsSuccess.Should().BeTrue(response.Message);
        return Encoding.UTF8.GetString(response.Payload.Span);
    }
}
