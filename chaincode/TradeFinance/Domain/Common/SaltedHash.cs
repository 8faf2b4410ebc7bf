using System.Security.Cryptography;

namespace TradeFinance.Domain.Common;

/// <summary>
/// The commitments kept in public state: lowercase hex of SHA-256(salt || canonical JSON of the private value).
/// The salt is random per asset, chosen by the client (chaincode cannot draw random numbers: every endorsing
/// peer must compute the same result) and stored privately next to the value, so a holder of both can prove a
/// term to anyone who reads the public hash, while nobody can confirm a guessed term without the salt.
/// </summary>
public static class SaltedHash
{
    /// <summary>The shortest salt accepted, in bytes.</summary>
    public const int MinimumSaltLength = 16;

    /// <summary>The hash of <paramref name="value"/> under <paramref name="salt"/>.</summary>
    public static string Compute<T>(ReadOnlySpan<byte> salt, T value)
    {
        var canonical = CanonicalJson.Serialize(value);
        var input = new byte[salt.Length + canonical.Length];
        salt.CopyTo(input);
        canonical.CopyTo(input.AsSpan(salt.Length));
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    /// <summary>Lowercase hex SHA-256 of <paramref name="value"/>'s canonical JSON (no salt: a document checksum).</summary>
    public static string Checksum<T>(T value) => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(value)));

    /// <summary>Checks a salt received as transient data.</summary>
    /// <exception cref="Fabric.Chaincode.ChaincodeException">400 naming <paramref name="field"/>.</exception>
    public static byte[] RequireSalt(byte[]? salt, string field) =>
        salt is { Length: >= MinimumSaltLength }
            ? salt
            : throw TradeErrors.Invalid(field, $"is required in the transient data: at least {MinimumSaltLength} random bytes.");
}
