using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabric.Protos.Common;
using Fabric.Protos.Gateway;
using Fabric.Protos.Msp;
using Fabric.Protos.Orderer;
using Fabric.Protos.Peer;
using Fabric.TestSupport;
using FluentAssertions;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabric.Protos.Tests.Golden;

/// <summary>
/// The messages that get signed, built with our types, byte for byte against what the official generated code
/// of @hyperledger/fabric-protos produces from the same inputs (Golden/signed-messages.json, written by
/// tests/conformance/protos/golden-bytes.js).
/// </summary>
public sealed class SignedMessageGoldenBytesTests
{
    private static readonly byte[] Nonce = Enumerable.Range(1, 24).Select(i => (byte)i).ToArray();
    private const string CertificatePem = "-----BEGIN CERTIFICATE-----\nMIIBgoldenCertificateForWireTests\n-----END CERTIFICATE-----\n";
    private const string MspId = "Org1MSP";
    private const string ChannelName = "mychannel";
    private const string ChaincodeName = "basic";
    private static readonly ByteString Signature = ByteString.CopyFrom(Enumerable.Range(0, 8).Select(i => (byte)(0xa0 + i)).ToArray());

    private static readonly Lazy<Dictionary<string, string>> Golden = new(() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "signed-messages.json")))!);

    public static TheoryData<string> Cases => new(BuildAll().Keys);

    [Fact]
    public void TransactionId_IsHexOfSha256OfNonceAndCreator()
    {
        var creator = Creator().ToByteArray();
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. Nonce, .. creator]));

        txId.Should().Be(Golden.Value["txId"]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Serialize_SameInputsAsOfficialNodeCode_SameBytes(string name)
    {
        var ours = BuildAll()[name];

        Convert.ToHexStringLower(ours.ToByteArray()).Should().Be(Golden.Value[name], $"{name} must serialize exactly as Fabric's");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_OfficialBytes_ReserializesIdentically(string name)
    {
        var ours = BuildAll()[name];
        var official = Convert.FromHexString(Golden.Value[name]);

        var parsed = ours.Descriptor.Parser.ParseFrom(official);

        parsed.Should().Be(ours);
        parsed.ToByteArray().Should().Equal(official);
    }

    [Fact]
    public async Task GoldenFile_RegeneratedByOfficialNodeCode_IsUnchanged()
    {
        var regenerated = await NodeScript.RunAsync(
            RepositoryLayout.PathOf("tests", "conformance", "protos", "golden-bytes.js"), TimeSpan.FromMinutes(1));

        JsonSerializer.Deserialize<Dictionary<string, string>>(regenerated).Should().Equal(Golden.Value);
    }

    private static SerializedIdentity Creator() =>
        new() { Mspid = MspId, IdBytes = ByteString.CopyFromUtf8(CertificatePem) };

    private static Dictionary<string, IMessage> BuildAll()
    {
        var creator = Creator();
        var creatorBytes = creator.ToByteString();
        var txId = Convert.ToHexStringLower(SHA256.HashData([.. Nonce, .. creatorBytes.ToByteArray()]));
        var signatureHeader = new SignatureHeader { Creator = creatorBytes, Nonce = ByteString.CopyFrom(Nonce) };
        var chaincodeId = new ChaincodeID { Name = ChaincodeName };
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            TxId = txId,
            Timestamp = new Timestamp { Seconds = 1700000000, Nanos = 123456789 },
            ChannelId = ChannelName,
            Extension = new ChaincodeHeaderExtension { ChaincodeId = chaincodeId }.ToByteString(),
        };
        var header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() };
        var invocation = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec
            {
                Type = ChaincodeSpec.Types.Type.Node,
                ChaincodeId = chaincodeId,
                Input = new ChaincodeInput { Args = { Utf8("CreateAsset"), Utf8("asset1"), Utf8("blue") } },
            },
        };
        var proposalPayload = new ChaincodeProposalPayload
        {
            Input = invocation.ToByteString(),
            TransientMap = { ["price"] = Utf8("{\"amount\":100}") },
        };
        var proposal = new Proposal { Header = header.ToByteString(), Payload = proposalPayload.ToByteString() };
        var payload = new Payload { Header = header, Data = Utf8("transaction") };
        var commitStatusRequest = new CommitStatusRequest { TransactionId = txId, ChannelId = ChannelName, Identity = creatorBytes };
        var startPosition = new SeekPosition { Specified = new SeekSpecified { Number = 5 } };

        return new Dictionary<string, IMessage>
        {
            ["serializedIdentity"] = creator,
            ["signatureHeader"] = signatureHeader,
            ["channelHeader"] = channelHeader,
            ["header"] = header,
            ["chaincodeProposalPayload"] = proposalPayload,
            ["proposal"] = proposal,
            ["signedProposal"] = new SignedProposal { ProposalBytes = proposal.ToByteString(), Signature = Signature },
            ["payload"] = payload,
            ["envelope"] = new Envelope { Payload = payload.ToByteString(), Signature = Signature },
            ["commitStatusRequest"] = commitStatusRequest,
            ["signedCommitStatusRequest"] = new SignedCommitStatusRequest { Request = commitStatusRequest.ToByteString(), Signature = Signature },
            ["chaincodeEventsRequest"] = new ChaincodeEventsRequest
            {
                ChannelId = ChannelName,
                ChaincodeId = ChaincodeName,
                Identity = creatorBytes,
                StartPosition = startPosition,
                AfterTransactionId = txId,
            },
            ["seekInfo"] = new SeekInfo
            {
                Start = startPosition,
                Stop = new SeekPosition { Newest = new SeekNewest() },
                Behavior = SeekInfo.Types.SeekBehavior.FailIfNotReady,
            },
            ["chaincodeMessage"] = new ChaincodeMessage
            {
                Type = ChaincodeMessage.Types.Type.GetState,
                Payload = new GetState { Key = "asset1", Collection = "_implicit_org_Org1MSP" }.ToByteString(),
                Txid = txId,
                ChannelId = ChannelName,
            },
        };
    }

    private static ByteString Utf8(string text) => ByteString.CopyFrom(Encoding.UTF8.GetBytes(text));
}
