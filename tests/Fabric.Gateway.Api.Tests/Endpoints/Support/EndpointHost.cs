using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fabric.Gateway.Api.Endpoints;
using Fabric.Gateway.Api.Fabric;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Fabric.Gateway.Api.Tests.Endpoints.Support;

/// <summary>
/// An in-memory web application that maps only the business endpoints, with a <see cref="RecordingInvoker"/> in
/// place of Fabric. Shared by the tests of one class (they run one after another); each test resets the invoker.
/// </summary>
public sealed class EndpointHost : IAsyncLifetime, IAsyncDisposable
{
    private readonly Action<WebApplication> map;

    public EndpointHost()
        : this(app => app.MapBusinessNetworkEndpoints().WithMetadata(GroupConvention))
    {
    }

    /// <summary>A host that maps the endpoints its own way (another prefix, inside a group).</summary>
    internal EndpointHost(Action<WebApplication> map) => this.map = map;

    /// <summary>Metadata added through the returned group, to prove conventions reach every business endpoint.</summary>
    internal static readonly object GroupConvention = new();

    private WebApplication? app;

    internal RecordingInvoker Invoker { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<IChaincodeInvoker>(Invoker);
        builder.Services.AddProblemDetails();
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddBusinessNetworkEndpoints();
        app = builder.Build();
        map(app);
        await app.StartAsync();
        Client = app.GetTestClient();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    public Task<HttpResponseMessage> SendAsync(string method, string path, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return Client.SendAsync(request);
    }

    /// <summary>The field names of a validation ProblemDetails (<c>errors</c> keys).</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(p => p.Name).ToArray()
            : [];
    }
}
