using System.Security.Cryptography.X509Certificates;
using Fabric.Protos.Common;
using Fabric.Protos.Msp;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabric.Chaincode.Tests.Support;

/// <summary>Signed proposals as a Fabric client builds them (the signature itself is not checked by chaincode).</summary>
internal static class Proposals
{
    public static byte[] Creator(string mspId, X509Certificate2 certificate) =>
        new SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFromUtf8(certificate.ExportCertificatePem()) }.ToByteArray();

    public static SignedProposal Create(
        string channelId,
        string txId,
        byte[] creator,
        byte[] nonce,
        DateTimeOffset timestamp,
        ulong epoch = 0,
        IReadOnlyDictionary<string, byte[]>? transient = null,
        HeaderType type = HeaderType.EndorserTransaction)
    {
        var channelHeader = new ChannelHeader
        {
            Type = (int)type,
            ChannelId = channelId,
            TxId = txId,
            Epoch = epoch,
            Timestamp = Timestamp.FromDateTimeOffset(timestamp),
        };
        var signatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creator), Nonce = ByteString.CopyFrom(nonce) };
        var payload = new ChaincodeProposalPayload();
        foreach (var (key, value) in transient ?? new Dictionary<string, byte[]>())
        {
            payload.TransientMap[key] = ByteString.CopyFrom(value);
        }

        var proposal = new Proposal
        {
            Header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() }.ToByteString(),
            Payload = payload.ToByteString(),
        };
        return new SignedProposal { ProposalBytes = proposal.ToByteString(), Signature = ByteString.CopyFromUtf8("not-checked") };
    }
}
