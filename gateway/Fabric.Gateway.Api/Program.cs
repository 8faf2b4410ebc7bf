using Fabric.Gateway.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddFabricGateway();

var app = builder.Build();
app.MapFabricGateway();
await app.RunAsync().ConfigureAwait(false);

/// <summary>Entry point; public so that tests can host the API with WebApplicationFactory.</summary>
public partial class Program;
