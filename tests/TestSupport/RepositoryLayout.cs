namespace Fabric.TestSupport;

/// <summary>Finds files of this repository from a test's output folder.</summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that holds Fabric.sln.</summary>
    public static string Root => RootPath.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fabric.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Fabric.sln not found above {AppContext.BaseDirectory}.");
    }
}
