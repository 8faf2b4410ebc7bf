using System.Security.Cryptography;
using System.Text;
using Fabric.Chaincode.Testing;
using FluentAssertions;

namespace Fabric.Chaincode.Tests.Testing;

/// <summary>
/// The in-memory stub's ledger rules as a Fabric v2.5 peer applies them: collection configuration and membership,
/// the state database's key and value checks, key-level policies at commit, events, transient data, pages and
/// transaction IDs (core/chaincode/handler.go, statedb/statecouchdb, validation/tx_ops.go).
/// </summary>
public sealed class InMemoryChaincodeStubLedgerRulesTests
{
    private const string Collection = "secrets";
    private readonly InMemoryChaincodeStub _stub = new("trade");

    // ---- Collections of the chaincode definition ----

    [Fact]
    public async Task PrivateData_UndefinedCollection_IsRefusedWithFabricText()
    {
        _stub.ChaincodeName = "trade-finance";
        _stub.DefineCollection(Collection, ["IssuingBankMSP"]);

        var write = () => _stub.PutPrivateDataAsync("secretz", "k", Bytes("v"));
        var hash = () => _stub.GetPrivateDataHashAsync("secretz", "k");

        (await write.Should().ThrowAsync<ChaincodeException>()).Which.Message.Should().Be(
            "PUT_STATE failed: transaction ID: tx000001: collection trade/trade-finance/secretz could not be found");
        (await hash.Should().ThrowAsync<ChaincodeException>()).Which.Message.Should().Be(
            "GET_PRIVATE_DATA_HASH failed: transaction ID: tx000001: collection [secretz] not defined in the collection config for chaincode [trade-finance]");
        var implicitCollection = () => _stub.PutPrivateDataAsync("_implicit_org_CarrierMSP", "k", Bytes("v"));
        await implicitCollection.Should().NotThrowAsync("every organization has an implicit collection, open to any writer");
    }

    [Fact]
    public async Task PrivateData_MemberOnlyReadAndWrite_RefuseNonMemberCreators()
    {
        using var member = TestIdentities.CreateCertificate("alice");
        using var outsider = TestIdentities.CreateCertificate("carol");
        _stub.DefineCollection(Collection, ["IssuingBankMSP"], memberOnlyRead: true, memberOnlyWrite: true);
        _stub.SetCreator("CarrierMSP", outsider);

        var read = () => _stub.GetPrivateDataAsync(Collection, "k");
        var write = () => _stub.PutPrivateDataAsync(Collection, "k", Bytes("v"));

        (await read.Should().ThrowAsync<ChaincodeException>()).Which.Message.Should().Be(
            "GET_STATE failed: transaction ID: tx000001: tx creator does not have read access permission on privatedata in chaincodeName:chaincode collectionName: secrets");
        await write.Should().ThrowAsync<ChaincodeException>().WithMessage("PUT_STATE failed: *tx creator does not have write access permission*");
        _stub.SetCreator("IssuingBankMSP", member);
        await read.Should().NotThrowAsync();
        await write.Should().NotThrowAsync();
    }

    [Fact]
    public async Task PrivateData_OnPeerOutsideTheCollection_OnlyHashesAreThere()
    {
        _stub.DefineCollection(Collection, ["IssuingBankMSP"]);
        await _stub.PutPrivateDataAsync(Collection, "k", Bytes("v"));
        _stub.Commit();
        _stub.LocalMspId = "CarrierMSP";

        var read = () => _stub.GetPrivateDataAsync(Collection, "k");

        (await read.Should().ThrowAsync<ChaincodeException>()).Which.Message.Should().Be(
            "GET_STATE failed: transaction ID: tx000002: private data matching public hash version is not available. " +
            "Public hash version = {BlockNum: 1, TxNum: 0}, Private data version = <nil>");
        (await _stub.GetPrivateDataAsync(Collection, "missing")).Should().BeNull();
        (await _stub.GetPrivateDataHashAsync(Collection, "k")).Should().Equal(SHA256.HashData(Bytes("v")));
        (await Keys(_stub.GetPrivateDataByRange(Collection, string.Empty, string.Empty))).Should().BeEmpty();
    }

    [Fact]
    public async Task DefineCollections_CollectionsConfigJson_MembersComeFromThePolicy()
    {
        using var outsider = TestIdentities.CreateCertificate("carol");
        _stub.DefineCollections("""
            [{ "name": "pricing", "policy": "OR('Org1MSP.member', 'Org2MSP.peer')", "requiredPeerCount": 1, "maxPeerCount": 2,
               "blockToLive": 0, "memberOnlyRead": true, "memberOnlyWrite": false }]
            """);
        _stub.SetCreator("Org3MSP", outsider);

        var write = () => _stub.PutPrivateDataAsync("pricing", "k", Bytes("v"));
        var read = () => _stub.GetPrivateDataAsync("pricing", "k");

        await write.Should().NotThrowAsync("memberOnlyWrite is false");
        await read.Should().ThrowAsync<ChaincodeException>().WithMessage("*does not have read access permission*");
        _stub.Rollback();
        _stub.LocalMspId = "Org2MSP";
        await _stub.PutPrivateDataAsync("pricing", "k", Bytes("v"));
        _stub.Commit();
        _stub.SetCreator("Org2MSP", outsider);
        (await _stub.GetPrivateDataAsync("pricing", "k")).Should().Equal(Bytes("v"), "Org2MSP is named in the policy, so its peer holds the values");
    }

    // ---- Keys and values (state database) ----

    [Fact]
    public async Task PutStateAsync_KeyBeginningWithUnderscore_IsRefusedByCouchDbOnly()
    {
        var write = () => _stub.PutStateAsync("_design", Bytes("v"));

        await write.Should().ThrowAsync<ChaincodeException>()
            .WithMessage("PUT_STATE failed: transaction ID: tx000001: invalid key [_design], cannot begin with \"_\"");
        _stub.Rollback();
        _stub.StateDatabase = StateDatabase.LevelDb;
        await write.Should().NotThrowAsync();
    }

    [Fact]
    public async Task DeleteStateAsync_EmptyKey_IsRefusedByCouchDb()
    {
        var delete = () => _stub.DeleteStateAsync(string.Empty);

        await delete.Should().ThrowAsync<ChaincodeException>()
            .WithMessage("DEL_STATE failed: transaction ID: tx000001: invalid key. Empty string is not supported as a key by couchdb");
    }

    [Fact]
    public async Task PutStateAsync_EmptyKey_IsRefusedByTheShim()
    {
        _stub.StateDatabase = StateDatabase.LevelDb;

        var write = () => _stub.PutStateAsync(string.Empty, Bytes("v"));

        await write.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task PutPrivateDataAsync_JsonWithReservedField_IsRefusedByCouchDb()
    {
        var write = () => _stub.PutPrivateDataAsync(Collection, "k", Bytes("""{"id":"a","_rev":"1"}"""));

        await write.Should().ThrowAsync<ChaincodeException>()
            .WithMessage("PUT_STATE failed: transaction ID: tx000001: field [_rev] is not valid for the CouchDB state database");
        var nested = () => _stub.PutStateAsync("k", Bytes("""{"inner":{"_id":"x"},"list":["_a"]}"""));
        await nested.Should().NotThrowAsync("only top-level fields are reserved");
    }

    [Fact]
    public async Task PutStateAsync_KeyBeginningWithNullOutsideCompositeKeys_IsStoredAsFabricDoes()
    {
        await _stub.PutStateAsync("\u0000not-composite", Bytes("v"));
        _stub.Commit();

        (await _stub.GetStateAsync("\u0000not-composite")).Should().Equal(Bytes("v"));
        var range = () => _stub.GetStateByRange("\u0000a", string.Empty);
        range.Should().Throw<ArgumentException>("a simple-key range must not reach into the composite key namespace");
    }

    [Fact]
    public async Task GetQueryResult_OnLevelDb_IsRefusedWithFabricText()
    {
        _stub.StateDatabase = StateDatabase.LevelDb;
        _stub.RichQueryHandler = (_, _) => [];

        var query = () => Keys(_stub.GetQueryResult("{}"));
        var paginated = () => _stub.GetQueryResultWithPaginationAsync("{}", 10, string.Empty);

        await query.Should().ThrowAsync<ChaincodeException>()
            .WithMessage("GET_QUERY_RESULT failed: transaction ID: tx000001: ExecuteQuery not supported for leveldb");
        await paginated.Should().ThrowAsync<ChaincodeException>().WithMessage("*ExecuteQueryWithMetadata not supported for leveldb");
    }

    [Fact]
    public async Task Keys_WithLoneSurrogates_TravelAsUtf8()
    {
        await _stub.PutStateAsync("id-\uD800", Bytes("v"));
        _stub.Commit();

        (await _stub.GetStateAsync("id-\uDBFF")).Should().Equal(Bytes("v"), "both keys reach the peer as id-U+FFFD");
        _stub.State.Keys.Should().Equal("id-\uFFFD");
    }

    [Fact]
    public async Task PutStateAsync_EmptyValue_DeletesTheKey()
    {
        await _stub.PutStateAsync("k", Bytes("v"));
        _stub.Commit();

        await _stub.PutStateAsync("k", ReadOnlyMemory<byte>.Empty);
        _stub.Commit();

        _stub.State.Should().NotContainKey("k");
    }

    // ---- Key-level endorsement at commit ----

    [Fact]
    public async Task Commit_DeletingAKey_RemovesItsValidationParameter()
    {
        await _stub.PutStateAsync("k", Bytes("v"));
        await _stub.SetStateValidationParameterAsync("k", Bytes("policy"));
        _stub.Commit();
        (await _stub.GetStateValidationParameterAsync("k")).Should().Equal(Bytes("policy"));

        await _stub.DeleteStateAsync("k");
        _stub.Commit();
        await _stub.PutStateAsync("k", Bytes("again"));
        _stub.Commit();

        (await _stub.GetStateValidationParameterAsync("k")).Should().BeNull();
    }

    [Fact]
    public async Task Commit_ValidationParameterOfMissingKey_IsDropped()
    {
        await _stub.SetStateValidationParameterAsync("k", Bytes("policy"));
        await _stub.SetPrivateDataValidationParameterAsync(Collection, "k", Bytes("policy"));
        _stub.Commit();

        (await _stub.GetStateValidationParameterAsync("k")).Should().BeNull();
        (await _stub.GetPrivateDataValidationParameterAsync(Collection, "k")).Should().BeNull();
    }

    [Fact]
    public async Task Commit_UpdatingValue_KeepsValidationParameter()
    {
        await _stub.PutPrivateDataAsync(Collection, "k", Bytes("v"));
        await _stub.SetPrivateDataValidationParameterAsync(Collection, "k", Bytes("policy"));
        _stub.Commit();

        await _stub.PutPrivateDataAsync(Collection, "k", Bytes("v2"));
        _stub.Commit();

        (await _stub.GetPrivateDataValidationParameterAsync(Collection, "k")).Should().Equal(Bytes("policy"));
    }

    // ---- Events, transient data, pages, transaction IDs ----

    [Fact]
    public async Task SetEvent_CalledTwice_LastEventWins()
    {
        var chaincode = new DelegateChaincode(stub =>
        {
            stub.SetEvent("First", Bytes("1"));
            stub.SetEvent("Second", Bytes("2"));
            return Task.CompletedTask;
        });

        await _stub.InvokeAsync(chaincode);

        _stub.Events.Should().ContainSingle().Which.Name.Should().Be("Second");
    }

    [Fact]
    public async Task TransientData_LastsOneTransaction()
    {
        var seen = new List<int>();
        var chaincode = new DelegateChaincode(stub =>
        {
            seen.Add(stub.Transient.Count);
            return Task.CompletedTask;
        });
        _stub.TransientData["price"] = Bytes("12");

        await _stub.InvokeAsync(chaincode);
        await _stub.InvokeAsync(chaincode);

        seen.Should().Equal(1, 0);
    }

    [Fact]
    public async Task QueryPage_SecondEnumeration_IsRefusedAsByTheShim()
    {
        await _stub.PutStateAsync("k", Bytes("v"));
        _stub.Commit();
        await using var page = await _stub.GetStateByRangeWithPaginationAsync("a", "z", 10, string.Empty);
        await Keys(page);

        var again = () => Keys(page);

        await again.Should().ThrowAsync<InvalidOperationException>().WithMessage("*only once*");
    }

    [Fact]
    public void StartTransaction_CommittedTxId_IsRefusedAsDuplicate()
    {
        _stub.StartTransaction("tx-1");
        _stub.Commit();

        var again = () => _stub.StartTransaction("tx-1");

        again.Should().Throw<InvalidOperationException>().WithMessage("duplicate transaction found [tx-1]*");
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<List<string>> Keys(IAsyncEnumerable<KeyValue> results)
    {
        var keys = new List<string>();
        await foreach (var kv in results)
        {
            keys.Add(kv.Key);
        }

        return keys;
    }

    private sealed class DelegateChaincode(Func<IChaincodeStub, Task> body) : IChaincode
    {
        public async Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken)
        {
            await body(stub);
            return ChaincodeResponse.Success();
        }

        public async Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken)
        {
            await body(stub);
            return ChaincodeResponse.Success();
        }
    }
}
