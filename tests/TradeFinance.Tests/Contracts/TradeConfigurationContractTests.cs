using FluentAssertions;
using Fabric.Chaincode.Endorsement;
using TradeFinance.Domain.Configuration;

namespace TradeFinance.Tests.Contracts;

public class TradeConfigurationContractTests
{
    private readonly TradeChannel _channel = new();

    [Fact]
    public async Task Initialize_ByOfficer_StoresItUnderAPolicyOfEveryOrganization()
    {
        await _channel.ConfigureAsync();

        var stored = await _channel.SubmitAsync<TradeConfiguration>("carrierOfficer", "TradeConfiguration:Get", []);
        var policy = await _channel.Stub.GetStateValidationParameterAsync(_channel.Stub.CreateCompositeKey("trade.configuration", []));

        stored.Carriers.Should().Equal(TradeSamples.Carrier);
        new KeyEndorsementPolicy(policy).Organizations.Should().Equal(TradeSamples.AdvisingBank, TradeSamples.Carrier, TradeSamples.IssuingBank);
        _channel.LastEventName.Should().Be("TradeConfigurationInitialized");
    }

    [Fact]
    public async Task Initialize_Twice_Is409()
    {
        await _channel.ConfigureAsync();

        await _channel.RefusedAsync(409, "advisingOfficer", "TradeConfiguration:Initialize", [TradeSteps.Json(TradeSamples.Configuration())]);
    }

    [Fact]
    public async Task Initialize_ByAClientOrAnOutsider_Is403()
    {
        await _channel.RefusedAsync(403, "applicant", "TradeConfiguration:Initialize", [TradeSteps.Json(TradeSamples.Configuration())]);
        var otherNetwork = new TradeConfiguration { IssuingBanks = ["Org1MSP"], AdvisingBanks = ["Org2MSP"], Carriers = ["Org2MSP"] };
        await _channel.RefusedAsync(403, "issuingOfficer", "TradeConfiguration:Initialize", [TradeSteps.Json(otherNetwork)]);
    }

    [Fact]
    public async Task Initialize_InvalidConfiguration_Is400NamingTheField()
    {
        var message = await _channel.RefusedAsync(400, "issuingOfficer", "TradeConfiguration:Initialize",
            [TradeSteps.Json(TradeSamples.Configuration() with { AdvisingBanks = [] })]);

        message.Should().Contain("advisingBanks");
    }

    [Fact]
    public async Task Update_ByOfficer_ReplacesItAndThePolicy()
    {
        await _channel.ConfigureAsync();
        var updated = TradeSamples.Configuration(new DateOnly(2026, 12, 25)) with { Carriers = [TradeSamples.Carrier, "Carrier2MSP"] };

        await _channel.SubmitAsync<TradeConfiguration>("advisingOfficer", "TradeConfiguration:Update", [TradeSteps.Json(updated)]);
        var policy = await _channel.Stub.GetStateValidationParameterAsync(_channel.Stub.CreateCompositeKey("trade.configuration", []));

        new KeyEndorsementPolicy(policy).Organizations.Should().Contain("Carrier2MSP");
        _channel.LastEventName.Should().Be("TradeConfigurationUpdated");
    }

    [Fact]
    public async Task Get_BeforeInitialize_Is409()
    {
        await _channel.RefusedAsync(409, "issuingOfficer", "TradeConfiguration:Get", []);
    }
}
