using System.Text;
using Fabric.Chaincode;
using FluentAssertions;
using HealthRecords.Domain;

namespace HealthRecords.Tests.Domain;

public sealed class AccessRulesTests
{
    private static readonly DateTimeOffset Now = DomainSamples.Now;

    [Fact]
    public void Decide_ActiveConsentCoveringCategory_Permitted()
    {
        var decision = AccessRules.Decide(DomainSamples.Consent(), DomainSamples.Record(), "HospitalBMSP", AccessPurpose.Treatment, Now.AddDays(1));

        decision.IsPermitted.Should().BeTrue();
    }

    [Fact]
    public void Decide_ConsentCoveringRecordId_Permitted()
    {
        var consent = DomainSamples.Consent(categories: [], recordIds: ["rec-9"]);

        AccessRules.Decide(consent, DomainSamples.Record("rec-9", "imaging"), "HospitalBMSP", AccessPurpose.Treatment, Now)
            .IsPermitted.Should().BeTrue();
    }

    [Fact]
    public void Decide_ExpiredConsent_DeniedConsentExpired()
    {
        var decision = AccessRules.Decide(DomainSamples.Consent(), DomainSamples.Record(), "HospitalBMSP", AccessPurpose.Treatment, Now.AddDays(30));

        decision.Denial.Should().Be(AccessDenial.ConsentExpired);
        decision.RuleName.Should().Be("consent-expired");
    }

    [Fact]
    public void Decide_BeforePeriodStart_DeniedNotStarted()
    {
        var consent = DomainSamples.Consent() with { PeriodStart = Now.AddDays(2) };

        AccessRules.Decide(consent, DomainSamples.Record(), "HospitalBMSP", AccessPurpose.Treatment, Now.AddDays(1))
            .Denial.Should().Be(AccessDenial.ConsentNotStarted);
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("inactive")]
    [InlineData("entered-in-error")]
    public void Decide_ConsentNotActive_Denied(string status)
    {
        var consent = DomainSamples.Consent() with
        {
            Status = status switch { "draft" => ConsentStatus.Draft, "inactive" => ConsentStatus.Inactive, _ => ConsentStatus.EnteredInError },
        };

        AccessRules.Decide(consent, DomainSamples.Record(), "HospitalBMSP", AccessPurpose.Treatment, Now)
            .Denial.Should().Be(AccessDenial.ConsentNotActive);
    }

    [Fact]
    public void Decide_OtherHospital_DeniedOtherGrantee()
    {
        AccessRules.Decide(DomainSamples.Consent(), DomainSamples.Record(), "HospitalCMSP", AccessPurpose.Treatment, Now)
            .Denial.Should().Be(AccessDenial.OtherGrantee);
    }

    [Fact]
    public void Decide_RecordOfOtherPatient_DeniedOtherPatient()
    {
        var record = DomainSamples.Record() with { PatientId = "patient-7" };

        AccessRules.Decide(DomainSamples.Consent(), record, "HospitalBMSP", AccessPurpose.Treatment, Now)
            .Denial.Should().Be(AccessDenial.OtherPatient);
    }

    [Fact]
    public void Decide_CategoryNotInScope_DeniedScope()
    {
        AccessRules.Decide(DomainSamples.Consent(), DomainSamples.Record("rec-2", "imaging"), "HospitalBMSP", AccessPurpose.Treatment, Now)
            .Denial.Should().Be(AccessDenial.RecordNotCovered);
    }

    [Fact]
    public void Decide_OtherPurpose_DeniedPurpose()
    {
        AccessRules.Decide(DomainSamples.Consent(), DomainSamples.Record(), "HospitalBMSP", AccessPurpose.Research, Now)
            .Denial.Should().Be(AccessDenial.PurposeMismatch);
    }

    [Fact]
    public void Decide_RecordEnteredInError_Denied()
    {
        var record = RecordRules.MarkEnteredInError(DomainSamples.Record(), Now);

        AccessRules.Decide(DomainSamples.Consent(), record, "HospitalBMSP", AccessPurpose.Treatment, Now)
            .Denial.Should().Be(AccessDenial.RecordEnteredInError);
    }

    [Fact]
    public void ThrowIfDenied_Denied_422NamingRule()
    {
        var decision = AccessRules.Decide(DomainSamples.Consent(), DomainSamples.Record(), "HospitalBMSP", AccessPurpose.Treatment, Now.AddDays(31));

        var act = decision.ThrowIfDenied;

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 422 && e.Message.Contains("consent-expired"));
    }

    [Fact]
    public void Decide_EmergencyWithinWindow_Permitted()
    {
        var (emergency, _) = EmergencyRules.BreakTheGlass(
            DomainSamples.Record(), "HospitalBMSP", "clinician", "em-1",
            new TextInput { Text = "Unconscious in ER", Salt = DomainSamples.Salt }, DomainSamples.Configuration, Now);

        AccessRules.Decide(emergency, DomainSamples.Record(), "HospitalBMSP", Now.AddHours(23)).IsPermitted.Should().BeTrue();
        AccessRules.Decide(emergency, DomainSamples.Record(), "HospitalBMSP", Now.AddHours(24)).Denial.Should().Be(AccessDenial.EmergencyExpired);
        AccessRules.Decide(emergency, DomainSamples.Record(), "HospitalAMSP", Now).Denial.Should().Be(AccessDenial.OtherGrantee);
    }

    [Fact]
    public void BreakTheGlass_NoReason_400()
    {
        var act = () => EmergencyRules.BreakTheGlass(
            DomainSamples.Record(), "HospitalBMSP", "clinician", "em-1",
            new TextInput { Text = " ", Salt = DomainSamples.Salt }, DomainSamples.Configuration, Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains("emergency.text"));
    }

    [Fact]
    public void BreakTheGlass_Reason_PublicPartHoldsOnlyHash()
    {
        var (emergency, reason) = EmergencyRules.BreakTheGlass(
            DomainSamples.Record(), "HospitalBMSP", "clinician", "em-1",
            new TextInput { Text = "Unconscious in ER", Salt = DomainSamples.Salt }, DomainSamples.Configuration, Now);

        emergency.ToString().Should().NotContain("Unconscious");
        emergency.ReasonHash.Should().Be(ContentHash.Compute(DomainSamples.Salt, Encoding.UTF8.GetBytes("Unconscious in ER")));
        reason.Reason.Should().Be("Unconscious in ER");
        emergency.ExpiresAt.Should().Be(Now.AddMinutes(1440));
    }
}
