using System.Text;
using HealthRecords.Domain;

namespace HealthRecords.Tests.Domain;

/// <summary>Valid inputs the domain tests vary one field at a time.</summary>
internal static class DomainSamples
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly byte[] Salt = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();

    public static HealthConfiguration Configuration { get; } =
        new HealthConfiguration { HospitalMspIds = ["HospitalBMSP", "HospitalAMSP"] }.Validated();

    public static RecordRegistration Registration(string recordId = "rec-1", string category = "laboratory") => new()
    {
        RecordId = recordId,
        PatientId = "patient-42",
        Category = category,
        TypeCode = "11502-2",
        ContentType = "application/fhir+json",
    };

    public static ContentInput Content(string text = "{\"resourceType\":\"Observation\"}") =>
        new() { Content = Encoding.UTF8.GetBytes(text), Salt = Salt };

    public static HealthRecord Record(string recordId = "rec-1", string category = "laboratory") =>
        RecordRules.Register(Registration(recordId, category), Content(), "HospitalAMSP", Now).Record;

    public static ConsentRequest ConsentRequest(
        string grantee = "HospitalBMSP", string[]? categories = null, string[]? recordIds = null, bool draft = false) => new()
    {
        ConsentId = "consent-1",
        GranteeMspId = grantee,
        Scope = new ConsentScope { Categories = categories ?? ["laboratory"], RecordIds = recordIds ?? [] },
        Purpose = AccessPurpose.Treatment,
        PeriodStart = Now,
        PeriodEnd = Now.AddDays(30),
        Draft = draft,
    };

    public static Consent Consent(string[]? categories = null, string[]? recordIds = null) =>
        ConsentRules.Grant(ConsentRequest(categories: categories, recordIds: recordIds), "patient-42", Configuration, Now);
}
