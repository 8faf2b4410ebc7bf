using System.Security.Cryptography;

namespace HealthRecords.Domain;

/// <summary>
/// The public fingerprint of private content: lowercase hex of SHA-256(salt || content). The salt (random,
/// chosen by the client, stored privately with the content) stops anyone from confirming a guessed short
/// content (a test result, a diagnosis code) against the public hash; whoever holds content and salt can verify.
/// </summary>
internal static class ContentHash
{
    /// <summary>The hash of <paramref name="content"/> with <paramref name="salt"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(salt);
        hash.AppendData(content);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>True when <paramref name="expectedHex"/> is the hash of the content with its salt (compared in constant time).</summary>
    public static bool Verify(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> content, string expectedHex)
    {
        ArgumentNullException.ThrowIfNull(expectedHex);
        var actual = Compute(salt, content);
        return actual.Length == expectedHex.Length &&
            CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(expectedHex.ToLowerInvariant()));
    }
}
