using FluentAssertions;
using TradeFinance.Domain.Configuration;

namespace TradeFinance.Tests.Domain.Configuration;

public class TradeConfigurationTests
{
    [Fact]
    public void Validate_Sample_Passes()
    {
        TradeConfiguration.Validate(TradeSamples.Configuration());
    }

    [Fact]
    public void Validate_EmptyRoleAndSameCollections_ListsEveryProblem()
    {
        var configuration = TradeSamples.Configuration() with { Carriers = [], DocumentCollection = TradeConfiguration.DefaultCreditCollection };

        var message = Refusal.Expect(400, () => TradeConfiguration.Validate(configuration));

        message.Should().Contain("'carriers'").And.Contain("'documentCollection'");
    }

    [Fact]
    public void Organizations_TwoOrgNetwork_AreDistinctAndSorted()
    {
        var configuration = new TradeConfiguration { IssuingBanks = ["Org1MSP"], AdvisingBanks = ["Org2MSP"], Carriers = ["Org2MSP", "Org1MSP"] };

        configuration.Organizations.Should().Equal("Org1MSP", "Org2MSP");
        configuration.Plays("Org2MSP", TradeRole.Carrier).Should().BeTrue();
        configuration.Plays("Org2MSP", TradeRole.IssuingBank).Should().BeFalse();
    }
}
