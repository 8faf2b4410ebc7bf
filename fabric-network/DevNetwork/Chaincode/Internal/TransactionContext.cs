using System.Collections.Concurrent;
using Fabric.DevNetwork.Ledger;
using Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// One execution of one chaincode on its stream, keyed by (channel, txid): where the chaincode's COMPLETED or ERROR
/// is delivered, and the query iterators it has open.
/// </summary>
internal sealed class TransactionContext(string chaincodeName, bool isInit, InvocationScope scope)
{
    private readonly ConcurrentDictionary<string, OpenQuery> queries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CollectionAccess?> collections = new(StringComparer.Ordinal);

    /// <summary>The namespace the chaincode reads and writes: its own name.</summary>
    public string ChaincodeName { get; } = chaincodeName;

    public bool IsInit { get; } = isInit;

    public InvocationScope Scope { get; } = scope;

    public string ChannelId => Scope.ChannelId;

    public string TxId => Scope.TxId;

    public TransactionSimulator Simulator => Scope.Simulator;

    public TaskCompletionSource<ChaincodeMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The collection of this chaincode by name, or null if it has none of that name.</summary>
    public CollectionAccess? FindCollection(string collection) =>
        collections.GetOrAdd(collection, name =>
            CollectionAccess.Find(Scope.Invocation.Collections.GetValueOrDefault(ChaincodeName), name));

    public string AddQuery(OpenQuery query)
    {
        var id = Guid.NewGuid().ToString();
        queries[id] = query;
        return id;
    }

    public OpenQuery? FindQuery(string id) => queries.GetValueOrDefault(id);

    public void RemoveQuery(string id)
    {
        if (queries.TryRemove(id, out var query))
        {
            query.Iterator.Close();
        }
    }

    public void CloseQueries()
    {
        foreach (var id in queries.Keys)
        {
            RemoveQuery(id);
        }
    }
}

/// <summary>An iterator the chaincode is paging through, with the results fetched but not yet sent.</summary>
internal sealed class OpenQuery(IQueryIterator iterator)
{
    public IQueryIterator Iterator { get; } = iterator;

    public List<Google.Protobuf.ByteString> Pending { get; } = [];

    public int TotalReturned { get; set; }
}
