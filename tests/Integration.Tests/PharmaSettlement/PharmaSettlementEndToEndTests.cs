using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using Integration.Tests.Infrastructure;
using Xunit.Abstractions;
using static Integration.Tests.PharmaSettlement.PrivatePrices;

namespace Integration.Tests.PharmaSettlement;

/// <summary>
/// Issue #6 end to end: the pharma-settlement chaincode's happy path (docs/pharma-settlement.md) through real peers,
/// once on the embedded dev network and once on a real Fabric test-network when one is configured.
/// </summary>
[Collection(FabricNetworksGroup.Name)]
public sealed class PharmaSettlementEndToEndTests(DevNetworkFixture devNetwork, RealNetworkFixture realNetwork, ITestOutputHelper output)
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task HappyPath_OnTheDevNetwork_NetsAndPaysTheSettlement_AndNoPriceReachesAnyBlockOrThePharmacyPeer()
    {
        var network = devNetwork.Network;
        using var timeout = new CancellationTokenSource(ScenarioTimeout);
        var clock = Stopwatch.StartNew();

        var outcome = await PharmaHappyPath.RunAsync(network, "USD", TimeProvider.System, timeout.Token);

        Report(outcome, clock.Elapsed);

        // What the nodes wrote to disk, read as raw bytes: the orderer's chain and every peer's copy of it carry no
        // secret; the pharmacy's private store holds its own contract (the contract price) and nothing of the
        // manufacturer-wholesaler collection.
        var data = network.DataDirectory;
        var chains = Directory.GetFiles(data, "blocks.dat", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(Path.GetDirectoryName(path)) == PharmaStaff.Channel).ToList();
        chains.Should().Contain(path => path.Contains($"{Path.DirectorySeparatorChar}orderer{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        chains.Should().HaveCount(4, "the orderer and the three peers of channel pharma each keep the chain");
        foreach (var chain in chains)
        {
            LedgerReader.Occurrences(await File.ReadAllBytesAsync(chain), outcome.Secrets).Should().BeEmpty($"{chain} must not carry private terms");
        }

        var pharmacyStore = await File.ReadAllBytesAsync(PrivateStore("pharmacy.example.com"));
        var pricingOnly = new[] { Wac, WrongContractPrice, AcceptedAmount, RejectedAmount, InvoiceTotal, NetAmount }
            .Select(a => a.ToString(CultureInfo.InvariantCulture)).Concat(["\"unitPrice\"", "\"netAmount\"", "\"invoiceTotal\""]).ToList();
        LedgerReader.Occurrences(pharmacyStore, pricingOnly).Should().BeEmpty("the pharmacy's peer is no member of the pricing collection");
        LedgerReader.Occurrences(pharmacyStore, [ContractPrice.ToString(CultureInfo.InvariantCulture)])
            .Should().ContainSingle("the customer keeps its own contract in its implicit collection");
        LedgerReader.Occurrences(await File.ReadAllBytesAsync(PrivateStore("wholesaler.example.com")), pricingOnly)
            .Should().HaveCount(pricingOnly.Count, "the same scan finds the prices where they belong");

        string PrivateStore(string domain) => Path.Combine(data, "peers", $"peer0.{domain}", PharmaStaff.Channel, "pvtdata.dat");
    }

    [SkippableFact]
    public async Task HappyPath_OnRealFabric_NetsAndPaysTheSettlement_AndNoPriceReachesAnyBlock()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        using var timeout = new CancellationTokenSource(ScenarioTimeout);
        var clock = Stopwatch.StartNew();

        var outcome = await PharmaHappyPath.RunAsync(realNetwork.Network, RunCurrency(), TimeProvider.System, timeout.Token);

        Report(outcome, clock.Elapsed);
    }

    /// <summary>A three-letter code of the ISO 4217 "X" range for this run only (see <see cref="PharmaHappyPath.RunAsync"/>).</summary>
    private static string RunCurrency() =>
        "X" + (char)('A' + Random.Shared.Next(26)) + (char)('A' + Random.Shared.Next(26));

    private void Report(HappyPathOutcome outcome, TimeSpan elapsed) => output.WriteLine(
        $"Happy path in {elapsed.TotalSeconds:F1} s: blocks {outcome.FirstBlock}..{outcome.LastBlock}; " +
        $"{outcome.BlocksScanned} blocks ({outcome.BytesScanned} bytes) searched for {outcome.Secrets.Count} private values.");
}
