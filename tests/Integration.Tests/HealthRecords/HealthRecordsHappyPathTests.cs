using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.Infrastructure;
using Xunit.Abstractions;
using static Integration.Tests.HealthRecords.HealthRecordsScenario;

namespace Integration.Tests.HealthRecords;

/// <summary>
/// The health-records happy path of docs/health-records.md through real peers and the .NET Gateway client: register
/// at A, the patient grants B, A shares, B records an access and reads with a verified hash, the audit shows it, the
/// patient revokes, the copy is purged and B's read fails; then break-the-glass, audited and visible to the patient.
/// Along the way: refusals (403, 409, 422) with the endorser details, the chaincode events, and privacy (no content
/// or reason in any block; on the dev network, the private stores of the peers on disk).
/// </summary>
[Collection(FabricNetworksGroup.Name)]
public sealed class HealthRecordsHappyPathTests(DevNetworkFixture devNetwork, RealNetworkFixture realNetwork, ITestOutputHelper output)
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public Task HappyPath_OnDevNetwork_SharesAuditsPurgesAndKeepsContentOffTheLedger() => RunHappyPathAsync(devNetwork.Network);

    [SkippableFact]
    public async Task HappyPath_OnRealFabric_SharesAuditsPurgesAndKeepsContentOffTheLedger()
    {
        Skip.If(realNetwork.SkipReason is not null, realNetwork.SkipReason);
        await RunHappyPathAsync(realNetwork.Network);
    }

    private async Task RunHappyPathAsync(FabricTestNetwork network)
    {
        using var timeout = new CancellationTokenSource(ScenarioTimeout);
        var cancellationToken = timeout.Token;
        var clock = Stopwatch.StartNew();
        var s = await EnrollAsync(network, cancellationToken);
        output.WriteLine($"{network.Description}: enrolled in {clock.ElapsedMilliseconds} ms");

        await ConfigureAsync(s, cancellationToken);
        await RegisterAsync(s, cancellationToken);
        await GrantAsync(s, cancellationToken);
        await ShareAsync(s, cancellationToken);
        var auditId = await AccessAndReadAsync(s, cancellationToken);
        await RevokeAsync(s, auditId, cancellationToken);
        await BreakTheGlassAsync(s, cancellationToken);
        output.WriteLine($"{network.Description}: {s.Committed.Count} transactions committed in {clock.ElapsedMilliseconds} ms");

        await EventsShouldMatchAsync(s, cancellationToken);
        await NoPrivateValueInAnyBlockAsync(s, cancellationToken);
        output.WriteLine($"{network.Description}: scenario done in {clock.ElapsedMilliseconds} ms");
    }

    // Step 1: an admin of A configures the two hospitals, endorsed by both.
    private static async Task ConfigureAsync(HealthRecordsScenario s, CancellationToken cancellationToken)
    {
        string[] arguments = [JsonSerializer.Serialize(new { hospitalMspIds = new[] { HospitalA, HospitalB } })];

        try
        {
            var configured = s.Record(
                await s.AdminA.SubmitAsync("Configuration:Initialize", arguments, endorsers: [HospitalA, HospitalB], cancellationToken: cancellationToken),
                "ConfigurationChanged");
            configured.Result.GetProperty("hospitalMspIds").EnumerateArray().Select(e => e.GetString()).Should().Equal(HospitalA, HospitalB);
        }
        catch (EndorseException e) when (e.Details.Any(d => d.Message.StartsWith("chaincode response 409, ", StringComparison.Ordinal)))
        {
            // Configured already: by an earlier run (the real test-network keeps its ledger) or by another test on the
            // shared dev network (the REST walkthrough); the configuration read below must still name both hospitals.
        }

        // A clinician is not an admin: 403, with the wording of the role that is missing (asked after Initialize, which
        // answers 409 first on a ledger an earlier run configured).
        var refused = await s.ClinicianA.SubmitRefusedAsync(403, "Configuration:Update", arguments, endorsers: [HospitalA], cancellationToken: cancellationToken);
        refused.Message.Should().Contain("Only an organization admin");

        var configuration = await s.Patient.EvaluateAsync("Configuration:Get", [], cancellationToken: cancellationToken);
        configuration.GetProperty("hospitalMspIds").EnumerateArray().Select(e => e.GetString()).Should().Contain([HospitalA, HospitalB]);
    }

    // Step 2: a clinician of A registers the record; the content goes to A's implicit collection, the hash is public.
    private static async Task RegisterAsync(HealthRecordsScenario s, CancellationToken cancellationToken)
    {
        var refused = await s.Patient.SubmitRefusedAsync(
            403, "Records:RegisterRecord", [s.RegistrationJson()], s.ContentTransient(), [HospitalA], cancellationToken: cancellationToken);
        refused.Message.Should().Contain("Only a clinician (certificate attribute role=clinician) may register a record");

        var registered = s.Record(
            await s.ClinicianA.SubmitAsync("Records:RegisterRecord", [s.RegistrationJson()], s.ContentTransient(), [HospitalA], cancellationToken: cancellationToken),
            "RecordRegistered");
        var record = registered.Result;
        record.GetProperty("recordId").GetString().Should().Be(s.RecordId);
        record.GetProperty("version").GetInt32().Should().Be(1);
        record.GetProperty("patientId").GetString().Should().Be(s.PatientId);
        record.GetProperty("status").GetString().Should().Be("current");
        record.GetProperty("authorMspId").GetString().Should().Be(HospitalA);
        record.GetProperty("contentHash").GetString().Should().Be(s.ContentHash, "the public hash is SHA-256(salt || content)");

        // The same record again is a conflict with the ledger's state.
        var duplicate = await s.ClinicianA.SubmitRefusedAsync(
            409, "Records:RegisterRecord", [s.RegistrationJson()], s.ContentTransient(), [HospitalA], cancellationToken: cancellationToken);
        duplicate.Message.Should().Contain($"Record '{s.RecordId}' already exists");

        // The patient sees the public metadata, which holds the hash and not the content.
        var mine = await s.Patient.EvaluateAsync("Records:ListMyRecords", [], cancellationToken: cancellationToken);
        mine.EnumerateArray().Select(r => r.GetProperty("recordId").GetString()).Should().Equal(s.RecordId);
        s.Content.IsIn(Encoding.UTF8.GetBytes(mine.GetRawText())).Should().BeFalse("record metadata must not carry the content");

        if (s.Network is DevNetworkProcess dev)
        {
            LedgerPrivacy.FileHolds(LedgerPrivacy.PrivateStoreOf(dev, HospitalA, HealthActor.Channel), s.Content)
                .Should().BeTrue("A's peer holds the content in A's implicit collection (and the scan can see it)");
            LedgerPrivacy.FileHolds(LedgerPrivacy.PrivateStoreOf(dev, HospitalB, HealthActor.Channel), s.Content)
                .Should().BeFalse("B is not a member of A's implicit collection: its peer never receives the content");
        }
    }

    // Step 3: the patient grants B access to laboratory records for treatment for 30 days.
    private static async Task GrantAsync(HealthRecordsScenario s, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        var forOther = await s.Patient.SubmitRefusedAsync(403, "Consents:GrantConsent", [s.ConsentJson(now, UniqueIds.New("patient"))], cancellationToken: cancellationToken);
        forOther.Message.Should().Contain("A patient may only grant consents for themselves");
        var byClinician = await s.ClinicianB.SubmitRefusedAsync(403, "Consents:GrantConsent", [s.ConsentJson(now)], cancellationToken: cancellationToken);
        byClinician.Message.Should().Contain("Only a patient");

        var granted = s.Record(await s.Patient.SubmitAsync("Consents:GrantConsent", [s.ConsentJson(now)], cancellationToken: cancellationToken), "ConsentGranted");
        granted.Result.GetProperty("consentId").GetString().Should().Be(s.ConsentId);
        granted.Result.GetProperty("patientId").GetString().Should().Be(s.PatientId, "the patient is taken from the certificate");
        granted.Result.GetProperty("granteeMspId").GetString().Should().Be(HospitalB);
        granted.Result.GetProperty("status").GetString().Should().Be("active");
        granted.Result.GetProperty("purpose").GetString().Should().Be("treatment");

        // Nothing was shared yet: B cannot record an access (wrong state).
        var notShared = await s.ClinicianB.SubmitRefusedAsync(409, "Sharing:RequestAccess", [s.RecordId, s.ConsentId, "treatment"], cancellationToken: cancellationToken);
        notShared.Message.Should().Contain("has not been shared").And.Contain("the author hospital must share it first");
    }

    // Step 4: A copies the record into the collection A and B share.
    private static async Task ShareAsync(HealthRecordsScenario s, CancellationToken cancellationToken)
    {
        var byB = await s.ClinicianB.SubmitRefusedAsync(403, "Sharing:ShareRecord", [s.RecordId, s.ConsentId], cancellationToken: cancellationToken);
        byB.Message.Should().Contain($"Only a clinician of {HospitalA} may share a record");

        var shared = s.Record(
            await s.ClinicianA.SubmitAsync("Sharing:ShareRecord", [s.RecordId, s.ConsentId], endorsers: [HospitalA], cancellationToken: cancellationToken),
            "RecordShared");
        shared.Result.GetProperty("basis").GetString().Should().Be("consent");
        shared.Result.GetProperty("authorizationId").GetString().Should().Be(s.ConsentId);
        shared.Result.GetProperty("collection").GetString().Should().Be(PairwiseCollection);
        shared.Result.GetProperty("contentHash").GetString().Should().Be(s.ContentHash);
        shared.Result.GetProperty("status").GetString().Should().Be("shared");

        s.ShareBlock = shared.BlockNumber;
        if (s.Network is DevNetworkProcess dev)
        {
            LedgerPrivacy.FileHolds(LedgerPrivacy.PrivateStoreOf(dev, HospitalB, HealthActor.Channel), s.Content)
                .Should().BeTrue("B's peer received the shared copy as a member of the pairwise collection");
            var delivered = await LedgerPrivacy.ReadBlockWithPrivateDataAsync(
                s.Network.Connect(s.ClinicianB.User).GetNetwork(HealthActor.Channel), s.ShareBlock, cancellationToken);
            LedgerPrivacy.PrivateDataHolds(delivered, s.Content).Should().BeTrue("B's peer delivers the copy with its block to a member");
        }
    }

    // Steps 5-7: B records the access, reads on its own peer and verifies the hash; the patient sees the access.
    private static async Task<string> AccessAndReadAsync(HealthRecordsScenario s, CancellationToken cancellationToken)
    {
        var research = await s.ClinicianB.SubmitRefusedAsync(422, "Sharing:RequestAccess", [s.RecordId, s.ConsentId, "research"], cancellationToken: cancellationToken);
        research.Message.Should().Contain("Rule 'consent-purpose' refused the request");

        var access = s.Record(
            await s.ClinicianB.SubmitAsync("Sharing:RequestAccess", [s.RecordId, s.ConsentId, "treatment"], cancellationToken: cancellationToken),
            "RecordAccessed");
        var auditId = access.Result.GetProperty("auditId").GetString()!;
        auditId.Should().Be(access.TransactionId, "the audit entry's ID is the transaction ID");
        access.Result.GetProperty("type").GetString().Should().Be("access");
        access.Result.GetProperty("agentMspId").GetString().Should().Be(HospitalB);

        var read = await s.ClinicianB.EvaluateAsync("Sharing:ReadSharedRecord", [auditId], targets: [HospitalB], cancellationToken: cancellationToken);
        var content = read.GetProperty("content").GetBytesFromBase64();
        var salt = read.GetProperty("salt").GetBytesFromBase64();
        Encoding.UTF8.GetString(content).Should().Be(s.Content.Text);
        Convert.ToHexStringLower(SHA256.HashData([.. salt, .. content])).Should().Be(s.ContentHash, "B verifies the copy against the public hash itself");
        read.GetProperty("contentHash").GetString().Should().Be(s.ContentHash);
        read.GetProperty("hashVerified").GetBoolean().Should().BeTrue();
        read.GetProperty("record").GetProperty("contentHash").GetString().Should().Be(s.ContentHash);

        var log = await s.Patient.EvaluateAsync("Audit:ListMyAccessLog", [], cancellationToken: cancellationToken);
        var entries = log.EnumerateArray().ToList();
        entries.Should().ContainSingle(e => e.GetProperty("auditId").GetString() == auditId)
            .Which.Should().Match<JsonElement>(e =>
                e.GetProperty("type").GetString() == "access" && e.GetProperty("agentMspId").GetString() == HospitalB &&
                e.GetProperty("purpose").GetString() == "treatment" && e.GetProperty("consentId").GetString() == s.ConsentId &&
                e.GetProperty("recordId").GetString() == s.RecordId);
        entries.Should().Contain(e => e.GetProperty("type").GetString() == "disclosure" && e.GetProperty("agentMspId").GetString() == HospitalA,
            "A's share is audited as a disclosure");

        var ownLog = await s.ClinicianB.EvaluateAsync("Audit:ListOrganizationAccessLog", [], cancellationToken: cancellationToken);
        ownLog.EnumerateArray().Select(e => e.GetProperty("auditId").GetString()).Should().Contain(auditId);
        return auditId;
    }

    // Steps 8-9: the patient revokes (endorsed by B's peer): the copy is purged; B can neither read nor record an access.
    private static async Task RevokeAsync(HealthRecordsScenario s, string auditId, CancellationToken cancellationToken)
    {
        var early = await s.ClinicianB.SubmitRefusedAsync(422, "Consents:ExpireConsent", [s.ConsentId], endorsers: [HospitalB], cancellationToken: cancellationToken);
        early.Message.Should().Contain("Rule 'consent-period' refused the request");
        var byOther = await s.ClinicianB.SubmitRefusedAsync(403, "Consents:RevokeConsent", [s.ConsentId], endorsers: [HospitalB], cancellationToken: cancellationToken);
        byOther.Message.Should().Contain("Only a patient");

        var revoked = s.Record(
            await s.Patient.SubmitAsync("Consents:RevokeConsent", [s.ConsentId], endorsers: [HospitalB], peerMspId: HospitalB, cancellationToken: cancellationToken),
            "ConsentRevoked");
        revoked.Result.GetProperty("status").GetString().Should().Be("inactive");

        var again = await s.Patient.SubmitRefusedAsync(409, "Consents:RevokeConsent", [s.ConsentId], endorsers: [HospitalB], peerMspId: HospitalB, cancellationToken: cancellationToken);
        again.Message.Should().Contain("is not active or draft and cannot be revoked");

        var read = await s.ClinicianB.EvaluateRefusedAsync(422, "Sharing:ReadSharedRecord", [auditId], HospitalB, cancellationToken: cancellationToken);
        read.Message.Should().Contain("Rule 'consent-not-active' refused the request");
        var access = await s.ClinicianB.SubmitRefusedAsync(422, "Sharing:RequestAccess", [s.RecordId, s.ConsentId, "treatment"], cancellationToken: cancellationToken);
        access.Message.Should().Contain("Rule 'consent-not-active' refused the request");

        var shares = await s.Patient.EvaluateAsync("Sharing:ListShares", ["consent", s.ConsentId], cancellationToken: cancellationToken);
        var share = shares.EnumerateArray().Should().ContainSingle().Which;
        share.GetProperty("status").GetString().Should().Be("purged");
        share.GetProperty("contentHash").GetString().Should().Be(s.ContentHash, "only the hash remains, as evidence");

        if (s.Network is DevNetworkProcess dev)
        {
            // B's peer committed the revocation before its commit status answered: its private store is already clean.
            LedgerPrivacy.FileHolds(LedgerPrivacy.PrivateStoreOf(dev, HospitalB, HealthActor.Channel), s.Content)
                .Should().BeFalse("PurgePrivateData removes the shared copy from B's peer, on disk too");
            LedgerPrivacy.FileHolds(LedgerPrivacy.PrivateStoreOf(dev, HospitalA, HealthActor.Channel), s.Content)
                .Should().BeTrue("the author keeps its own record in its implicit collection");
            var delivered = await LedgerPrivacy.ReadBlockWithPrivateDataAsync(
                s.Network.Connect(s.ClinicianB.User).GetNetwork(HealthActor.Channel), s.ShareBlock, cancellationToken);
            delivered.Block.Header.Number.Should().Be(s.ShareBlock);
            LedgerPrivacy.PrivateDataHolds(delivered, s.Content).Should().BeFalse("after the purge B's peer no longer has the copy to deliver");
        }
    }

    // Break-the-glass: B's clinician gets emergency access without consent, with a reason; A shares for it; the patient sees it.
    private static async Task BreakTheGlassAsync(HealthRecordsScenario s, CancellationToken cancellationToken)
    {
        var byPatient = await s.Patient.SubmitRefusedAsync(
            403, "Emergency:BreakTheGlass", [s.RecordId], s.ReasonTransient(), [HospitalA], cancellationToken: cancellationToken);
        byPatient.Message.Should().Contain("Only a clinician (certificate attribute role=clinician) may break the glass");

        var opened = s.Record(
            await s.ClinicianB.SubmitAsync("Emergency:BreakTheGlass", [s.RecordId], s.ReasonTransient(), [HospitalB], cancellationToken: cancellationToken),
            "EmergencyAccess");
        var emergency = opened.Result.GetProperty("emergencyAccess");
        var emergencyAccessId = emergency.GetProperty("emergencyAccessId").GetString()!;
        emergencyAccessId.Should().Be("emergency-" + opened.TransactionId);
        emergency.GetProperty("granteeMspId").GetString().Should().Be(HospitalB);
        var entry = opened.Result.GetProperty("auditEntry");
        entry.GetProperty("type").GetString().Should().Be("emergencyOverride");
        var auditId = entry.GetProperty("auditId").GetString()!;

        s.Record(
            await s.ClinicianA.SubmitAsync("Sharing:ShareForEmergency", [emergencyAccessId], endorsers: [HospitalA], cancellationToken: cancellationToken),
            "RecordShared");
        var read = await s.ClinicianB.EvaluateAsync("Sharing:ReadSharedRecord", [auditId], targets: [HospitalB], cancellationToken: cancellationToken);
        Encoding.UTF8.GetString(read.GetProperty("content").GetBytesFromBase64()).Should().Be(s.Content.Text);
        read.GetProperty("hashVerified").GetBoolean().Should().BeTrue();

        // The patient sees the override in the access log, and the reason through a peer of the clinician's hospital.
        var log = await s.Patient.EvaluateAsync("Audit:ListMyAccessLog", [], cancellationToken: cancellationToken);
        log.EnumerateArray().Should().Contain(e =>
            e.GetProperty("auditId").GetString() == auditId && e.GetProperty("type").GetString() == "emergencyOverride" &&
            e.GetProperty("agentMspId").GetString() == HospitalB && e.GetProperty("emergencyAccessId").GetString() == emergencyAccessId &&
            e.GetProperty("purpose").GetString() == "emergencyTreatment");
        var reason = await s.Patient.EvaluateAsync("Emergency:GetEmergencyReason", [emergencyAccessId], targets: [HospitalB], cancellationToken: cancellationToken);
        reason.GetProperty("reason").GetString().Should().Be(s.EmergencyReason.Text);

        // A is not a member of B's implicit collection: its peer cannot serve the reason.
        var throughA = await s.Patient.EvaluateRefusedAsync(400, "Emergency:GetEmergencyReason", [emergencyAccessId], HospitalA, cancellationToken: cancellationToken);
        throughA.Message.Should().Contain($"must be endorsed by a peer of {HospitalB}");

        // The access lasts its configured time: ending it now is refused by the rule.
        var early = await s.ClinicianA.SubmitRefusedAsync(422, "Emergency:EndEmergencyAccess", [emergencyAccessId], endorsers: [HospitalB], cancellationToken: cancellationToken);
        early.Message.Should().Contain("Rule 'emergency-access-period' refused the request");

        if (s.Network is DevNetworkProcess dev)
        {
            LedgerPrivacy.FileHolds(LedgerPrivacy.PrivateStoreOf(dev, HospitalB, HealthActor.Channel), s.EmergencyReason)
                .Should().BeTrue("B keeps the reason in its implicit collection");
            LedgerPrivacy.FileHolds(LedgerPrivacy.PrivateStoreOf(dev, HospitalA, HealthActor.Channel), s.EmergencyReason)
                .Should().BeFalse("A is not a member of B's implicit collection");
        }
    }

    private static async Task EventsShouldMatchAsync(HealthRecordsScenario s, CancellationToken cancellationToken)
    {
        var events = await s.ReadEventsAsync(cancellationToken);
        foreach (var (transaction, expected) in s.Committed.Where(c => c.ExpectedEvent is not null))
        {
            events.Should().ContainKey(transaction.TransactionId, $"the {expected} event of {transaction.TransactionId} reaches the client");
            var chaincodeEvent = events[transaction.TransactionId];
            chaincodeEvent.EventName.Should().Be(expected);
            chaincodeEvent.BlockNumber.Should().Be(transaction.BlockNumber);
            chaincodeEvent.ChaincodeName.Should().Be(HealthActor.Chaincode);
            s.Content.IsIn(chaincodeEvent.Payload.Span).Should().BeFalse($"the {expected} event must not carry the content");
            s.EmergencyReason.IsIn(chaincodeEvent.Payload.Span).Should().BeFalse($"the {expected} event must not carry the reason");
        }

        var revoked = s.Committed.Single(c => c.ExpectedEvent == "ConsentRevoked").Transaction;
        using var payload = JsonDocument.Parse(events[revoked.TransactionId].Payload);
        payload.RootElement.GetProperty("purgedRecordIds").EnumerateArray().Select(e => e.GetString()).Should().Equal(s.RecordId);
        payload.RootElement.GetProperty("status").GetString().Should().Be("inactive");

        var registered = s.Committed.Single(c => c.ExpectedEvent == "RecordRegistered").Transaction;
        using var record = JsonDocument.Parse(events[registered.TransactionId].Payload);
        record.RootElement.GetProperty("contentHash").GetString().Should().Be(s.ContentHash);
    }

    // No content and no reason in any block of the channel; the public record (ID and hash) is there, so the scan sees blocks.
    private static async Task NoPrivateValueInAnyBlockAsync(HealthRecordsScenario s, CancellationToken cancellationToken)
    {
        var lastBlock = s.Committed.Max(c => c.Transaction.BlockNumber);
        var channel = s.Network.Connect(s.ClinicianB.User).GetNetwork(HealthActor.Channel);
        var blocks = await LedgerPrivacy.ReadBlocksAsync(channel, lastBlock, cancellationToken);
        blocks.Should().HaveCount((int)lastBlock + 1);
        LedgerPrivacy.AnyHolds(blocks, s.RecordId).Should().BeTrue("the public record is in a block");
        LedgerPrivacy.AnyHolds(blocks, s.ContentHash).Should().BeTrue("the public hash is in a block");
        LedgerPrivacy.ShouldHoldNone(blocks, [s.Content, s.EmergencyReason]);

        if (s.Network is DevNetworkProcess dev)
        {
            var files = LedgerPrivacy.BlockFilesOf(dev, HealthActor.Channel);
            files.Should().HaveCountGreaterThanOrEqualTo(3, "the orderer and both hospitals' peers store the channel's blocks");
            foreach (var file in files)
            {
                LedgerPrivacy.FileHolds(file, s.Content).Should().BeFalse($"{file} must not hold the content");
                LedgerPrivacy.FileHolds(file, s.EmergencyReason).Should().BeFalse($"{file} must not hold the reason");
            }
        }
    }
}
