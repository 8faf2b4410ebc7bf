using FluentAssertions;

namespace PharmaSettlement.Tests.Contracts;

public class MetadataTests
{
    [Fact]
    public void Create_AllContracts_MetadataNamesEveryContract()
    {
        var network = new PharmaNetwork();
        network.Chaincode.DefaultContractName.Should().Be("Configuration");
        network.Chaincode.MetadataJson.Should().ContainAll(
            "\"Configuration\"", "\"Products\"", "\"Units\"", "\"Shipments\"", "\"Recalls\"", "\"Pricing\"", "\"Chargebacks\"", "\"Invoices\"", "\"Settlements\"");
    }
}
