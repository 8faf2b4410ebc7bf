using System.Buffers.Binary;
using System.Security.Cryptography;
using Fabric.Protos.Common;
using Fabric.Protos.Peer;
using Google.Protobuf;

namespace Fabric.Chaincode.Internal;

/// <summary>
/// What the stub reads from the signed proposal that accompanies TRANSACTION and INIT: the creator and nonce
/// (signature header), the timestamp and epoch (channel header), the transient map (proposal payload), and the
/// binding SHA-256(nonce || creator || epoch as 8 little-endian bytes).
/// </summary>
internal sealed class ProposalContext
{
    public static readonly ProposalContext None = new(
        ByteString.Empty, default, ReadOnlyMemory<byte>.Empty, new Dictionary<string, byte[]>(StringComparer.Ordinal));

    private ProposalContext(ByteString creator, DateTimeOffset timestamp, ReadOnlyMemory<byte> binding, IReadOnlyDictionary<string, byte[]> transient)
    {
        Creator = creator;
        Timestamp = timestamp;
        Binding = binding;
        Transient = transient;
    }

    public ByteString Creator { get; }

    public DateTimeOffset Timestamp { get; }

    public ReadOnlyMemory<byte> Binding { get; }

    public IReadOnlyDictionary<string, byte[]> Transient { get; }

    /// <exception cref="InvalidDataException">The proposal is malformed or is not an endorser or config transaction.</exception>
    public static ProposalContext From(SignedProposal? signedProposal)
    {
        if (signedProposal is null)
        {
            return None;
        }

        try
        {
            var proposal = Proposal.Parser.ParseFrom(signedProposal.ProposalBytes);
            if (proposal.Header.IsEmpty)
            {
                throw new InvalidDataException("The proposal has no header.");
            }

            var header = Header.Parser.ParseFrom(proposal.Header);
            var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
            if (channelHeader.Type != (int)HeaderType.EndorserTransaction && channelHeader.Type != (int)HeaderType.Config)
            {
                throw new InvalidDataException(
                    $"Invalid channel header type {channelHeader.Type}: expected ENDORSER_TRANSACTION or CONFIG.");
            }

            var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
            var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
            var transient = new Dictionary<string, byte[]>(payload.TransientMap.Count, StringComparer.Ordinal);
            foreach (var (key, value) in payload.TransientMap)
            {
                transient[key] = value.ToByteArray();
            }

            return new ProposalContext(
                signatureHeader.Creator,
                channelHeader.Timestamp?.ToDateTimeOffset() ?? default,
                ComputeBinding(signatureHeader.Nonce.Span, signatureHeader.Creator.Span, channelHeader.Epoch),
                transient);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"The signed proposal cannot be decoded: {ex.Message}", ex);
        }
    }

    internal static byte[] ComputeBinding(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> creator, ulong epoch)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(nonce);
        hash.AppendData(creator);
        Span<byte> epochBytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(epochBytes, epoch);
        hash.AppendData(epochBytes);
        return hash.GetHashAndReset();
    }
}
