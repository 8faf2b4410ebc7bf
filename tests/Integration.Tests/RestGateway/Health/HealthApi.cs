using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;

namespace Integration.Tests.RestGateway.Health;

/// <summary>One HTTP request to the health endpoints: method, path (IDs already in it) and the JSON body, if any.</summary>
internal sealed record ApiRequest(HttpMethod Method, string Path, object? Body = null)
{
    public static ApiRequest Get(string path) => new(HttpMethod.Get, path);

    public static ApiRequest Post(string path, object? body = null) => new(HttpMethod.Post, path, body);

    public static ApiRequest Put(string path, object body) => new(HttpMethod.Put, path, body);

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>An answer of the gateway: status, body (JSON, or null when empty) and the headers the tests read.</summary>
internal sealed record ApiAnswer(ApiRequest Request, int Status, JsonElement Json, string Text, string? MediaType, string? Location)
{
    /// <summary>The chaincode's result of a submit (<c>{transactionId, blockNumber, result}</c>).</summary>
    public JsonElement Result => Json.GetProperty("result");

    public string TransactionId => Json.GetProperty("transactionId").GetString()!;

    /// <summary>The ProblemDetails <c>type</c>, or null when the body is no problem.</summary>
    public string? ProblemType => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("type", out var type) ? type.GetString() : null;

    public string Detail => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("detail", out var detail) ? detail.GetString() ?? string.Empty : string.Empty;

    /// <summary>The field names of a validation problem's <c>errors</c>.</summary>
    public IReadOnlyList<string> ErrorFields => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("errors", out var errors)
        ? [.. errors.EnumerateObject().Select(e => e.Name)]
        : [];

    public override string ToString() => $"{Request} -> {Status} {(Text.Length > 400 ? Text[..400] + "..." : Text)}";
}

/// <summary>
/// The health endpoints of a <see cref="RestGatewayHost"/> as every <see cref="Role"/> calls them. POSTs carry a fresh
/// Idempotency-Key; every answer is noted in <see cref="Coverage"/>.
/// </summary>
internal sealed class HealthApi : IDisposable
{
    public const string ProblemTypeBase = "https://fabric-dotnet.dev/problems/";

    private readonly Dictionary<Role, HttpClient> _clients;

    public HealthApi(RestGatewayHost host)
    {
        _clients = HealthRoles.All.ToDictionary(role => role, role => host.ClientOf(role.ToString()));
        Coverage = new EndpointCoverage(host.Services, "/api/health");
    }

    public EndpointCoverage Coverage { get; }

    public async Task<ApiAnswer> SendAsync(Role role, ApiRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, new Uri(request.Path, UriKind.Relative));
        if (request.Method != HttpMethod.Get)
        {
            message.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }

        if (request.Body is not null)
        {
            message.Content = JsonContent.Create(request.Body);
        }

        using var response = await _clients[role].SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement json = default;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType is { } mediaType && mediaType.Contains("json", StringComparison.Ordinal))
        {
            using var document = JsonDocument.Parse(text);
            json = document.RootElement.Clone();
        }

        var status = (int)response.StatusCode;
        Coverage.Record(request.Method, request.Path, status);
        return new ApiAnswer(request, status, json, text, response.Content.Headers.ContentType?.MediaType, response.Headers.Location?.OriginalString);
    }

    /// <summary>Sends and fails the test unless the status is <paramref name="expectedStatus"/>.</summary>
    public async Task<ApiAnswer> ExpectAsync(int expectedStatus, Role role, ApiRequest request, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(role, request, cancellationToken);
        answer.Status.Should().Be(expectedStatus, "{0} as {1} answered {2}", request, role, answer.Text);
        return answer;
    }

    public Task<ApiAnswer> GetAsync(Role role, string path, CancellationToken cancellationToken) =>
        ExpectAsync(200, role, ApiRequest.Get(path), cancellationToken);

    public Task<ApiAnswer> PostAsync(Role role, string path, object? body, CancellationToken cancellationToken, int expectedStatus = 200) =>
        ExpectAsync(expectedStatus, role, ApiRequest.Post(path, body), cancellationToken);

    public Task<ApiAnswer> PutAsync(Role role, string path, object body, CancellationToken cancellationToken) =>
        ExpectAsync(200, role, ApiRequest.Put(path, body), cancellationToken);

    /// <summary>
    /// What is wrong with <paramref name="answer"/> as the problem <paramref name="type"/> with
    /// <paramref name="status"/>, or null: content type, status, <c>type</c>, and why (a field named in
    /// <c>errors</c> and/or words of the <c>detail</c>).
    /// </summary>
    public static string? ProblemMismatch(ApiAnswer answer, int status, string type, string? field = null, string? because = null)
    {
        var wrong = new List<string>();
        if (answer.Status != status)
        {
            wrong.Add($"status {answer.Status}, expected {status}");
        }

        if (answer.MediaType != "application/problem+json")
        {
            wrong.Add($"content type {answer.MediaType}, expected application/problem+json");
        }

        if (answer.ProblemType != ProblemTypeBase + type)
        {
            wrong.Add($"type {answer.ProblemType}, expected {ProblemTypeBase + type}");
        }

        if (field is not null && !answer.ErrorFields.Contains(field))
        {
            wrong.Add($"errors name [{string.Join(", ", answer.ErrorFields)}], expected {field}");
        }

        if (because is not null && !answer.Detail.Contains(because, StringComparison.OrdinalIgnoreCase))
        {
            wrong.Add($"detail does not say '{because}'");
        }

        return wrong.Count == 0 ? null : $"{string.Join("; ", wrong)}: {answer}";
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
