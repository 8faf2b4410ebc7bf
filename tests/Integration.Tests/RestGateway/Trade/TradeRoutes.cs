namespace Integration.Tests.RestGateway.Trade;

/// <summary>
/// The trade endpoints as route patterns, written as docs/rest-gateway.md lists them. Requests are built from these
/// patterns, so each answer is recorded under the pattern it exercised and can be compared with the gateway's own
/// endpoint catalog (<see cref="EndpointCoverage"/>).
/// </summary>
internal static class TradeRoutes
{
    public const string Configuration = "/api/trade/configuration";

    public const string Credits = "/api/trade/letters-of-credit";
    public const string Credit = Credits + "/{creditId}";
    public const string Issue = Credit + "/issue";
    public const string Advise = Credit + "/advise";
    public const string Withdraw = Credit + "/withdraw";
    public const string Expire = Credit + "/expire";
    public const string Terms = Credit + "/terms";

    public const string Amendments = Credit + "/amendments";
    public const string Amendment = Amendments + "/{amendmentId}";
    public const string AcceptAmendment = Amendment + "/accept";
    public const string RejectAmendment = Amendment + "/reject";
    public const string AmendmentTerms = Amendment + "/terms";

    public const string Presentations = Credit + "/presentations";
    public const string Presentation = Presentations + "/{presentationId}";
    public const string Honour = Presentation + "/honour";
    public const string Refuse = Presentation + "/refuse";
    public const string Waive = Presentation + "/waive";
    public const string Reimbursement = Presentation + "/reimbursement";
    public const string PresentationDetails = Presentation + "/details";

    public const string Bills = "/api/trade/bills-of-lading";
    public const string Bill = Bills + "/{billOfLadingId}";
    public const string Transfer = Bill + "/transfer";
    public const string Surrender = Bill + "/surrender";
    public const string AcceptSurrender = Surrender + "/accept";
    public const string RejectSurrender = Surrender + "/reject";
    public const string VoidBill = Bill + "/void";
    public const string Document = Bill + "/document";
    public const string Endorsements = Bill + "/endorsements";

    /// <summary>The request path: each <c>{parameter}</c> of <paramref name="pattern"/> replaced, in order, by the escaped value.</summary>
    public static string Fill(string pattern, params IReadOnlyList<string> values)
    {
        var path = new System.Text.StringBuilder();
        var next = 0;
        var position = 0;
        while (pattern.IndexOf('{', position) is var open and >= 0)
        {
            var close = pattern.IndexOf('}', open);
            path.Append(pattern, position, open - position);
            if (next >= values.Count)
            {
                throw new ArgumentException($"'{pattern}' needs more than {values.Count} route values.", nameof(values));
            }

            path.Append(Uri.EscapeDataString(values[next++]));
            position = close + 1;
        }

        if (next != values.Count)
        {
            throw new ArgumentException($"'{pattern}' takes {next} route values, not {values.Count}.", nameof(values));
        }

        return path.Append(pattern, position, pattern.Length - position).ToString();
    }
}
