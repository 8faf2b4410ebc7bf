using System.CommandLine;

namespace Fabric.DevNetwork.Cli;

/// <summary>Options shared by the commands, with the defaults a fresh clone needs.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo?> Network() => new("--network", "-n")
    {
        Description = "Network file (YAML or JSON). Default: fabric-network/config/network.yaml of this repository.",
    };

    public static Option<DirectoryInfo> Data() => new("--data", "-d")
    {
        Description = "Folder for crypto material, blocks and state. Default: .devnet",
        DefaultValueFactory = _ => new DirectoryInfo(".devnet"),
    };

    /// <summary>The given network file, else the repository's default (looked up from the working directory, then from the program).</summary>
    public static string ResolveNetworkFile(FileInfo? given)
    {
        if (given is not null)
        {
            return given.FullName;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "fabric-network", "config", "network.yaml");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("No network file given and fabric-network/config/network.yaml not found; pass --network <file>.");
    }

    public static string PidFile(DirectoryInfo data) => Path.Combine(data.FullName, "devnet.pid");
}
