using System.Text;
using Fabric.Chaincode.Contracts.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabric.Chaincode.Contracts;

/// <summary>
/// Serves contracts as a chaincode: routes <c>ContractName:TransactionName</c> (or a bare name to the default
/// contract), binds arguments and transient data to parameters, runs the before/after/unknown hooks and turns the
/// result into the response payload. <c>org.hyperledger.fabric:GetMetadata</c> returns the contract metadata.
/// Wrong argument counts or types fail with status 400 naming the parameter; a <see cref="ChaincodeException"/>
/// fails with its status; any other exception propagates to the shim, which answers the peer with ERROR.
/// </summary>
public sealed class ContractChaincode : IChaincode
{
    /// <summary>The name of the built-in contract that serves metadata.</summary>
    public const string SystemContractName = "org.hyperledger.fabric";

    /// <summary>The transaction of the built-in contract that returns the metadata JSON.</summary>
    public const string GetMetadataTransaction = "GetMetadata";

    private readonly Dictionary<string, ContractDescriptor> _contracts;
    private readonly ContractDescriptor _default;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly byte[] _metadata;

    private ContractChaincode(IReadOnlyList<ContractDescriptor> contracts, IServiceProvider services, ChaincodeInfo info)
    {
        _contracts = contracts.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var marked = contracts.Where(c => c.IsMarkedDefault).ToArray();
        if (marked.Length > 1)
        {
            throw new InvalidOperationException(
                $"Only one contract can be the default, but {string.Join(", ", marked.Select(c => c.Name))} are marked IsDefault.");
        }

        _default = marked.Length == 1 ? marked[0] : contracts[0];
        _services = services;
        _loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        MetadataJson = MetadataBuilder.Build(contracts, _default, info);
        _metadata = Encoding.UTF8.GetBytes(MetadataJson);
    }

    /// <summary>The metadata JSON (what GetMetadata returns).</summary>
    public string MetadataJson { get; }

    /// <summary>The name of the default contract.</summary>
    public string DefaultContractName => _default.Name;

    /// <summary>Describes the contracts once; they are instantiated per transaction from <paramref name="services"/>.</summary>
    /// <exception cref="InvalidOperationException">A contract is malformed (no transactions, a transaction without a context parameter, duplicate names).</exception>
    public static ContractChaincode Create(IEnumerable<Type> contractTypes, IServiceProvider? services = null, ChaincodeInfo? info = null)
    {
        ArgumentNullException.ThrowIfNull(contractTypes);
        var contracts = contractTypes.Select(ContractDescriptor.Create).ToArray();
        if (contracts.Length == 0)
        {
            throw new InvalidOperationException("At least one contract is required.");
        }

        var duplicate = contracts.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null || contracts.Any(c => c.Name == SystemContractName))
        {
            throw new InvalidOperationException($"Contract name '{duplicate?.Key ?? SystemContractName}' is used twice or reserved.");
        }

        return new ContractChaincode(
            contracts, services ?? new ServiceCollection().BuildServiceProvider(), info ?? new ChaincodeInfo(string.Empty, string.Empty));
    }

    /// <summary>A chaincode of the given contracts, with no services.</summary>
    public static ContractChaincode Create(params Type[] contractTypes) => Create((IEnumerable<Type>)contractTypes);

    /// <summary>Contracts have no separate Init: an INIT invocation is routed like any other transaction.</summary>
    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) => InvokeAsync(stub, cancellationToken);

    public async Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stub);
        try
        {
            return await RouteAsync(stub, cancellationToken).ConfigureAwait(false);
        }
        catch (ChaincodeException ex)
        {
            return new ChaincodeResponse(ex.Status, ex.Message, ex.Payload);
        }
    }

    private async Task<ChaincodeResponse> RouteAsync(IChaincodeStub stub, CancellationToken cancellationToken)
    {
        var args = stub.Args;
        if (args.Count == 0)
        {
            throw ChaincodeException.BadRequest("No function name was given: the first argument must be [ContractName:]TransactionName.");
        }

        var function = Encoding.UTF8.GetString(args[0]);
        var separator = function.IndexOf(':', StringComparison.Ordinal);
        var contractName = separator < 0 ? string.Empty : function[..separator];
        var transactionName = separator < 0 ? function : function[(separator + 1)..];

        if (contractName == SystemContractName)
        {
            return transactionName == GetMetadataTransaction
                ? ChaincodeResponse.Success(_metadata)
                : throw ChaincodeException.BadRequest($"Function '{transactionName}' does not exist in contract '{SystemContractName}'.");
        }

        ContractDescriptor? contract;
        if (string.IsNullOrWhiteSpace(contractName))
        {
            contract = _default;
        }
        else if (!_contracts.TryGetValue(contractName, out contract))
        {
            throw ChaincodeException.BadRequest($"Contract name is not known: {contractName}");
        }

        var context = new ChaincodeContext(stub, _loggerFactory.CreateLogger(contract.Type), cancellationToken)
        {
            ContractName = contract.Name,
            TransactionName = transactionName,
        };
        var instance = contract.CreateInstance(_services);
        if (!contract.TransactionsByName.TryGetValue(transactionName, out var transaction))
        {
            await instance.UnknownTransactionAsync(context).ConfigureAwait(false);
            return ChaincodeResponse.Success();
        }

        var arguments = BindArguments(transaction, context, stub);
        await instance.BeforeTransactionAsync(context).ConfigureAwait(false);
        var result = await transaction.InvokeAsync(instance, arguments).ConfigureAwait(false);
        await instance.AfterTransactionAsync(context, result).ConfigureAwait(false);
        return ChaincodeResponse.Success(ContractSerializer.Serialize(result));
    }

    private static object?[] BindArguments(TransactionDescriptor transaction, ChaincodeContext context, IChaincodeStub stub)
    {
        var args = stub.Args;
        var expected = transaction.Arguments.Count;
        if (args.Count - 1 != expected)
        {
            var names = string.Join(", ", transaction.Arguments.Select(p => p.Name));
            throw ChaincodeException.BadRequest(
                $"Transaction '{transaction.Name}' expects {expected} argument(s) ({names}), but received {args.Count - 1}.");
        }

        var values = new object?[transaction.Parameters.Count + 1];
        values[0] = context;
        var next = 1;
        for (var i = 0; i < transaction.Parameters.Count; i++)
        {
            var parameter = transaction.Parameters[i];
            byte[] raw;
            if (parameter.TransientKey is { } key)
            {
                if (!stub.Transient.TryGetValue(key, out raw!))
                {
                    throw ChaincodeException.BadRequest(
                        $"Transient data '{key}' for parameter '{parameter.Name}' of transaction '{transaction.Name}' is missing.");
                }
            }
            else
            {
                raw = args[next++];
            }

            values[i + 1] = ContractSerializer.Bind(parameter, raw, transaction.Name);
        }

        return values;
    }
}
