var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
await app.RunAsync().ConfigureAwait(false);

/// <summary>Entry point; public so that tests can host the API with WebApplicationFactory.</summary>
public partial class Program;
