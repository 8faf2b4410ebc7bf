using System.Text;
using System.Text.Json;
using Fabric.Chaincode;
using Fabric.Chaincode.Contracts;

namespace Fabric.Conformance.Chaincode;

/// <summary>
/// Lower-case transaction names on purpose: they are the names fabric-gateway's acceptance scenarios call
/// (<c>put</c>, <c>get</c>, <c>putPrivate</c>, ...), and the default contract answers them without a prefix.
/// </summary>
[Contract(Name = "basic", IsDefault = true)]
internal sealed class BasicContract : Contract
{
    /// <summary>Reads the key first (so concurrent writers of one key conflict, as MVCC scenarios need), writes it, emits "put".</summary>
    [Transaction(Name = "put")]
    public async Task<string> PutAsync(ChaincodeContext ctx, string key, string value)
    {
        await ctx.Stub.GetStateAsync(key);
        await ctx.Stub.PutStateAsync(key, Encoding.UTF8.GetBytes(value));
        ctx.Stub.SetEvent("put", Encoding.UTF8.GetBytes(value));
        return value;
    }

    /// <summary>Writes a key without reading it first: blind writes never conflict, for load tests.</summary>
    [Transaction(Name = "create")]
    public async Task<string> CreateAsync(ChaincodeContext ctx, string key, string value)
    {
        await ctx.Stub.PutStateAsync(key, Encoding.UTF8.GetBytes(value));
        return value;
    }

    [Transaction(TransactionIntent.Evaluate, Name = "get")]
    public async Task<string> GetAsync(ChaincodeContext ctx, string key) =>
        await ctx.Stub.GetStateAsync(key) is { } value
            ? Encoding.UTF8.GetString(value)
            : throw new ChaincodeException($"the asset {key} does not exist");

    [Transaction(TransactionIntent.Evaluate, Name = "fail")]
    public Task FailAsync(ChaincodeContext ctx) => throw new ChaincodeException("deliberate failure");

    [Transaction(TransactionIntent.Evaluate, Name = "range")]
    public async Task<string> RangeAsync(ChaincodeContext ctx, string startKey, string endKey)
    {
        var keys = new List<string>();
        await foreach (var entry in ctx.Stub.GetStateByRange(startKey, endKey))
        {
            keys.Add(entry.Key);
        }

        return JsonSerializer.Serialize(keys);
    }

    [Transaction(Name = "putPrivate")]
    public async Task PutPrivateAsync(ChaincodeContext ctx, string collection, string key)
    {
        if (!ctx.Stub.Transient.TryGetValue("value", out var value))
        {
            throw ChaincodeException.BadRequest("transient field 'value' is required");
        }

        await ctx.Stub.PutPrivateDataAsync(collection, key, value);
    }

    [Transaction(TransactionIntent.Evaluate, Name = "getPrivate")]
    public async Task<string> GetPrivateAsync(ChaincodeContext ctx, string collection, string key) =>
        await ctx.Stub.GetPrivateDataAsync(collection, key) is { } value
            ? Encoding.UTF8.GetString(value)
            : throw ChaincodeException.NotFound($"private asset {key} not found");

    /// <summary>Identity facts the peer gave the chaincode, for cross-checks.</summary>
    [Transaction(TransactionIntent.Evaluate, Name = "whoami")]
    public string WhoAmI(ChaincodeContext ctx) =>
        JsonSerializer.Serialize(new { peer = ctx.Stub.LocalMspId, creator = ctx.ClientIdentity.MspId, channel = ctx.Stub.ChannelId });

    /// <summary>Calls another chaincode on this channel (chaincode-to-chaincode) and reports what it answered.</summary>
    [Transaction(TransactionIntent.Evaluate, Name = "call")]
    public async Task<string> CallAsync(ChaincodeContext ctx, string chaincodeName, string function, string argument)
    {
        var response = await ctx.Stub.InvokeChaincodeAsync(chaincodeName, [Encoding.UTF8.GetBytes(function), Encoding.UTF8.GetBytes(argument)]);
        return JsonSerializer.Serialize(new { status = response.Status, message = response.Message, payload = Encoding.UTF8.GetString(response.Payload.Span) });
    }
}
