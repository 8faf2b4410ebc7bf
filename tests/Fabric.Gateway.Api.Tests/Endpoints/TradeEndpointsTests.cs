using System.Text;
using Fabric.Gateway.Api.Tests.Endpoints.Support;
using FluentAssertions;

namespace Fabric.Gateway.Api.Tests.Endpoints;

public sealed class TradeEndpointsTests(EndpointHost host) : IClassFixture<EndpointHost>
{
    private const string Credit = "/api/trade/letters-of-credit/LC-2026-001";
    private const string Bill = "/api/trade/bills-of-lading/BL-77";

    internal static readonly EndpointCase[] Cases =
    [
        new("POST", "/api/trade/configuration", TradeSamples.Configuration, "TradeConfiguration:Initialize", [Configuration], [], 201, "/api/trade/configuration", Endorsers: ["IssuingBankMSP", "AdvisingBankMSP", "CarrierMSP"]),
        new("PUT", "/api/trade/configuration", TradeSamples.Configuration, "TradeConfiguration:Update", [Configuration], [], 200, Endorsers: ["IssuingBankMSP", "AdvisingBankMSP", "CarrierMSP"]),
        new("GET", "/api/trade/configuration", null, "TradeConfiguration:Get", [], [], 200),

        new("POST", "/api/trade/letters-of-credit", TradeSamples.Apply, "LetterOfCredit:Apply", ["LC-2026-001"], ["terms", "salt"], 201, Credit, Endorsers: ["@caller", "AdvisingBankMSP"]),
        new("POST", $"{Credit}/issue", null, "LetterOfCredit:Issue", ["LC-2026-001"], [], 200, Endorsers: ["IssuingBankMSP", "AdvisingBankMSP"]),
        new("POST", $"{Credit}/advise", null, "LetterOfCredit:Advise", ["LC-2026-001"], [], 200, Endorsers: ["IssuingBankMSP", "AdvisingBankMSP"]),
        new("POST", $"{Credit}/withdraw", null, "LetterOfCredit:Withdraw", ["LC-2026-001"], [], 200, Endorsers: ["IssuingBankMSP", "AdvisingBankMSP"]),
        new("POST", $"{Credit}/expire", null, "LetterOfCredit:Expire", ["LC-2026-001"], [], 200, Endorsers: ["IssuingBankMSP", "AdvisingBankMSP"]),
        new("GET", Credit, null, "LetterOfCredit:GetCredit", ["LC-2026-001"], [], 200),
        new("GET", $"{Credit}/terms", null, "LetterOfCredit:GetTerms", ["LC-2026-001"], [], 200),

        new("POST", $"{Credit}/amendments", """{ "amendmentId": "A1", "changes": { "amount": 13000000 } }""",
            "LetterOfCredit:ProposeAmendment", ["LC-2026-001", "A1"], ["amendment", "salt"], 201, $"{Credit}/amendments/A1", Endorsers: ["IssuingBankMSP", "AdvisingBankMSP"]),
        new("POST", $"{Credit}/amendments/A1/accept", """{ "acceptedFields": ["amount"] }""",
            "LetterOfCredit:AcceptAmendment", ["LC-2026-001", "A1", """["amount"]"""], [], 200, Endorsers: ["IssuingBankMSP", "AdvisingBankMSP"]),
        new("POST", $"{Credit}/amendments/A1/reject", null, "LetterOfCredit:RejectAmendment", ["LC-2026-001", "A1"], [], 200, Endorsers: ["IssuingBankMSP", "AdvisingBankMSP"]),
        new("GET", $"{Credit}/amendments/A1", null, "LetterOfCredit:GetAmendment", ["LC-2026-001", "A1"], [], 200),
        new("GET", $"{Credit}/amendments/A1/terms", null, "LetterOfCredit:GetAmendmentTerms", ["LC-2026-001", "A1"], [], 200),

        new("POST", $"{Credit}/presentations", TradeSamples.Present, "LetterOfCredit:Present", ["LC-2026-001", "P1", "BL-77"], ["claim", "salt"], 201, $"{Credit}/presentations/P1", Endorsers: ["IssuingBankMSP", "AdvisingBankMSP"]),
        new("POST", $"{Credit}/presentations/P1/honour", null, "LetterOfCredit:Honour", ["LC-2026-001", "P1"], [], 200, Endorsers: ["IssuingBankMSP", "AdvisingBankMSP"]),
        new("POST", $"{Credit}/presentations/P1/refuse",
            """{ "discrepancies": [ { "code": "InvoiceNotSigned", "description": "The commercial invoice is not signed." } ], "disposal": "HoldingPendingWaiver" }""",
            "LetterOfCredit:Refuse", ["LC-2026-001", "P1"], ["notice"], 200, Endorsers: ["IssuingBankMSP", "AdvisingBankMSP"]),
        new("POST", $"{Credit}/presentations/P1/waive", null, "LetterOfCredit:WaiveDiscrepancies", ["LC-2026-001", "P1"], [], 200, Endorsers: ["IssuingBankMSP", "AdvisingBankMSP"]),
        new("POST", $"{Credit}/presentations/P1/reimbursement", null, "LetterOfCredit:RecordReimbursement", ["LC-2026-001", "P1"], [], 200, Endorsers: ["IssuingBankMSP", "AdvisingBankMSP"]),
        new("GET", $"{Credit}/presentations", null, "LetterOfCredit:ListPresentations", ["LC-2026-001"], [], 200),
        new("GET", $"{Credit}/presentations/P1", null, "LetterOfCredit:GetPresentation", ["LC-2026-001", "P1"], [], 200),
        new("GET", $"{Credit}/presentations/P1/details", null, "LetterOfCredit:GetPresentationDetails", ["LC-2026-001", "P1"], [], 200),

        new("POST", "/api/trade/bills-of-lading", TradeSamples.IssueBill, "BillOfLading:Issue", ["BL-77"], ["document", "salt"], 201, Bill, Endorsers: ["@caller"]),
        new("POST", $"{Bill}/transfer", """{ "action": "EndorseToOrder", "recipient": { "mspId": "IssuingBankMSP", "companyId": "acme-imports" } }""",
            "BillOfLading:Transfer", ["BL-77", "EndorseToOrder", """{"mspId":"IssuingBankMSP","companyId":"acme-imports"}"""], [], 200),
        new("POST", $"{Bill}/surrender", """{ "reason": "Delivery" }""", "BillOfLading:RequestSurrender", ["BL-77", "Delivery"], [], 200),
        new("POST", $"{Bill}/surrender/accept", null, "BillOfLading:AcceptSurrender", ["BL-77"], [], 200),
        new("POST", $"{Bill}/surrender/reject", null, "BillOfLading:RejectSurrender", ["BL-77"], [], 200),
        new("POST", $"{Bill}/void", null, "BillOfLading:Void", ["BL-77"], [], 200),
        new("GET", Bill, null, "BillOfLading:Get", ["BL-77"], [], 200),
        new("GET", $"{Bill}/document", null, "BillOfLading:GetDocument", ["BL-77"], [], 200),
        new("GET", $"{Bill}/endorsements", null, "BillOfLading:GetEndorsementChain", ["BL-77"], [], 200),
    ];

    public static TheoryData<EndpointCase> Endpoints => EndpointCase.Table(Cases);

    /// <summary>The configuration argument as the chaincode binds it: camelCase JSON, omitted fields left out (not null).</summary>
    private const string Configuration =
        """{"issuingBanks":["IssuingBankMSP"],"advisingBanks":["AdvisingBankMSP"],"carriers":["CarrierMSP"],"bankingCalendar":{"weekendDays":["Saturday","Sunday"],"holidays":["2026-12-25"]}}""";

    internal static EndpointCase Row(string transaction) => Cases.Single(c => c.Transaction == transaction);

    [Theory]
    [MemberData(nameof(Endpoints))]
    public Task Endpoint_ValidRequest_RunsItsTransactionWithArgumentsInOrder(EndpointCase row) =>
        EndpointTableAssertions.AssertCallAsync(host, row);

    [Fact]
    public async Task Apply_Terms_TravelOnlyAsTransientWithAFreshSalt()
    {
        await EndpointTableAssertions.AssertCallAsync(host, Row("LetterOfCredit:Apply"));
        var call = host.Invoker.SingleCall.Call;

        var terms = EndpointTableAssertions.TransientJson(host, "terms");
        terms.GetProperty("amount").GetInt64().Should().Be(12500000);
        terms.GetProperty("formOfCredit").GetString().Should().Be("Irrevocable");
        terms.GetProperty("applicant").GetProperty("companyId").GetString().Should().Be("acme-imports");
        terms.TryGetProperty("charges", out _).Should().BeFalse("an omitted optional field is left out, so the contract's default applies");
        call.Transient!["salt"].Should().HaveCount(32);
        string.Join('\n', call.Arguments).Should().NotContain("12500000").And.NotContain("ACME");

        await EndpointTableAssertions.AssertCallAsync(host, Row("LetterOfCredit:Apply"));
        host.Invoker.SingleCall.Call.Transient!["salt"].Should().NotEqual(call.Transient["salt"], "every private record gets its own random salt");
    }

    [Fact]
    public async Task ProposeAmendment_ChangesAndCancel_AreTransientTheContractsShape()
    {
        await EndpointTableAssertions.AssertCallAsync(host, Row("LetterOfCredit:ProposeAmendment"));

        var amendment = EndpointTableAssertions.TransientJson(host, "amendment");
        amendment.GetProperty("changes").GetProperty("amount").GetInt64().Should().Be(13000000);
        amendment.GetProperty("cancel").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Refuse_Notice_IsTransientWithDisposalByName()
    {
        await EndpointTableAssertions.AssertCallAsync(host, Row("LetterOfCredit:Refuse"));

        var notice = EndpointTableAssertions.TransientJson(host, "notice");
        notice.GetProperty("disposal").GetString().Should().Be("HoldingPendingWaiver");
        notice.GetProperty("discrepancies")[0].GetProperty("description").GetString().Should().Be("The commercial invoice is not signed.");
    }

    [Fact]
    public async Task IssueBill_Document_IsTransient()
    {
        await EndpointTableAssertions.AssertCallAsync(host, Row("BillOfLading:Issue"));

        var document = EndpointTableAssertions.TransientJson(host, "document");
        document.GetProperty("transportDocumentTypeCode").GetString().Should().Be("BOL");
        document.GetProperty("shipper").GetProperty("party").GetProperty("companyId").GetString().Should().Be("globex-exports");
        Encoding.UTF8.GetString(host.Invoker.SingleCall.Call.Transient!["salt"]).Should().NotBeEmpty();
    }

    [Fact]
    public async Task CreditId_WithSlash_IsAddressableEscaped()
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync("POST", "/api/trade/letters-of-credit/LC%2F2026%2F9/issue");

        ((int)response.StatusCode).Should().Be(200);
        host.Invoker.SingleCall.Call.Arguments.Should().Equal("LC/2026/9");
    }

    [Theory]
    [InlineData("""{ "terms": {} }""", "creditId")]
    [InlineData("""{ "creditId": "LC 1", "terms": {} }""", "creditId")]
    [InlineData("""{ "creditId": "LC-1" }""", "terms")]
    [InlineData("""{ "creditId": "LC-1", "terms": { "amount": -5 } }""", "terms.amount")]
    [InlineData("""{ "creditId": "LC-1", "terms": { "currency": "usd" } }""", "terms.currency")]
    [InlineData("""{ "creditId": "LC-1", "terms": { "portOfLoading": "Shanghai" } }""", "terms.portOfLoading")]
    [InlineData("""{ "creditId": "LC-1", "terms": { "tolerance": { "plusPercent": 100, "minusPercent": 0 } } }""", "terms.tolerance.plusPercent")]
    [InlineData("""{ "creditId": "LC-1", "terms": { "applicant": { "name": "x" } } }""", "terms.applicant.companyId")]
    [InlineData("""{ "creditId": "LC-1", "terms": { "documentsRequired": [] } }""", "terms.documentsRequired")]
    [InlineData("""{ "creditId": "LC-1", "terms": { "documentsRequired": ["ok", " "] } }""", "terms.documentsRequired[1]")]
    public async Task Apply_InvalidField_Is400NamingIt(string body, string field)
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync("POST", "/api/trade/letters-of-credit", body);

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Contain(field);
        host.Invoker.Calls.Should().BeEmpty("nothing is sent to Fabric before the request is valid");
    }

    [Theory]
    [InlineData("""{ "creditId": "LC-1", "terms": { "amount": "lots" } }""", "terms.amount")]
    [InlineData("""{ "creditId": "LC-1", "terms": { "formOfCredit": "Revocable" } }""", "terms.formOfCredit")]
    [InlineData("""{ "creditId": "LC-1", "terms": { "formOfCredit": 1 } }""", "terms.formOfCredit")]
    [InlineData("""{ "creditId": "LC-1", "terms": { "expiryDate": "30/06/2027" } }""", "terms.expiryDate")]
    [InlineData("""{ "creditId": 17, "terms": {} }""", "creditId")]
    [InlineData("""{ "creditId": "LC-1", "terms": { "ammount": 5 } }""", "terms.ammount")]
    public async Task Apply_WrongTypeOrUnknownField_Is400NamingIt(string body, string field)
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync("POST", "/api/trade/letters-of-credit", body);

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal(field);
        host.Invoker.Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{ "amendmentId": "A1" }""", "changes")]
    [InlineData("""{ "amendmentId": "A1", "changes": {} }""", "changes")]
    [InlineData("""{ "amendmentId": "A1", "cancel": true, "changes": { "amount": 1 } }""", "changes")]
    public async Task ProposeAmendment_NeitherOrBoth_Is400(string body, string field)
    {
        using var response = await host.SendAsync("POST", $"{Credit}/amendments", body);

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal(field);
    }

    [Theory]
    [InlineData("""{ "action": "Issue", "recipient": { "mspId": "X" } }""", "action")]
    [InlineData("""{ "action": "Endorse" }""", "recipient")]
    [InlineData("""{ "action": "Endorse", "recipient": { "mspId": "" } }""", "recipient.mspId")]
    public async Task Transfer_Invalid_Is400NamingTheField(string body, string field)
    {
        using var response = await host.SendAsync("POST", $"{Bill}/transfer", body);

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal(field);
    }

    [Fact]
    public async Task RouteId_Invalid_Is400NamingTheRouteParameter()
    {
        host.Invoker.Reset();
        using var response = await host.SendAsync("GET", "/api/trade/letters-of-credit/-starts-with-dash");

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal("creditId");
        host.Invoker.Calls.Should().BeEmpty();
    }
}
