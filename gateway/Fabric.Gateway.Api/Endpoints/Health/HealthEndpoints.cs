using Fabric.Gateway.Api.Endpoints.Internal;

namespace Fabric.Gateway.Api.Endpoints.Health;

/// <summary>
/// The health network (chaincode <c>health-records</c>): records, amendments, consents, sharing, break-the-glass
/// emergency access and the access log. Record content, amendment texts and reasons travel only as transient data,
/// each with a salt drawn by the gateway.
/// </summary>
internal static class HealthEndpoints
{
    private static readonly Dictionary<string, FieldFormat> RouteFormats = new(StringComparer.Ordinal)
    {
        ["recordId"] = Formats.HealthId,
        ["amendmentId"] = Formats.HealthId,
        ["consentId"] = Formats.HealthId,
        ["emergencyAccessId"] = Formats.HealthId,
        ["auditId"] = Formats.HealthId,
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var health = NetworkRoutes.For(endpoints, "health", "Health", RouteFormats);
        MapConfiguration(health.Resource("configuration", "Health configuration"));
        MapRecords(health.Resource("records", "Health records"));
        MapAmendments(health.Resource("records", "Record amendments"), health.Resource("amendments", "Record amendments"));
        MapConsents(health.Resource("consents", "Consents"));
        MapSharing(health.Resource("records", "Sharing and access"), health.Resource("consents", "Sharing and access"), health.Resource("accesses", "Sharing and access"));
        MapEmergency(health.Resource("records", "Emergency access"), health.Resource("emergency-access", "Emergency access"));
        MapAudit(health.Resource("audit", "Access log"));
    }

    private static void MapConfiguration(NetworkRoutes configuration)
    {
        configuration.Submit<HealthConfigurationRequest>(
            "", "Configuration:Initialize", "Store the first configuration (hospitals, access windows)",
            (call, body) => call.JsonArg(body).EndorsedBy(body.HospitalMspIds!), location: (_, _) => "");
        configuration.Submit<HealthConfigurationRequest>(
            "", "Configuration:Update", "Replace the configuration (endorsed by every hospital)",
            (call, body) => call.JsonArg(body).EndorsedBy(body.HospitalMspIds!), method: "PUT");
        configuration.Evaluate("", "Configuration:Get", "The configuration in force", _ => { });
    }

    private static void MapRecords(NetworkRoutes records)
    {
        records.Submit<RegisterRecordRequest>(
            "", "Records:RegisterRecord", "Register a record for a patient (clinician of the author hospital)",
            (call, body) => call
                .JsonArg(new { recordId = body.RecordId, patientId = body.PatientId, category = body.Category, typeCode = body.TypeCode, contentType = body.ContentType })
                .TransientJson("content", HealthContent.Transient(body.Content!))
                .EndorsedByCaller(),
            location: (body, _) => body.RecordId!,
            maxBodyBytes: HealthContent.MaxBodyBytes);
        records.Submit("{recordId}/entered-in-error", "Records:MarkEnteredInError", "Mark a record as entered in error (author)", call => call.Arg(call.Route("recordId")));
        records.Evaluate("{recordId}", "Records:GetRecord", "The current version's metadata (hospital staff)", call => call.Arg(call.Route("recordId")));
        records.Evaluate("{recordId}/history", "Records:GetRecordHistory", "Every version's metadata, oldest first", call => call.Arg(call.Route("recordId")));
        records.Evaluate("", "Records:ListMyRecords", "The calling patient's records", _ => { });
    }

    private static void MapAmendments(NetworkRoutes records, NetworkRoutes amendments)
    {
        records.Submit<RequestAmendmentRequest>(
            "{recordId}/amendments", "Amendments:RequestAmendment", "Ask to amend a record (its patient); the amendment ID is the transaction ID",
            (call, body) =>
            {
                // The request text goes to the author hospital's implicit collection, which only its peer may write.
                var recordId = call.Route("recordId");
                call.Arg(recordId).TransientJson("amendment", HealthContent.Text(body.Text!))
                    .EndorsedByLedger("Records:GetRecord", [recordId], record => [CallBuilder.StringProperty(record, "authorMspId")]);
            },
            location: (_, outcome) => $"/amendments/{outcome.TransactionId}");
        amendments.Submit<AcceptAmendmentContentRequest>(
            "{amendmentId}/accept", "Amendments:AcceptAmendment", "Accept with the amended content, a new version (author)",
            (call, body) => call.Arg(call.Route("amendmentId")).TransientJson("content", HealthContent.Transient(body.Content!)),
            maxBodyBytes: HealthContent.MaxBodyBytes);
        amendments.Submit<DenyAmendmentRequest>(
            "{amendmentId}/deny", "Amendments:DenyAmendment", "Deny with a reason (author)",
            (call, body) => call.Arg(call.Route("amendmentId")).TransientJson("denial", HealthContent.Text(body.Reason!)));
        amendments.Evaluate(
            "{amendmentId}", "Amendments:GetAmendment", "An amendment with its texts (the patient, the author's staff); read on the author's peer",
            call =>
            {
                var amendmentId = call.Route("amendmentId");
                call.Arg(amendmentId).EndorsedByLedger("Amendments:GetAmendmentStatus", [amendmentId], amendment => [CallBuilder.StringProperty(amendment, "authorMspId")]);
            });
        amendments.Evaluate(
            "{amendmentId}/status", "Amendments:GetAmendmentStatus", "An amendment's public record, without its texts (the patient, the author's staff)",
            call => call.Arg(call.Route("amendmentId")));
    }

    private static void MapConsents(NetworkRoutes consents)
    {
        consents.Submit<GrantConsentRequest>(
            "", "Consents:GrantConsent", "Grant a hospital access for a purpose and a period (patient)",
            (call, body) => call.JsonArg(body), location: (body, _) => body.ConsentId!);
        consents.Submit("{consentId}/activate", "Consents:ActivateConsent", "Activate a draft consent (patient)", call => call.Arg(call.Route("consentId")));
        consents.Submit("{consentId}/revoke", "Consents:RevokeConsent", "Revoke a consent; shared copies are purged (patient)", call => ConsentCall(call));
        consents.Submit("{consentId}/entered-in-error", "Consents:MarkConsentEnteredInError", "Mark a consent as created by mistake (patient)", call => call.Arg(call.Route("consentId")));
        consents.Submit("{consentId}/expire", "Consents:ExpireConsent", "Record that a consent's period ended", call => ConsentCall(call));
        consents.Evaluate("{consentId}", "Consents:GetConsent", "A consent", call => call.Arg(call.Route("consentId")));
        consents.Evaluate("", "Consents:ListMyConsents", "The calling patient's consents", _ => { });
    }

    private static void MapSharing(NetworkRoutes records, NetworkRoutes consents, NetworkRoutes accesses)
    {
        records.Submit<ShareRecordRequest>(
            "{recordId}/shares", "Sharing:ShareRecord", "Share a record with a consent's grantee (author)",
            (call, body) => call.Arg(call.Route("recordId")).Arg(body.ConsentId!).EndorsedByCaller());
        records.Submit<RequestAccessRequest>(
            "{recordId}/accesses", "Sharing:RequestAccess", "Record an audited access under a consent (grantee clinician); the audit ID is the transaction ID",
            (call, body) => call.Arg(call.Route("recordId")).Arg(body.ConsentId!).EnumArg(body.Purpose!.Value),
            location: (_, outcome) => $"/accesses/{outcome.TransactionId}");
        accesses.Evaluate("{auditId}", "Sharing:ReadSharedRecord", "Read the content of an audited access, checked against its public hash", call => call.Arg(call.Route("auditId")));
        consents.Evaluate(
            "{consentId}/shares", "Sharing:ListShares", "The shares made under a consent",
            call => call.EnumArg(ShareBasis.Consent).Arg(call.Route("consentId")),
            nameSuffix: "ByConsent");
    }

    private static void MapEmergency(NetworkRoutes records, NetworkRoutes emergencies)
    {
        records.Submit<BreakTheGlassRequest>(
            "{recordId}/emergency-access", "Emergency:BreakTheGlass", "Break the glass: emergency access with a reason (clinician)",
            (call, body) => call.Arg(call.Route("recordId")).TransientJson("emergency", HealthContent.Text(body.Reason!)).EndorsedByCaller(),
            location: (_, outcome) => $"/emergency-access/emergency-{outcome.TransactionId}");
        emergencies.Submit("{emergencyAccessId}/end", "Emergency:EndEmergencyAccess", "End an emergency access; shared copies are purged", call => call.Arg(call.Route("emergencyAccessId")));
        emergencies.Evaluate(
            "{emergencyAccessId}", "Emergency:GetEmergencyAccess", "An emergency access's public record, without the reason (patient, clinician's hospital)",
            call => call.Arg(call.Route("emergencyAccessId")));
        emergencies.Evaluate(
            "{emergencyAccessId}/reason", "Emergency:GetEmergencyReason", "The reason given (patient, clinician's hospital); read on the clinician's hospital's peer",
            call =>
            {
                var emergencyAccessId = call.Route("emergencyAccessId");
                call.Arg(emergencyAccessId).EndorsedByLedger("Emergency:GetEmergencyAccess", [emergencyAccessId], access => [CallBuilder.StringProperty(access, "granteeMspId")]);
            });
        emergencies.Submit("{emergencyAccessId}/share", "Sharing:ShareForEmergency", "Share the record with the clinician's hospital (author)", call => call.Arg(call.Route("emergencyAccessId")).EndorsedByCaller());
        emergencies.Evaluate(
            "{emergencyAccessId}/shares", "Sharing:ListShares", "The shares made under an emergency access",
            call => call.EnumArg(ShareBasis.Emergency).Arg(call.Route("emergencyAccessId")),
            nameSuffix: "ByEmergency");
    }

    /// <summary>
    /// A transaction on a consent that purges the copies shared with its grantee: they live in the grantee
    /// hospital's implicit collection, whose writes only that hospital's peer may endorse, so the consent is read
    /// first to find it.
    /// </summary>
    private static void ConsentCall(CallBuilder call)
    {
        var consentId = call.Route("consentId");
        call.Arg(consentId).EndorsedByLedger("Consents:GetConsent", [consentId], consent => [CallBuilder.StringProperty(consent, "granteeMspId")]);
    }

    private static void MapAudit(NetworkRoutes audit)
    {
        audit.Evaluate("mine", "Audit:ListMyAccessLog", "Every access to the calling patient's records", _ => { });
        audit.Evaluate("organization", "Audit:ListOrganizationAccessLog", "Every access made by the caller's hospital", _ => { });
    }
}
