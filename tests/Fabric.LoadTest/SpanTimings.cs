using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Fabric.LoadTest;

/// <summary>
/// Where a REST request's time goes: the durations of the gateway's own spans (fabric.endorse, fabric.submit,
/// fabric.commit) and of the whole HTTP request as ASP.NET Core sees it, collected in this process while recording.
/// The rest of a request (authentication, idempotency record, journal writes, JSON) is the request minus the three.
/// </summary>
internal sealed class SpanTimings : IDisposable
{
    private static readonly string[] Sources = ["Fabric.Gateway.Api", "Microsoft.AspNetCore"];
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _durations = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;
    private volatile bool _recording;

    public SpanTimings()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => Sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (_recording)
                {
                    var name = activity.Source.Name == "Microsoft.AspNetCore" ? "http.request" : activity.OperationName;
                    _durations.GetOrAdd(name, _ => []).Add(activity.Duration.TotalMilliseconds);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Record(bool on) => _recording = on;

    public string Describe()
    {
        var text = new StringBuilder("Inside the gateway (median / p95, ms):");
        foreach (var name in new[] { "http.request", "fabric.endorse", "fabric.submit", "fabric.commit" })
        {
            if (_durations.TryGetValue(name, out var values) && !values.IsEmpty)
            {
                var sorted = values.Order().ToArray();
                text.Append(CultureInfo.InvariantCulture, $" {name} {sorted[sorted.Length / 2]:F1} / {sorted[(int)(sorted.Length * 0.95)]:F1};");
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();
}
