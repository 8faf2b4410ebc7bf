using System.Security.Cryptography;
using System.Text.Json;
using Fabric.Chaincode;

namespace PharmaSettlement.Domain;

/// <summary>
/// Commitments to private records: SHA-256 over salt || canonical JSON, in lowercase hex. The salt is random, chosen by
/// the client (every endorsing peer must compute the same write set, so the chaincode cannot draw it) and sent as
/// transient data; it is stored only privately with the record, so a party can later prove a term to someone by
/// revealing record and salt, while guessing prices from the public hash is impossible.
/// </summary>
internal static class SaltedHash
{
    public const int MinimumSaltBytes = 16;
    public const int MaximumSaltBytes = 64;

    /// <summary>Checks a client salt: base64 of 16 to 64 bytes.</summary>
    public static byte[] ParseSalt(string? salt, string field = "salt")
    {
        if (string.IsNullOrEmpty(salt))
        {
            throw Refusals.Invalid(field, "is required (base64 of 16 to 64 random bytes, sent as transient data).");
        }

        var buffer = new byte[MaximumSaltBytes + 3];
        if (!Convert.TryFromBase64String(salt, buffer, out var written) || written is < MinimumSaltBytes or > MaximumSaltBytes)
        {
            throw Refusals.Invalid(field, "must be base64 of 16 to 64 random bytes.");
        }

        return buffer[..written];
    }

    /// <summary>
    /// A salt of its own for one record, derived from the client's salt and the record's key, so one transient salt
    /// can protect every record a transaction writes without two records sharing a salt.
    /// </summary>
    public static string Derive(byte[] clientSalt, string recordKey)
    {
        ArgumentNullException.ThrowIfNull(clientSalt);
        ArgumentNullException.ThrowIfNull(recordKey);
        return Convert.ToBase64String(HMACSHA256.HashData(clientSalt, System.Text.Encoding.UTF8.GetBytes(recordKey)));
    }

    /// <summary>The hex SHA-256 of salt || canonical JSON of <paramref name="record"/> (camelCase, declared property order).</summary>
    public static string Compute<T>(string salt, T record)
    {
        var saltBytes = Convert.FromBase64String(salt);
        var json = JsonSerializer.SerializeToUtf8Bytes(record, ChaincodeJson.Options);
        var input = new byte[saltBytes.Length + json.Length];
        saltBytes.CopyTo(input, 0);
        json.CopyTo(input, saltBytes.Length);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }
}
