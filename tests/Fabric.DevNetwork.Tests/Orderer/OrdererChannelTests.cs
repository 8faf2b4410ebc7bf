using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork.Configuration;
using Fabric.DevNetwork.Crypto;
using Fabric.DevNetwork.Msp;
using Fabric.DevNetwork.Orderer;
using Fabric.DevNetwork.Protocol;
using Fabric.DevNetwork.Storage;
using Fabric.Protos.Common;
using FluentAssertions;
using Google.Protobuf;
using Microsoft.Extensions.Time.Testing;

namespace Fabric.DevNetwork.Tests.Orderer;

public sealed class OrdererChannelTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "devnet-orderer-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly OrganizationCrypto _orderer;
    private readonly OrganizationCrypto _org1;
    private readonly OrdererChannel _channel;
    private readonly TestDoubles.TestIdentity _user;

    public OrdererChannelTests()
    {
        var crypto = new CryptoMaterialStore(Path.Combine(_root, "organizations"), _time);
        _orderer = crypto.EnsureOrdererOrganization("OrdererMSP", "example.com", "orderer");
        _org1 = crypto.EnsurePeerOrganization("Org1MSP", "org1.example.com");
        var settings = new OrdererDefinition { MaxMessageCount = 3, BatchTimeoutMilliseconds = 2000 };
        var msps = new MspRegistry([new MembershipServiceProvider("Org1MSP", _org1.CaCertificate, _time), new MembershipServiceProvider("OrdererMSP", _orderer.CaCertificate, _time)]);
        _channel = new OrdererChannel("mychannel", settings, msps, _orderer.NodeIdentity, new BlockStore(Path.Combine(_root, "orderer")),
            () => ChannelGenesis.Create("mychannel", [_org1], _orderer, settings, _time), _time);
        _user = new TestDoubles.TestIdentity("Org1MSP", Path.Combine(_org1.UsersDirectory, "User1@org1.example.com", "msp"));
    }

    [Fact]
    public void Create_NewChannel_StartsWithAConfigGenesisBlockHoldingTheMsps()
    {
        var genesis = _channel.Store.GetBlock(0)!;

        var envelope = ParsedEnvelope.Parse(Envelope.Parser.ParseFrom(genesis.Data.Data[0]));
        envelope.Type.Should().Be(HeaderType.Config);
        var config = ConfigEnvelope.Parser.ParseFrom(envelope.Payload.Data).Config;
        config.ChannelGroup.Groups["Application"].Groups.Keys.Should().Equal("Org1MSP");
        config.ChannelGroup.Groups["Application"].Groups["Org1MSP"].Values.Keys.Should().Contain("MSP");
        genesis.Header.DataHash.Should().Equal(ByteString.CopyFrom(BlockHashing.DataHash(genesis.Data)));
        genesis.Metadata.Metadata.Should().HaveCount(5);
    }

    [Fact]
    public void Broadcast_MaxMessageCountReached_CutsABlockChainedToThePrevious()
    {
        for (var i = 0; i < 3; i++)
        {
            _channel.Broadcast(Transaction()).Status.Should().Be(Status.Success);
        }

        _channel.Store.Height.Should().Be(2);
        var block = _channel.Store.GetBlock(1)!;
        block.Data.Data.Should().HaveCount(3);
        block.Header.PreviousHash.Should().Equal(ByteString.CopyFrom(BlockHashing.HeaderHash(_channel.Store.GetBlock(0)!.Header)));
        VerifyOrdererSignature(block).Should().BeTrue();
    }

    [Fact]
    public void Broadcast_FewerThanMaxMessages_CutsWhenBatchTimeoutPasses()
    {
        _channel.Broadcast(Transaction());
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        _channel.Store.Height.Should().Be(1);

        _time.Advance(TimeSpan.FromMilliseconds(1));

        _channel.Store.Height.Should().Be(2);
        _channel.Store.GetBlock(1)!.Data.Data.Should().HaveCount(1);
    }

    [Fact]
    public void Broadcast_BadSignature_IsForbidden()
    {
        var envelope = Transaction();
        envelope.Signature = ByteString.CopyFrom(new byte[] { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 });

        var response = _channel.Broadcast(envelope);

        response.Status.Should().Be(Status.Forbidden);
        _time.Advance(TimeSpan.FromSeconds(5));
        _channel.Store.Height.Should().Be(1);
    }

    [Fact]
    public void Broadcast_ConfigUpdate_IsRejectedAsUnsupported()
    {
        var response = _channel.Broadcast(Transaction(HeaderType.ConfigUpdate));

        response.Status.Should().Be(Status.BadRequest);
        response.Info.Should().Contain("not supported");
    }

    private Envelope Transaction(HeaderType type = HeaderType.EndorserTransaction)
    {
        var nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24));
        var payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = new ChannelHeader { Type = (int)type, ChannelId = "mychannel", TxId = ParsedEnvelope.ComputeTxId(nonce, _user.Serialized) }.ToByteString(),
                SignatureHeader = new SignatureHeader { Creator = _user.Serialized, Nonce = nonce }.ToByteString(),
            },
        }.ToByteString();
        return new Envelope { Payload = payload, Signature = _user.Sign(payload) };
    }

    private bool VerifyOrdererSignature(Block block)
    {
        var metadata = Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures]);
        var signature = metadata.Signatures.Single();
        byte[] signed = [.. metadata.Value.Span, .. signature.SignatureHeader.Span, .. BlockHashing.HeaderBytes(block.Header)];
        using var key = _orderer.NodeIdentity.Certificate.GetECDsaPublicKey()!;
        return EcdsaSignatures.Verify(key, signed, signature.Signature.Span);
    }

    public void Dispose()
    {
        _channel.Dispose();
        _channel.Store.Dispose();
        _user.Dispose();
        _orderer.Dispose();
        _org1.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
