using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Fabric.Gateway.Client.Benchmarks;

// 1. BenchmarkDotNet measures the .NET client in this process (in-process toolchain: no second build), against a
//    scripted peer the benchmark class starts on a loopback port.
// 2. The Node script runs the same workloads with @hyperledger/fabric-gateway against a scripted peer hosted here.
// 3. Both figures and their ratio are printed, in operations per second.
var nodeSeconds = 5;
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(6).WithLaunchCount(1)
        .WithToolchain(InProcessEmitToolchain.Instance).WithId("short-inprocess"))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = BenchmarkRunner.Run<GatewayClientBenchmarks>(config, args);

var root = FindRepositoryRoot();
Dictionary<string, double> node;
try
{
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
    node = await NodeClientRun.RunAsync(root, nodeSeconds, timeout.Token);
}
catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or OperationCanceledException)
{
    Console.Error.WriteLine("The Node client benchmark could not run: " + e.Message);
    node = [];
}

Console.WriteLine();
Console.WriteLine("| workload | .NET client (ops/s) | Node client (ops/s) | ratio |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var report in summary.Reports)
{
    var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo;
    var dotnet = OperationsPerSecond(report);
    var hasNode = node.TryGetValue(name, out var nodeRate);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {dotnet:N0} | {(hasNode ? nodeRate.ToString("N0", CultureInfo.InvariantCulture) : "n/a")} | {(hasNode && nodeRate > 0 ? (dotnet / nodeRate).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "n/a")} |"));
}

static double OperationsPerSecond(BenchmarkReport report) =>
    report.ResultStatistics is { } statistics ? 1e9 / statistics.Mean : double.NaN;

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Fabric.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Fabric.sln not found above " + AppContext.BaseDirectory);
}
