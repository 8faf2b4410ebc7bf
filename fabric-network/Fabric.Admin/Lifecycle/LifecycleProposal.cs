using System.Security.Cryptography;
using Fabric.Protos.Common;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabric.Admin.Lifecycle;

/// <summary>
/// A proposal to the <c>_lifecycle</c> system chaincode as the peer CLI builds it: an ENDORSER_TRANSACTION
/// channel header (empty channel for install and queryinstalled, which are not channel operations) with the
/// chaincode header extension naming <c>_lifecycle</c>, and an invocation whose arguments are
/// <c>[function name, serialized lifecycle.*Args]</c>.
/// </summary>
internal sealed class LifecycleProposal
{
    public const string ChaincodeName = "_lifecycle";
    private const int NonceLength = 24;

    private LifecycleProposal(Proposal proposal, string transactionId, string channelId, string function)
    {
        Proposal = proposal;
        TransactionId = transactionId;
        ChannelId = channelId;
        Function = function;
    }

    public Proposal Proposal { get; }

    public string TransactionId { get; }

    public string ChannelId { get; }

    public string Function { get; }

    public static LifecycleProposal Create(AdminSigner signer, TimeProvider time, string channelId, string function, IMessage arguments)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var transactionId = ComputeTransactionId(nonce, signer.Creator.Span);
        var chaincodeId = new ChaincodeID { Name = ChaincodeName };
        var input = new ChaincodeInput();
        input.Args.Add(ByteString.CopyFromUtf8(function));
        input.Args.Add(arguments.ToByteString());

        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelId,
            TxId = transactionId,
            Timestamp = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            Epoch = 0,
            Extension = new ChaincodeHeaderExtension { ChaincodeId = chaincodeId }.ToByteString(),
        };
        var header = new Header
        {
            ChannelHeader = channelHeader.ToByteString(),
            SignatureHeader = new SignatureHeader { Creator = signer.Creator, Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
        };
        var payload = new ChaincodeProposalPayload
        {
            Input = new ChaincodeInvocationSpec { ChaincodeSpec = new ChaincodeSpec { ChaincodeId = chaincodeId, Input = input } }.ToByteString(),
        };
        var proposal = new Proposal { Header = header.ToByteString(), Payload = payload.ToByteString() };
        return new LifecycleProposal(proposal, transactionId, channelId, function);
    }

    public async Task<SignedProposal> SignAsync(AdminSigner signer, CancellationToken cancellationToken)
    {
        var bytes = Proposal.ToByteString();
        return new SignedProposal { ProposalBytes = bytes, Signature = await signer.SignAsync(bytes, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>Fabric's transaction ID: lowercase hex of SHA-256(nonce || creator); peers recompute and compare it.</summary>
    public static string ComputeTransactionId(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> creator)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(nonce);
        hash.AppendData(creator);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
