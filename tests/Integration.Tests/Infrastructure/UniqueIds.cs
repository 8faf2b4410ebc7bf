namespace Integration.Tests.Infrastructure;

/// <summary>
/// IDs unique per test run: the dev network starts empty, but a real test-network keeps its ledger between runs,
/// so every asset and user a scenario creates carries a run suffix.
/// </summary>
public static class UniqueIds
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}
