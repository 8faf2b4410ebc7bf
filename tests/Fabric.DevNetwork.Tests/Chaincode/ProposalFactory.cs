using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fabric.DevNetwork.Chaincode;
using Fabric.DevNetwork.Ledger;
using Fabric.Protos.Common;
using Fabric.Protos.Msp;
using Fabric.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using CollectionConfigPackage = Fabric.Protos.Peer.CollectionConfigPackage;

namespace Fabric.DevNetwork.Tests.Chaincode;

/// <summary>Builds invocations with a well-formed signed proposal, as a client's would reach the peer's chaincode runtime.</summary>
internal static class ProposalFactory
{
    private static readonly Lazy<string> CertificatePem = new(CreateCertificatePem);

    public static ChaincodeInvocation Invocation(
        IWorldState state,
        IReadOnlyDictionary<string, CollectionConfigPackage> collections,
        string chaincodeName,
        string[] args,
        IReadOnlyDictionary<string, byte[]>? transient = null,
        string creatorMspId = "Org1MSP",
        string localMspId = "Org1MSP",
        string channelId = "mychannel",
        bool isInit = false)
    {
        var input = new ChaincodeInput { IsInit = isInit };
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        var nonce = RandomNumberGenerator.GetBytes(24);
        var creator = new SerializedIdentity { Mspid = creatorMspId, IdBytes = ByteString.CopyFromUtf8(CertificatePem.Value) }.ToByteArray();
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator]));
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelId,
            TxId = txId,
            Timestamp = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincodeName } }.ToByteString(),
        };
        var payload = new ChaincodeProposalPayload
        {
            Input = new ChaincodeInvocationSpec
            {
                ChaincodeSpec = new ChaincodeSpec { Type = ChaincodeSpec.Types.Type.Node, ChaincodeId = new ChaincodeID { Name = chaincodeName }, Input = input },
            }.ToByteString(),
        };
        foreach (var (key, value) in transient ?? new Dictionary<string, byte[]>())
        {
            payload.TransientMap[key] = ByteString.CopyFrom(value);
        }

        var proposal = new Proposal
        {
            Header = new Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creator), Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
            }.ToByteString(),
            Payload = payload.ToByteString(),
        };

        // The chaincode runtime does not check signatures (the endorser does); any bytes do here.
        var signed = new SignedProposal { ProposalBytes = proposal.ToByteString(), Signature = ByteString.CopyFromUtf8("unchecked") };
        return new ChaincodeInvocation(channelId, chaincodeName, txId, isInit, signed, input,
            transient ?? new Dictionary<string, byte[]>(), state, collections, localMspId, creatorMspId);
    }

    public static Dictionary<string, byte[]> Transient(string key, string value) => new() { [key] = Encoding.UTF8.GetBytes(value) };

    private static string CreateCertificatePem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=User1@org1.example.com, OU=client, O=org1.example.com", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem();
    }
}
