using Fabric.Chaincode;
using FluentAssertions;
using HealthRecords.Domain;

namespace HealthRecords.Tests.Domain;

public sealed class ShareRulesTests
{
    [Fact]
    public void Share_ToGrantee_PairCollectionAndRecordHash()
    {
        var record = DomainSamples.Record();

        var share = ShareRules.Share(record, ShareBasis.Consent, "consent-1", "HospitalBMSP", DomainSamples.Now);

        share.Collection.Should().Be("health_pair_HospitalAMSP_HospitalBMSP");
        share.ContentHash.Should().Be(record.ContentHash);
        share.Status.Should().Be(ShareStatus.Shared);
    }

    [Fact]
    public void Share_ToAuthor_422()
    {
        var act = () => ShareRules.Share(DomainSamples.Record(), ShareBasis.Consent, "consent-1", "HospitalAMSP", DomainSamples.Now);

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 422 && e.Message.Contains("share-to-author"));
    }

    [Fact]
    public void Purge_Twice_409()
    {
        var share = ShareRules.Share(DomainSamples.Record(), ShareBasis.Consent, "consent-1", "HospitalBMSP", DomainSamples.Now);
        var purged = ShareRules.Purge(share, DomainSamples.Now);

        purged.Status.Should().Be(ShareStatus.Purged);
        var act = () => ShareRules.Purge(purged, DomainSamples.Now);
        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 409);
    }

    [Fact]
    public void Verify_CopyMatchesOrTampered()
    {
        var (record, content) = RecordRules.Register(DomainSamples.Registration(), DomainSamples.Content("doc"), "HospitalAMSP", DomainSamples.Now);
        var share = ShareRules.Share(record, ShareBasis.Consent, "consent-1", "HospitalBMSP", DomainSamples.Now);
        var copy = new SharedContent(record.RecordId, 1, record.ContentType, content.Content, content.Salt);

        ShareRules.Verify(copy, share).Should().BeTrue();
        ShareRules.Verify(copy with { Content = [1, 2, 3] }, share).Should().BeFalse();
    }
}
