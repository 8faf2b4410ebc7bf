using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Fabric.Gateway.Api.Operations;

/// <summary>
/// The gateway's own traces and metrics. Spans <c>fabric.evaluate</c>, <c>fabric.endorse</c>, <c>fabric.submit</c> and
/// <c>fabric.commit</c> are children of the HTTP request's span, so one trace shows a request through every Fabric step.
/// </summary>
internal sealed class GatewayTelemetry : IDisposable
{
    public const string Name = "Fabric.Gateway.Api";

    private readonly Meter _meter;

    public GatewayTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Transactions = _meter.CreateCounter<long>("fabric.gateway.transactions", description: "Submitted transactions by outcome.");
        Evaluations = _meter.CreateCounter<long>("fabric.gateway.evaluations", description: "Evaluated transactions.");
        SubmitDuration = _meter.CreateHistogram<double>("fabric.gateway.submit.duration", "s", "Endorse to commit, per transaction.");
    }

    public ActivitySource Source { get; } = new(Name);

    public Counter<long> Transactions { get; }

    public Counter<long> Evaluations { get; }

    public Histogram<double> SubmitDuration { get; }

    public void Dispose()
    {
        Source.Dispose();
        _meter.Dispose();
    }
}
