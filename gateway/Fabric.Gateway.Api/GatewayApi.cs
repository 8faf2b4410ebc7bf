using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Connections;
using Fabric.Gateway.Api.Errors;
using Fabric.Gateway.Api.Events;
using Fabric.Gateway.Api.Fabric;
using Fabric.Gateway.Api.Idempotency;
using Fabric.Gateway.Api.Identity;
using Fabric.Gateway.Api.Journal;
using Fabric.Gateway.Api.Operations;
using Fabric.Gateway.Api.Security;
using Fabric.Gateway.Api.Transactions;
using Fabric.Gateway.Api.Webhooks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Fabric.Gateway.Api;

/// <summary>Wires the REST gateway: services (<see cref="AddFabricGateway"/>) and the HTTP pipeline (<see cref="MapFabricGateway"/>).</summary>
public static class GatewayApi
{
    /// <summary>Registers configuration (validated at start), security, Fabric connections, the journal and operations.</summary>
    public static WebApplicationBuilder AddFabricGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        AddValidatedOptions<FabricOptions, FabricOptionsValidator>(services, configuration, FabricOptions.Section);
        AddValidatedOptions<SecurityOptions, SecurityOptionsValidator>(services, configuration, SecurityOptions.Section);
        AddValidatedOptions<JournalOptions, OtherOptionsValidators>(services, configuration, JournalOptions.Section);
        AddValidatedOptions<IdempotencyOptions, OtherOptionsValidators>(services, configuration, IdempotencyOptions.Section);
        AddValidatedOptions<LimitsOptions, OtherOptionsValidators>(services, configuration, LimitsOptions.Section);
        AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(services, configuration, WebhookOptions.Section);
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section));
        services.AddOptions<HostOptions>().Configure<IOptions<LimitsOptions>>((host, limits) => host.ShutdownTimeout = limits.Value.ShutdownTimeout);

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = StableTypes);
        services.AddExceptionHandler<FabricExceptionHandler>();
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(json => json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);

        services.AddGatewaySecurity();
        services.AddPerPrincipalRateLimiting();

        services.TryAddSingleton<IIdentityProvider, MspFolderIdentityProvider>();
        services.AddSingleton<PeerChannelPool>();
        services.AddSingleton<FabricConnections>();
        services.AddSingleton<GatewayTelemetry>();
        services.AddSingleton<TransactionSender>();
        services.AddSingleton<TransactionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TransactionWorker>());
        services.AddScoped<IChaincodeInvoker, FabricChaincodeInvoker>();
        services.AddSingleton<SqlJournal>(CreateJournal);
        services.AddSingleton<ITransactionJournal>(sp => sp.GetRequiredService<SqlJournal>());
        services.AddSingleton<IIdempotencyStore>(sp => sp.GetRequiredService<SqlJournal>());
        services.AddSingleton<IWebhookCheckpoints>(sp => sp.GetRequiredService<SqlJournal>());
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddHostedService<WebhookDispatcher>();

        services.AddHealthChecks().AddCheck<PeerReadinessCheck>("peers", tags: ["ready"]);
        services.AddOpenApi(OpenApiDocumentation.Configure);
        AddTelemetry(services, configuration);
        return builder;
    }

    /// <summary>
    /// Builds the pipeline (errors, size limit, authentication, rate limits), maps OpenAPI (<c>/openapi/v1.json</c>),
    /// Scalar (<c>/scalar</c>), health (<c>/health/live</c>, <c>/health/ready</c>) and the <c>/api</c> group with
    /// transactions, events and every registered <see cref="IApiEndpoints"/>. Returns the <c>/api</c> group.
    /// </summary>
    public static RouteGroupBuilder MapFabricGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(LimitAndBufferBodyAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

        var api = app.MapGroup("/api")
            .RequireAuthorization(SecurityRegistration.CallerPolicy)
            .RequireRateLimiting(RateLimiting.PerPrincipalPolicy)
            .AddEndpointFilter<CallerFilter>()
            .AddEndpointFilter<IdempotencyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapTransactions();
        api.MapEvents();
        foreach (var endpoints in app.Services.GetServices<IApiEndpoints>())
        {
            endpoints.Map(api);
        }

        return api;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(IServiceCollection services, ConfigurationManager configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }

    private static SqlJournal CreateJournal(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<JournalOptions>>().Value;
        return string.Equals(options.Provider, "PostgreSql", StringComparison.OrdinalIgnoreCase)
            ? PostgreSqlJournal.Create(options.ConnectionString)
            : new SqliteJournal(options.ConnectionString);
    }

    private static void AddTelemetry(IServiceCollection services, ConfigurationManager configuration)
    {
        // Traces and metrics are recorded only when they go somewhere: sampling every request's spans for no exporter
        // cost about 6% of the gateway's CPU under load. The spans and instruments still exist for any other listener
        // (log scopes, dotnet-counters, a test's MeterListener).
        if (configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()?.OtlpEndpoint is not { Length: > 0 } endpoint)
        {
            return;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("fabric-gateway-api"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("System.Net.Http")
                .AddMeter(GatewayTelemetry.Name))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("System.Net.Http")
                .AddSource(GatewayTelemetry.Name))
            .UseOtlpExporter(OtlpExportProtocol.Grpc, new Uri(endpoint));
    }

    /// <summary>Gives the framework's own problems (401, 403, 404, ... from status code pages) the API's stable types.</summary>
    private static void StableTypes(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type is not null && problem.Type.StartsWith(Problems.TypeBase, StringComparison.Ordinal))
        {
            return;
        }

        ProblemKind? kind = problem.Status switch
        {
            StatusCodes.Status400BadRequest => ProblemKind.Validation,
            StatusCodes.Status401Unauthorized => ProblemKind.Unauthorized,
            StatusCodes.Status403Forbidden => ProblemKind.Forbidden,
            StatusCodes.Status404NotFound => ProblemKind.NotFound,
            StatusCodes.Status413PayloadTooLarge => ProblemKind.PayloadTooLarge,
            StatusCodes.Status429TooManyRequests => ProblemKind.RateLimited,
            >= 500 => ProblemKind.Internal,
            _ => null,
        };
        if (kind is { } known)
        {
            problem.Type = Problems.TypeOf(known);
            problem.Title = Problems.TitleOf(known);
        }
    }

    /// <summary>
    /// Refuses bodies over <see cref="LimitsOptions.MaxRequestBodyBytes"/> (413) and lets POST bodies be read twice:
    /// once by the endpoint, once for the idempotency hash.
    /// </summary>
    private static async Task LimitAndBufferBodyAsync(HttpContext context, RequestDelegate next)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await TypedResults.Problem(Problems.Create(ProblemKind.PayloadTooLarge, $"The request body exceeds {limit} bytes."))
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (HttpMethods.IsPost(context.Request.Method))
        {
            context.Request.EnableBuffering();
        }

        await next(context).ConfigureAwait(false);
    }
}
