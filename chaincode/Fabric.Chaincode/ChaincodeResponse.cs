namespace Fabric.Chaincode;

/// <summary>
/// What a chaincode answers for one invocation: Fabric's <c>protos.Response</c>. A status below 400 is a success
/// that peers endorse; 400 and above is a failure that the client receives as an endorsement error with
/// <see cref="Message"/>.
/// </summary>
public sealed record ChaincodeResponse(int Status, string Message, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Status of a successful invocation (Fabric's shim.OK).</summary>
    public const int Ok = 200;

    /// <summary>Lowest status that peers treat as a failed invocation (Fabric's shim.ERRORTHRESHOLD).</summary>
    public const int ErrorThreshold = 400;

    /// <summary>Status of a failed invocation when nothing more specific applies (Fabric's shim.ERROR).</summary>
    public const int Error = 500;

    /// <summary>True when peers endorse this response (status below 400).</summary>
    public bool IsSuccess => Status < ErrorThreshold;

    /// <summary>A 200 response carrying <paramref name="payload"/>.</summary>
    public static ChaincodeResponse Success(ReadOnlyMemory<byte> payload = default) => new(Ok, string.Empty, payload);

    /// <summary>A failed response (default status 500) with a message for the client.</summary>
    public static ChaincodeResponse Failure(string message, int status = Error) => new(status, message, ReadOnlyMemory<byte>.Empty);
}
