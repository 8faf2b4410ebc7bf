using Fabric.Gateway.Api.Endpoints;
using Fabric.Gateway.Api.Fabric;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Fabric.Gateway.Api.Tests.Endpoints.Support;

/// <summary>The business endpoints in a test server, over the real contracts in memory (<see cref="InMemoryChaincodeInvoker"/>).</summary>
public sealed class InMemoryContractsHost : IAsyncLifetime
{
    private WebApplication? app;

    internal InMemoryChaincodeInvoker Chaincode { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<IChaincodeInvoker>(Chaincode);
        app = builder.Build();
        app.MapBusinessNetworkEndpoints();
        await app.StartAsync();
        Client = app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
