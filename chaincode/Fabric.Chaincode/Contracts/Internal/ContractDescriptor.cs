using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Fabric.Chaincode.Contracts.Internal;

/// <summary>A contract class and its transactions, found by reflection once at start-up.</summary>
internal sealed class ContractDescriptor
{
    private readonly ObjectFactory _factory;

    private ContractDescriptor(Type type, ContractAttribute? attribute, IReadOnlyList<TransactionDescriptor> transactions)
    {
        Type = type;
        Name = attribute?.Name ?? type.Name;
        Title = attribute?.Title ?? string.Empty;
        Version = attribute?.Version ?? string.Empty;
        IsMarkedDefault = attribute?.IsDefault ?? false;
        Transactions = transactions;
        TransactionsByName = transactions.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _factory = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes);
    }

    public Type Type { get; }

    public string Name { get; }

    public string Title { get; }

    public string Version { get; }

    public bool IsMarkedDefault { get; }

    public IReadOnlyList<TransactionDescriptor> Transactions { get; }

    public IReadOnlyDictionary<string, TransactionDescriptor> TransactionsByName { get; }

    public static ContractDescriptor Create(Type type)
    {
        if (!typeof(Contract).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new InvalidOperationException($"{type.Name} is not a concrete subclass of {nameof(Contract)}.");
        }

        var transactions = new List<TransactionDescriptor>();
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance).OrderBy(m => m.MetadataToken))
        {
            if (TransactionDescriptor.TryCreate(method) is { } transaction)
            {
                if (transactions.Any(t => t.Name == transaction.Name))
                {
                    throw new InvalidOperationException($"Contract {type.Name} has two transactions named '{transaction.Name}'.");
                }

                transactions.Add(transaction);
            }
        }

        if (transactions.Count == 0)
        {
            throw new InvalidOperationException($"Contract {type.Name} has no public method marked [Transaction].");
        }

        var attribute = type.GetCustomAttribute<ContractAttribute>(inherit: false);
        if (attribute?.Name is { } name && (name.Length == 0 || name.Contains(':', StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"Contract name '{name}' of {type.Name} must be non-empty and contain no ':'.");
        }

        return new ContractDescriptor(type, attribute, transactions);
    }

    public Contract CreateInstance(IServiceProvider services) => (Contract)_factory(services, null);
}
