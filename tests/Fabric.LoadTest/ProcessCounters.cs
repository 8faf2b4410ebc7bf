using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Fabric.LoadTest;

/// <summary>
/// CPU time used by this process and by its descendants (the dev network and its chaincode processes), and what the
/// JIT compiled in this process. Throughput on a machine shared by the network and the client moves by ±15% from run
/// to run; CPU per transaction hardly does, so the report gives both; the JIT figures tell whether the warm-up was long
/// enough.
/// </summary>
internal readonly record struct ProcessCounters(TimeSpan Self, TimeSpan? Descendants, long JitMethods, TimeSpan JitTime)
{
    // USER_HZ: the unit of /proc/[pid]/stat's times on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static ProcessCounters Now()
    {
        using var self = Process.GetCurrentProcess();
        return new ProcessCounters(
            self.TotalProcessorTime, DescendantsOf(Environment.ProcessId), JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
    }

    public static ProcessCounters operator -(ProcessCounters after, ProcessCounters before) =>
        new(after.Self - before.Self, after.Descendants - before.Descendants, after.JitMethods - before.JitMethods, after.JitTime - before.JitTime);

    /// <summary>Linux only (null elsewhere): the processes still running now; one that ended meanwhile is not counted.</summary>
    private static TimeSpan? DescendantsOf(int root)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var processes = new Dictionary<int, (int Parent, double Seconds)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // The command name (field 2) is in parentheses and may hold spaces: the fields after the last ')' are fixed.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
                processes[pid] = (parent, ticks / TicksPerSecond);
            }
            catch (IOException)
            {
                // Ended while being read.
            }
        }

        var total = 0.0;
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var parent))
        {
            foreach (var (pid, process) in processes.Where(p => p.Value.Parent == parent))
            {
                total += process.Seconds;
                pending.Push(pid);
            }
        }

        return TimeSpan.FromSeconds(total);
    }
}
