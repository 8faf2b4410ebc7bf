using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;

namespace Fabric.LoadTest;

/// <summary>What one load run measured.</summary>
internal sealed record LoadReport(
    string Path,
    int Transactions, int Concurrency, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs, int Failed, int Lost, IReadOnlyList<string> Errors)
{
    public double Throughput => (Transactions - Failed) / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Count == 0)
        {
            return double.NaN;
        }

        var sorted = LatenciesMs.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Path}: {Transactions} transactions, concurrency {Concurrency}: {Elapsed.TotalSeconds:F1} s, {Throughput:F0} tx/s; " +
        $"latency (endorse + order + commit) p50 {Percentile(50):F0} ms, p95 {Percentile(95):F0} ms, p99 {Percentile(99):F0} ms, " +
        $"max {LatenciesMs.DefaultIfEmpty().Max():F0} ms; failed {Failed}, lost {Lost}");
}

/// <summary>
/// Submits blind writes (no reads, so no MVCC conflicts by design) through the .NET client, each awaited until its
/// commit status is VALID, then reads every key back from every organization's peer: a transaction the client saw
/// committed but a peer cannot return is counted as lost. With <c>viaRest</c> the same writes go through the REST
/// gateway hosted in this process (<see cref="RestLoadGateway"/>), one HTTP request each, answered once committed.
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadReport> RunAsync(
        FabricTestNetwork network, int transactions, int concurrency, bool viaRest, bool traceSpans, string? postgresJournal, TextWriter log, CancellationToken cancellationToken)
    {
        var mspIds = network.Organizations.Keys.Order(StringComparer.Ordinal).ToList();
        var user = await network.EnrollAsync(mspIds[0], $"load-{Guid.NewGuid():N}"[..17], cancellationToken: cancellationToken);
        var contract = network.Connect(user).GetNetwork("mychannel").GetContract("basic");
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var gateway = viaRest ? new RestLoadGateway(network, user, postgresJournal) : null;
        using var spans = viaRest && traceSpans ? new SpanTimings() : null;
        using var http = gateway?.CreateClient(concurrency);
        Func<string, string, Task> submit = http is null
            ? (key, value) => contract.SubmitAsync("create", new ProposalOptions().AddArguments(key, value), cancellationToken)
            : async (key, value) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/load/{Uri.EscapeDataString(key)}?value={Uri.EscapeDataString(value)}");
                request.Headers.Add("Idempotency-Key", key);
                using var response = await http.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException(
                        $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}", null, response.StatusCode);
                }
            };

        await log.WriteLineAsync($"Warming up ({Math.Min(20, transactions)} transactions)...");
        await Task.WhenAll(Enumerable.Range(0, Math.Min(20, transactions)).Select(i => submit($"warmup-{run}-{i}", "w")));

        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentQueue<string>();
        var committed = new ConcurrentBag<int>();
        using var limit = new SemaphoreSlim(concurrency);
        await log.WriteLineAsync($"Submitting {transactions} transactions with {concurrency} in flight...");
        spans?.Record(true);
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, transactions).Select(async i =>
        {
            await limit.WaitAsync(cancellationToken);
            try
            {
                var started = Stopwatch.GetTimestamp();
                await submit(Key(run, i), Value(i));
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                committed.Add(i);
            }
            catch (Exception e) when (e is GatewayException or HttpRequestException)
            {
                errors.Enqueue($"{Key(run, i)}: {e.GetType().Name} {e.Message}");
            }
            finally
            {
                limit.Release();
            }
        }));
        total.Stop();
        spans?.Record(false);
        if (spans is not null)
        {
            await log.WriteLineAsync(spans.Describe());
        }

        await log.WriteLineAsync("Reading every committed key back from every peer...");
        var lost = 0;
        foreach (var mspId in mspIds)
        {
            var reader = network.Connect(user, mspId).GetNetwork("mychannel").GetContract("basic");
            foreach (var chunk in committed.Order().Chunk(100))
            {
                var values = await Task.WhenAll(chunk.Select(async i =>
                {
                    try
                    {
                        return Encoding.UTF8.GetString(await reader.EvaluateAsync("get", new ProposalOptions().AddArguments(Key(run, i)), cancellationToken)) == Value(i);
                    }
                    catch (GatewayException)
                    {
                        return false;
                    }
                }));
                lost += values.Count(ok => !ok);
            }
        }

        return new LoadReport(viaRest ? "REST gateway (HTTP)" : ".NET client (direct)", transactions, concurrency, total.Elapsed, [.. latencies], errors.Count, lost, [.. errors.Take(10)]);
    }

    private static string Key(string run, int i) => string.Create(CultureInfo.InvariantCulture, $"load-{run}-{i:D6}");

    private static string Value(int i) => string.Create(CultureInfo.InvariantCulture, $"value-{i}");
}
