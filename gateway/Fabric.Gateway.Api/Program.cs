using Fabric.Gateway.Api;
using Fabric.Gateway.Api.Endpoints;

var builder = WebApplication.CreateBuilder(args);
builder.AddFabricGateway();
builder.Services.AddBusinessNetworkEndpoints();

var app = builder.Build();
var api = app.MapFabricGateway();
api.MapBusinessNetworkEndpoints(pathPrefix: "");
await app.RunAsync().ConfigureAwait(false);

/// <summary>Entry point; public so that tests can host the API with WebApplicationFactory.</summary>
public partial class Program;
