using Fabric.Chaincode;
using FluentAssertions;
using HealthRecords.Domain;

namespace HealthRecords.Tests.Domain;

public sealed class ConsentRulesTests
{
    private static readonly DateTimeOffset Now = DomainSamples.Now;

    [Fact]
    public void Grant_Valid_ActiveForCallerPatient()
    {
        var consent = ConsentRules.Grant(DomainSamples.ConsentRequest(), "patient-42", DomainSamples.Configuration, Now);

        consent.Status.Should().Be(ConsentStatus.Active);
        consent.PatientId.Should().Be("patient-42");
        consent.GranteeMspId.Should().Be("HospitalBMSP");
        consent.PeriodEnd.Should().Be(Now.AddDays(30));
        consent.CreatedAt.Should().Be(Now);
    }

    [Fact]
    public void Grant_Draft_DraftStatus()
    {
        ConsentRules.Grant(DomainSamples.ConsentRequest(draft: true), "patient-42", DomainSamples.Configuration, Now)
            .Status.Should().Be(ConsentStatus.Draft);
    }

    [Fact]
    public void Grant_NoStart_StartsAtTransactionTime()
    {
        var request = DomainSamples.ConsentRequest() with { PeriodStart = null };

        ConsentRules.Grant(request, "patient-42", DomainSamples.Configuration, Now).PeriodStart.Should().Be(Now);
    }

    [Fact]
    public void Grant_GranteeNotAHospital_400()
    {
        var act = () => ConsentRules.Grant(DomainSamples.ConsentRequest("OrdererMSP"), "patient-42", DomainSamples.Configuration, Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains("granteeMspId"));
    }

    [Fact]
    public void Grant_EmptyScope_400()
    {
        var act = () => ConsentRules.Grant(DomainSamples.ConsentRequest(categories: []), "patient-42", DomainSamples.Configuration, Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains("scope"));
    }

    [Fact]
    public void Grant_EndBeforeStart_400()
    {
        var request = DomainSamples.ConsentRequest() with { PeriodEnd = Now.AddDays(-1), PeriodStart = Now };

        var act = () => ConsentRules.Grant(request, "patient-42", DomainSamples.Configuration, Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains("periodEnd"));
    }

    [Fact]
    public void Grant_PeriodAlreadyOver_400()
    {
        var request = DomainSamples.ConsentRequest() with { PeriodStart = Now.AddDays(-10), PeriodEnd = Now.AddDays(-1) };

        var act = () => ConsentRules.Grant(request, "patient-42", DomainSamples.Configuration, Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains("periodEnd"));
    }

    [Fact]
    public void Activate_Draft_Active()
    {
        var draft = ConsentRules.Grant(DomainSamples.ConsentRequest(draft: true), "patient-42", DomainSamples.Configuration, Now);

        ConsentRules.Activate(draft, Now.AddHours(1)).Status.Should().Be(ConsentStatus.Active);
    }

    [Fact]
    public void Activate_Active_409()
    {
        var act = () => ConsentRules.Activate(DomainSamples.Consent(), Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 409);
    }

    [Fact]
    public void Revoke_Active_Inactive()
    {
        var revoked = ConsentRules.Revoke(DomainSamples.Consent(), Now.AddDays(1));

        revoked.Status.Should().Be(ConsentStatus.Inactive);
        revoked.StatusChangedAt.Should().Be(Now.AddDays(1));
    }

    [Fact]
    public void Revoke_Inactive_409()
    {
        var revoked = ConsentRules.Revoke(DomainSamples.Consent(), Now);

        var act = () => ConsentRules.Revoke(revoked, Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 409);
    }

    [Fact]
    public void Expire_BeforeEnd_422()
    {
        var act = () => ConsentRules.Expire(DomainSamples.Consent(), Now.AddDays(29));

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 422 && e.Message.Contains("consent-period"));
    }

    [Fact]
    public void Expire_AtEnd_Inactive()
    {
        ConsentRules.Expire(DomainSamples.Consent(), Now.AddDays(30)).Status.Should().Be(ConsentStatus.Inactive);
    }

    [Fact]
    public void MarkEnteredInError_Active_EnteredInError()
    {
        ConsentRules.MarkEnteredInError(DomainSamples.Consent(), Now).Status.Should().Be(ConsentStatus.EnteredInError);
    }
}

public sealed class ConsentRulesPatientTests
{
    [Fact]
    public void Grant_RequestNamesAnotherPatient_403()
    {
        var request = DomainSamples.ConsentRequest() with { PatientId = "patient-7" };

        var act = () => ConsentRules.Grant(request, "patient-42", DomainSamples.Configuration, DomainSamples.Now);

        act.Should().Throw<Fabric.Chaincode.ChaincodeException>().Where(e => e.Status == 403);
    }

    [Fact]
    public void Grant_RequestNamesCallerPatient_Granted()
    {
        var request = DomainSamples.ConsentRequest() with { PatientId = "patient-42" };

        ConsentRules.Grant(request, "patient-42", DomainSamples.Configuration, DomainSamples.Now).PatientId.Should().Be("patient-42");
    }
}
