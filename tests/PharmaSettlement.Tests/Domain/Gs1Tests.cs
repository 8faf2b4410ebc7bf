using FluentAssertions;
using Fabric.Chaincode;
using PharmaSettlement.Domain;

namespace PharmaSettlement.Tests.Domain;

public class Gs1Tests
{
    [Theory]
    [InlineData("0031234567890", 6)]
    [InlineData("061414100001", 2)]
    [InlineData("629104150021", 3)]
    [InlineData("950110153000", 3)]
    public void CheckDigit_KnownBodies_MatchesGs1Calculator(string body, int expected) =>
        Gs1.CheckDigit(body).Should().Be(expected);

    [Theory]
    [InlineData("00312345678906", "00312345678906")]
    [InlineData("0312345678906", "00312345678906")]
    [InlineData("312345678906", "00312345678906")]
    [InlineData("96385074", "00000096385074")]
    public void NormalizeGtin_ValidLengths_PadsTo14Digits(string gtin, string expected) =>
        Gs1.NormalizeGtin(gtin).Should().Be(expected);

    [Theory]
    [InlineData("00312345678907", "check digit")]
    [InlineData("0031234567890", "check digit")]
    [InlineData("0031234567", "8, 12, 13 or 14 digits")]
    [InlineData("0031234567890A", "8, 12, 13 or 14 digits")]
    [InlineData("", "required")]
    public void NormalizeGtin_Invalid_Throws400NamingTheField(string gtin, string why)
    {
        var act = () => Gs1.NormalizeGtin(gtin, "units[0].gtin");
        act.Should().Throw<ChaincodeException>()
            .Where(e => e.Status == 400 && e.Message.StartsWith("units[0].gtin", StringComparison.Ordinal) && e.Message.Contains(why, StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateSscc_ValidAndWrongCheckDigit_AcceptsOnlyTheValid()
    {
        Gs1.ValidateSscc(Samples.CaseId).Should().Be(Samples.CaseId);
        var act = () => Gs1.ValidateSscc("000614141000000015");
        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 400 && e.Message.Contains("check digit", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateGln_WrongLength_Throws400() =>
        FluentActions.Invoking(() => Gs1.ValidateGln("061414100001")).Should().Throw<ChaincodeException>().Where(e => e.Status == 400);

    [Theory]
    [InlineData("SN-0001/ab")]
    [InlineData("12345678901234567890")]
    public void ValidateSerial_CharacterSet82_Accepted(string serial) => Gs1.ValidateSerial(serial).Should().Be(serial);

    [Theory]
    [InlineData("123456789012345678901")]
    [InlineData("SN 1")]
    [InlineData("SN#1")]
    [InlineData("")]
    public void ValidateSerial_TooLongOrOutsideCharacterSet_Throws400(string serial) =>
        FluentActions.Invoking(() => Gs1.ValidateSerial(serial)).Should().Throw<ChaincodeException>().Where(e => e.Status == 400);
}
