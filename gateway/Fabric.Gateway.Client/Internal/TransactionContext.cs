using System.Security.Cryptography;
using Fabric.Protos.Common;
using Google.Protobuf;

namespace Fabric.Gateway.Client.Internal;

/// <summary>
/// A fresh transaction identity: a 24-byte random nonce and the transaction ID Fabric derives from it,
/// lowercase hex of SHA-256(nonce || serialized creator). The peer recomputes it and rejects a mismatch.
/// </summary>
internal sealed class TransactionContext
{
    public const int NonceLength = 24;

    private TransactionContext(string transactionId, SignatureHeader signatureHeader)
    {
        TransactionId = transactionId;
        SignatureHeader = signatureHeader;
    }

    public string TransactionId { get; }

    public SignatureHeader SignatureHeader { get; }

    public static TransactionContext Create(ByteString creator)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        return new TransactionContext(ComputeTransactionId(nonce, creator.Span), new SignatureHeader
        {
            Creator = creator,
            Nonce = UnsafeByteOperations.UnsafeWrap(nonce),
        });
    }

    public static string ComputeTransactionId(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> creator)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(nonce);
        hash.AppendData(creator);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }
}
