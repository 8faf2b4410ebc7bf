using Fabric.Chaincode.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabric.Chaincode.Contracts;

/// <summary>What a transaction function works with: the stub, the caller's identity and a logger. One per transaction.</summary>
public sealed class ChaincodeContext
{
    private readonly Lazy<IClientIdentity> _clientIdentity;

    /// <summary>A context whose client identity is read from the stub's creator when first used.</summary>
    public ChaincodeContext(IChaincodeStub stub, ILogger? logger = null, CancellationToken cancellationToken = default)
        : this(stub, new Lazy<IClientIdentity>(() => ReadIdentity(stub)), logger, cancellationToken)
    {
    }

    /// <summary>A context with a given client identity (for tests).</summary>
    public ChaincodeContext(IChaincodeStub stub, IClientIdentity clientIdentity, ILogger? logger = null, CancellationToken cancellationToken = default)
        : this(stub, new Lazy<IClientIdentity>(clientIdentity), logger, cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientIdentity);
    }

    private ChaincodeContext(IChaincodeStub stub, Lazy<IClientIdentity> identity, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stub);
        Stub = stub;
        _clientIdentity = identity;
        Logger = logger ?? NullLogger.Instance;
        CancellationToken = cancellationToken;
    }

    /// <summary>The ledger and the invocation.</summary>
    public IChaincodeStub Stub { get; }

    /// <summary>The identity that created the proposal (parsed on first use).</summary>
    /// <exception cref="ChaincodeException">401 when the creator is not an X.509 identity.</exception>
    public IClientIdentity ClientIdentity => _clientIdentity.Value;

    /// <summary>A logger for the contract. Never log private data.</summary>
    public ILogger Logger { get; }

    /// <summary>Cancelled when the peer stream ends or the server stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The contract being called.</summary>
    public string ContractName { get; internal set; } = string.Empty;

    /// <summary>The transaction (function) being called.</summary>
    public string TransactionName { get; internal set; } = string.Empty;

    /// <summary>State shared by the hooks and the transaction function of this one transaction.</summary>
    public IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    private static ClientIdentity ReadIdentity(IChaincodeStub stub)
    {
        try
        {
            return Identity.ClientIdentity.FromCreator(stub.Creator.Span);
        }
        catch (ArgumentException ex)
        {
            throw new ChaincodeException(ex.Message, 401);
        }
    }
}
