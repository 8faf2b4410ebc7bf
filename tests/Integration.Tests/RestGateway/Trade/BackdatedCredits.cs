using System.Globalization;
using System.Text.Json.Nodes;
using Fabric.Gateway.Client;
using Fabric.Network.Testing;
using Fabric.Protos.Peer;
using FluentAssertions;
using Integration.Tests.TradeFinance;

namespace Integration.Tests.RestGateway.Trade;

/// <summary>
/// Credits whose expiry date has already passed. The chaincode's only clock is the transaction timestamp, which the
/// client sets in the proposal, and a credit can only be applied for with an expiry date after that day: so such a
/// credit is applied for (and issued) by the direct .NET client with a clock ten days back, which is what a credit
/// opened ten days ago looks like on the ledger. The REST endpoints then act on it today (expire, or refuse to issue).
/// </summary>
internal static class BackdatedCredits
{
    private static readonly TimeSpan Backdating = TimeSpan.FromDays(10);
    private static readonly string[] Banks = [TradeInputs.IssuingBank, TradeInputs.AdvisingBank];

    /// <summary>
    /// A credit applied for ten days ago by <paramref name="importer"/>, with an expiry date seven days ago; issued then
    /// by <paramref name="issuingOfficer"/> when given, so that today it is Issued and past its expiry.
    /// </summary>
    /// <param name="waitForPeers">Waits until every organization's peer has a block (the next step may be endorsed there).</param>
    public static async Task ApplyAsync(
        FabricTestNetwork network, TradeInputs inputs, string creditId, TestUser importer, TestUser? issuingOfficer,
        Func<ulong, CancellationToken, Task> waitForPeers, CancellationToken cancellationToken)
    {
        var terms = JsonNode.Parse(inputs.Terms())!;
        terms["expiryDate"] = Date(inputs.Today.AddDays(-7));
        terms["latestShipmentDate"] = Date(inputs.Today.AddDays(-8));
        var apply = new ProposalOptions()
            .AddArguments(creditId)
            .AddTransientData("terms", terms.ToJsonString())
            .AddTransientData("salt", TradeInputs.NewSalt())
            .AddEndorsingOrganizations(Banks);
        await waitForPeers(await SubmitAsync(network, importer, "LetterOfCredit:Apply", apply, cancellationToken), cancellationToken);
        if (issuingOfficer is not null)
        {
            var issue = await SubmitAsync(network, issuingOfficer, "LetterOfCredit:Issue", new ProposalOptions().AddArguments(creditId).AddEndorsingOrganizations(Banks), cancellationToken);
            await waitForPeers(issue, cancellationToken);
        }
    }

    private static async Task<ulong> SubmitAsync(FabricTestNetwork network, TestUser user, string transaction, ProposalOptions options, CancellationToken cancellationToken)
    {
        var organization = network.Organization(user.MspId);
        using var channel = FabricChannels.Create(organization.PeerAddress, new FabricChannelOptions
        {
            TlsRootCertificatePath = organization.TlsCaCertificatePath,
            ServerNameOverride = organization.ServerName,
        });
        var gateway = Gateway.Connect(channel, user.Credentials.Identity, user.Credentials.Signer, FabricTestNetwork.TestTimeouts(), timeProvider: new ShiftedClock(-Backdating));
        var submitted = await gateway.GetNetwork(TradeActor.Channel).GetContract(TradeActor.Chaincode).SubmitToOrdererAsync(transaction, options, cancellationToken);
        var status = await submitted.GetStatusAsync(cancellationToken);
        status.Code.Should().Be(TxValidationCode.Valid, "the backdated {0} must commit", transaction);
        return status.BlockNumber;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The system clock moved by a fixed offset; timers and elapsed time stay the system's.</summary>
    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
