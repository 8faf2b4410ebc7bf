using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;

namespace Fabric.LoadTest;

/// <summary>What one load run measured.</summary>
internal sealed record LoadReport(
    string Path,
    int Transactions, int Concurrency, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs, int Failed, int Lost, IReadOnlyList<string> Errors,
    ProcessCounters WhileMeasuring)
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
        $"max {LatenciesMs.DefaultIfEmpty().Max():F0} ms; failed {Failed}, lost {Lost}; " +
        $"JIT in this process while measuring: {WhileMeasuring.JitMethods} methods, {WhileMeasuring.JitTime.TotalMilliseconds:F0} ms; " +
        $"CPU per transaction: this process {PerTransaction(WhileMeasuring.Self)}, " +
        $"the dev network {(WhileMeasuring.Descendants is { } network ? PerTransaction(network) : "(Linux only)")}");

    private string PerTransaction(TimeSpan cpu) => string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalMilliseconds / Transactions:F3} ms");
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
        FabricTestNetwork network, int transactions, int concurrency, TimeSpan warmup, bool viaRest, bool traceSpans, string? postgresJournal, TextWriter log, CancellationToken cancellationToken)
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

        await log.WriteLineAsync(
            $"Warming up with {concurrency} in flight (not measured): at least {warmup.TotalSeconds:F0} s, then until the JIT is quiet " +
            $"(fewer than {QuietJitMethods} methods compiled in {QuietJitWindow.TotalSeconds:F0} s), at most {MaxWarmup.TotalSeconds:F0} s...");
        var warming = new JitQuietness(warmup);
        var warmed = await RunClosedLoopAsync(concurrency, _ => !warming.IsWarm(), i => submit($"warmup-{run}-{i}", "w"));
        await log.WriteLineAsync($"Warmed up with {warmed} transactions in {warming.Elapsed.TotalSeconds:F0} s.");

        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentQueue<string>();
        var committed = new ConcurrentBag<int>();
        await log.WriteLineAsync($"Submitting {transactions} transactions with {concurrency} in flight...");
        spans?.Record(true);
        var before = ProcessCounters.Now();
        var total = Stopwatch.StartNew();
        await RunClosedLoopAsync(concurrency, i => i < transactions, async i =>
        {
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
        });
        total.Stop();
        var whileMeasuring = ProcessCounters.Now() - before;
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

        return new LoadReport(
            viaRest ? "REST gateway (HTTP)" : ".NET client (direct)", transactions, concurrency, total.Elapsed, [.. latencies], errors.Count, lost,
            [.. errors.Take(10)], whileMeasuring);
    }

    /// <summary>
    /// <paramref name="concurrency"/> workers, each sending its next transaction as soon as its last one is answered,
    /// while <paramref name="more"/> says so for the next index; returns how many were sent.
    /// </summary>
    private static async Task<int> RunClosedLoopAsync(int concurrency, Func<int, bool> more, Func<int, Task> send)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); more(i); i = Interlocked.Increment(ref next))
            {
                await send(i);
            }
        }));
        return Math.Max(0, next - concurrency + 1);
    }

    private const int QuietJitMethods = 20;
    private static readonly TimeSpan QuietJitWindow = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Warm once the minimum time has passed and the last window compiled few methods: tiering up (and re-JIT with
    /// profile data) goes on for tens of seconds under load, longer for the REST path, which has more code.
    /// </summary>
    private sealed class JitQuietness(TimeSpan minimum)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _lock = new();
        private TimeSpan _windowStart;
        private long _methodsAtWindowStart = JitInfo.GetCompiledMethodCount();
        private bool _warm;

        public TimeSpan Elapsed => _clock.Elapsed;

        public bool IsWarm()
        {
            lock (_lock)
            {
                var now = _clock.Elapsed;
                if (_warm || now >= MaxWarmup)
                {
                    return _warm = true;
                }

                if (now - _windowStart >= QuietJitWindow)
                {
                    var methods = JitInfo.GetCompiledMethodCount();
                    _warm = now >= minimum && methods - _methodsAtWindowStart < QuietJitMethods;
                    (_windowStart, _methodsAtWindowStart) = (now, methods);
                }

                return _warm;
            }
        }
    }

    private static string Key(string run, int i) => string.Create(CultureInfo.InvariantCulture, $"load-{run}-{i:D6}");

    private static string Value(int i) => string.Create(CultureInfo.InvariantCulture, $"value-{i}");
}
