using System.CommandLine;
using Fabric.LoadTest;
using Fabric.Network.Testing;
using Fabric.TestSupport;

var transactions = new Option<int>("--transactions", "-n") { Description = "How many transactions to submit.", DefaultValueFactory = _ => 1000 };
var concurrency = new Option<int>("--concurrency", "-c") { Description = "How many are in flight at once.", DefaultValueFactory = _ => 50 };
var warmup = new Option<int>("--warmup-seconds", "-w")
{
    Description = "How long to submit the same load first without measuring it. A .NET process spends its first seconds under load " +
        "compiling (tiered JIT, then re-JIT with profile data); measured then, the path with more code (the REST gateway) pays for its warm-up. " +
        "The report says how many methods were still compiled while measuring.",
    DefaultValueFactory = _ => 20,
};
var networkFile = new Option<FileInfo?>("--network")
{
    Description = "Network file with a 'basic' chaincode on 'mychannel' (default: tests/conformance/devnet/conformance-network.yaml). " +
        "The dev network is started from a copy with free ports, in a temporary folder, and stopped at the end.",
};
var viaRest = new Option<bool>("--via-rest")
{
    Description = "Send the same writes through the REST gateway hosted in this process (HTTP on loopback) instead of the .NET client directly.",
};
var postgresJournal = new Option<string?>("--journal-postgres")
{
    Description = "With --via-rest: keep the gateway's journal in PostgreSQL (this connection string) instead of a SQLite file.",
};
var traceSpans = new Option<bool>("--spans")
{
    Description = "With --via-rest: also report where a request's time went inside the gateway (listens to its spans, which costs some CPU).",
};
var root = new RootCommand("Load test: transactions through the .NET Gateway client against the embedded dev network, with latency percentiles.")
{
    transactions, concurrency, warmup, networkFile, viaRest, postgresJournal, traceSpans,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var count = parse.GetValue(transactions);
    var inFlight = parse.GetValue(concurrency);
    var warmupSeconds = parse.GetValue(warmup);
    if (count < 1 || inFlight < 1 || warmupSeconds < 0)
    {
        await Console.Error.WriteLineAsync("--transactions and --concurrency must be at least 1, --warmup-seconds at least 0.");
        return 2;
    }

    var file = parse.GetValue(networkFile)?.FullName ?? RepositoryLayout.PathOf("tests", "conformance", "devnet", "conformance-network.yaml");
    Console.WriteLine($"Starting the dev network from {file}...");
    await using var network = await DevNetworkProcess.StartAsync(file, cancellationToken);
    var report = await LoadRun.RunAsync(network, count, inFlight, TimeSpan.FromSeconds(warmupSeconds), parse.GetValue(viaRest), parse.GetValue(traceSpans), parse.GetValue(postgresJournal), Console.Out, cancellationToken);
    Console.WriteLine(report.Describe());
    foreach (var error in report.Errors)
    {
        Console.WriteLine($"  {error}");
    }

    return report.Failed == 0 && report.Lost == 0 ? 0 : 1;
});
return await root.Parse(args).InvokeAsync();
