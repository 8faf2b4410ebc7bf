using System.Text;
using Fabric.Gateway.Api.Tests.Endpoints.Support;

namespace Fabric.Gateway.Api.Tests.Endpoints;

/// <summary>
/// Every endpoint's sample request, run against the real contracts in memory by a caller with no role on an empty
/// ledger: the contract may refuse (403, 404, 409, 422: it read the call and applied its rules), but it must bind
/// the call. A wrong transaction name, argument count, argument or transient format fails here.
/// </summary>
public sealed class ContractBindingTests(InMemoryContractsHost host) : IClassFixture<InMemoryContractsHost>
{
    /// <summary>How the contract API words a call it cannot bind (always a 400).</summary>
    private static readonly string[] BindingFailures =
        ["does not exist in contract", "Contract name is not known", "argument(s)", "Transient data", "is not a valid"];

    public static TheoryData<EndpointCase> Endpoints() =>
        EndpointCase.Table(TradeEndpointsTests.Cases.Concat(PharmaEndpointsTests.Cases).Concat(HealthEndpointsTests.Cases));

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_SampleRequest_IsBoundByTheRealContract(EndpointCase row)
    {
        host.Chaincode.ActAs("OutsiderMSP", ("role", "nobody"));
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Path);
        if (row.Body is not null)
        {
            request.Content = new StringContent(row.Body, Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await host.Client.SendAsync(request);
            ((int)response.StatusCode).Should().BeOneOf([200, 201], await response.Content.ReadAsStringAsync());
        }
        catch (ChaincodeRefusedException refused)
        {
            refused.Status.Should().BeLessThan(500, "the contract failed unexpectedly: {0}", refused.Message);
            refused.Message.Should().NotContainAny(BindingFailures);
        }
    }
}
