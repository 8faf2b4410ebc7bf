namespace Fabric.Gateway.Api.Endpoints.Internal;

/// <summary>A request body that checks its own fields before anything is sent to Fabric.</summary>
internal interface IValidatedRequest
{
    /// <summary>Adds a problem to <paramref name="errors"/> for every field that is missing, malformed or out of range.</summary>
    void Validate(RequestErrors errors);
}
