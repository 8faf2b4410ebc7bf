using FluentAssertions;
using Fabric.TestSupport;

namespace Fabric.Protos.Tests.Compatibility;

/// <summary>Our compiled .proto files against Fabric's upstream definitions from npm.</summary>
public sealed class WireCompatibilityTests(UpstreamDefinitionsFixture upstream) : IClassFixture<UpstreamDefinitionsFixture>
{
    public static TheoryData<string> MessageNames => new(OurDefinitions.Messages.Select(m => m.FullName));

    public static TheoryData<string> EnumNames => new(OurDefinitions.Enums.Select(e => e.FullName));

    public static TheoryData<string> ServiceNames => new(OurDefinitions.Services.Select(s => s.FullName));

    [Fact]
    public void ProtoFiles_AllCompiled_EveryFileUnderProtosHasADescriptor()
    {
        var root = RepositoryLayout.PathOf("protos", "Fabric.Protos");
        var onDisk = Directory.EnumerateFiles(root, "*.proto", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'));

        OurDefinitions.Files.Select(file => file.Name).Should().BeEquivalentTo(onDisk);
    }

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Message_ComparedWithUpstream_HasIdenticalFields(string fullName)
    {
        var message = OurDefinitions.Messages.Single(m => m.FullName == fullName);

        WireCompatibility.CompareMessage(message, upstream.Definitions).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(EnumNames))]
    public void Enum_ComparedWithUpstream_HasIdenticalValues(string fullName)
    {
        var enumeration = OurDefinitions.Enums.Single(e => e.FullName == fullName);

        WireCompatibility.CompareEnum(enumeration, upstream.Definitions).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Service_ComparedWithUpstream_HasIdenticalMethods(string fullName)
    {
        var service = OurDefinitions.Services.Single(s => s.FullName == fullName);

        WireCompatibility.CompareService(service, upstream.Definitions).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/gateway.Gateway/Endorse")]
    [InlineData("/gateway.Gateway/Submit")]
    [InlineData("/gateway.Gateway/Evaluate")]
    [InlineData("/gateway.Gateway/CommitStatus")]
    [InlineData("/gateway.Gateway/ChaincodeEvents")]
    [InlineData("/protos.Chaincode/Connect")]
    [InlineData("/protos.ChaincodeSupport/Register")]
    [InlineData("/protos.Endorser/ProcessProposal")]
    [InlineData("/protos.Deliver/Deliver")]
    [InlineData("/protos.Deliver/DeliverFiltered")]
    [InlineData("/protos.Deliver/DeliverWithPrivateData")]
    [InlineData("/orderer.AtomicBroadcast/Broadcast")]
    [InlineData("/orderer.AtomicBroadcast/Deliver")]
    public void GrpcPath_OfGeneratedStubs_IsFabrics(string path)
    {
        var paths = OurDefinitions.Services.SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"));

        paths.Should().Contain(path);
    }

    [Fact]
    public void CompareMessage_FieldNumberChanged_ReportsMessageAndField()
    {
        var header = Common.ChannelHeader.Descriptor;
        var tampered = Tamper(upstream.Definitions, header.FullName, field => field.Name == "tx_id" ? field with { Number = 9 } : field);

        WireCompatibility.CompareMessage(header, tampered).Should()
            .Contain("common.ChannelHeader.tx_id = 5: fabric-protos 2.2 numbers it 9.");
    }

    [Fact]
    public void CompareMessage_FieldTypeChanged_ReportsType()
    {
        var header = Common.ChannelHeader.Descriptor;
        var tampered = Tamper(upstream.Definitions, header.FullName, field => field.Name == "epoch" ? field with { Type = "int64" } : field);

        WireCompatibility.CompareMessage(header, tampered).Should()
            .ContainSingle(problem => problem.Contains("epoch = 6: type uint64, fabric-protos 2.2 has int64", StringComparison.Ordinal));
    }

    private static UpstreamDefinitions Tamper(
        UpstreamDefinitions original, string messageName, Func<UpstreamField, UpstreamField> change)
    {
        var messages = new Dictionary<string, List<UpstreamField>>(original.FabricProtos22.Messages)
        {
            [messageName] = original.FabricProtos22.Messages[messageName].Select(change).ToList(),
        };
        return original with { FabricProtos22 = original.FabricProtos22 with { Messages = messages } };
    }
}
