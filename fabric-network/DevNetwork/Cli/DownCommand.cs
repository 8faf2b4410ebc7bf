using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace Fabric.DevNetwork.Cli;

/// <summary><c>down</c>: stops a running <c>up</c> of the same data folder (by the process ID it recorded), optionally deleting its data.</summary>
internal static class DownCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var clean = new Option<bool>("--clean") { Description = "Also delete the data folder (crypto material, blocks, state)." };
        var command = new Command("down", "Stop the dev network started with the same --data folder.") { data, clean };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(data)!;
            var pidFile = CommonOptions.PidFile(directory);
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    if (process.ProcessName.Contains("Fabric.DevNetwork", StringComparison.OrdinalIgnoreCase) || process.ProcessName == "dotnet")
                    {
                        // SIGTERM lets `up` stop its servers and chaincode processes; SIGKILL only if it does not.
                        using (var kill = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]))
                        {
                            kill.WaitForExit();
                        }

                        if (!process.WaitForExit(10_000))
                        {
                            process.Kill();
                        }

                        Console.WriteLine($"Stopped the dev network (process {pid}).");
                    }
                }
                catch (ArgumentException)
                {
                    // Not running any more.
                }

                File.Delete(pidFile);
            }

            if (parse.GetValue(clean) && directory.Exists)
            {
                directory.Delete(recursive: true);
                Console.WriteLine($"Deleted {directory.FullName}.");
            }

            return 0;
        });
        return command;
    }
}
