using FluentAssertions;
using HealthRecords.Domain;

namespace HealthRecords.Tests.Domain;

public sealed class CollectionNamesTests
{
    [Fact]
    public void Pair_EitherOrder_SameName()
    {
        CollectionNames.Pair("HospitalBMSP", "HospitalAMSP").Should().Be(CollectionNames.Pair("HospitalAMSP", "HospitalBMSP"));
        CollectionNames.Pair("HospitalAMSP", "HospitalBMSP").Should().Be("health_pair_HospitalAMSP_HospitalBMSP");
    }

    [Fact]
    public void Pair_NameUsesOnlyCharactersFabricAllows()
    {
        CollectionNames.Pair("Org2MSP", "Org1MSP").Should().MatchRegex("^[A-Za-z0-9_-]+$");
    }

    [Fact]
    public void Pair_SameOrganization_Throws()
    {
        var act = () => CollectionNames.Pair("HospitalAMSP", "HospitalAMSP");
        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("Hospital_A")]
    [InlineData("hospital.a.example.com")]
    [InlineData("")]
    public void Pair_MspIdUnusableInCollectionName_Throws(string mspId)
    {
        var act = () => CollectionNames.Pair(mspId, "HospitalBMSP");
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void AllPairs_ThreeHospitals_ThreeDistinctPairs()
    {
        CollectionNames.AllPairs(["C", "A", "B"]).Should().Equal("health_pair_A_B", "health_pair_A_C", "health_pair_B_C");
    }

    [Fact]
    public void Implicit_MspId_FabricImplicitCollectionName()
    {
        CollectionNames.Implicit("HospitalAMSP").Should().Be("_implicit_org_HospitalAMSP");
    }
}
