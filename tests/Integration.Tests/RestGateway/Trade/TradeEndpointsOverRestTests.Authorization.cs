using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fabric.Gateway.Api.Errors;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.TradeFinance;
using static Integration.Tests.RestGateway.Trade.TradeCallers;
using static Integration.Tests.RestGateway.Trade.TradeRoutes;

namespace Integration.Tests.RestGateway.Trade;

/// <summary>
/// The authorization matrix: every trade endpoint called by every caller of <see cref="TradeCallers"/>, against a
/// table written from docs/trade-finance.md and the contracts' checks (not from observed answers). An allowed caller
/// must not get 403: it gets 2xx, or 404/409/422 because the stage's object is not in a state its call fits (so that
/// nothing is written). A denied caller gets the chaincode's 403 as ProblemDetails of type forbidden saying who may,
/// without a private term in it. Every mismatch is reported at once, and the stage's objects are read back unchanged.
/// </summary>
public sealed partial class TradeEndpointsOverRestTests
{
    private static readonly string[] Everyone = [.. All.Select(c => c.Name)];
    private static readonly string[] Officers = [IssuingOfficer, AdvisingOfficer, CarrierOfficer];

    /// <summary>The credit's banks' officers, its applicant and its beneficiary (Caller.RequirePartyTo).</summary>
    private static readonly string[] PartiesToTheCredit = [IssuingOfficer, AdvisingOfficer, Importer, Exporter];

    /// <summary>
    /// Who may call an endpoint on the stage's object. <paramref name="DeniedStatus"/> is what the others get: 403,
    /// except where the chaincode refuses on the object's state before it looks at the caller.
    /// </summary>
    private sealed record Permission(HttpMethod Method, string Pattern, string[] Route, object? Body, string[] Allowed, int DeniedStatus = 403)
    {
        public EndpointKey Key => new(Method.Method, Pattern);
    }

    private async Task AuthorizationMatrixAsync(FabricTestNetwork network)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var ct = timeout.Token;
        await using var rest = await StartAsync(network, ct);
        var stage = await fixture.StageAsync(rest, network, ct);
        var inForce = JsonNode.Parse((await rest.QueryAsync(IssuingOfficer, Configuration, [], ct)).GetRawText())!;
        var table = AuthorizationTable(stage, inForce);
        table.Select(p => p.Key).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(
            EndpointCoverage.Catalog(rest.Services, "/api/trade/"), "the table has one row for every trade endpoint");
        var before = await SnapshotAsync(rest, stage, ct);

        var mismatches = new ConcurrentBag<string>();
        async Task CheckAsync(Permission permission, string caller, CancellationToken token)
        {
            var answer = await rest.SendAsync(caller, permission.Method, permission.Pattern, permission.Route, permission.Body, token);
            if (AuthorizationMismatch(permission, caller, answer) is { } mismatch)
            {
                mismatches.Add(mismatch);
            }
            else if (!permission.Allowed.Contains(caller) && stage.PrivateValueIn(answer.Text) is { } leaked)
            {
                mismatches.Add($"{permission.Key} by {caller} is denied, but the refusal carries a private value ({leaked}): {answer}");
            }
            else if (answer.Status is >= 200 and < 300 && answer.Method != "GET")
            {
                await rest.WaitUntilEveryPeerHasAsync(answer.Json.GetProperty("blockNumber").GetUInt64(), token);
            }
        }

        // An allowed configuration update commits (it writes the configuration in force again): one caller at a time.
        var committing = table.Where(p => p.Method == Put).ToList();
        foreach (var permission in committing)
        {
            foreach (var caller in Everyone)
            {
                await CheckAsync(permission, caller, ct);
            }
        }

        var cells = table.Except(committing).SelectMany(p => Everyone.Select(caller => (Permission: p, Caller: caller)));
        await Parallel.ForEachAsync(cells, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, (cell, token) =>
            new ValueTask(CheckAsync(cell.Permission, cell.Caller, token)));

        mismatches.Should().BeEmpty("every (endpoint, caller) must follow the authorization table");
        (await SnapshotAsync(rest, stage, ct)).Should().Equal(before, "no call of the matrix changes the ledger");
    }

    private static string? AuthorizationMismatch(Permission permission, string caller, RestAnswer answer)
    {
        if (permission.Allowed.Contains(caller))
        {
            return answer.Status is (>= 200 and < 300) or 404 or 409 or 422
                ? null
                : $"{permission.Key} by {caller} is allowed but answered {answer.Status}: {answer}";
        }

        // The refusal must be the chaincode's own (chaincodeStatus): the gateway signed as the caller's identity and
        // the contract's access control said no, in words.
        var deniedType = Problems.TypeOf(permission.DeniedStatus == 403 ? ProblemKind.Forbidden : ProblemKind.Conflict);
        var byChaincode = answer.ProblemType is not null && answer.Json.TryGetProperty("chaincodeStatus", out var status) && status.GetInt32() == permission.DeniedStatus;
        return answer.Status == permission.DeniedStatus && answer.ProblemType == deniedType && byChaincode && !string.IsNullOrWhiteSpace(answer.ProblemDetail)
            ? null
            : $"{permission.Key} by {caller} is denied but answered {answer.Status} ({answer.ProblemType ?? "no problem type"}): {answer}";
    }

    private static List<Permission> AuthorizationTable(TradeStage stage, JsonNode configurationInForce)
    {
        var credit = stage.CreditId;
        var importerParty = new { mspId = TradeInputs.IssuingBank, companyId = TradeInputs.Importer };
        return
        [
            // TradeConfiguration:Initialize may be called by an officer of an organization it names, but the chaincode
            // first refuses any initialization of a configured chaincode (409), so on this network every caller gets 409.
            new(Post, Configuration, [], JsonNode.Parse(TradeInputs.Configuration()), Officers, DeniedStatus: 409),

            // Update: an officer of a configured organization (the body is the configuration in force: a no-op).
            new(Put, Configuration, [], configurationInForce, Officers),
            new(Get, Configuration, [], null, Everyone),

            // Apply: an applicant (with a company) of an issuing bank, in its own company's name; the body names IMP-001
            // and the stage's credit ID (so the importer meets "already exists").
            new(Post, Credits, [], stage.Application(credit), [Importer]),
            new(Post, Issue, [credit], null, [IssuingOfficer]),
            new(Post, Advise, [credit], null, [AdvisingOfficer]),

            // Withdraw: the credit's applicant, or an officer of its issuing bank.
            new(Post, Withdraw, [credit], null, [Importer, IssuingOfficer]),

            // Expire: an officer of either bank of the credit.
            new(Post, Expire, [credit], null, [IssuingOfficer, AdvisingOfficer]),
            new(Get, Credit, [credit], null, Everyone),
            new(Get, Terms, [credit], null, PartiesToTheCredit),

            new(Post, Amendments, [credit], new { amendmentId = stage.AnsweredAmendmentId, changes = new { amount = TradeInputs.CreditAmount + 3 } }, [IssuingOfficer]),
            new(Post, AcceptAmendment, [credit, stage.AnsweredAmendmentId], new { acceptedFields = new[] { "amount" } }, [Exporter]),
            new(Post, RejectAmendment, [credit, stage.AnsweredAmendmentId], null, [Exporter]),
            new(Get, Amendment, [credit, stage.AnsweredAmendmentId], null, Everyone),
            new(Get, AmendmentTerms, [credit, stage.AnsweredAmendmentId], null, PartiesToTheCredit),

            // Present: the credit's beneficiary (the presentation ID exists, so the exporter meets "already exists").
            new(Post, Presentations, [credit], new { presentationId = stage.HonouredPresentationId, billOfLadingId = stage.FreeBillId, claim = stage.Claim(1) }, [Exporter]),
            new(Post, Honour, [credit, stage.HonouredPresentationId], null, [IssuingOfficer]),
            new(Post, Refuse, [credit, stage.HonouredPresentationId], new { discrepancies = Array.Empty<object>(), disposal = "HoldingPendingWaiver" }, [IssuingOfficer]),

            // Waive: the credit's applicant.
            new(Post, Waive, [credit, stage.DiscrepantPresentationId], null, [Importer]),
            new(Post, Reimbursement, [credit, stage.DiscrepantPresentationId], null, [IssuingOfficer]),
            new(Get, Presentations, [credit], null, Everyone),
            new(Get, Presentation, [credit, stage.DiscrepantPresentationId], null, Everyone),
            new(Get, PresentationDetails, [credit, stage.DiscrepantPresentationId], null, PartiesToTheCredit),

            // Issue an eB/L: an officer of a configured carrier (the ID exists, so the carrier meets "already exists").
            new(Post, Bills, [], stage.BillIssue(stage.FreeBillId), [CarrierOfficer]),

            // Transfer and surrender: the holder only (the exporter holds both bills; a plain transfer of an order bill
            // that is not blank-endorsed is 422, the presented bill is 409 for its holder).
            new(Post, Transfer, [stage.FreeBillId], new { action = "Transfer", recipient = importerParty }, [Exporter]),
            new(Post, Surrender, [stage.PresentedBillId], new { reason = "Delivery" }, [Exporter]),

            // Accept or reject a surrender, void: an officer of the carrier that issued the bill.
            new(Post, AcceptSurrender, [stage.FreeBillId], null, [CarrierOfficer]),
            new(Post, RejectSurrender, [stage.FreeBillId], null, [CarrierOfficer]),
            new(Post, VoidBill, [stage.HonouredBillId], null, [CarrierOfficer]),
            new(Get, Bill, [stage.FreeBillId], null, Everyone),

            // The transport document: officers of configured organizations, and the bill's holder, shipper or consignee
            // (the exporter is holder and shipper; the importer is none of them).
            new(Get, Document, [stage.FreeBillId], null, [.. Officers, Exporter]),
            new(Get, Endorsements, [stage.FreeBillId], null, Everyone),
        ];
    }
}
