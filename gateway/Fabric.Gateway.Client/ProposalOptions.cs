using System.Text;

namespace Fabric.Gateway.Client;

/// <summary>The inputs of one transaction invocation besides its name. All collections start empty.</summary>
public sealed class ProposalOptions
{
    /// <summary>The chaincode arguments after the transaction name, as bytes.</summary>
    public IList<byte[]> Arguments { get; } = [];

    /// <summary>
    /// Private inputs (e.g. private data for a collection): sent to the endorsing peers only, never written to the
    /// ordered transaction or the block.
    /// </summary>
    public IDictionary<string, byte[]> TransientData { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>
    /// For submit: the organizations (MSP IDs) that must endorse, overriding the gateway's choice from the policy.
    /// For evaluate: the organizations whose peers may run the query.
    /// </summary>
    public IList<string> EndorsingOrganizations { get; } = [];

    /// <summary>Appends string arguments, UTF-8 encoded.</summary>
    public ProposalOptions AddArguments(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var argument in arguments)
        {
            Arguments.Add(Encoding.UTF8.GetBytes(argument));
        }

        return this;
    }

    /// <summary>Appends byte arguments.</summary>
    public ProposalOptions AddArguments(params byte[][] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var argument in arguments)
        {
            Arguments.Add(argument);
        }

        return this;
    }

    /// <summary>Adds one transient entry.</summary>
    public ProposalOptions AddTransientData(string key, byte[] value)
    {
        TransientData[key] = value;
        return this;
    }

    /// <summary>Adds one transient entry, UTF-8 encoded.</summary>
    public ProposalOptions AddTransientData(string key, string value) => AddTransientData(key, Encoding.UTF8.GetBytes(value));

    /// <summary>Sets the endorsing (submit) or target (evaluate) organizations.</summary>
    public ProposalOptions AddEndorsingOrganizations(params string[] mspIds)
    {
        ArgumentNullException.ThrowIfNull(mspIds);
        foreach (var mspId in mspIds)
        {
            EndorsingOrganizations.Add(mspId);
        }

        return this;
    }
}
