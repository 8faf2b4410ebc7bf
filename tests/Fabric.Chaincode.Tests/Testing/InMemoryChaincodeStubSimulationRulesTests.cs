using System.Security.Cryptography;
using System.Text;
using Fabric.Chaincode.Testing;
using FluentAssertions;

namespace Fabric.Chaincode.Tests.Testing;

/// <summary>
/// One test per rule in which the in-memory stub behaves as a Fabric v2.5 peer's transaction simulator and handler
/// (core/ledger/kvledger/txmgmt/txmgr/tx_simulator.go, core/chaincode/handler.go), with the peer's own error text:
/// no read-your-own-writes, private data queries and paginated queries against writes, private data in Init.
/// </summary>
public sealed class InMemoryChaincodeStubSimulationRulesTests
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
