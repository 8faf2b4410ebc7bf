namespace HealthRecords.Tests.Support;

/// <summary>A clock the tests move by hand: the source of the in-memory stub's transaction timestamps.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
