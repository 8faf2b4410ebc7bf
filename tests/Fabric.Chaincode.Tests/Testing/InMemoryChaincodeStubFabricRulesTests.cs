using System.Security.Cryptography;
using System.Text;
using Fabric.Chaincode.Testing;
using FluentAssertions;

namespace Fabric.Chaincode.Tests.Testing;

/// <summary>
/// One test per rule in which the in-memory stub behaves as a Fabric v2.5 peer's transaction simulator and handler
/// (core/ledger/kvledger/txmgmt/txmgr/tx_simulator.go, core/chaincode/handler.go), with the peer's own error text.
/// </summary>
public sealed class InMemoryChaincodeStubFabricRulesTests
{
    private const string Collection = "secrets";
    private readonly InMemoryChaincodeStub _stub = new("trade");

    // ---- No read-your-own-writes ----

    [Fact]
    public async Task GetStateAsync_AfterPutInSameTransaction_ReturnsCommittedValue()
    {
        await _stub.PutStateAsync("k", Bytes("old"));
        _stub.Commit();

        await _stub.PutStateAsync("k", Bytes("new"));

        (await _stub.GetStateAsync("k")).Should().Equal(Bytes("old"));
    }

    [Fact]
    public async Task GetPrivateDataAsync_AfterPutInSameTransaction_ReturnsCommittedValueAndHash()
    {
        await _stub.PutPrivateDataAsync(Collection, "k", Bytes("old"));
        _stub.Commit();

        await _stub.PutPrivateDataAsync(Collection, "k", Bytes("new"));

        (await _stub.GetPrivateDataAsync(Collection, "k")).Should().Equal(Bytes("old"));
        (await _stub.GetPrivateDataHashAsync(Collection, "k")).Should().Equal(SHA256.HashData(Bytes("old")));
    }

    [Fact]
    public async Task GetStateByRange_PendingWritesAndDeletes_AreNotSeen()
    {
        await _stub.PutStateAsync("a", Bytes("1"));
        _stub.Commit();

        await _stub.PutStateAsync("b", Bytes("2"));
        await _stub.DeleteStateAsync("a");

        (await Keys(_stub.GetStateByRange(string.Empty, string.Empty))).Should().Equal("a");
    }

    // ---- Private data queries and writes ----

    [Fact]
    public async Task PutStateAsync_AfterPrivateRangeQuery_IsRefusedWithFabricText()
    {
        await Keys(_stub.GetPrivateDataByRange(Collection, string.Empty, string.Empty));

        var write = () => _stub.PutStateAsync("k", Bytes("v"));

        (await write.Should().ThrowAsync<ChaincodeException>()).Which.Message.Should().Be(
            "PUT_STATE failed: transaction ID: tx000001: txid [tx000001]: unsuppored transaction. " +
            "Transaction has already performed queries on pvt data. Writes are not allowed");
    }

    [Fact]
    public async Task PurgePrivateDataAsync_AfterPrivateCompositeKeyQuery_IsRefused()
    {
        await Keys(_stub.GetPrivateDataByPartialCompositeKey(Collection, "order"));

        var purge = () => _stub.PurgePrivateDataAsync(Collection, "k");

        await purge.Should().ThrowAsync<ChaincodeException>()
            .WithMessage("PURGE_PRIVATE_DATA failed: transaction ID: tx000001: *queries on pvt data. Writes are not allowed");
    }

    [Fact]
    public async Task DeleteStateAsync_AfterPrivateRichQuery_IsRefused()
    {
        _stub.RichQueryHandler = (_, _) => [];
        await Keys(_stub.GetPrivateDataQueryResult(Collection, "{}"));

        var delete = () => _stub.DeleteStateAsync("k");

        await delete.Should().ThrowAsync<ChaincodeException>()
            .WithMessage("DEL_STATE failed: *Transaction has already performed queries on pvt data. Writes are not allowed");
    }

    [Fact]
    public async Task GetPrivateDataByRange_AfterWrite_IsRefusedWithFabricText()
    {
        await _stub.PutStateAsync("k", Bytes("v"));

        var query = () => Keys(_stub.GetPrivateDataByRange(Collection, string.Empty, string.Empty));

        (await query.Should().ThrowAsync<ChaincodeException>()).Which.Message.Should().Be(
            "GET_STATE_BY_RANGE failed: transaction ID: tx000001: txid [tx000001]: unsuppored transaction. " +
            "Queries on pvt data is supported only in a read-only transaction");
    }

    [Fact]
    public async Task GetPrivateDataQueryResult_AfterPrivateWrite_IsRefused()
    {
        _stub.RichQueryHandler = (_, _) => [];
        await _stub.PutPrivateDataAsync(Collection, "k", Bytes("v"));

        var query = () => Keys(_stub.GetPrivateDataQueryResult(Collection, "{}"));

        await query.Should().ThrowAsync<ChaincodeException>()
            .WithMessage("GET_QUERY_RESULT failed: *Queries on pvt data is supported only in a read-only transaction");
    }

    [Fact]
    public async Task PrivateReadsAndPublicRanges_AroundWrites_AreAllowed()
    {
        // Only range and rich queries of private data count: point reads and hashes do not.
        await _stub.GetPrivateDataAsync(Collection, "k");
        await _stub.GetPrivateDataHashAsync(Collection, "k");
        await Keys(_stub.GetStateByRange(string.Empty, string.Empty));
        await _stub.PutPrivateDataAsync(Collection, "k", Bytes("v"));
        await _stub.GetPrivateDataAsync(Collection, "k");
        await Keys(_stub.GetStateByPartialCompositeKey("order"));

        var write = () => _stub.PutStateAsync("k", Bytes("v"));

        await write.Should().NotThrowAsync();
    }

    [Fact]
    public async Task PrivateQuery_IsRefusedWhenEnumerationBegins_AndTheRefusalFaultsTheTask()
    {
        await _stub.PutStateAsync("k", Bytes("v"));
        var query = _stub.GetPrivateDataByRange(Collection, string.Empty, string.Empty);
        await using var results = query.GetAsyncEnumerator();

        var first = async () => await results.MoveNextAsync();

        await first.Should().ThrowAsync<ChaincodeException>();
        _stub.Commit();
        await Keys(_stub.GetPrivateDataByRange(Collection, string.Empty, string.Empty));
        var refused = _stub.PutStateAsync("k", Bytes("v"));
        refused.IsFaulted.Should().BeTrue("the shim reports the peer's ERROR through the task, not as a synchronous throw");
    }

    // ---- Paginated queries and writes ----

    [Fact]
    public async Task PutStateAsync_AfterPaginatedQuery_IsRefusedWithFabricText()
    {
        await using (await _stub.GetStateByRangeWithPaginationAsync("a", "z", 10, string.Empty))
        {
        }

        var write = () => _stub.PutStateAsync("k", Bytes("v"));

        (await write.Should().ThrowAsync<ChaincodeException>()).Which.Message.Should().Be(
            "PUT_STATE failed: transaction ID: tx000001: txid [tx000001]: unsuppored transaction. " +
            "Transaction has already performed a paginated query. Writes are not allowed");
    }

    [Fact]
    public async Task GetStateByPartialCompositeKeyWithPaginationAsync_AfterWrite_IsRefusedWithFabricText()
    {
        await _stub.PutStateAsync("k", Bytes("v"));

        var query = () => _stub.GetStateByPartialCompositeKeyWithPaginationAsync("order", [], 10, string.Empty);

        (await query.Should().ThrowAsync<ChaincodeException>()).Which.Message.Should().Be(
            "GET_STATE_BY_RANGE failed: transaction ID: tx000001: txid [tx000001]: unsuppored transaction. " +
            "Paginated queries are supported only in a read-only transaction");
    }

    [Fact]
    public async Task GetQueryResultWithPaginationAsync_AfterWrite_IsRefused()
    {
        _stub.RichQueryHandler = (_, _) => [];
        await _stub.PutPrivateDataAsync(Collection, "k", Bytes("v"));

        var query = () => _stub.GetQueryResultWithPaginationAsync("{}", 10, string.Empty);

        await query.Should().ThrowAsync<ChaincodeException>()
            .WithMessage("GET_QUERY_RESULT failed: *Paginated queries are supported only in a read-only transaction");
    }

    [Fact]
    public async Task PaginatedQueries_InReadOnlyTransaction_AreAllowed()
    {
        foreach (var key in new[] { "k1", "k2", "k3" })
        {
            await _stub.PutStateAsync(key, Bytes(key));
        }

        _stub.Commit();

        var first = await _stub.GetStateByRangeWithPaginationAsync("k1", "k9", 2, string.Empty);
        var second = await _stub.GetStateByRangeWithPaginationAsync("k1", "k9", 2, first.Metadata.Bookmark);

        (await Keys(first)).Should().Equal("k1", "k2");
        (await Keys(second)).Should().Equal("k3");
        second.Metadata.Bookmark.Should().BeEmpty();
    }

    [Fact]
    public async Task SetStateValidationParameterAsync_CountsAsWrite()
    {
        await _stub.SetStateValidationParameterAsync("k", Bytes("policy"));

        var query = () => _stub.GetStateByRangeWithPaginationAsync("a", "z", 10, string.Empty);

        await query.Should().ThrowAsync<ChaincodeException>().WithMessage("*Paginated queries are supported only in a read-only transaction");
    }

    [Fact]
    public async Task Rules_StartAfreshWithEachTransaction()
    {
        await Keys(_stub.GetPrivateDataByRange(Collection, string.Empty, string.Empty));
        _stub.Rollback();

        var write = () => _stub.PutStateAsync("k", Bytes("v"));

        await write.Should().NotThrowAsync();
    }

    // ---- Init ----

    [Fact]
    public async Task InitAsync_PrivateData_IsRefusedWithFabricText()
    {
        var chaincode = new DelegateChaincode(async stub => await stub.GetPrivateDataAsync(Collection, "k"));

        var init = () => _stub.InitAsync(chaincode);

        (await init.Should().ThrowAsync<ChaincodeException>()).Which.Message.Should().Be(
            "GET_STATE failed: transaction ID: tx000001: private data APIs are not allowed in chaincode Init()");
        var invoke = () => _stub.InvokeAsync(chaincode);
        await invoke.Should().NotThrowAsync();
    }

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
