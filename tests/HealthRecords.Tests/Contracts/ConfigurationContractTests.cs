using Fabric.Chaincode.Endorsement;
using FluentAssertions;
using HealthRecords.Internal;
using HealthRecords.Tests.Support;

namespace HealthRecords.Tests.Contracts;

public sealed class ConfigurationContractTests
{
    private readonly HealthHarness _h = new();

    [Fact]
    public async Task Initialize_ByAdminOfListedHospital_StoresConfigurationWithPolicyOfEveryHospital()
    {
        var configuration = await _h.InitializeAsync();

        configuration.GetProperty("hospitalMspIds").EnumerateArray().Select(e => e.GetString()).Should().Equal(HealthHarness.HospitalA, HealthHarness.HospitalB);
        var policy = await _h.Stub.GetStateValidationParameterAsync(HealthKeys.Configuration);
        policy.Should().NotBeNull();
        new KeyEndorsementPolicy(policy).Organizations.Should().Equal(HealthHarness.HospitalA, HealthHarness.HospitalB);
        _h.Stub.Events[^1].Name.Should().Be("ConfigurationChanged");
    }

    [Fact]
    public async Task Initialize_Twice_409()
    {
        await _h.InitializeAsync();

        await _h.FailAsync(409, _h.AdminA, "Configuration:Initialize", [HealthHarness.Json(new { hospitalMspIds = new[] { "HospitalAMSP", "HospitalBMSP" } })]);
    }

    [Fact]
    public async Task Initialize_ByClinician_403()
    {
        await _h.FailAsync(403, _h.ClinicianA, "Configuration:Initialize", [HealthHarness.Json(new { hospitalMspIds = new[] { "HospitalAMSP", "HospitalBMSP" } })]);
    }

    [Fact]
    public async Task Initialize_AdminOfUnlistedOrganization_403()
    {
        await _h.FailAsync(403, TestUser.Admin("Org9MSP"), "Configuration:Initialize", [HealthHarness.Json(new { hospitalMspIds = new[] { "HospitalAMSP", "HospitalBMSP" } })]);
    }

    [Fact]
    public async Task Initialize_OneHospital_400NamingField()
    {
        var message = await _h.FailAsync(400, _h.AdminA, "Configuration:Initialize", [HealthHarness.Json(new { hospitalMspIds = new[] { "HospitalAMSP" } })]);

        message.Should().Contain("hospitalMspIds");
    }

    [Fact]
    public async Task Initialize_FabricSamplesOrganizations_Accepted()
    {
        var admin = TestUser.Admin("Org1MSP");

        var response = await _h.InvokeAsync(admin, "Configuration:Initialize", [HealthHarness.Json(new { hospitalMspIds = new[] { "Org1MSP", "Org2MSP" } })]);

        response.Status.Should().Be(200);
    }

    [Fact]
    public async Task Update_AddHospital_ReplacesConfigurationAndPolicy()
    {
        await _h.InitializeAsync();

        await _h.CallAsync<System.Text.Json.JsonElement>(
            _h.AdminB, "Configuration:Update", [HealthHarness.Json(new { hospitalMspIds = new[] { "HospitalAMSP", "HospitalBMSP", "HospitalCMSP" } })]);

        var policy = await _h.Stub.GetStateValidationParameterAsync(HealthKeys.Configuration);
        new KeyEndorsementPolicy(policy).Organizations.Should().Equal("HospitalAMSP", "HospitalBMSP", "HospitalCMSP");
        var configuration = await _h.CallAsync<System.Text.Json.JsonElement>(_h.ClinicianA, "Configuration:Get", []);
        configuration.GetProperty("hospitalMspIds").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public async Task Update_ByClinician_403()
    {
        await _h.InitializeAsync();

        await _h.FailAsync(403, _h.ClinicianA, "Configuration:Update", [HealthHarness.Json(new { hospitalMspIds = new[] { "HospitalAMSP", "HospitalCMSP" } })]);
    }

    [Fact]
    public async Task RegisterRecord_BeforeInitialize_409()
    {
        var message = await _h.FailAsync(409, _h.ClinicianA, "Records:RegisterRecord", ["{}"], HealthHarness.Content("x"));

        message.Should().Contain("Configuration:Initialize");
    }

    [Fact]
    public void Metadata_AllContracts_Described()
    {
        _h.Chaincode.MetadataJson.Should().Contain("\"Records\"").And.Contain("\"Consents\"").And.Contain("\"Sharing\"")
            .And.Contain("\"Emergency\"").And.Contain("\"Audit\"").And.Contain("\"Amendments\"").And.Contain("\"Configuration\"");
        _h.Chaincode.DefaultContractName.Should().Be("Records");
    }
}
