using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fabric.Gateway.Api.Errors;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.Infrastructure;
using Integration.Tests.TradeFinance;
using static Integration.Tests.RestGateway.Trade.TradeCallers;
using static Integration.Tests.RestGateway.Trade.TradeRoutes;

namespace Integration.Tests.RestGateway.Trade;

/// <summary>
/// The refusals: for every endpoint at least one, from the gateway (400 naming the field before anything reaches
/// Fabric) or from the chaincode (400 naming the field, 404 unknown object, 409 wrong state or existing ID, 422 the
/// UCP 600 / DCSA rule), each as ProblemDetails with its stable type and a detail that says why, and none carrying a
/// private term. The whole table is walked and every mismatch reported at once; the stage's objects are read back
/// unchanged afterwards.
/// </summary>
public sealed partial class TradeEndpointsOverRestTests
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;

    /// <summary>
    /// One refusal: <paramref name="Reason"/> is, for a 400, the field the problem must name (in <c>errors</c> from the
    /// gateway, in <c>detail</c> from the chaincode); otherwise words the <c>detail</c> must contain.
    /// </summary>
    private sealed record Refusal(
        string Caller, HttpMethod Method, string Pattern, string[] Route, object? Body, int Status, ProblemKind Kind, string Reason, string? ActAs = null);

    private async Task RefusalsAsync(FabricTestNetwork network)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var ct = timeout.Token;
        await using var rest = await StartAsync(network, ct);
        var stage = await fixture.StageAsync(rest, network, ct);
        var before = await SnapshotAsync(rest, stage, ct);

        var table = RefusalTable(stage);
        var mismatches = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(table, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (row, token) =>
        {
            var answer = await rest.SendAsync(row.Caller, row.Method, row.Pattern, row.Route, row.Body, token, row.ActAs);
            if (Mismatch(row, answer) is { } mismatch)
            {
                mismatches.Add(mismatch);
            }

            if (stage.PrivateValueIn(answer.Text) is { } leaked)
            {
                mismatches.Add($"the refusal carries a private value ({leaked}): {answer}");
            }
        });

        mismatches.Should().BeEmpty("every refusal must have its status, type and reason");
        var refused = table.Select(r => new EndpointKey(r.Method.Method, r.Pattern)).ToHashSet();
        refused.Should().BeEquivalentTo(EndpointCoverage.Catalog(rest.Services, "/api/trade/"), "every trade endpoint has at least one refusal");
        (await SnapshotAsync(rest, stage, ct)).Should().Equal(before, "a refusal changes nothing");
    }

    private static string? Mismatch(Refusal row, RestAnswer answer)
    {
        var expectedType = Problems.TypeOf(row.Kind);
        var problems = new List<string>();
        if (answer.Status != row.Status)
        {
            problems.Add($"status {answer.Status}, expected {row.Status}");
        }

        if (answer.ProblemType != expectedType)
        {
            problems.Add($"type {answer.ProblemType ?? "(none)"}, expected {expectedType}");
        }

        var saysWhy = row.Status == 400
            ? answer.ErrorFields.Contains(row.Reason) || (answer.ProblemDetail?.Contains(row.Reason, StringComparison.Ordinal) ?? false)
            : answer.ProblemDetail?.Contains(row.Reason, StringComparison.Ordinal) ?? false;
        if (!saysWhy)
        {
            problems.Add(row.Status == 400 ? $"the problem does not name '{row.Reason}'" : $"the detail does not say '{row.Reason}'");
        }

        return problems.Count == 0 ? null : $"{string.Join("; ", problems)}: {answer}";
    }

    private static List<Refusal> RefusalTable(TradeStage stage)
    {
        var inputs = stage.Inputs;
        var credit = stage.CreditId;
        var unknown = UniqueIds.New("UNKNOWN");
        var importerParty = new { mspId = TradeInputs.IssuingBank, companyId = TradeInputs.Importer };
        var configuration = JsonNode.Parse(TradeInputs.Configuration())!.AsObject();
        JsonNode Changed(JsonNode node, Action<JsonNode> change)
        {
            var copy = node.DeepClone();
            change(copy);
            return copy;
        }

        var terms = JsonNode.Parse(inputs.Terms())!;
        var document = JsonNode.Parse(inputs.BillOfLading("CNSHA"))!;
        var today = inputs.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var future = inputs.Today.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var badHash = new JsonObject { ["amount"] = 1, ["documents"] = new JsonArray(new JsonObject { ["kind"] = "CommercialInvoice", ["sha256"] = "not-a-hash" }) };
        var holdingPendingWaiver = new { discrepancies = Array.Empty<object>(), disposal = "HoldingPendingWaiver" };

        return
        [
            // Configuration.
            new(IssuingOfficer, Post, Configuration, [], Changed(configuration, c => c.AsObject().Remove("issuingBanks")), 400, ProblemKind.Validation, "issuingBanks"),
            new(IssuingOfficer, Post, Configuration, [], configuration, 409, ProblemKind.Conflict, "already configured"),
            new(IssuingOfficer, Put, Configuration, [], Changed(configuration, c => c["carriers"] = new JsonArray("Carrier MSP!")), 400, ProblemKind.Validation, "carriers[0]"),
            new(IssuingOfficer, Put, Configuration, [], Changed(configuration, c => c["documentCollection"] = TradeInputs.CreditCollection), 400, ProblemKind.Validation, "documentCollection"),
            new(Importer, Get, Configuration, [], null, 403, ProblemKind.Forbidden, $"may not act as the identity '{IssuingOfficer}'", ActAs: IssuingOfficer),

            // Letters of credit.
            new(Importer, Post, Credits, [], new { creditId = UniqueIds.New("LC"), terms = Changed(terms, t => t["portOfLoading"] = "Shanghai") }, 400, ProblemKind.Validation, "terms.portOfLoading"),
            new(Importer, Post, Credits, [], new { creditId = UniqueIds.New("LC"), terms = Changed(terms, t => { t["expiryDate"] = today; t["latestShipmentDate"] = today; }) },
                400, ProblemKind.Validation, "terms.expiryDate"),
            new(Importer, Post, Credits, [], new { creditId = UniqueIds.New("LC"), terms = Changed(terms, t => t["advisingBankMspId"] = TradeInputs.Carrier) },
                400, ProblemKind.Validation, "terms.advisingBankMspId"),
            new(Importer, Post, Credits, [], stage.Application(credit), 409, ProblemKind.Conflict, "already exists"),
            new(IssuingOfficer, Post, Issue, ["LC 1"], null, 400, ProblemKind.Validation, "creditId"),
            new(IssuingOfficer, Post, Issue, [unknown], null, 404, ProblemKind.NotFound, $"'{unknown}' does not exist"),
            new(IssuingOfficer, Post, Issue, [credit], null, 409, ProblemKind.Conflict, "it is Advised, but must be Applied"),
            new(IssuingOfficer, Post, Issue, [stage.LapsedApplicationId], null, 422, ProblemKind.BusinessRule, "UCP 600 Art. 6(d)"),
            new(AdvisingOfficer, Post, Advise, [unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(AdvisingOfficer, Post, Advise, [stage.LapsedApplicationId], null, 409, ProblemKind.Conflict, "it is Applied, but must be Issued"),
            new(Importer, Post, Withdraw, [unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(Importer, Post, Withdraw, [credit], null, 409, ProblemKind.Conflict, "Art. 10(a)"),
            new(IssuingOfficer, Post, Expire, [credit], null, 422, ProblemKind.BusinessRule, "UCP 600 Art. 6(d)"),
            new(AdvisingOfficer, Post, Expire, [stage.LapsedApplicationId], null, 409, ProblemKind.Conflict, "must be Issued or Advised"),
            new(CarrierOfficer, Get, Credit, [unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(CarrierOfficer, Get, Credit, ["LC 1"], null, 400, ProblemKind.Validation, "creditId"),
            new(Exporter, Get, Terms, [unknown], null, 404, ProblemKind.NotFound, "does not exist"),

            // Amendments.
            new(IssuingOfficer, Post, Amendments, [credit], new { amendmentId = UniqueIds.New("A") }, 400, ProblemKind.Validation, "changes"),
            new(IssuingOfficer, Post, Amendments, [credit], new { amendmentId = UniqueIds.New("A"), changes = new { currency = "EUR" } }, 400, ProblemKind.Validation, "amendment.changes.currency"),
            new(IssuingOfficer, Post, Amendments, [credit], new { amendmentId = stage.AnsweredAmendmentId, changes = new { amount = TradeInputs.CreditAmount + 2 } },
                409, ProblemKind.Conflict, "already exists"),
            new(IssuingOfficer, Post, Amendments, [credit], new { amendmentId = UniqueIds.New("A"), changes = new { amount = 1000 } }, 422, ProblemKind.BusinessRule, "already been drawn"),
            new(IssuingOfficer, Post, Amendments, [unknown], new { amendmentId = UniqueIds.New("A"), cancel = true }, 404, ProblemKind.NotFound, "does not exist"),
            new(Exporter, Post, AcceptAmendment, [credit, stage.AnsweredAmendmentId], new { }, 400, ProblemKind.Validation, "acceptedFields"),
            new(Exporter, Post, AcceptAmendment, [credit, stage.AnsweredAmendmentId], new { acceptedFields = new[] { "amount" } }, 409, ProblemKind.Conflict, "was already Rejected"),
            new(Exporter, Post, AcceptAmendment, [credit, unknown], new { acceptedFields = new[] { "amount" } }, 404, ProblemKind.NotFound, "does not exist"),
            new(Exporter, Post, RejectAmendment, [credit, stage.AnsweredAmendmentId], null, 409, ProblemKind.Conflict, "was already Rejected"),
            new(Exporter, Post, RejectAmendment, [credit, unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(CarrierOfficer, Get, Amendment, [credit, unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(Exporter, Get, AmendmentTerms, [credit, unknown], null, 404, ProblemKind.NotFound, unknown),

            // Presentations.
            new(Exporter, Post, Presentations, [credit], new { presentationId = UniqueIds.New("P"), billOfLadingId = stage.FreeBillId, claim = badHash },
                400, ProblemKind.Validation, "claim.documents[0].sha256"),
            new(Exporter, Post, Presentations, [credit], new { presentationId = UniqueIds.New("P"), billOfLadingId = stage.FreeBillId, claim = stage.Claim(1_000_000_000_000) },
                422, ProblemKind.BusinessRule, "UCP 600 Art. 30"),
            new(Exporter, Post, Presentations, [credit], new { presentationId = stage.HonouredPresentationId, billOfLadingId = stage.FreeBillId, claim = stage.Claim(1) },
                409, ProblemKind.Conflict, "already exists"),
            new(Exporter, Post, Presentations, [credit], new { presentationId = UniqueIds.New("P"), billOfLadingId = unknown, claim = stage.Claim(1) },
                404, ProblemKind.NotFound, $"eB/L '{unknown}' does not exist"),
            new(Exporter, Post, Presentations, [credit], new { presentationId = UniqueIds.New("P"), billOfLadingId = stage.PresentedBillId, claim = stage.Claim(1) },
                409, ProblemKind.Conflict, $"held under presentation '{stage.DiscrepantPresentationId}'"),
            new(IssuingOfficer, Post, Honour, [credit, stage.HonouredPresentationId], null, 409, ProblemKind.Conflict, "it is Honoured, but must be Presented or Waived"),
            new(IssuingOfficer, Post, Honour, [credit, stage.DiscrepantPresentationId], null, 422, ProblemKind.BusinessRule, "UCP 600 Art. 16"),
            new(IssuingOfficer, Post, Honour, [credit, unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(IssuingOfficer, Post, Refuse, [credit, stage.DiscrepantPresentationId], new { discrepancies = Array.Empty<object>() }, 400, ProblemKind.Validation, "disposal"),
            new(IssuingOfficer, Post, Refuse, [credit, stage.HonouredPresentationId], holdingPendingWaiver, 409, ProblemKind.Conflict, "it is Honoured, but must be Presented"),
            new(IssuingOfficer, Post, Refuse, [credit, unknown], holdingPendingWaiver, 404, ProblemKind.NotFound, "does not exist"),
            new(Importer, Post, Waive, [credit, stage.DiscrepantPresentationId], null, 409, ProblemKind.Conflict, "it is Presented, but must be Refused"),
            new(Importer, Post, Waive, [credit, unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(IssuingOfficer, Post, Reimbursement, [credit, stage.DiscrepantPresentationId], null, 409, ProblemKind.Conflict, "it is Presented, but must be Honoured"),
            new(IssuingOfficer, Post, Reimbursement, [credit, unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(CarrierOfficer, Get, Presentations, ["LC 1"], null, 400, ProblemKind.Validation, "creditId"),
            new(CarrierOfficer, Get, Presentation, [credit, unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(Exporter, Get, PresentationDetails, [credit, unknown], null, 404, ProblemKind.NotFound, unknown),

            // Bills of lading.
            new(CarrierOfficer, Post, Bills, [], new { billOfLadingId = UniqueIds.New("BL"), document = Changed(document, d => d["portOfLoading"] = "Shanghai") },
                400, ProblemKind.Validation, "document.portOfLoading"),
            new(CarrierOfficer, Post, Bills, [], new { billOfLadingId = UniqueIds.New("BL"), document = Changed(document, d => d["transportDocumentTypeCode"] = "SWB") },
                400, ProblemKind.Validation, "isToOrder"),
            new(CarrierOfficer, Post, Bills, [], new { billOfLadingId = UniqueIds.New("BL"), document = Changed(document, d => d["shippedOnBoardDate"] = future) },
                400, ProblemKind.Validation, "shippedOnBoardDate"),
            new(CarrierOfficer, Post, Bills, [], stage.BillIssue(stage.FreeBillId), 409, ProblemKind.Conflict, "already exists"),
            new(Exporter, Post, Transfer, [stage.FreeBillId], new { recipient = importerParty }, 400, ProblemKind.Validation, "action"),
            new(Exporter, Post, Transfer, [stage.FreeBillId], new { action = "Transfer", recipient = importerParty }, 422, ProblemKind.BusinessRule, "passes by endorsement until endorsed in blank"),
            new(Exporter, Post, Transfer, [stage.PresentedBillId], new { action = "Endorse", recipient = importerParty }, 409, ProblemKind.Conflict, "held under presentation"),
            new(Exporter, Post, Transfer, [unknown], new { action = "Endorse", recipient = importerParty }, 404, ProblemKind.NotFound, "does not exist"),
            new(Exporter, Post, Surrender, [stage.FreeBillId], new { }, 400, ProblemKind.Validation, "reason"),
            new(Exporter, Post, Surrender, [stage.PresentedBillId], new { reason = "Delivery" }, 409, ProblemKind.Conflict, "held under presentation"),
            new(Exporter, Post, Surrender, [unknown], new { reason = "Delivery" }, 404, ProblemKind.NotFound, "does not exist"),
            new(CarrierOfficer, Post, AcceptSurrender, [stage.FreeBillId], null, 409, ProblemKind.Conflict, "no surrender is pending"),
            new(CarrierOfficer, Post, AcceptSurrender, [unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(CarrierOfficer, Post, RejectSurrender, [stage.FreeBillId], null, 409, ProblemKind.Conflict, "no surrender is pending"),
            new(CarrierOfficer, Post, RejectSurrender, [unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(CarrierOfficer, Post, VoidBill, [stage.HonouredBillId], null, 409, ProblemKind.Conflict, "only a bill surrendered for amendment"),
            new(CarrierOfficer, Post, VoidBill, [unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(Importer, Get, Bill, [unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(Importer, Get, Bill, ["BL 1"], null, 400, ProblemKind.Validation, "billOfLadingId"),
            new(Exporter, Get, Document, [unknown], null, 404, ProblemKind.NotFound, "does not exist"),
            new(Importer, Get, Endorsements, [unknown], null, 404, ProblemKind.NotFound, "does not exist"),
        ];
    }

    /// <summary>The public records (and the credit's balance) of the stage's objects and the configuration, as JSON text.</summary>
    private static async Task<List<string>> SnapshotAsync(TradeRestSession rest, TradeStage stage, CancellationToken ct)
    {
        (string Pattern, string[] Route)[] reads =
        [
            (Configuration, []),
            (Credit, [stage.CreditId]), (Terms, [stage.CreditId]), (Credit, [stage.LapsedApplicationId]),
            (Amendment, [stage.CreditId, stage.AnsweredAmendmentId]),
            (Presentations, [stage.CreditId]),
            (Bill, [stage.HonouredBillId]), (Bill, [stage.FreeBillId]), (Bill, [stage.PresentedBillId]),
            (Endorsements, [stage.HonouredBillId]), (Endorsements, [stage.FreeBillId]), (Endorsements, [stage.PresentedBillId]),
        ];
        var snapshot = new List<string>();
        foreach (var (pattern, route) in reads)
        {
            snapshot.Add($"{TradeRoutes.Fill(pattern, route)} {(await rest.QueryAsync(IssuingOfficer, pattern, route, ct)).GetRawText()}");
        }

        return snapshot;
    }
}
