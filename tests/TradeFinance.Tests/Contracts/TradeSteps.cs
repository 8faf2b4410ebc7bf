using TradeFinance.Contracts;
using TradeFinance.Domain.BillsOfLading;
using TradeFinance.Domain.Configuration;
using TradeFinance.Domain.Credits;

namespace TradeFinance.Tests.Contracts;

/// <summary>The calls of the business process, each as the party that makes it, for tests to chain.</summary>
internal static class TradeSteps
{
    public static Task<TradeConfiguration> ConfigureAsync(this TradeChannel channel, TradeConfiguration? configuration = null) =>
        channel.SubmitAsync<TradeConfiguration>("issuingOfficer", "TradeConfiguration:Initialize",
            [System.Text.Json.JsonSerializer.Serialize(configuration ?? TradeSamples.Configuration(), Fabric.Chaincode.ChaincodeJson.Options)]);

    public static Dictionary<string, object> TermsTransient(CreditTerms? terms = null, byte seed = 1) =>
        new() { ["terms"] = terms ?? TradeSamples.Terms(), ["salt"] = TradeSamples.Salt(seed) };

    public static Task<LetterOfCredit> ApplyAsync(this TradeChannel channel, string creditId = "LC-1", CreditTerms? terms = null) =>
        channel.SubmitAsync<LetterOfCredit>("applicant", "LetterOfCredit:Apply", [creditId], TermsTransient(terms));

    /// <summary>Configured, applied, issued and advised.</summary>
    public static async Task<LetterOfCredit> AdvisedCreditAsync(this TradeChannel channel, string creditId = "LC-1", CreditTerms? terms = null)
    {
        await channel.ConfigureAsync();
        await channel.ApplyAsync(creditId, terms);
        await channel.SubmitAsync<LetterOfCredit>("issuingOfficer", "LetterOfCredit:Issue", [creditId]);
        return await channel.SubmitAsync<LetterOfCredit>("advisingOfficer", "LetterOfCredit:Advise", [creditId]);
    }

    public static Dictionary<string, object> DocumentTransient(TransportDocument document, byte seed = 7) =>
        new() { ["document"] = document, ["salt"] = TradeSamples.Salt(seed) };

    public static Task<BillOfLadingRecord> IssueBillAsync(this TradeChannel channel, string billId, DateOnly shippedOnBoard, string portOfLoading = "CNSHA") =>
        channel.SubmitAsync<BillOfLadingRecord>("carrierOfficer", "BillOfLading:Issue", [billId],
            DocumentTransient(TradeSamples.Document(shippedOnBoard, portOfLoading)));

    public static Dictionary<string, object> ClaimTransient(long amount, byte seed = 3) =>
        new() { ["claim"] = TradeSamples.Claim(amount), ["salt"] = TradeSamples.Salt(seed) };

    public static Task<Presentation> PresentAsync(this TradeChannel channel, string presentationId, string billId, long amount, string creditId = "LC-1") =>
        channel.SubmitAsync<Presentation>("beneficiary", "LetterOfCredit:Present", [creditId, presentationId, billId], ClaimTransient(amount));

    public static Task<Presentation> HonourAsync(this TradeChannel channel, string presentationId, string creditId = "LC-1") =>
        channel.SubmitAsync<Presentation>("issuingOfficer", "LetterOfCredit:Honour", [creditId, presentationId]);

    public static Task<CreditTermsView> TermsAsync(this TradeChannel channel, string caller = "issuingOfficer", string creditId = "LC-1") =>
        channel.SubmitAsync<CreditTermsView>(caller, "LetterOfCredit:GetTerms", [creditId]);

    public static Task<BillOfLadingRecord> BillAsync(this TradeChannel channel, string billId) =>
        channel.SubmitAsync<BillOfLadingRecord>("carrierOfficer", "BillOfLading:Get", [billId]);

    public static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value, Fabric.Chaincode.ChaincodeJson.Options);
}
