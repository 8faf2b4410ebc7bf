// Transactions are instance methods by convention (contracts may hold injected services); one is static below
// to prove static transactions work too.
#pragma warning disable CA1822
using System.ComponentModel;
using Fabric.Chaincode.Contracts;

namespace Fabric.Chaincode.Tests.Contracts;

public enum AssetStatus
{
    Active,
    Retired,
}

public sealed record Asset(string Id, string Owner, int AppraisedValue, AssetStatus Status);

public sealed record AssetPrice(decimal Price, string Currency);

/// <summary>A small contract exercising binding, results, hooks and transient data.</summary>
[Contract(Title = "Assets", Version = "1.2.0")]
public sealed class AssetContract : Contract
{
    [Transaction]
    public static async Task CreateAsync(ChaincodeContext context, string id, string owner, int appraisedValue)
    {
        if (await context.Stub.StateExistsAsync(id))
        {
            throw ChaincodeException.Conflict($"Asset {id} already exists.");
        }

        await context.Stub.PutStateJsonAsync(id, new Asset(id, owner, appraisedValue, AssetStatus.Active));
        context.Stub.SetEventJson("AssetCreated", new { id });
    }

    [Transaction(TransactionIntent.Evaluate)]
    public async Task<Asset> ReadAsync(ChaincodeContext context, [Description("The asset ID")] string id) =>
        await context.Stub.GetStateJsonAsync<Asset>(id) ?? throw ChaincodeException.NotFound($"Asset {id} does not exist.");

    [Transaction]
    public async Task<Asset> UpdateAsync(ChaincodeContext context, Asset asset)
    {
        await context.Stub.PutStateJsonAsync(asset.Id, asset);
        return asset;
    }

    [Transaction]
    public Task<string> SetStatusAsync(ChaincodeContext context, string id, AssetStatus status) => Task.FromResult($"{id}:{status}");

    [Transaction(TransactionIntent.Evaluate)]
    public int Count(ChaincodeContext context, bool includeRetired, IReadOnlyList<string> ids) => includeRetired ? ids.Count + 1000 : ids.Count;

    [Transaction]
    public async ValueTask<string> SetPriceAsync(ChaincodeContext context, string id, [Transient(Key = "price")] AssetPrice price)
    {
        await context.Stub.PutPrivateDataJsonAsync("_implicit_org_Org1MSP", id, price);
        return id;
    }

    [Transaction]
    public void Explode(ChaincodeContext context) => throw new InvalidOperationException("unexpected failure");

    [Transaction(TransactionIntent.Evaluate, Name = "WhoAmI")]
    public string Identity(ChaincodeContext context) =>
        $"{context.ClientIdentity.MspId}:{context.ClientIdentity.GetAttributeValue("role")}:{context.Items["checked"]}";

    public override Task BeforeTransactionAsync(ChaincodeContext context)
    {
        context.Items["checked"] = context.TransactionName;
        return context.TransactionName == "Create" && context.Stub.Transient.ContainsKey("deny")
            ? throw ChaincodeException.Forbidden("denied by before hook")
            : Task.CompletedTask;
    }

    public override Task AfterTransactionAsync(ChaincodeContext context, object? result)
    {
        if (result is Asset asset)
        {
            context.Stub.SetEventJson("AssetTouched", new { asset.Id });
        }

        return Task.CompletedTask;
    }
}

/// <summary>A second contract, called by name.</summary>
[Contract(Name = "Audit")]
public sealed class AuditContract : Contract
{
    [Transaction(TransactionIntent.Evaluate)]
    public string Ping(ChaincodeContext context, string text) => "audit:" + text;

    public override Task UnknownTransactionAsync(ChaincodeContext context) => Task.CompletedTask;
}

public sealed class ContractWithoutContextParameter : Contract
{
    [Transaction]
    public void Broken(string id)
    {
    }
}
