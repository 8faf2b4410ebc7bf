using System.Text;
using System.Text.Json;
using Fabric.Gateway.Api.Fabric;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Fabric.Gateway.Api.Endpoints.Internal;

/// <summary>
/// The one place where an HTTP request becomes a chaincode call: check the route values and the body, build the
/// <see cref="ChaincodeCall"/>, evaluate or submit it through <see cref="IChaincodeInvoker"/>, and shape the answer.
/// Each business network declares its endpoints on top of this, one line per transaction. Exceptions of the
/// invoker are left to propagate: the platform maps them to ProblemDetails.
/// </summary>
internal sealed class NetworkRoutes
{
    private readonly IEndpointRouteBuilder routes;
    private readonly string network;
    private readonly string namePrefix;
    private readonly string rootPath;
    private readonly string tag;
    private readonly IReadOnlyDictionary<string, FieldFormat> routeFormats;

    private NetworkRoutes(
        IEndpointRouteBuilder routes, string network, string namePrefix, string rootPath, string tag, IReadOnlyDictionary<string, FieldFormat> routeFormats)
    {
        this.routes = routes;
        this.network = network;
        this.namePrefix = namePrefix;
        this.rootPath = rootPath;
        this.tag = tag;
        this.routeFormats = routeFormats;
    }

    /// <summary>
    /// The routes of one business network under <c>{network}/</c> of <paramref name="endpoints"/> (the <c>/api</c>
    /// group); <paramref name="routeFormats"/> gives the format of every route parameter name its endpoints use.
    /// </summary>
    public static NetworkRoutes For(
        IEndpointRouteBuilder endpoints, string network, string namePrefix, IReadOnlyDictionary<string, FieldFormat> routeFormats) =>
        new(endpoints, network, namePrefix, network, namePrefix, routeFormats);

    /// <summary>Endpoints under a sub-path, grouped under their own OpenAPI tag.</summary>
    public NetworkRoutes Resource(string path, string resourceTag) =>
        new(routes, network, namePrefix, $"{rootPath}/{path}", resourceTag, routeFormats);

    /// <summary>
    /// A query: GET, evaluated on one peer (of the organizations the builder names, if any: e.g. the one whose
    /// implicit collection holds the data); the chaincode's JSON is returned as it is. <paramref name="nameSuffix"/>
    /// keeps endpoint names unique when one transaction serves two routes.
    /// </summary>
    public RouteHandlerBuilder Evaluate(string pattern, string transaction, string summary, Action<CallBuilder> build, string nameSuffix = "") =>
        Describe(
            routes.MapGet(Combine(pattern), (HttpContext http, CancellationToken cancellationToken) =>
                RunAsync(http, transaction, evaluate: true, validate: null, build, location: null, cancellationToken)),
            transaction,
            summary,
            isEvaluate: true,
            nameSuffix)
        .Produces(StatusCodes.Status200OK, contentType: "application/json");

    /// <summary>A transaction without a body: POST, submitted and waited for until committed.</summary>
    public RouteHandlerBuilder Submit(string pattern, string transaction, string summary, Action<CallBuilder> build) =>
        Describe(
            routes.MapPost(Combine(pattern), (HttpContext http, CancellationToken cancellationToken) =>
                RunAsync(http, transaction, evaluate: false, validate: null, build, location: null, cancellationToken)),
            transaction,
            summary,
            isEvaluate: false)
        .Produces<SubmitResponse>(StatusCodes.Status200OK);

    /// <summary>
    /// A transaction with a JSON body, submitted once the body is valid. With <paramref name="location"/> it creates
    /// a resource: 201 with a Location; without, 200. The location is a path below the request's path (usually the
    /// new ID under the collection posted to), or, when it starts with '/', a path below the network's root
    /// (<c>/api/{network}</c>).
    /// </summary>
    public RouteHandlerBuilder Submit<TRequest>(
        string pattern,
        string transaction,
        string summary,
        Action<CallBuilder, TRequest> build,
        Func<TRequest, SubmitOutcome, string>? location = null,
        string method = "POST",
        int maxBodyBytes = RequestBody.DefaultMaxBytes)
        where TRequest : class, IValidatedRequest
    {
        var fullPattern = Combine(pattern);
        var endpoint = routes.MapMethods(fullPattern, [method], async (HttpContext http, CancellationToken cancellationToken) =>
        {
            var (body, failure) = await RequestBody.ReadAsync<TRequest>(http.Request, maxBodyBytes, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return failure!;
            }

            return await RunAsync(
                    http,
                    transaction,
                    evaluate: false,
                    body.Validate,
                    call => build(call, body),
                    location is null ? null : outcome => location(body, outcome),
                    cancellationToken,
                    fullPattern)
                .ConfigureAwait(false);
        });

        return Describe(endpoint, transaction, summary, isEvaluate: false)
            .Accepts<TRequest>("application/json")
            .Produces<SubmitResponse>(location is null ? StatusCodes.Status200OK : StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private async Task<IResult> RunAsync(
        HttpContext http,
        string transaction,
        bool evaluate,
        Action<RequestErrors>? validate,
        Action<CallBuilder> build,
        Func<SubmitOutcome, string>? location,
        CancellationToken cancellationToken,
        string? fullPattern = null)
    {
        var errors = new RequestErrors();
        foreach (var name in http.Request.RouteValues.Keys)
        {
            if (routeFormats.TryGetValue(name, out var format))
            {
                errors.Required(CallBuilder.RouteValue(http, name), name, format);
            }
        }

        validate?.Invoke(errors);
        if (errors.HasErrors)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var call = new CallBuilder(http);
        build(call);
        var invoker = http.RequestServices.GetRequiredService<IChaincodeInvoker>();
        await call.ResolveEndorsersAsync(network, invoker, cancellationToken).ConfigureAwait(false);
        if (evaluate)
        {
            var payload = await invoker.EvaluateAsync(call.Build(network, transaction), cancellationToken).ConfigureAwait(false);
            return Results.Bytes(payload, "application/json");
        }

        var outcome = await invoker.SubmitAsync(call.Build(network, transaction), cancellationToken).ConfigureAwait(false);
        var response = new SubmitResponse(outcome.TransactionId, outcome.BlockNumber, ResultOf(outcome.Payload));
        return location is null
            ? TypedResults.Ok(response)
            : TypedResults.Created(LocationOf(http.Request, fullPattern!, location(outcome)), response);
    }

    /// <summary>
    /// The Location of a created resource: <paramref name="path"/> below the request's path, or, when it starts
    /// with '/', below the network's root. The root is found by dropping from the request's path as many segments
    /// as the endpoint's pattern has below the network (route values never hold a raw '/'), so the answer is right
    /// whatever prefix the endpoints were mapped under.
    /// </summary>
    private static string LocationOf(HttpRequest request, string fullPattern, string path)
    {
        var requestPath = $"{request.PathBase}{request.Path}".TrimEnd('/');
        if (!path.StartsWith('/'))
        {
            return path.Length == 0 ? requestPath : $"{requestPath}/{path}";
        }

        var segmentsBelowNetwork = fullPattern.Split('/', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        var networkRoot = requestPath;
        for (var i = 0; i < segmentsBelowNetwork; i++)
        {
            networkRoot = networkRoot[..networkRoot.LastIndexOf('/')];
        }

        return networkRoot + path;
    }

    /// <summary>The chaincode's payload as JSON: as is when it is JSON, as a JSON string when it is plain text, null when empty.</summary>
    private static JsonElement? ResultOf(ReadOnlyMemory<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(Encoding.UTF8.GetString(payload.Span));
        }
    }

    private RouteHandlerBuilder Describe(RouteHandlerBuilder endpoint, string transaction, string summary, bool isEvaluate, string nameSuffix = "") =>
        endpoint
            .WithMetadata(new ChaincodeTransactionMetadata(network, transaction, isEvaluate))
            .WithName(namePrefix + transaction.Replace(":", string.Empty, StringComparison.Ordinal) + nameSuffix)
            .WithSummary(summary)
            .WithDescription($"Chaincode transaction {transaction} on the {network} business network.")
            .WithTags(tag)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>The full pattern; every route parameter must have a format, checked when the endpoint is mapped.</summary>
    private string Combine(string pattern)
    {
        var full = pattern.Length == 0 ? rootPath : $"{rootPath}/{pattern}";
        foreach (var parameter in RoutePatternFactory.Parse(full).Parameters)
        {
            if (!routeFormats.ContainsKey(parameter.Name))
            {
                throw new InvalidOperationException($"Route parameter '{parameter.Name}' of '{full}' has no format in the {network} network's table.");
            }
        }

        return full;
    }
}
