using System.Security.Cryptography;
using System.Text;
using Fabric.Chaincode.Testing;
using FluentAssertions;

namespace Fabric.Chaincode.Tests.Testing;

public sealed class InMemoryChaincodeStubTests
{
    private readonly FixedTime _time = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryChaincodeStub _stub;

    public InMemoryChaincodeStubTests()
    {
        _stub = new InMemoryChaincodeStub("trade", _time);
    }

    [Fact]
    public async Task GetStateAsync_PendingWrite_IsNotVisibleUntilCommit()
    {
        await _stub.PutStateAsync("k", Bytes("v"));

        (await _stub.GetStateAsync("k")).Should().BeNull();
        _stub.Commit();
        (await _stub.GetStateAsync("k")).Should().Equal(Bytes("v"));
    }

    [Fact]
    public async Task Rollback_DiscardsWritesAndEvent()
    {
        await _stub.PutStateAsync("k", Bytes("v"));
        _stub.SetEvent("E", Bytes("x"));

        _stub.Rollback();
        _stub.Commit();

        _stub.State.Should().BeEmpty();
        _stub.Events.Should().BeEmpty();
    }

    [Fact]
    public async Task GetStateByPartialCompositeKey_KeysAcrossUnicode_AreOrderedByCodePoint()
    {
        foreach (var id in new[] { "\uFFFD", "😀", "a" })
        {
            await _stub.PutStateAsync(_stub.CreateCompositeKey("owner", "alice", id), Bytes(id));
        }

        await _stub.PutStateAsync(_stub.CreateCompositeKey("owner", "bob", "z"), Bytes("z"));
        await _stub.PutStateAsync("plain", Bytes("p"));
        _stub.Commit();

        var ids = new List<string>();
        await foreach (var kv in _stub.GetStateByPartialCompositeKey("owner", "alice"))
        {
            ids.Add(_stub.SplitCompositeKey(kv.Key).Attributes[1]);
        }

        ids.Should().Equal("a", "\uFFFD", "😀");
        var simple = new List<string>();
        await foreach (var kv in _stub.GetStateByRange(string.Empty, string.Empty))
        {
            simple.Add(kv.Key);
        }

        simple.Should().Equal("plain");
    }

    [Fact]
    public async Task GetStateByRangeWithPaginationAsync_PagesWithBookmarks()
    {
        foreach (var key in new[] { "k1", "k2", "k3", "k4", "k5" })
        {
            await _stub.PutStateAsync(key, Bytes(key));
        }

        _stub.Commit();

        var first = await _stub.GetStateByRangeWithPaginationAsync("k1", "k9", 2, string.Empty);
        var second = await _stub.GetStateByRangeWithPaginationAsync("k1", "k9", 2, first.Metadata.Bookmark);
        var last = await _stub.GetStateByRangeWithPaginationAsync("k1", "k9", 2, "k5");

        first.Metadata.Should().Be(new QueryPageMetadata(2, "k3"));
        (await Keys(second)).Should().Equal("k3", "k4");
        last.Metadata.Should().Be(new QueryPageMetadata(1, string.Empty));
    }

    [Fact]
    public async Task GetHistoryForKey_CommittedWrites_NewestFirstWithTimestamps()
    {
        await _stub.PutStateAsync("k", Bytes("one"));
        _stub.Commit();
        _time.Advance(TimeSpan.FromMinutes(1));
        _stub.StartTransaction("tx-delete");
        await _stub.DeleteStateAsync("k");
        _stub.Commit();

        var history = new List<KeyModification>();
        await foreach (var modification in _stub.GetHistoryForKey("k"))
        {
            history.Add(modification);
        }

        history.Select(h => (h.TxId, h.IsDelete)).Should().Equal(("tx-delete", true), ("tx000001", false));
        history[1].Timestamp.Should().Be(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task PrivateData_HashAndPurge_BehaveAsOnAPeer()
    {
        await _stub.PutPrivateDataAsync("secrets", "k", Bytes("s3cr3t"));
        _stub.Commit();

        (await _stub.GetPrivateDataHashAsync("secrets", "k")).Should().Equal(SHA256.HashData(Bytes("s3cr3t")));
        (await _stub.GetStateAsync("k")).Should().BeNull();
        await _stub.PurgePrivateDataAsync("secrets", "k");
        _stub.Commit();
        _stub.PrivateState("secrets").Should().BeEmpty();
        var withoutCollection = () => _stub.GetPrivateDataAsync(string.Empty, "k");
        await withoutCollection.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task GetQueryResult_WithoutHandler_ExplainsHowToAnswerRichQueries()
    {
        var query = async () =>
        {
            await foreach (var unused in _stub.GetQueryResult("{}"))
            {
            }
        };

        await query.Should().ThrowAsync<NotSupportedException>().WithMessage("*RichQueryHandler*");
    }

    [Fact]
    public void SetCreator_CreatesSerializedIdentityAndContextIdentity()
    {
        using var certificate = TestIdentities.CreateCertificate("patient7", new Dictionary<string, string> { ["patientId"] = "p7" });

        _stub.SetCreator("HospitalAMSP", certificate);
        var context = _stub.CreateContext();

        context.ClientIdentity.MspId.Should().Be("HospitalAMSP");
        context.ClientIdentity.GetAttributeValue("patientId").Should().Be("p7");
        Fabric.Chaincode.Identity.ClientIdentity.FromCreator(_stub.Creator.Span).Id.Should().Be(context.ClientIdentity.Id);
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

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
