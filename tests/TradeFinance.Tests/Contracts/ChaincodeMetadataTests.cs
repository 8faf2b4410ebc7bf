using System.Text.Json;
using Fabric.Chaincode.Contracts;
using FluentAssertions;
using TradeFinance.Contracts;

namespace TradeFinance.Tests.Contracts;

public class ChaincodeMetadataTests
{
    private static readonly ContractChaincode Chaincode =
        ContractChaincode.Create(typeof(LetterOfCreditContract), typeof(BillOfLadingContract), typeof(TradeConfigurationContract));

    private static string[] TransactionNames(string contract)
    {
        using var metadata = JsonDocument.Parse(Chaincode.MetadataJson);
        return metadata.RootElement.GetProperty("contracts").GetProperty(contract).GetProperty("transactions")
            .EnumerateArray().Select(t => t.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public void Metadata_NamesEveryTransactionTheRestGatewayWillExpose()
    {
        Chaincode.DefaultContractName.Should().Be("LetterOfCredit");
        TransactionNames("LetterOfCredit").Should().Equal(
            "AcceptAmendment", "Advise", "Apply", "Expire", "GetAmendment", "GetAmendmentTerms", "GetCredit", "GetPresentation",
            "GetPresentationDetails", "GetTerms", "Honour", "Issue", "ListPresentations", "Present", "ProposeAmendment",
            "RecordReimbursement", "Refuse", "RejectAmendment", "WaiveDiscrepancies", "Withdraw");
        TransactionNames("BillOfLading").Should().Equal(
            "AcceptSurrender", "Get", "GetDocument", "GetEndorsementChain", "Issue", "RejectSurrender", "RequestSurrender", "Transfer", "Void");
        TransactionNames("TradeConfiguration").Should().Equal("Get", "Initialize", "Update");
    }
}
