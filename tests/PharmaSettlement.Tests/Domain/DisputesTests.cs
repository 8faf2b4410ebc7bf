using FluentAssertions;
using Fabric.Chaincode;
using PharmaSettlement.Domain;
using static PharmaSettlement.Tests.Domain.Samples;

namespace PharmaSettlement.Tests.Domain;

public class DisputesTests
{
    private static ChargebackClaim Claim(ClaimLineStatus status) => new("CB-1", Manufacturer, Wholesaler, "USD", Now,
        [new ClaimLine(1, "SALE-1", Gtin, 10, status, null, null, null, null, Now)], "hash");

    [Fact]
    public void Open_AcceptedLine_Disputed()
    {
        var line = Disputes.Open(Claim(ClaimLineStatus.Accepted), 1, DisputeReason.QuantityQuestioned, Now);
        line.Status.Should().Be(ClaimLineStatus.Disputed);
        line.DisputeReason.Should().Be(DisputeReason.QuantityQuestioned);
    }

    [Theory]
    [InlineData("Rejected")]
    [InlineData("InSettlement")]
    [InlineData("Paid")]
    [InlineData("Disputed")]
    public void Open_NotAccepted_Throws409(string status) =>
        FluentActions.Invoking(() => Disputes.Open(Claim(Enum.Parse<ClaimLineStatus>(status)), 1, DisputeReason.Other, Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 409);

    [Fact]
    public void Open_UnknownLine_Throws404() =>
        FluentActions.Invoking(() => Disputes.Open(Claim(ClaimLineStatus.Accepted), 2, DisputeReason.Other, Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 404);

    [Fact]
    public void Resolve_UpheldByManufacturer_AcceptedAgain() =>
        Disputes.Resolve(Claim(ClaimLineStatus.Disputed), 1, DisputeOutcome.Upheld, byManufacturer: true, Now).Status.Should().Be(ClaimLineStatus.Accepted);

    [Fact]
    public void Resolve_WithdrawnByWholesaler_RejectedWithReason()
    {
        var line = Disputes.Resolve(Claim(ClaimLineStatus.Disputed), 1, DisputeOutcome.Withdrawn, byManufacturer: false, Now);
        line.Status.Should().Be(ClaimLineStatus.Rejected);
        line.Reason.Should().Be(ChargebackReason.WithdrawnAfterDispute);
    }

    [Theory]
    [InlineData("Upheld", false)]
    [InlineData("Withdrawn", true)]
    public void Resolve_OutcomeInTheOtherSidesFavour_Throws403(string outcome, bool byManufacturer) =>
        FluentActions.Invoking(() => Disputes.Resolve(Claim(ClaimLineStatus.Disputed), 1, Enum.Parse<DisputeOutcome>(outcome), byManufacturer, Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 403);

    [Fact]
    public void Resolve_NotDisputed_Throws409() =>
        FluentActions.Invoking(() => Disputes.Resolve(Claim(ClaimLineStatus.Accepted), 1, DisputeOutcome.Upheld, true, Now))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 409);
}
