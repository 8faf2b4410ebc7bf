namespace Fabric.Gateway.Api.Errors;

/// <summary>Thrown by endpoints for a bad input; answered as 400 with <see cref="Field"/> named in <c>errors</c>.</summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException()
        : this("request", "The request is not valid.")
    {
    }

    public RequestValidationException(string message)
        : this("request", message)
    {
    }

    public RequestValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Field = "request";
    }

    public RequestValidationException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The field, header or query parameter at fault (e.g. <c>amount</c>, <c>Idempotency-Key</c>).</summary>
    public string Field { get; }
}
