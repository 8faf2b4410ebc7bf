using Fabric.Gateway.Api.Tests.Endpoints.Support;
using Fabric.Gateway.Client;
using FluentAssertions;
using Grpc.Core;

namespace Fabric.Gateway.Api.Tests.Endpoints;

public sealed class HealthEndpointsTests(EndpointHost host) : IClassFixture<EndpointHost>
{
    private const string Tx = RecordingInvoker.TransactionId;
    private const string Record = "/api/health/records/rec-001";

    /// <summary>"{"resourceType":"DocumentReference"}" in base64: the private content.</summary>
    private const string ContentBase64 = "eyJyZXNvdXJjZVR5cGUiOiJEb2N1bWVudFJlZmVyZW5jZSJ9";

    private const string Configuration = """{"hospitalMspIds":["HospitalAMSP","HospitalBMSP"],"accessTicketMinutes":30}""";

    private const string Consent =
        """{"consentId":"consent-7","granteeMspId":"HospitalBMSP","scope":{"categories":["lab"],"recordIds":[]},"purpose":"treatment","periodEnd":"2027-01-01T00:00:00+00:00","draft":false}""";

    internal static readonly EndpointCase[] Cases =
    [
        new("POST", "/api/health/configuration", Configuration, "Configuration:Initialize", [Configuration], [], 201, "/api/health/configuration", Endorsers: ["HospitalAMSP", "HospitalBMSP"]),
        new("PUT", "/api/health/configuration", Configuration, "Configuration:Update", [Configuration], [], 200, Endorsers: ["HospitalAMSP", "HospitalBMSP"]),
        new("GET", "/api/health/configuration", null, "Configuration:Get", [], [], 200),

        new("POST", "/api/health/records",
            $$"""{"recordId":"rec-001","patientId":"patient-42","category":"lab","typeCode":"loinc:11502-2","contentType":"application/fhir+json","content":"{{ContentBase64}}"}""",
            "Records:RegisterRecord",
            ["""{"recordId":"rec-001","patientId":"patient-42","category":"lab","typeCode":"loinc:11502-2","contentType":"application/fhir+json"}"""],
            ["content"], 201, Record, Endorsers: ["@caller"]),
        new("POST", $"{Record}/entered-in-error", null, "Records:MarkEnteredInError", ["rec-001"], [], 200),
        new("GET", Record, null, "Records:GetRecord", ["rec-001"], [], 200),
        new("GET", $"{Record}/history", null, "Records:GetRecordHistory", ["rec-001"], [], 200),
        new("GET", "/api/health/records", null, "Records:ListMyRecords", [], [], 200),

        new("POST", $"{Record}/amendments", """{"text":"My allergy to penicillin is missing."}""",
            "Amendments:RequestAmendment", ["rec-001"], ["amendment"], 201, $"/api/health/amendments/{Tx}", Endorsers: ["HospitalAMSP"]),
        new("POST", $"/api/health/amendments/{Tx}/accept", $$"""{"content":"{{ContentBase64}}"}""", "Amendments:AcceptAmendment", [Tx], ["content"], 200),
        new("POST", $"/api/health/amendments/{Tx}/deny", """{"reason":"The record is accurate as written."}""", "Amendments:DenyAmendment", [Tx], ["denial"], 200),
        new("GET", $"/api/health/amendments/{Tx}", null, "Amendments:GetAmendment", [Tx], [], 200, Endorsers: ["HospitalAMSP"]),
        new("GET", $"/api/health/amendments/{Tx}/status", null, "Amendments:GetAmendmentStatus", [Tx], [], 200),

        new("POST", "/api/health/consents", Consent, "Consents:GrantConsent", [Consent], [], 201, "/api/health/consents/consent-7"),
        new("POST", "/api/health/consents/consent-7/activate", null, "Consents:ActivateConsent", ["consent-7"], [], 200),
        new("POST", "/api/health/consents/consent-7/revoke", null, "Consents:RevokeConsent", ["consent-7"], [], 200, Endorsers: ["HospitalBMSP"]),
        new("POST", "/api/health/consents/consent-7/entered-in-error", null, "Consents:MarkConsentEnteredInError", ["consent-7"], [], 200),
        new("POST", "/api/health/consents/consent-7/expire", null, "Consents:ExpireConsent", ["consent-7"], [], 200, Endorsers: ["HospitalBMSP"]),
        new("GET", "/api/health/consents/consent-7", null, "Consents:GetConsent", ["consent-7"], [], 200),
        new("GET", "/api/health/consents", null, "Consents:ListMyConsents", [], [], 200),

        new("POST", $"{Record}/shares", """{"consentId":"consent-7"}""", "Sharing:ShareRecord", ["rec-001", "consent-7"], [], 200, Endorsers: ["@caller"]),
        new("POST", $"{Record}/accesses", """{"consentId":"consent-7","purpose":"treatment"}""",
            "Sharing:RequestAccess", ["rec-001", "consent-7", "treatment"], [], 201, $"/api/health/accesses/{Tx}"),
        new("GET", $"/api/health/accesses/{Tx}", null, "Sharing:ReadSharedRecord", [Tx], [], 200),
        new("GET", "/api/health/consents/consent-7/shares", null, "Sharing:ListShares", ["consent", "consent-7"], [], 200),

        new("POST", $"{Record}/emergency-access", """{"reason":"Unconscious patient in the emergency room."}""",
            "Emergency:BreakTheGlass", ["rec-001"], ["emergency"], 201, $"/api/health/emergency-access/emergency-{Tx}", Endorsers: ["@caller"]),
        new("POST", $"/api/health/emergency-access/emergency-{Tx}/end", null, "Emergency:EndEmergencyAccess", [$"emergency-{Tx}"], [], 200),
        new("GET", $"/api/health/emergency-access/emergency-{Tx}", null, "Emergency:GetEmergencyAccess", [$"emergency-{Tx}"], [], 200),
        new("GET", $"/api/health/emergency-access/emergency-{Tx}/reason", null, "Emergency:GetEmergencyReason", [$"emergency-{Tx}"], [], 200, Endorsers: ["HospitalBMSP"]),
        new("POST", $"/api/health/emergency-access/emergency-{Tx}/share", null, "Sharing:ShareForEmergency", [$"emergency-{Tx}"], [], 200, Endorsers: ["@caller"]),
        new("GET", $"/api/health/emergency-access/emergency-{Tx}/shares", null, "Sharing:ListShares", ["emergency", $"emergency-{Tx}"], [], 200),

        new("GET", "/api/health/audit/mine", null, "Audit:ListMyAccessLog", [], [], 200),
        new("GET", "/api/health/audit/organization", null, "Audit:ListOrganizationAccessLog", [], [], 200),
    ];

    public static TheoryData<EndpointCase> Endpoints => EndpointCase.Table(Cases);

    internal static EndpointCase Row(string transaction) => Cases.First(c => c.Transaction == transaction);

    [Theory]
    [MemberData(nameof(Endpoints))]
    public Task Endpoint_ValidRequest_RunsItsTransactionWithArgumentsInOrder(EndpointCase row) =>
        EndpointTableAssertions.AssertCallAsync(host, row);

    [Fact]
    public async Task RegisterRecord_Content_TravelsOnlyAsTransientWithASalt()
    {
        await EndpointTableAssertions.AssertCallAsync(host, Row("Records:RegisterRecord"));

        var content = EndpointTableAssertions.TransientJson(host, "content");
        content.GetProperty("content").GetBytesFromBase64().Should().Equal(Convert.FromBase64String(ContentBase64));
        content.GetProperty("salt").GetBytesFromBase64().Should().HaveCount(32);
        host.Invoker.SingleCall.Call.Arguments.Single().Should().NotContain(ContentBase64).And.NotContain("DocumentReference");
    }

    [Theory]
    [InlineData("Amendments:RequestAmendment", "amendment", "My allergy to penicillin is missing.")]
    [InlineData("Amendments:DenyAmendment", "denial", "The record is accurate as written.")]
    [InlineData("Emergency:BreakTheGlass", "emergency", "Unconscious patient in the emergency room.")]
    public async Task PrivateTexts_AreTransientTextAndSalt(string transaction, string key, string text)
    {
        await EndpointTableAssertions.AssertCallAsync(host, Row(transaction));

        var value = EndpointTableAssertions.TransientJson(host, key);
        value.GetProperty("text").GetString().Should().Be(text);
        value.GetProperty("salt").GetBytesFromBase64().Should().HaveCount(32);
        string.Join('\n', host.Invoker.SingleCall.Call.Arguments).Should().NotContain(text);
    }

    [Fact]
    public async Task RevokeConsent_ReadsTheConsentFirst_AndIsEndorsedByItsGrantee()
    {
        host.Invoker.Reset();
        host.Invoker.Payload = System.Text.Encoding.UTF8.GetBytes("""{"consentId":"consent-7","granteeMspId":"HospitalCMSP","status":"active"}""");

        using var response = await host.SendAsync("POST", "/api/health/consents/consent-7/revoke");

        ((int)response.StatusCode).Should().Be(200);
        var lookup = host.Invoker.Lookups.Should().ContainSingle().Subject;
        lookup.TransactionName.Should().Be("Consents:GetConsent");
        lookup.Arguments.Should().Equal("consent-7");
        host.Invoker.SingleCall.Call.EndorsingOrganizations.Should().Equal("HospitalCMSP");
    }

    [Theory]
    [InlineData("revoke", 403)]
    [InlineData("revoke", 404)]
    [InlineData("expire", 403)]
    public async Task ConsentPurge_WhenTheChaincodeRefusesTheLookup_SubmitsWithoutThatEndorser(string action, int chaincodeStatus)
    {
        host.Invoker.Reset();
        host.Invoker.EvaluateFailure = ChaincodeRefusal(chaincodeStatus, "Only hospital staff or the consent's patient may read a consent.");

        using var response = await host.SendAsync("POST", $"/api/health/consents/consent-7/{action}");

        ((int)response.StatusCode).Should().Be(200, "the transaction's own answer is returned, here a success");
        host.Invoker.Lookups.Should().ContainSingle().Which.TransactionName.Should().Be("Consents:GetConsent");
        var (call, isEvaluate) = host.Invoker.SingleCall;
        isEvaluate.Should().BeFalse("the refused lookup does not stop the submit");
        call.EndorsingOrganizations.Should().BeNull("without the lookup Fabric's gateway chooses the endorsers");
    }

    [Fact]
    public async Task ExpireConsent_WhenLookupAndTransactionAreRefused_AnswersWithTheTransactionsRefusal()
    {
        host.Invoker.Reset();
        host.Invoker.EvaluateFailure = ChaincodeRefusal(403, "Only hospital staff or the consent's patient may read a consent.");
        var submitRefusal = EndorsementRefusal(422, "consent 'consent-7' has not expired yet.");
        host.Invoker.SubmitFailure = submitRefusal;

        // Here the exception reaches the test host; the platform maps it to ProblemDetails.
        var send = () => host.SendAsync("POST", "/api/health/consents/consent-7/expire");

        (await send.Should().ThrowAsync<GatewayException>()).Which.Should().BeSameAs(submitRefusal);
        host.Invoker.Calls.Select(c => c.IsEvaluate).Should().Equal(true, false);
    }

    public static TheoryData<string> LookupFailures => ["chaincode-500", "unavailable", "bug"];

    [Theory]
    [MemberData(nameof(LookupFailures))]
    public async Task RevokeConsent_WhenTheLookupFailsOtherwise_SubmitsNothing(string failure)
    {
        host.Invoker.Reset();
        Exception lookupFailure = failure switch
        {
            "chaincode-500" => ChaincodeRefusal(500, "ledger read failed"),
            "unavailable" => new GatewayException("Evaluate failed", StatusCode.Unavailable, [new EndpointError("peer0.hospitalb:7051", "HospitalBMSP", "connection refused")], null),
            _ => new InvalidOperationException("consent payload unreadable"),
        };
        host.Invoker.EvaluateFailure = lookupFailure;

        // Here the exception reaches the test host; the platform maps it to ProblemDetails.
        var send = () => host.SendAsync("POST", "/api/health/consents/consent-7/revoke");

        (await send.Should().ThrowAsync<Exception>()).Which.Should().BeSameAs(lookupFailure);
        host.Invoker.Calls.Should().ContainSingle().Which.IsEvaluate.Should().BeTrue("only the lookup ran; nothing was submitted");
    }

    [Fact]
    public async Task EmergencyReason_ReadsTheAccessFirst_AndIsEvaluatedOnTheClinicianHospitalsPeer()
    {
        host.Invoker.Reset();
        host.Invoker.Payload = System.Text.Encoding.UTF8.GetBytes("""{"emergencyAccessId":"emergency-1","granteeMspId":"HospitalCMSP","status":"Recorded"}""");

        using var response = await host.SendAsync("GET", "/api/health/emergency-access/emergency-1/reason");

        ((int)response.StatusCode).Should().Be(200);
        var lookup = host.Invoker.Lookups.Should().ContainSingle().Subject;
        lookup.TransactionName.Should().Be("Emergency:GetEmergencyAccess");
        lookup.Arguments.Should().Equal("emergency-1");
        var (call, isEvaluate) = host.Invoker.SingleCall;
        isEvaluate.Should().BeTrue();
        call.EndorsingOrganizations.Should().Equal("HospitalCMSP");
    }

    [Fact]
    public async Task EmergencyReason_WhenTheChaincodeRefusesTheLookup_EvaluatesWithoutATarget()
    {
        host.Invoker.Reset();
        host.Invoker.EvaluateFailure = ChaincodeRefusal(403, "Only the patient or the clinician's hospital may read an emergency access or its reason.");

        // Every evaluation fails here, so the reason's own evaluation throws the chaincode's refusal after the lookup's.
        var send = () => host.SendAsync("GET", "/api/health/emergency-access/emergency-1/reason");

        await send.Should().ThrowAsync<GatewayException>();
        host.Invoker.Calls.Select(c => c.Call.TransactionName).Should().Equal("Emergency:GetEmergencyAccess", "Emergency:GetEmergencyReason");
        host.Invoker.SingleCall.Call.EndorsingOrganizations.Should().BeNull();
    }

    /// <summary>A chaincode answer of <paramref name="status"/> to an evaluate, as Fabric's gateway reports it (naming the peer).</summary>
    private static GatewayException ChaincodeRefusal(int status, string message) =>
        new("Evaluate failed", StatusCode.Unknown, [new EndpointError("peer0.hospitala:7051", "HospitalAMSP", $"chaincode response {status}, {message}")], null);

    /// <summary>The same answer to the endorsement of a submit.</summary>
    private static EndorseException EndorsementRefusal(int status, string message) =>
        new("Endorse failed", "tx-1", StatusCode.Aborted, [new EndpointError("peer0.hospitalb:7051", "HospitalBMSP", $"chaincode response {status}, {message}")], null);

    [Fact]
    public async Task RegisterRecord_ContentOverOneMebibyte_Is400NamingContent()
    {
        var content = Convert.ToBase64String(new byte[(1024 * 1024) + 1]);
        var body = $$"""{"recordId":"r","patientId":"p","category":"lab","typeCode":"t","contentType":"text/plain","content":"{{content}}"}""";
        host.Invoker.Reset();
        using var response = await host.SendAsync("POST", "/api/health/records", body);

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal("content");
        host.Invoker.Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"recordId":"r","patientId":"p","category":"lab","typeCode":"t","contentType":"text/plain","content":"not base64!"}""", "content")]
    [InlineData("""{"recordId":"r","patientId":"p","category":"lab","typeCode":"t","contentType":"text/plain"}""", "content")]
    [InlineData("""{"recordId":"r","patientId":"p","category":"lab","typeCode":"t","contentType":"plain","content":"AA=="}""", "contentType")]
    [InlineData("""{"recordId":"r é","patientId":"p","category":"lab","typeCode":"t","contentType":"text/plain","content":"AA=="}""", "recordId")]
    public async Task RegisterRecord_InvalidField_Is400NamingIt(string body, string field)
    {
        using var response = await host.SendAsync("POST", "/api/health/records", body);

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal(field);
    }

    [Theory]
    [InlineData("""{"consentId":"c","granteeMspId":"HospitalBMSP","scope":{"categories":[],"recordIds":[]},"periodEnd":"2027-01-01T00:00:00Z"}""", "scope")]
    [InlineData("""{"consentId":"c","granteeMspId":"HospitalBMSP","scope":{"categories":["lab"]}}""", "periodEnd")]
    [InlineData("""{"consentId":"c","granteeMspId":"HospitalBMSP","scope":{"categories":["lab"]},"periodStart":"2027-01-02T00:00:00Z","periodEnd":"2027-01-01T00:00:00Z"}""", "periodEnd")]
    [InlineData("""{"consentId":"c","granteeMspId":"Hospital_B","scope":{"categories":["lab"]},"periodEnd":"2027-01-01T00:00:00Z"}""", "granteeMspId")]
    [InlineData("""{"consentId":"c","granteeMspId":"HospitalBMSP","scope":{"categories":["lab"]},"purpose":"marketing","periodEnd":"2027-01-01T00:00:00Z"}""", "purpose")]
    [InlineData("""{"consentId":"c","granteeMspId":"HospitalBMSP","scope":{"categories":["lab"]},"periodEnd":"next year"}""", "periodEnd")]
    public async Task GrantConsent_Invalid_Is400NamingTheField(string body, string field)
    {
        using var response = await host.SendAsync("POST", "/api/health/consents", body);

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal(field);
    }

    [Fact]
    public async Task BreakTheGlass_ReasonOverTheChaincodeLimit_Is400()
    {
        using var response = await host.SendAsync("POST", $"{Record}/emergency-access", $$"""{"reason":"{{new string('a', 2001)}}"}""");

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal("reason");
    }

    [Fact]
    public async Task Configuration_OneHospital_Is400()
    {
        using var response = await host.SendAsync("POST", "/api/health/configuration", """{"hospitalMspIds":["HospitalAMSP"]}""");

        ((int)response.StatusCode).Should().Be(400);
        (await EndpointHost.ErrorFieldsAsync(response)).Should().Equal("hospitalMspIds");
    }
}
