using System.Text;
using Fabric.Chaincode;
using FluentAssertions;
using HealthRecords.Domain;

namespace HealthRecords.Tests.Domain;

public sealed class RecordRulesTests
{
    [Fact]
    public void Register_ValidInput_CurrentVersionOneWithSaltedHash()
    {
        var (record, content) = RecordRules.Register(
            DomainSamples.Registration(), DomainSamples.Content("doc"), "HospitalAMSP", DomainSamples.Now);

        record.Version.Should().Be(1);
        record.Status.Should().Be(RecordStatus.Current);
        record.AuthorMspId.Should().Be("HospitalAMSP");
        record.CreatedAt.Should().Be(DomainSamples.Now);
        record.ContentHash.Should().Be(ContentHash.Compute(DomainSamples.Salt, Encoding.UTF8.GetBytes("doc")));
        content.Content.Should().Equal(Encoding.UTF8.GetBytes("doc"));
        content.Salt.Should().Equal(DomainSamples.Salt);
    }

    [Theory]
    [InlineData("", "recordId")]
    [InlineData("rec 1", "recordId")]
    [InlineData("rec\u0000", "recordId")]
    public void Register_BadRecordId_400NamingField(string recordId, string field)
    {
        var act = () => RecordRules.Register(
            DomainSamples.Registration(recordId), DomainSamples.Content(), "HospitalAMSP", DomainSamples.Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains(field));
    }

    [Fact]
    public void Register_BadContentType_400()
    {
        var act = () => RecordRules.Register(
            DomainSamples.Registration() with { ContentType = "json" }, DomainSamples.Content(), "HospitalAMSP", DomainSamples.Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains("contentType"));
    }

    [Fact]
    public void Register_MissingContent_400WithoutEchoingInput()
    {
        var act = () => RecordRules.Register(
            DomainSamples.Registration(), new ContentInput { Salt = DomainSamples.Salt }, "HospitalAMSP", DomainSamples.Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains("content.content"));
    }

    [Fact]
    public void Register_ShortSalt_400()
    {
        var act = () => RecordRules.Register(
            DomainSamples.Registration(), DomainSamples.Content() with { Salt = new byte[8] }, "HospitalAMSP", DomainSamples.Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains("content.salt"));
    }

    [Fact]
    public void Register_ContentTooLarge_400()
    {
        var act = () => RecordRules.Register(
            DomainSamples.Registration(),
            new ContentInput { Content = new byte[RecordRules.MaxContentBytes + 1], Salt = DomainSamples.Salt },
            "HospitalAMSP",
            DomainSamples.Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400);
    }

    [Fact]
    public void Amend_Current_NextVersionAndOldSuperseded()
    {
        var v1 = DomainSamples.Record();
        var later = DomainSamples.Now.AddDays(1);

        var (superseded, next, content) = RecordRules.Amend(v1, "amend-1", DomainSamples.Content("corrected"), later);

        superseded.Version.Should().Be(1);
        superseded.Status.Should().Be(RecordStatus.Superseded);
        superseded.StatusChangedAt.Should().Be(later);
        superseded.ContentHash.Should().Be(v1.ContentHash);
        next.Version.Should().Be(2);
        next.Status.Should().Be(RecordStatus.Current);
        next.AmendmentId.Should().Be("amend-1");
        next.ContentHash.Should().NotBe(v1.ContentHash);
        content.Version.Should().Be(2);
    }

    [Fact]
    public void Amend_Superseded_409()
    {
        var (superseded, _, _) = RecordRules.Amend(DomainSamples.Record(), "amend-1", DomainSamples.Content("x"), DomainSamples.Now);

        var act = () => RecordRules.Amend(superseded, "amend-2", DomainSamples.Content("y"), DomainSamples.Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 409);
    }

    [Fact]
    public void MarkEnteredInError_Current_StatusChangedAndHashKept()
    {
        var record = DomainSamples.Record();

        var marked = RecordRules.MarkEnteredInError(record, DomainSamples.Now);

        marked.Status.Should().Be(RecordStatus.EnteredInError);
        marked.ContentHash.Should().Be(record.ContentHash);
    }
}
