using Fabric.Chaincode;
using FluentAssertions;
using HealthRecords.Domain;

namespace HealthRecords.Tests.Domain;

public sealed class AmendmentRulesTests
{
    private static readonly TextInput Text = new() { Text = "The allergy listed is wrong.", Salt = DomainSamples.Salt };

    [Fact]
    public void Request_ByRecordPatient_RequestedWithHashOnly()
    {
        var (amendment, texts) = AmendmentRules.Request(DomainSamples.Record(), "patient-42", "am-1", Text, DomainSamples.Now);

        amendment.Status.Should().Be(AmendmentStatus.Requested);
        amendment.Version.Should().Be(1);
        amendment.RequestHash.Should().HaveLength(64);
        amendment.ToString().Should().NotContain("allergy");
        texts.RequestText.Should().Be(Text.Text);
    }

    [Fact]
    public void Request_ByOtherPatient_403()
    {
        var act = () => AmendmentRules.Request(DomainSamples.Record(), "patient-7", "am-1", Text, DomainSamples.Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 403);
    }

    [Fact]
    public void Request_EmptyText_400()
    {
        var act = () => AmendmentRules.Request(DomainSamples.Record(), "patient-42", "am-1", new TextInput { Salt = DomainSamples.Salt }, DomainSamples.Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains("amendment.text"));
    }

    [Fact]
    public void Accept_Pending_AcceptedWithResultingVersion()
    {
        var record = DomainSamples.Record();
        var (amendment, _) = AmendmentRules.Request(record, "patient-42", "am-1", Text, DomainSamples.Now);

        var accepted = AmendmentRules.Accept(amendment, record, DomainSamples.Now.AddHours(1));

        accepted.Status.Should().Be(AmendmentStatus.Accepted);
        accepted.ResultingVersion.Should().Be(2);
        accepted.DecidedAt.Should().Be(DomainSamples.Now.AddHours(1));
    }

    [Fact]
    public void Deny_Pending_DeniedWithReasonAppendedPrivately()
    {
        var record = DomainSamples.Record();
        var (amendment, texts) = AmendmentRules.Request(record, "patient-42", "am-1", Text, DomainSamples.Now);

        var (denied, deniedTexts) = AmendmentRules.Deny(
            amendment, texts, record, new TextInput { Text = "Record is accurate.", Salt = DomainSamples.Salt }, DomainSamples.Now);

        denied.Status.Should().Be(AmendmentStatus.Denied);
        denied.DenialReasonHash.Should().HaveLength(64);
        deniedTexts.RequestText.Should().Be(Text.Text);
        deniedTexts.DenialReason.Should().Be("Record is accurate.");
    }

    [Fact]
    public void Accept_AlreadyDecided_409()
    {
        var record = DomainSamples.Record();
        var (amendment, _) = AmendmentRules.Request(record, "patient-42", "am-1", Text, DomainSamples.Now);
        var accepted = AmendmentRules.Accept(amendment, record, DomainSamples.Now);

        var act = () => AmendmentRules.Accept(accepted, record, DomainSamples.Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 409);
    }

    [Fact]
    public void Accept_RecordAmendedSinceRequest_409()
    {
        var record = DomainSamples.Record();
        var (amendment, _) = AmendmentRules.Request(record, "patient-42", "am-1", Text, DomainSamples.Now);
        var (_, next, _) = RecordRules.Amend(record, "am-0", DomainSamples.Content("other"), DomainSamples.Now);

        var act = () => AmendmentRules.Accept(amendment, next, DomainSamples.Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 409);
    }
}
