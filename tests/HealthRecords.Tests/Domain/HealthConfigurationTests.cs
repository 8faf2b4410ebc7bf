using Fabric.Chaincode;
using FluentAssertions;
using HealthRecords.Domain;

namespace HealthRecords.Tests.Domain;

public sealed class HealthConfigurationTests
{
    [Fact]
    public void Validated_TwoHospitals_SortedAndDefaults()
    {
        var configuration = new HealthConfiguration { HospitalMspIds = ["Org2MSP", "Org1MSP"] }.Validated();

        configuration.HospitalMspIds.Should().Equal("Org1MSP", "Org2MSP");
        configuration.AccessTicketMinutes.Should().Be(15);
        configuration.EmergencyAccessMinutes.Should().Be(1440);
        configuration.IsHospital("Org1MSP").Should().BeTrue();
        configuration.IsHospital("OrdererMSP").Should().BeFalse();
    }

    [Theory]
    [InlineData(new[] { "HospitalAMSP" }, "hospitalMspIds")]
    [InlineData(new[] { "HospitalAMSP", "HospitalAMSP" }, "hospitalMspIds")]
    [InlineData(new[] { "HospitalAMSP", "Hospital_B" }, "hospitalMspIds")]
    public void Validated_BadHospitals_400NamingField(string[] hospitals, string field)
    {
        var act = () => new HealthConfiguration { HospitalMspIds = hospitals }.Validated();

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains(field));
    }

    [Fact]
    public void Validated_TicketWindowOutOfRange_400()
    {
        var act = () => new HealthConfiguration { HospitalMspIds = ["A", "B"], AccessTicketMinutes = 0 }.Validated();

        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains("accessTicketMinutes"));
    }
}
