using Fabric.Gateway.Api.Idempotency;
using Fabric.Gateway.Api.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Fabric.Gateway.Api.Operations;

/// <summary>
/// Adds to the OpenAPI document what the <c>/api</c> group enforces but endpoints do not declare: the two
/// authentication schemes, the <c>X-Fabric-Identity</c> header, and on POST the <c>Idempotency-Key</c> and
/// <c>Prefer</c> headers; so the Scalar page can call the API.
/// </summary>
internal static class OpenApiDocumentation
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Fabric REST gateway";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "The caller's API key.",
            };
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT whose subject is mapped to a principal.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true)
            {
                return Task.CompletedTask;
            }

            operation.Parameters ??= [];
            operation.Parameters.Add(Header(FabricCaller.IdentityHeader, "Which of the caller's Fabric identities signs (needed when several are mapped)."));
            if (string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
            {
                operation.Parameters.Add(Header(
                    IdempotencyFilter.HeaderName,
                    "Unique per request (1-255 of A-Z a-z 0-9 - _ . :); a repeat returns the first response without submitting again."));
                operation.Parameters.Add(Header("Prefer", "'respond-async': 202 with the transaction's Location once it is journaled."));
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", context.Document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [] });
            return Task.CompletedTask;
        });
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
