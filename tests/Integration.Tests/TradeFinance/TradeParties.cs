using Fabric.Network.Testing;

namespace Integration.Tests.TradeFinance;

/// <summary>The five people of docs/trade-finance.md's happy path, each a client identity with its CA attributes.</summary>
internal sealed record TradeParties(
    TradeActor IssuingOfficer, TradeActor AdvisingOfficer, TradeActor CarrierOfficer, TradeActor Importer, TradeActor Exporter)
{
    public static async Task<TradeParties> EnrollAsync(FabricTestNetwork network, CancellationToken cancellationToken)
    {
        var officer = new Dictionary<string, string> { ["role"] = "officer" };
        var issuing = TradeActor.EnrollAsync(network, "issuingOfficer", TradeInputs.IssuingBank, officer, cancellationToken);
        var advising = TradeActor.EnrollAsync(network, "advisingOfficer", TradeInputs.AdvisingBank, officer, cancellationToken);
        var carrier = TradeActor.EnrollAsync(network, "carrierOfficer", TradeInputs.Carrier, officer, cancellationToken);
        var importer = TradeActor.EnrollAsync(network, "importer", TradeInputs.IssuingBank,
            new Dictionary<string, string> { ["role"] = "applicant", ["company"] = TradeInputs.Importer }, cancellationToken);
        var exporter = TradeActor.EnrollAsync(network, "exporter", TradeInputs.AdvisingBank,
            new Dictionary<string, string> { ["role"] = "beneficiary", ["company"] = TradeInputs.Exporter }, cancellationToken);
        await Task.WhenAll(issuing, advising, carrier, importer, exporter);
        return new TradeParties(await issuing, await advising, await carrier, await importer, await exporter);
    }
}
