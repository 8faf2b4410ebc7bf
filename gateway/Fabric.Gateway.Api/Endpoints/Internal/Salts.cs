using System.Security.Cryptography;

namespace Fabric.Gateway.Api.Endpoints.Internal;

/// <summary>
/// Salts for the chaincodes' salted hashes of private data. Every endorser must compute the same write set, so
/// the chaincode cannot draw the salt itself: the client does, and the gateway is that client. 32 bytes is within
/// every chaincode's bounds (16 to 64).
/// </summary>
internal static class Salts
{
    public const int Length = 32;

    public static byte[] NewBytes() => RandomNumberGenerator.GetBytes(Length);

    public static string NewBase64() => Convert.ToBase64String(NewBytes());
}
