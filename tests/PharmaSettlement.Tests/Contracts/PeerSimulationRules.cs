using System.Reflection;
using System.Runtime.ExceptionServices;
using Fabric.Chaincode;

namespace PharmaSettlement.Tests.Contracts;

/// <summary>
/// Runs a chaincode against a stub that refuses what a Fabric peer's transaction simulator refuses and the in-memory
/// stub does not: a write after a query on private data ("Transaction has already performed queries on pvt data.
/// Writes are not allowed"), a query on private data after a write ("Queries on pvt data is supported only in a
/// read-only transaction"), and the same pair for paginated queries. Found end to end on the dev network, which
/// enforces them as Fabric v2.5's ledger does.
/// </summary>
internal sealed class PeerSimulationRules(IChaincode inner) : IChaincode
{
    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) =>
        inner.InitAsync(SimulatorStub.Wrap(stub), cancellationToken);

    public Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken) =>
        inner.InvokeAsync(SimulatorStub.Wrap(stub), cancellationToken);
}

/// <summary>Forwards every call to the wrapped stub after checking it against the simulator's rules (one instance per transaction).</summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time.
internal class SimulatorStub : DispatchProxy
#pragma warning restore CA1852
{
    private static readonly HashSet<string> Writes = new(StringComparer.Ordinal)
    {
        nameof(IChaincodeStub.PutStateAsync), nameof(IChaincodeStub.DeleteStateAsync), nameof(IChaincodeStub.PutPrivateDataAsync),
        nameof(IChaincodeStub.DeletePrivateDataAsync), nameof(IChaincodeStub.PurgePrivateDataAsync),
        nameof(IChaincodeStub.SetStateValidationParameterAsync), nameof(IChaincodeStub.SetPrivateDataValidationParameterAsync),
    };

    private static readonly HashSet<string> PrivateQueries = new(StringComparer.Ordinal)
    {
        nameof(IChaincodeStub.GetPrivateDataByRange), nameof(IChaincodeStub.GetPrivateDataByPartialCompositeKey),
        nameof(IChaincodeStub.GetPrivateDataQueryResult),
    };

    private IChaincodeStub _inner = null!;
    private bool _written;
    private bool _queriedPrivateData;
    private bool _paginated;

    public static IChaincodeStub Wrap(IChaincodeStub inner)
    {
        var proxy = Create<IChaincodeStub, SimulatorStub>();
        ((SimulatorStub)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var name = targetMethod.Name;
        if (Writes.Contains(name))
        {
            if (_queriedPrivateData)
            {
                throw new InvalidOperationException("unsuppored transaction. Transaction has already performed queries on pvt data. Writes are not allowed");
            }

            if (_paginated)
            {
                throw new InvalidOperationException("unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed");
            }

            _written = true;
        }
        else if (PrivateQueries.Contains(name))
        {
            _queriedPrivateData = !_written
                ? true
                : throw new InvalidOperationException("unsuppored transaction. Queries on pvt data is supported only in a read-only transaction");
        }
        else if (name.EndsWith("WithPaginationAsync", StringComparison.Ordinal))
        {
            _paginated = !_written
                ? true
                : throw new InvalidOperationException("unsuppored transaction. Paginated queries are supported only in a read-only transaction");
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
