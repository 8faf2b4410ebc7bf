using FluentAssertions;
using Fabric.Gateway.Client;
using static Integration.Tests.PharmaSettlement.PrivatePrices;

namespace Integration.Tests.PharmaSettlement;

/// <summary>The checks after the happy path: who can read the prices, the chaincode events, and what the blocks carry.</summary>
internal sealed partial class PharmaHappyPath
{
    private async Task CheckPricingCollectionIsClosedToThePharmacyPeerAsync()
    {
        // The wholesaler, a collection member, reads the terms through its own peer...
        var terms = await _wholesaler.EvaluateAsync("Pricing:GetContractTerms", [_contractId], cancellationToken: _cancellationToken);
        terms.GetProperty("record").GetProperty("lines")[0].GetProperty("contractPrice").GetInt64().Should().Be(ContractPrice);

        // ...but the same member asking through the pharmacy's peer gets nothing: that peer holds the public hashes of
        // the collection's records and never their values, so the peer itself refuses the read.
        foreach (var (transaction, id) in new[] { ("Pricing:GetContractTerms", _contractId), ("Chargebacks:GetClaimAmounts", _claimId), ("Settlements:GetTotals", _settlementId) })
        {
            var error = (await _wholesaler.Invoking(w => w.EvaluateAsync(transaction, [id], Pharmacy, _cancellationToken)).Should().ThrowAsync<GatewayException>()).Which;
            error.Details.Should().NotBeEmpty().And.OnlyContain(d => d.MspId == Pharmacy, "only the pharmacy's peer was asked");
            error.Details.Should().OnlyContain(d => d.Message.Contains("private data matching public hash version is not available", StringComparison.Ordinal), error.Message);
        }

        // The pharmacy's own staff are refused by the chaincode before any private read...
        await EvaluateRefused(() => _pharmacist.EvaluateAsync("Pricing:GetWac", [_product.Gtin, Iso(_today)], cancellationToken: _cancellationToken), 403, "Only manufacturers and wholesalers");
        await EvaluateRefused(() => _pharmacist.EvaluateAsync("Settlements:GetTotals", [_settlementId], cancellationToken: _cancellationToken), 403, "not a party");

        // ...and read their own contract from their organization's implicit collection on their own peer.
        var own = await _pharmacist.EvaluateAsync("Pricing:GetContractTerms", [_contractId], cancellationToken: _cancellationToken);
        own.GetProperty("record").GetProperty("eligibleCustomers").EnumerateArray().Select(g => g.GetString()).Should().Equal(_customerGln);
        own.GetProperty("hash").GetString().Should().Be(terms.GetProperty("hash").GetString());
    }

    private async Task CheckEventsAsync()
    {
        var committed = _expectedEvents.Select(e => e.Transaction).ToList();
        var events = await LedgerReader.ReadEventsAsync(
            _wholesaler.Network(), PharmaStaff.Chaincode, committed.Min(t => t.BlockNumber), committed.Select(t => t.TransactionId).ToList(), _cancellationToken);

        events.Keys.Should().BeEquivalentTo(committed.Select(t => t.TransactionId), "every committed step emits one chaincode event");
        foreach (var (transaction, name) in _expectedEvents)
        {
            events[transaction.TransactionId].Name.Should().Be(name);
            events[transaction.TransactionId].BlockNumber.Should().Be(transaction.BlockNumber);
        }

        var decided = events.Values.Single(e => e.Name == "ChargebackDecided").Payload;
        decided.GetProperty("claimId").GetString().Should().Be(_claimId);
        ClaimDecisions(decided).Should().Equal(("accepted", null), ("rejected", "price_mismatch"));
        var paid = events.Values.Single(e => e.Name == "SettlementPaid").Payload;
        paid.GetProperty("settlementId").GetString().Should().Be(_settlementId);
        paid.GetProperty("status").GetString().Should().Be("paid");
        paid.GetProperty("invoiceCount").GetInt32().Should().Be(1);
        paid.GetProperty("chargebackLineCount").GetInt32().Should().Be(1);
        var received = events.Values.Single(e => e.Name == "ShipmentReceived").Payload;
        received.GetProperty("shipmentId").GetString().Should().Be(_shipmentId);
    }

    private async Task<HappyPathOutcome> CheckNoSecretInAnyBlockAsync()
    {
        var secrets = PrivatePrices.Secrets(_customerGln, _salt);
        var lastBlock = _expectedEvents.Max(e => e.Transaction.BlockNumber);
        var blocks = await LedgerReader.ReadBlocksAsync(_pharmacist.Network(), lastBlock, _cancellationToken);

        blocks.Should().HaveCount((int)lastBlock + 1, "every block from the genesis block on is read");
        for (var number = 0; number < blocks.Count; number++)
        {
            LedgerReader.Occurrences(blocks[number], secrets).Should().BeEmpty($"block {number} of channel {PharmaStaff.Channel} must not carry private terms");
        }

        // The scan can see what it looks for: the public IDs of the run are in the blocks.
        LedgerReader.Occurrences(blocks.SelectMany(b => b).ToArray(), [_contractId, _claimId, _settlementId, _product.Gtin])
            .Should().HaveCount(4);
        return new HappyPathOutcome(_expectedEvents.Min(e => e.Transaction.BlockNumber), lastBlock, secrets, blocks.Count, blocks.Sum(b => (long)b.Length));
    }
}
