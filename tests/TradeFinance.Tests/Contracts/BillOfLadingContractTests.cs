using System.Text;
using FluentAssertions;
using TradeFinance.Domain.BillsOfLading;
using TradeFinance.Domain.Common;
using TradeFinance.Domain.Configuration;

namespace TradeFinance.Tests.Contracts;

public class BillOfLadingContractTests
{
    private static readonly DateOnly ShippedOnBoard = new(2026, 4, 1);
    private static readonly Party Bank = new(TradeSamples.AdvisingBank);

    private readonly TradeChannel _channel = new();

    public BillOfLadingContractTests()
    {
        _channel.Now = new DateTimeOffset(2026, 4, 1, 18, 0, 0, TimeSpan.Zero);
    }

    private async Task IssuedAsync(bool toOrder = true, TransportDocumentType type = TransportDocumentType.BOL)
    {
        await _channel.ConfigureAsync();
        await _channel.SubmitAsync<BillOfLadingRecord>("carrierOfficer", "BillOfLading:Issue", ["BL-1"],
            TradeSteps.DocumentTransient(TradeSamples.Document(ShippedOnBoard, toOrder: toOrder, type: type)));
    }

    private Task<BillOfLadingRecord> TransferAsync(string caller, string action, Party recipient) =>
        _channel.SubmitAsync<BillOfLadingRecord>(caller, "BillOfLading:Transfer", ["BL-1", action, TradeSteps.Json(recipient)]);

    [Fact]
    public async Task Issue_ByCarrier_KeepsTheDocumentPrivate()
    {
        await IssuedAsync();

        var bill = await _channel.BillAsync("BL-1");
        var document = await _channel.SubmitAsync<BillOfLadingPrivateData>("beneficiary", "BillOfLading:GetDocument", ["BL-1"]);

        bill.Holder.Should().Be(TradeSamples.ExporterParty);
        bill.DocumentHash.Should().Be(SaltedHash.Compute(document.Salt, document.Document));
        document.DocumentChecksum.Should().Be(SaltedHash.Checksum(document.Document));
        _channel.LastEventName.Should().Be("BillOfLadingIssued");
        _channel.PublicText().Should().NotContain("EVER GIVEN").And.NotContain("electric bicycles");
        Encoding.UTF8.GetString(_channel.Stub.PrivateState(TradeConfiguration.DefaultDocumentCollection).Single().Value).Should().Contain("EVER GIVEN");
        _channel.Stub.PrivateState(TradeConfiguration.DefaultCreditCollection).Should().BeEmpty();
    }

    [Theory]
    [InlineData("issuingOfficer")]
    [InlineData("beneficiary")]
    public async Task Issue_ByNonCarrier_Is403(string caller)
    {
        await _channel.ConfigureAsync();

        await _channel.RefusedAsync(403, caller, "BillOfLading:Issue", ["BL-1"], TradeSteps.DocumentTransient(TradeSamples.Document(ShippedOnBoard)));
    }

    [Fact]
    public async Task Issue_InvalidDocument_Is400NamingFields()
    {
        await _channel.ConfigureAsync();
        var document = TradeSamples.Document(ShippedOnBoard) with { VesselName = null, PortOfDischarge = "Rotterdam" };

        var message = await _channel.RefusedAsync(400, "carrierOfficer", "BillOfLading:Issue", ["BL-1"], TradeSteps.DocumentTransient(document));

        message.Should().Contain("document.vesselName").And.Contain("document.portOfDischarge");
    }

    [Fact]
    public async Task Transfer_ByHolder_MovesTitleAndEmitsTransferred()
    {
        await IssuedAsync();

        var bill = await TransferAsync("beneficiary", "EndorseToOrder", Bank);
        await TransferAsync("advisingOfficer", "BlankEndorse", TradeSamples.ImporterParty);
        await TransferAsync("applicant", "Transfer", new Party(TradeSamples.IssuingBank));

        bill.Holder.Should().Be(Bank);
        _channel.LastEventName.Should().Be("BillOfLadingTransferred");
        var chain = await _channel.SubmitAsync<List<EndorsementEntry>>("carrierOfficer", "BillOfLading:GetEndorsementChain", ["BL-1"]);
        chain.Select(e => (e.Sequence, e.Action, e.Recipient)).Should().Equal(
            (1, EndorsementAction.Issue, TradeSamples.ExporterParty),
            (2, EndorsementAction.EndorseToOrder, Bank),
            (3, EndorsementAction.BlankEndorse, TradeSamples.ImporterParty),
            (4, EndorsementAction.Transfer, new Party(TradeSamples.IssuingBank)));
        chain[^1].Recipient.Should().Be((await _channel.BillAsync("BL-1")).Holder, "the chain proves the one holder");
    }

    [Fact]
    public async Task Transfer_ByNonHolder_Is403()
    {
        await IssuedAsync();

        await _channel.RefusedAsync(403, "applicant", "BillOfLading:Transfer", ["BL-1", "Endorse", TradeSteps.Json(TradeSamples.ImporterParty)]);
        await _channel.RefusedAsync(403, "carrierOfficer", "BillOfLading:Transfer", ["BL-1", "Endorse", TradeSteps.Json(TradeSamples.ImporterParty)]);
    }

    [Fact]
    public async Task Transfer_DuringPendingSurrender_Is409()
    {
        await IssuedAsync();
        await _channel.SubmitAsync<BillOfLadingRecord>("beneficiary", "BillOfLading:RequestSurrender", ["BL-1", "Amendment"]);

        (await _channel.RefusedAsync(409, "beneficiary", "BillOfLading:Transfer", ["BL-1", "Endorse", TradeSteps.Json(Bank)]))
            .Should().Contain("surrender is pending");
    }

    [Fact]
    public async Task Transfer_EndorsingAStraightBill_Is422()
    {
        await IssuedAsync(toOrder: false);

        await _channel.RefusedAsync(422, "beneficiary", "BillOfLading:Transfer", ["BL-1", "Endorse", TradeSteps.Json(TradeSamples.ImporterParty)]);
        (await TransferAsync("beneficiary", "Transfer", TradeSamples.ImporterParty)).Holder.Should().Be(TradeSamples.ImporterParty);
    }

    [Fact]
    public async Task Transfer_UnknownActionOrBill_Is400Or404()
    {
        await IssuedAsync();

        await _channel.RefusedAsync(400, "beneficiary", "BillOfLading:Transfer", ["BL-1", "Sell", TradeSteps.Json(Bank)]);
        await _channel.RefusedAsync(404, "beneficiary", "BillOfLading:Transfer", ["BL-9", "Endorse", TradeSteps.Json(Bank)]);
    }

    [Fact]
    public async Task Surrender_AcceptOrRejectByCarrierOnly()
    {
        await IssuedAsync();
        (await _channel.SubmitAsync<BillOfLadingRecord>("beneficiary", "BillOfLading:RequestSurrender", ["BL-1", "Delivery"])).Status
            .Should().Be(BillOfLadingStatus.PendingSurrenderForDelivery);
        _channel.LastEventPayload.Should().Contain("\"status\":\"PENDING_SURRENDER_FOR_DELIVERY\"");

        await _channel.RefusedAsync(403, "beneficiary", "BillOfLading:AcceptSurrender", ["BL-1"]);
        await _channel.RefusedAsync(403, "issuingOfficer", "BillOfLading:RejectSurrender", ["BL-1"]);
        (await _channel.SubmitAsync<BillOfLadingRecord>("carrierOfficer", "BillOfLading:RejectSurrender", ["BL-1"])).Status.Should().Be(BillOfLadingStatus.Issued);
        _channel.LastEventName.Should().Be("BillOfLadingSurrenderRejected");

        await _channel.SubmitAsync<BillOfLadingRecord>("beneficiary", "BillOfLading:RequestSurrender", ["BL-1", "Amendment"]);
        var surrendered = await _channel.SubmitAsync<BillOfLadingRecord>("carrierOfficer", "BillOfLading:AcceptSurrender", ["BL-1"]);
        surrendered.Status.Should().Be(BillOfLadingStatus.SurrenderedForAmendment);
        surrendered.Holder.Should().Be(new Party(TradeSamples.Carrier));
        (await _channel.SubmitAsync<BillOfLadingRecord>("carrierOfficer", "BillOfLading:Void", ["BL-1"])).Status.Should().Be(BillOfLadingStatus.Void);
        _channel.LastEventName.Should().Be("BillOfLadingVoided");
    }

    [Fact]
    public async Task RequestSurrender_ByNonHolder_Is403_AndTwice_Is409()
    {
        await IssuedAsync();
        await _channel.RefusedAsync(403, "applicant", "BillOfLading:RequestSurrender", ["BL-1", "Delivery"]);

        await _channel.SubmitAsync<BillOfLadingRecord>("beneficiary", "BillOfLading:RequestSurrender", ["BL-1", "Delivery"]);
        await _channel.RefusedAsync(409, "beneficiary", "BillOfLading:RequestSurrender", ["BL-1", "Delivery"]);
    }

    [Fact]
    public async Task GetDocument_ByUninvolvedCompany_Is403()
    {
        await IssuedAsync();

        await _channel.RefusedAsync(403, "otherApplicant", "BillOfLading:GetDocument", ["BL-1"]);
        await _channel.RefusedAsync(403, "noRole", "BillOfLading:GetDocument", ["BL-1"]);
    }
}
