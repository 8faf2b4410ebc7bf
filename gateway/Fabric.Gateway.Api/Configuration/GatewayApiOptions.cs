namespace Fabric.Gateway.Api.Configuration;

/// <summary>Section <c>Journal</c>: the durable store of signed transactions and idempotent responses.</summary>
public sealed class JournalOptions
{
    public const string Section = "Journal";

    /// <summary><c>Sqlite</c> (default) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>ADO.NET connection string. Default <c>Data Source=gateway-journal.db</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=gateway-journal.db";
}

/// <summary>Section <c>Idempotency</c>: the <c>Idempotency-Key</c> header of POST requests.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>Whether every POST must carry the header (400 otherwise). Default true.</summary>
    public bool Required { get; set; } = true;

    /// <summary>Longest accepted key. Default 255.</summary>
    public int MaxKeyLength { get; set; } = 255;

    /// <summary>
    /// How long a request holds its key while running; after that (a crashed gateway) a retry with the same key may take
    /// over, and resumes the journaled transaction instead of creating a new one. Default 2 minutes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>Section <c>Limits</c>: request size and per-principal rate limits.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// Largest request body in bytes (413 beyond). Default 2 MiB: a health record's content may be 1 MiB, which is
    /// about 1.4 MiB of base64 in the JSON body.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Requests each principal may make per <see cref="Window"/> (429 beyond). Default 100.</summary>
    public int PermitsPerWindow { get; set; } = 100;

    /// <summary>The rate-limit window. Default 1 second.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the host waits for in-flight requests (submits) on shutdown. Default 30 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Section <c>Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>OTLP endpoint (e.g. <c>http://localhost:4317</c>); traces and metrics are exported only when set.</summary>
    public string? OtlpEndpoint { get; set; }
}
