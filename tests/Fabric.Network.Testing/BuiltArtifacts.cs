using System.Reflection;
using Fabric.TestSupport;

namespace Fabric.Network.Testing;

/// <summary>Where the build put the programs the harness runs (same configuration as the tests).</summary>
internal static class BuiltArtifacts
{
    private static string Metadata(string key) =>
        typeof(BuiltArtifacts).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");

    /// <summary>The main assembly of a project built by this solution, e.g. chaincode/TradeFinance -> .../bin/Debug/net10.0/TradeFinance.dll.</summary>
    public static string AssemblyOf(string projectDirectory, string assemblyName)
    {
        var path = Path.Combine(projectDirectory, "bin", Metadata("BuildConfiguration"), Metadata("TargetFramework"), assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is not built; build the solution first (dotnet build Fabric.sln).", path);
    }

    public static string DevNetwork => AssemblyOf(RepositoryLayout.PathOf("fabric-network", "DevNetwork"), "Fabric.DevNetwork");
}
