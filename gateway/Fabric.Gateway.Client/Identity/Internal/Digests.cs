using System.Security.Cryptography;

namespace Fabric.Gateway.Client.Identity.Internal;

internal static class Digests
{
    public static byte[] Compute(DigestAlgorithm algorithm, ReadOnlySpan<byte> message) => algorithm switch
    {
        DigestAlgorithm.Sha256 => SHA256.HashData(message),
        DigestAlgorithm.Sha384 => SHA384.HashData(message),
        DigestAlgorithm.None => message.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown digest algorithm."),
    };
}
