using System.Globalization;
using System.Text;
using System.Text.Json;
using Fabric.Gateway.Api.Errors;
using Fabric.Gateway.Api.Fabric;
using Fabric.Gateway.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabric.Gateway.Api.Endpoints.Internal;

/// <summary>
/// Puts one <see cref="ChaincodeCall"/> together from the route and a validated body: arguments in the
/// transaction's order, encoded as the contract API binds them (strings raw, numbers and dates as text, enums by
/// name, objects and arrays as JSON), and private fields as transient data only. It is used only once the route
/// values and the body passed validation.
/// </summary>
internal sealed partial class CallBuilder(HttpContext http)
{
    private readonly List<string> arguments = [];
    private readonly Dictionary<string, byte[]> transient = new(StringComparer.Ordinal);
    private readonly List<string> endorsers = [];
    private readonly List<EndorserLookup> endorserLookups = [];

    /// <summary>
    /// A route value, already checked against its network's format (<see cref="NetworkRoutes"/>). Routing leaves
    /// <c>%2F</c> escaped, so it is unescaped here: IDs may contain '/' (trade) but never '%', so unescaping cannot
    /// turn one valid ID into another.
    /// </summary>
    public string Route(string name) => RouteValue(http, name) ?? throw new InvalidOperationException($"The route has no value '{name}'.");

    public int RouteInt(string name) => int.Parse(Route(name), NumberStyles.None, CultureInfo.InvariantCulture);

    public DateOnly RouteDate(string name) => DateOnly.ParseExact(Route(name), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string? RouteValue(HttpContext http, string name) =>
        http.Request.RouteValues[name] is string raw ? Uri.UnescapeDataString(raw) : null;

    public CallBuilder Arg(string value)
    {
        arguments.Add(value);
        return this;
    }

    public CallBuilder Arg(int value) => Arg(value.ToString(CultureInfo.InvariantCulture));

    public CallBuilder Arg(DateOnly value) => Arg(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>An enum argument by its JSON name, bare (<c>quantity_questioned</c>), as the contract API reads it.</summary>
    public CallBuilder EnumArg<T>(T value)
        where T : struct, Enum => Arg(JsonSerializer.Serialize(value, EndpointJson.Chaincode).Trim('"'));

    /// <summary>An object or array argument as JSON. Only for public data: arguments are written into blocks.</summary>
    public CallBuilder JsonArg<T>(T value) => Arg(JsonSerializer.Serialize(value, EndpointJson.Chaincode));

    public CallBuilder Transient(string key, byte[] value)
    {
        transient[key] = value;
        return this;
    }

    public CallBuilder TransientText(string key, string value) => Transient(key, Encoding.UTF8.GetBytes(value));

    public CallBuilder TransientJson<T>(string key, T value) => Transient(key, JsonSerializer.SerializeToUtf8Bytes(value, EndpointJson.Chaincode));

    /// <summary>
    /// Organizations whose peers must endorse the submit, or one of whose peers must run the evaluate (see
    /// <see cref="ChaincodeCall.EndorsingOrganizations"/>).
    /// </summary>
    public CallBuilder EndorsedBy(params IEnumerable<string?> mspIds)
    {
        endorsers.AddRange(mspIds.OfType<string>());
        return this;
    }

    /// <summary>The caller's own organization must endorse (e.g. the transaction writes its implicit collection).</summary>
    public CallBuilder EndorsedByCaller() => EndorsedBy(ChaincodeCall.CallerOrganization);

    /// <summary>
    /// Organizations read from the ledger just before the call (submit or evaluate): <paramref name="transactionName"/>
    /// is evaluated with <paramref name="lookupArguments"/> on the same network and <paramref name="select"/> picks
    /// the MSP IDs from its JSON (e.g. a consent's grantee, a credit's two banks, the hospital holding a reason).
    /// </summary>
    public CallBuilder EndorsedByLedger(string transactionName, IReadOnlyList<string> lookupArguments, Func<JsonElement, IEnumerable<string?>> select)
    {
        endorserLookups.Add(new EndorserLookup(transactionName, lookupArguments, select));
        return this;
    }

    /// <summary>
    /// Runs the ledger lookups of <see cref="EndorsedByLedger"/> as the caller. A lookup the chaincode refuses (a 4xx
    /// chaincode answer: the caller may not read it, it does not exist, ...) only means the gateway cannot plan from
    /// it: its organizations are left out and Fabric's gateway chooses (from the chaincode's interest), and the
    /// transaction itself then gets the chaincode's own answer, whose rules may differ from the lookup's. Any other
    /// failure (5xx chaincode failure, Fabric unavailable) propagates.
    /// </summary>
    public async Task ResolveEndorsersAsync(string businessNetwork, IChaincodeInvoker invoker, CancellationToken cancellationToken)
    {
        foreach (var lookup in endorserLookups)
        {
            ReadOnlyMemory<byte> payload;
            try
            {
                payload = await invoker.EvaluateAsync(new ChaincodeCall(businessNetwork, lookup.TransactionName, lookup.Arguments), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (GatewayException e) when (ExceptionMapper.ChaincodeResponse(e) is { Status: >= 400 and < 500 } refusal)
            {
                LogLookupRefused(Logger, businessNetwork, lookup.TransactionName, refusal.Status);
                continue;
            }

            using var document = JsonDocument.Parse(payload);
            EndorsedBy(lookup.Select(document.RootElement));
        }

        endorserLookups.Clear();
    }

    public ChaincodeCall Build(string businessNetwork, string transactionName) =>
        new(
            businessNetwork,
            transactionName,
            arguments.ToArray(),
            transient.Count == 0 ? null : transient,
            endorsers.Count == 0 ? null : endorsers.Distinct(StringComparer.Ordinal).ToArray());

    /// <summary>A string property of a JSON object, or null when absent or not a string.</summary>
    public static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The strings of an array property of a JSON object; empty when absent.</summary>
    public static IEnumerable<string?> StringArrayProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()).ToArray()
            : [];

    private ILogger Logger => http.RequestServices.GetService<ILogger<CallBuilder>>() ?? (ILogger)NullLogger.Instance;

    // The transaction name and status only: the lookup's arguments and the chaincode's message may name patients.
    [LoggerMessage(EventId = 900, Level = LogLevel.Debug,
        Message = "Endorser lookup {Transaction} on {BusinessNetwork} was refused by the chaincode ({ChaincodeStatus}); Fabric's gateway chooses the endorsers")]
    private static partial void LogLookupRefused(ILogger logger, string businessNetwork, string transaction, int chaincodeStatus);

    private sealed record EndorserLookup(string TransactionName, IReadOnlyList<string> Arguments, Func<JsonElement, IEnumerable<string?>> Select);
}
