using Fabric.Gateway.Api.Endpoints.Internal;

namespace Fabric.Gateway.Api.Endpoints.Trade;

/// <summary>
/// The trade finance network (chaincode <c>trade-finance</c>): letters of credit under UCP 600 and electronic
/// bills of lading. One endpoint per chaincode transaction; private terms, documents, claims and notices travel
/// as transient data with a salt drawn by the gateway.
/// </summary>
internal static class TradeEndpoints
{
    private static readonly Dictionary<string, FieldFormat> RouteFormats = new(StringComparer.Ordinal)
    {
        ["creditId"] = Formats.TradeId,
        ["amendmentId"] = Formats.TradeId,
        ["presentationId"] = Formats.TradeId,
        ["billOfLadingId"] = Formats.TradeId,
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var trade = NetworkRoutes.For(endpoints, "trade", "Trade", RouteFormats);
        MapConfiguration(trade.Resource("configuration", "Trade configuration"));
        MapCredits(trade.Resource("letters-of-credit", "Letters of credit"));
        MapBillsOfLading(trade.Resource("bills-of-lading", "Bills of lading"));
    }

    private static void MapConfiguration(NetworkRoutes configuration)
    {
        configuration.Submit<TradeConfigurationRequest>(
            "", "TradeConfiguration:Initialize", "Store the first configuration (roles of the organizations)",
            (call, body) => call.JsonArg(body).EndorsedBy(EveryOrganizationOf(body)), location: (_, _) => "");
        configuration.Submit<TradeConfigurationRequest>(
            "", "TradeConfiguration:Update", "Replace the configuration (endorsed by every organization concerned)",
            (call, body) => call.JsonArg(body).EndorsedBy(EveryOrganizationOf(body)), method: "PUT");
        configuration.Evaluate("", "TradeConfiguration:Get", "The configuration in force", _ => { });
    }

    private static void MapCredits(NetworkRoutes credits)
    {
        credits.Submit<ApplyForCreditRequest>(
            "", "LetterOfCredit:Apply", "Apply for a letter of credit (applicant)",
            (call, body) => call.Arg(body.CreditId!).TransientJson("terms", body.Terms).Transient("salt", Salts.NewBytes())
                .EndorsedByCaller().EndorsedBy(body.Terms?.AdvisingBankMspId),
            location: (body, _) => Uri.EscapeDataString(body.CreditId!));
        credits.Submit("{creditId}/issue", "LetterOfCredit:Issue", "Issue an applied credit (issuing bank)", call => CreditBanks(call).Arg(call.Route("creditId")));
        credits.Submit("{creditId}/advise", "LetterOfCredit:Advise", "Advise an issued credit to the beneficiary (advising bank)", call => CreditBanks(call).Arg(call.Route("creditId")));
        credits.Submit("{creditId}/withdraw", "LetterOfCredit:Withdraw", "Withdraw an application not issued yet", call => CreditBanks(call).Arg(call.Route("creditId")));
        credits.Submit("{creditId}/expire", "LetterOfCredit:Expire", "Record that a credit expired", call => CreditBanks(call).Arg(call.Route("creditId")));
        credits.Evaluate("{creditId}", "LetterOfCredit:GetCredit", "The public record of a credit", call => call.Arg(call.Route("creditId")));
        credits.Evaluate("{creditId}/terms", "LetterOfCredit:GetTerms", "The private terms and balance (parties to the credit)", call => call.Arg(call.Route("creditId")));

        credits.Submit<ProposeAmendmentRequest>(
            "{creditId}/amendments", "LetterOfCredit:ProposeAmendment", "Propose an amendment or a cancellation (issuing bank)",
            (call, body) => CreditBanks(call).Arg(call.Route("creditId")).Arg(body.AmendmentId!)
                .TransientJson("amendment", new { changes = body.Changes, cancel = body.Cancel })
                .Transient("salt", Salts.NewBytes()),
            location: (body, _) => Uri.EscapeDataString(body.AmendmentId!));
        credits.Submit<AcceptAmendmentRequest>(
            "{creditId}/amendments/{amendmentId}/accept", "LetterOfCredit:AcceptAmendment", "Accept an amendment (beneficiary)",
            (call, body) => CreditBanks(call).Arg(call.Route("creditId")).Arg(call.Route("amendmentId")).JsonArg(body.AcceptedFields));
        credits.Submit(
            "{creditId}/amendments/{amendmentId}/reject", "LetterOfCredit:RejectAmendment", "Reject an amendment (beneficiary)",
            call => CreditBanks(call).Arg(call.Route("creditId")).Arg(call.Route("amendmentId")));
        credits.Evaluate(
            "{creditId}/amendments/{amendmentId}", "LetterOfCredit:GetAmendment", "The public record of an amendment",
            call => call.Arg(call.Route("creditId")).Arg(call.Route("amendmentId")));
        credits.Evaluate(
            "{creditId}/amendments/{amendmentId}/terms", "LetterOfCredit:GetAmendmentTerms", "The proposed new terms (parties to the credit)",
            call => call.Arg(call.Route("creditId")).Arg(call.Route("amendmentId")));

        credits.Submit<PresentDocumentsRequest>(
            "{creditId}/presentations", "LetterOfCredit:Present", "Present documents with the eB/L (beneficiary)",
            (call, body) => CreditBanks(call).Arg(call.Route("creditId")).Arg(body.PresentationId!).Arg(body.BillOfLadingId!)
                .TransientJson("claim", body.Claim).Transient("salt", Salts.NewBytes()),
            location: (body, _) => Uri.EscapeDataString(body.PresentationId!));
        credits.Submit(
            "{creditId}/presentations/{presentationId}/honour", "LetterOfCredit:Honour", "Honour a presentation (issuing bank)",
            call => CreditBanks(call).Arg(call.Route("creditId")).Arg(call.Route("presentationId")));
        credits.Submit<RefusePresentationRequest>(
            "{creditId}/presentations/{presentationId}/refuse", "LetterOfCredit:Refuse", "Refuse a presentation with a single notice (issuing bank)",
            (call, body) => CreditBanks(call).Arg(call.Route("creditId")).Arg(call.Route("presentationId"))
                .TransientJson("notice", new { discrepancies = body.Discrepancies ?? [], disposal = body.Disposal }));
        credits.Submit(
            "{creditId}/presentations/{presentationId}/waive", "LetterOfCredit:WaiveDiscrepancies", "Waive the discrepancies of a refused presentation (applicant)",
            call => CreditBanks(call).Arg(call.Route("creditId")).Arg(call.Route("presentationId")));
        credits.Submit(
            "{creditId}/presentations/{presentationId}/reimbursement", "LetterOfCredit:RecordReimbursement", "Record the applicant's reimbursement (issuing bank)",
            call => CreditBanks(call).Arg(call.Route("creditId")).Arg(call.Route("presentationId")));
        credits.Evaluate(
            "{creditId}/presentations", "LetterOfCredit:ListPresentations", "Every presentation under a credit",
            call => call.Arg(call.Route("creditId")));
        credits.Evaluate(
            "{creditId}/presentations/{presentationId}", "LetterOfCredit:GetPresentation", "The public record of a presentation",
            call => call.Arg(call.Route("creditId")).Arg(call.Route("presentationId")));
        credits.Evaluate(
            "{creditId}/presentations/{presentationId}/details", "LetterOfCredit:GetPresentationDetails", "The claim and discrepancies (parties to the credit)",
            call => call.Arg(call.Route("creditId")).Arg(call.Route("presentationId")));
    }

    /// <summary>The configuration is endorsed by every organization it gives a role (the chaincode's policy for it).</summary>
    private static IEnumerable<string?> EveryOrganizationOf(TradeConfigurationRequest body) =>
        (body.IssuingBanks ?? []).Concat(body.AdvisingBanks ?? []).Concat(body.Carriers ?? []);

    /// <summary>
    /// A transaction on an existing credit: its private data lives in the collection of its two banks, whose
    /// endorsement policy needs both, so the credit's public record is read first for them.
    /// </summary>
    private static CallBuilder CreditBanks(CallBuilder call) =>
        call.EndorsedByLedger(
            "LetterOfCredit:GetCredit",
            [call.Route("creditId")],
            credit => [CallBuilder.StringProperty(credit, "issuingBankMspId"), CallBuilder.StringProperty(credit, "advisingBankMspId")]);

    private static void MapBillsOfLading(NetworkRoutes bills)
    {
        bills.Submit<IssueBillOfLadingRequest>(
            "", "BillOfLading:Issue", "Issue an eB/L to its shipper (carrier)",
            (call, body) => call.Arg(body.BillOfLadingId!).TransientJson("document", body.Document).Transient("salt", Salts.NewBytes()).EndorsedByCaller(),
            location: (body, _) => Uri.EscapeDataString(body.BillOfLadingId!));
        bills.Submit<TransferBillOfLadingRequest>(
            "{billOfLadingId}/transfer", "BillOfLading:Transfer", "Endorse or transfer the eB/L (holder)",
            (call, body) => call.Arg(call.Route("billOfLadingId")).EnumArg(body.Action!.Value).JsonArg(body.Recipient));
        bills.Submit<SurrenderBillOfLadingRequest>(
            "{billOfLadingId}/surrender", "BillOfLading:RequestSurrender", "Surrender the eB/L to the carrier (holder)",
            (call, body) => call.Arg(call.Route("billOfLadingId")).EnumArg(body.Reason!.Value));
        bills.Submit("{billOfLadingId}/surrender/accept", "BillOfLading:AcceptSurrender", "Accept a pending surrender (carrier)", call => call.Arg(call.Route("billOfLadingId")));
        bills.Submit("{billOfLadingId}/surrender/reject", "BillOfLading:RejectSurrender", "Reject a pending surrender (carrier)", call => call.Arg(call.Route("billOfLadingId")));
        bills.Submit("{billOfLadingId}/void", "BillOfLading:Void", "Void an eB/L (carrier)", call => call.Arg(call.Route("billOfLadingId")));
        bills.Evaluate("{billOfLadingId}", "BillOfLading:Get", "The public record of an eB/L", call => call.Arg(call.Route("billOfLadingId")));
        bills.Evaluate("{billOfLadingId}/document", "BillOfLading:GetDocument", "The transport document (holder, shipper, consignee, bank and carrier officers)", call => call.Arg(call.Route("billOfLadingId")));
        bills.Evaluate("{billOfLadingId}/endorsements", "BillOfLading:GetEndorsementChain", "The endorsement chain, oldest first", call => call.Arg(call.Route("billOfLadingId")));
    }
}
