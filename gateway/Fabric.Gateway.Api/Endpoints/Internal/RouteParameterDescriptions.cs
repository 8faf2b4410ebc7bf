using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Fabric.Gateway.Api.Endpoints.Internal;

/// <summary>
/// The business endpoints read their route values themselves (to check them against the chaincode's formats), so
/// the API explorer sees no route parameters in their handlers. This adds each one as a required string path
/// parameter, so that the OpenAPI document declares every <c>{parameter}</c> of every path.
/// </summary>
internal sealed class RouteParameterDescriptions : IApiDescriptionProvider
{
    /// <summary>OpenAPI generators read the parameter's model metadata, not only its type.</summary>
    private readonly ModelMetadata stringMetadata = new EmptyModelMetadataProvider().GetMetadataForType(typeof(string));

    /// <summary>After the endpoint metadata provider (order -1100), which creates the descriptions.</summary>
    public int Order => 0;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var description in context.Results)
        {
            if (description.RelativePath is null || !description.ActionDescriptor.EndpointMetadata.OfType<ChaincodeTransactionMetadata>().Any())
            {
                continue;
            }

            foreach (var parameter in RoutePatternFactory.Parse(description.RelativePath).Parameters)
            {
                if (!description.ParameterDescriptions.Any(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    description.ParameterDescriptions.Add(new ApiParameterDescription
                    {
                        Name = parameter.Name,
                        Source = BindingSource.Path,
                        Type = typeof(string),
                        ModelMetadata = stringMetadata,
                        IsRequired = true,
                    });
                }
            }
        }
    }
}
