using Fabric.Policies;
using Fabric.DevNetwork.Crypto;
using Fabric.DevNetwork.Protocol;
using Fabric.DevNetwork.Policies;
using Fabric.DevNetwork.Storage;
using Fabric.Protos.Common;
using Fabric.Protos.Msp;
using Fabric.Protos.Orderer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabric.DevNetwork.Orderer;

/// <summary>
/// Block 0 of a channel: a CONFIG transaction whose ConfigEnvelope holds the channel's Application and Orderer groups,
/// each organization with its MSP definition (root and TLS root certificates, NodeOUs) and Readers/Writers/Admins/
/// Endorsement signature policies, and the orderer's batch settings. The dev network never updates it.
/// </summary>
internal static class ChannelGenesis
{
    public static Block Create(
        string channelId, IReadOnlyList<OrganizationCrypto> members, OrganizationCrypto orderer,
        Configuration.OrdererDefinition ordererSettings, TimeProvider timeProvider)
    {
        var application = new ConfigGroup { ModPolicy = "Admins" };
        foreach (var member in members)
        {
            application.Groups[member.MspId] = OrganizationGroup(member, isOrderer: false);
        }

        var ordererGroup = new ConfigGroup { ModPolicy = "Admins" };
        ordererGroup.Groups[orderer.MspId] = OrganizationGroup(orderer, isOrderer: true);
        ordererGroup.Values["BatchSize"] = Value(new BatchSize
        {
            MaxMessageCount = (uint)ordererSettings.MaxMessageCount,
            AbsoluteMaxBytes = 10 * 1024 * 1024,
            PreferredMaxBytes = (uint)ordererSettings.PreferredMaxBytes,
        });
        ordererGroup.Values["BatchTimeout"] = Value(new BatchTimeout { Timeout = $"{ordererSettings.BatchTimeoutMilliseconds}ms" });
        ordererGroup.Values["ConsensusType"] = Value(new ConsensusType { Type = "solo" });

        var channelGroup = new ConfigGroup { ModPolicy = "Admins" };
        channelGroup.Groups["Application"] = application;
        channelGroup.Groups["Orderer"] = ordererGroup;
        channelGroup.Values["HashingAlgorithm"] = Value(new HashingAlgorithm { Name = "SHA256" });
        channelGroup.Values["BlockDataHashingStructure"] = Value(new BlockDataHashingStructure { Width = uint.MaxValue });

        var config = new ConfigEnvelope { Config = new Config { Sequence = 0, ChannelGroup = channelGroup } };
        var signer = orderer.NodeIdentity;
        var signatureHeader = new SignatureHeader
        {
            Creator = signer.Serialized,
            Nonce = ByteString.CopyFrom(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)),
        };
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.Config,
            ChannelId = channelId,
            Timestamp = Timestamp.FromDateTimeOffset(timeProvider.GetUtcNow()),
            TxId = ParsedEnvelope.ComputeTxIdFor(signatureHeader),
        };
        var payload = new Payload
        {
            Header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() },
            Data = config.ToByteString(),
        };
        var payloadBytes = payload.ToByteString();
        var envelope = new Envelope { Payload = payloadBytes, Signature = ByteString.CopyFrom(signer.Sign(payloadBytes.Span)) };

        var data = new BlockData();
        data.Data.Add(envelope.ToByteString());
        var block = new Block
        {
            Header = new BlockHeader { Number = 0, PreviousHash = ByteString.Empty, DataHash = ByteString.CopyFrom(BlockHashing.DataHash(data)) },
            Data = data,
            Metadata = new BlockMetadata(),
        };
        BlockSigning.AddMetadata(block, signer);
        return block;
    }

    private static ConfigGroup OrganizationGroup(OrganizationCrypto organization, bool isOrderer)
    {
        var ca = ByteString.CopyFromUtf8(organization.CaCertificate.ExportCertificatePem() + "\n");
        var tlsCa = ByteString.CopyFromUtf8(organization.TlsCaCertificate.ExportCertificatePem() + "\n");
        FabricOUIdentifier Ou(string ou) => new() { Certificate = ca, OrganizationalUnitIdentifier = ou };
        var mspConfig = new FabricMSPConfig
        {
            Name = organization.MspId,
            CryptoConfig = new FabricCryptoConfig { SignatureHashFamily = "SHA2", IdentityIdentifierHashFunction = "SHA256" },
            FabricNodeOus = new FabricNodeOUs
            {
                Enable = true,
                ClientOuIdentifier = Ou("client"),
                PeerOuIdentifier = Ou("peer"),
                AdminOuIdentifier = Ou("admin"),
                OrdererOuIdentifier = Ou("orderer"),
            },
        };
        mspConfig.RootCerts.Add(ca);
        mspConfig.TlsRootCerts.Add(tlsCa);

        var group = new ConfigGroup { ModPolicy = "Admins" };
        group.Values["MSP"] = Value(new MSPConfig { Type = 0, Config = mspConfig.ToByteString() });
        var mspId = organization.MspId;
        group.Policies["Readers"] = Policy($"OR('{mspId}.member')");
        group.Policies["Writers"] = Policy($"OR('{mspId}.member')");
        group.Policies["Admins"] = Policy($"OR('{mspId}.admin')");
        if (!isOrderer)
        {
            group.Policies["Endorsement"] = Policy($"OR('{mspId}.peer')");
        }

        return group;
    }

    private static ConfigValue Value(IMessage message) => new() { Value = message.ToByteString(), ModPolicy = "Admins" };

    private static ConfigPolicy Policy(string expression) => new()
    {
        ModPolicy = "Admins",
        Policy = new Fabric.Protos.Common.Policy { Type = (int)Fabric.Protos.Common.Policy.Types.PolicyType.Signature, Value = SignaturePolicyParser.Parse(expression).ToByteString() },
    };
}
