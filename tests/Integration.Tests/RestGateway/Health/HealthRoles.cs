using Fabric.Gateway.Client.Identity;
using Fabric.Network.Testing;
using Integration.Tests.HealthRecords;
using Integration.Tests.Infrastructure;

namespace Integration.Tests.RestGateway.Health;

/// <summary>
/// Everyone who can call the health network, as the chaincode tells them apart (docs/health-records.md, Caller.cs):
/// the health users of fabric-network/config/network.yaml, the organization admin cryptogen issues (OU admin, no
/// role attribute), a patient who is not the records' patient, and a member of a hospital with no role at all.
/// </summary>
internal enum Role
{
    /// <summary>admin-a: <c>role=admin</c> at hospital A.</summary>
    AdminA,

    /// <summary>clinician-a: <c>role=clinician</c> at hospital A, the author of every record of the tests.</summary>
    ClinicianA,

    /// <summary>patient-42: <c>role=patient</c> at hospital A, the patient of every record of the tests.</summary>
    Patient,

    /// <summary>admin-b: <c>role=admin</c> at hospital B.</summary>
    AdminB,

    /// <summary>clinician-b: <c>role=clinician</c> at hospital B, the grantee's clinician.</summary>
    ClinicianB,

    /// <summary>Admin@hospitala: cryptogen's organization admin, recognized by its OU <c>admin</c>.</summary>
    OrganizationAdminA,

    /// <summary>A patient enrolled at hospital B with a patient ID of their own: not the records' patient.</summary>
    OtherPatient,

    /// <summary>A member of hospital A whose certificate carries no role attribute.</summary>
    MemberA,
}

/// <summary>The client identity of each <see cref="Role"/> on a network, and the patient ID of <see cref="Role.Patient"/>.</summary>
internal sealed record HealthRoles(IReadOnlyDictionary<Role, TestUser> Users, string PatientId, string OtherPatientId)
{
    public const string HospitalA = HealthActor.HospitalA;
    public const string HospitalB = HealthActor.HospitalB;

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    /// <summary>
    /// The users of network.yaml where the network has them (the dev network enrolls them on its first start); on a
    /// network without them (a real test-network) users with the same attributes are enrolled under unique names, and
    /// the patient gets a unique pseudonym so that runs do not see each other's records.
    /// </summary>
    public static async Task<HealthRoles> ResolveAsync(FabricTestNetwork network, CancellationToken cancellationToken)
    {
        var otherPatientId = UniqueIds.New("patient");
        var configuredPatient = await ConfiguredAsync(network, HospitalA, "patient-42", cancellationToken);
        var patientId = configuredPatient is null ? UniqueIds.New("patient") : "patient-42";
        var patient = configuredPatient
            ?? await EnrollAsync(network, HospitalA, UniqueIds.New("pat"), cancellationToken, ("role", "patient"), ("patientId", patientId));
        var users = await Task.WhenAll(
            ConfiguredOrEnrolledAsync(network, HospitalA, "admin-a", cancellationToken, ("role", "admin")),
            ConfiguredOrEnrolledAsync(network, HospitalA, "clinician-a", cancellationToken, ("role", "clinician")),
            ConfiguredOrEnrolledAsync(network, HospitalB, "admin-b", cancellationToken, ("role", "admin")),
            ConfiguredOrEnrolledAsync(network, HospitalB, "clinician-b", cancellationToken, ("role", "clinician")),
            EnrollAsync(network, HospitalB, UniqueIds.New("other-patient"), cancellationToken, ("role", "patient"), ("patientId", otherPatientId)),
            EnrollAsync(network, HospitalA, UniqueIds.New("member"), cancellationToken));
        var organizationAdmin = await network.AdminAsync(HospitalA, cancellationToken);
        return new HealthRoles(
            new Dictionary<Role, TestUser>
            {
                [Role.AdminA] = users[0],
                [Role.ClinicianA] = users[1],
                [Role.Patient] = patient,
                [Role.AdminB] = users[2],
                [Role.ClinicianB] = users[3],
                [Role.OrganizationAdminA] = organizationAdmin,
                [Role.OtherPatient] = users[4],
                [Role.MemberA] = users[5],
            },
            patientId,
            otherPatientId);
    }

    /// <summary>The users keyed by role name, as <see cref="RestGatewayHost"/> maps principals.</summary>
    public IReadOnlyDictionary<string, TestUser> ByName() => Users.ToDictionary(u => u.Key.ToString(), u => u.Value, StringComparer.Ordinal);

    private static async Task<TestUser> ConfiguredOrEnrolledAsync(
        FabricTestNetwork network, string mspId, string name, CancellationToken cancellationToken, params (string Name, string Value)[] attributes) =>
        await ConfiguredAsync(network, mspId, name, cancellationToken) ?? await EnrollAsync(network, mspId, UniqueIds.New(name), cancellationToken, attributes);

    /// <summary>The user network.yaml declares, when this is the dev network (which enrolled it at its first start).</summary>
    private static async Task<TestUser?> ConfiguredAsync(FabricTestNetwork network, string mspId, string name, CancellationToken cancellationToken)
    {
        var organization = network.Organization(mspId);
        var domain = Path.GetFileName(organization.OrganizationDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var mspDirectory = Path.Combine(organization.OrganizationDirectory, "users", $"{name}@{domain}", "msp");
        return network.IsEmbedded && Directory.Exists(mspDirectory)
            ? new TestUser(name, mspId, mspDirectory, await MspFolder.LoadAsync(mspDirectory, mspId, cancellationToken))
            : null;
    }

    private static Task<TestUser> EnrollAsync(
        FabricTestNetwork network, string mspId, string name, CancellationToken cancellationToken, params (string Name, string Value)[] attributes) =>
        network.EnrollAsync(mspId, name, attributes.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal), cancellationToken: cancellationToken);
}
