using System.Net;
using System.Text.Json.Nodes;
using Fabric.Network.Testing;
using FluentAssertions;
using Integration.Tests.TradeFinance;

namespace Integration.Tests.RestGateway.Trade;

/// <summary>
/// What the trade REST tests of one class share per network: the callers' identities (enrolling takes a process
/// each) and the <see cref="TradeStage"/> that the refusal table and the authorization matrix both read.
/// </summary>
public sealed class TradeOverRestFixture
{
    private readonly Dictionary<FabricTestNetwork, Task<IReadOnlyDictionary<string, TestUser>>> _users = [];
    private readonly Dictionary<FabricTestNetwork, Task<TradeStage>> _stages = [];

    internal Task<IReadOnlyDictionary<string, TestUser>> UsersAsync(FabricTestNetwork network, CancellationToken cancellationToken)
    {
        if (!_users.TryGetValue(network, out var users))
        {
            users = TradeCallers.LoadAsync(network, cancellationToken);
            _users[network] = users;
        }

        return users;
    }

    /// <summary>The stage of <paramref name="network"/>, prepared through <paramref name="rest"/> by the first test that asks.</summary>
    internal Task<TradeStage> StageAsync(TradeRestSession rest, FabricTestNetwork network, CancellationToken cancellationToken)
    {
        if (!_stages.TryGetValue(network, out var stage))
        {
            stage = PrepareAsync(rest, network, cancellationToken);
            _stages[network] = stage;
        }

        return stage;
    }

    /// <summary>
    /// Configures the trade chaincode with docs/trade-finance.md's configuration unless it is configured already (the
    /// dev network is shared with the other trade tests, a real network keeps its ledger), and checks the roles in force.
    /// </summary>
    /// <returns>The answer to the initialization: 201, or 409 "already configured".</returns>
    internal static async Task<RestAnswer> EnsureConfiguredAsync(TradeRestSession rest, CancellationToken ct)
    {
        var initialized = await rest.SendAsync(TradeCallers.IssuingOfficer, HttpMethod.Post, TradeRoutes.Configuration, [], JsonNode.Parse(TradeInputs.Configuration()), ct);
        if (initialized.Status == (int)HttpStatusCode.Conflict)
        {
            initialized.ProblemDetail.Should().Contain("already configured", "{0}", initialized);
        }
        else
        {
            initialized.Status.Should().Be(201, "{0}", initialized);
            initialized.Location!.ToString().Should().EndWith(TradeRoutes.Configuration);
            await rest.WaitUntilEveryPeerHasAsync(initialized.Json.GetProperty("blockNumber").GetUInt64(), ct);
        }

        var configuration = await rest.QueryAsync(TradeCallers.MemberWithoutRole, TradeRoutes.Configuration, [], ct);
        configuration.GetProperty("issuingBanks").EnumerateArray().Select(m => m.GetString()).Should().Equal(TradeInputs.IssuingBank);
        configuration.GetProperty("advisingBanks").EnumerateArray().Select(m => m.GetString()).Should().Equal(TradeInputs.AdvisingBank);
        configuration.GetProperty("carriers").EnumerateArray().Select(m => m.GetString()).Should().Equal(TradeInputs.Carrier);
        configuration.GetProperty("creditCollection").GetString().Should().Be(TradeInputs.CreditCollection);
        configuration.GetProperty("documentCollection").GetString().Should().Be(TradeInputs.DocumentCollection);
        return initialized;
    }

    private async Task<TradeStage> PrepareAsync(TradeRestSession rest, FabricTestNetwork network, CancellationToken cancellationToken)
    {
        await EnsureConfiguredAsync(rest, cancellationToken);
        return await TradeStage.PrepareAsync(rest, network, await UsersAsync(network, cancellationToken), cancellationToken);
    }
}
