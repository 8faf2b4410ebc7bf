using FluentAssertions;
using Fabric.Chaincode;
using PharmaSettlement.Domain;
using static PharmaSettlement.Tests.Domain.Samples;

namespace PharmaSettlement.Tests.Domain;

public class AggregationTests
{
    [Fact]
    public void Pack_ActiveOwnedUnits_CaseHoldsThem()
    {
        var shippingCase = Aggregation.Pack(CaseId, Manufacturer, [Unit("S1"), Unit("S2")], NoRecalls, Now);
        shippingCase.Units.Should().Equal(new UnitRef(Gtin, "S1"), new UnitRef(Gtin, "S2"));
        shippingCase.Status.Should().Be(Disposition.Active);
    }

    [Fact]
    public void Pack_UnitAlreadyPackedOrRecalled_Refused422ListingEach()
    {
        var act = () => Aggregation.Pack(CaseId, Manufacturer, [Unit("S1", caseId: "000614141000000021"), Unit("S2", lot: "BAD")],
            new HashSet<(string, string)> { (Gtin, "BAD") }, Now);
        act.Should().Throw<ChaincodeException>().Where(e => e.Status == 422
            && e.Message.Contains("S1 is refused: it is packed in a case", StringComparison.Ordinal)
            && e.Message.Contains("S2 is refused: its lot is recalled", StringComparison.Ordinal));
    }

    [Fact]
    public void EnsureCanUnpack_InTransitOrOtherOwner_Refused()
    {
        var shippingCase = new ShippingCase(CaseId, Manufacturer, Disposition.InTransit, [], "SH1", Now, Now);
        FluentActions.Invoking(() => Aggregation.EnsureCanUnpack(shippingCase, Manufacturer)).Should().Throw<ChaincodeException>().Where(e => e.Status == 409);
        FluentActions.Invoking(() => Aggregation.EnsureCanUnpack(shippingCase with { Status = Disposition.Active }, Wholesaler))
            .Should().Throw<ChaincodeException>().Where(e => e.Status == 403);
        FluentActions.Invoking(() => Aggregation.EnsureCanUnpack(shippingCase with { Status = Disposition.Active }, Manufacturer)).Should().NotThrow();
    }
}
