namespace Fabric.DevNetwork.Chaincode;

/// <summary>Settings of a peer's chaincode runtime; the defaults are Fabric's (core.yaml and core/chaincode).</summary>
internal sealed class ChaincodeRuntimeOptions
{
    /// <summary>How long one chaincode execution may take (core.yaml chaincode.executetimeout). Default 30 seconds.</summary>
    public TimeSpan ExecuteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most results one query returns in total (core.yaml ledger.state.totalQueryLimit). Default 100000.</summary>
    public int TotalQueryLimit { get; set; } = 100_000;

    /// <summary>Results per QueryResponse batch of an unpaginated query (Fabric's fixed MaxResultLimit). Default 100.</summary>
    public int MaxResultsPerBatch { get; set; } = 100;

    /// <summary>Pause between attempts to dial a chaincode that is not reachable yet, within its dial timeout. Default 100 ms.</summary>
    public TimeSpan RedialDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Throws when a setting is out of range, naming every problem.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (ExecuteTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(ExecuteTimeout)} must be positive.");
        }

        if (TotalQueryLimit <= 0)
        {
            problems.Add($"{nameof(TotalQueryLimit)} must be positive.");
        }

        if (MaxResultsPerBatch <= 0)
        {
            problems.Add($"{nameof(MaxResultsPerBatch)} must be positive.");
        }

        if (RedialDelay < TimeSpan.Zero)
        {
            problems.Add($"{nameof(RedialDelay)} must not be negative.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid chaincode runtime options: " + string.Join(" ", problems));
        }
    }
}
