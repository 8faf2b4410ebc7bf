using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Configuration;

/// <summary>Checks section <c>Fabric</c> at start-up and reports every problem in one message.</summary>
internal sealed class FabricOptionsValidator : IValidateOptions<FabricOptions>
{
    public ValidateOptionsResult Validate(string? name, FabricOptions options)
    {
        var problems = new List<string>();
        if (options.Networks.Count == 0)
        {
            problems.Add("Fabric:Networks is empty: configure at least one business network (channel and chaincode).");
        }

        foreach (var (network, settings) in options.Networks)
        {
            if (string.IsNullOrWhiteSpace(settings.Channel))
            {
                problems.Add($"Fabric:Networks:{network}:Channel is required.");
            }

            if (string.IsNullOrWhiteSpace(settings.Chaincode))
            {
                problems.Add($"Fabric:Networks:{network}:Chaincode is required.");
            }
        }

        foreach (var (mspId, organization) in options.Organizations)
        {
            if (organization.Peers.Count == 0)
            {
                problems.Add($"Fabric:Organizations:{mspId}:Peers is empty.");
            }

            for (var i = 0; i < organization.Peers.Count; i++)
            {
                CheckPeer(options, $"Fabric:Organizations:{mspId}:Peers:{i}", organization.Peers[i], problems);
            }
        }

        if (options.Identities.Count == 0)
        {
            problems.Add("Fabric:Identities is empty: configure at least one identity (MspId and MspFolder).");
        }

        foreach (var (identity, settings) in options.Identities)
        {
            var where = $"Fabric:Identities:{identity}";
            if (string.IsNullOrWhiteSpace(settings.MspId))
            {
                problems.Add($"{where}:MspId is required.");
            }
            else if (!options.Organizations.ContainsKey(settings.MspId))
            {
                problems.Add($"{where}:MspId '{settings.MspId}' has no peers: add Fabric:Organizations:{settings.MspId}.");
            }

            if (string.IsNullOrWhiteSpace(settings.MspFolder))
            {
                problems.Add($"{where}:MspFolder is required.");
            }
            else if (!Directory.Exists(options.ResolvePath(settings.MspFolder)))
            {
                problems.Add($"{where}:MspFolder '{options.ResolvePath(settings.MspFolder)}' does not exist.");
            }
        }

        CheckPositive(problems, nameof(FabricOptions.EvaluateTimeout), options.EvaluateTimeout);
        CheckPositive(problems, nameof(FabricOptions.EndorseTimeout), options.EndorseTimeout);
        CheckPositive(problems, nameof(FabricOptions.SubmitTimeout), options.SubmitTimeout);
        CheckPositive(problems, nameof(FabricOptions.CommitStatusTimeout), options.CommitStatusTimeout);
        CheckPositive(problems, nameof(FabricOptions.RecoveryProbeTimeout), options.RecoveryProbeTimeout);
        CheckPositive(problems, nameof(FabricOptions.RecoveryInterval), options.RecoveryInterval);
        if (options.UnavailableRetryAttempts is < 0 or > 10)
        {
            problems.Add($"Fabric:UnavailableRetryAttempts must be between 0 and 10 (was {options.UnavailableRetryAttempts}).");
        }

        if (options.MvccReadConflictRetryAttempts is < 0 or > 10)
        {
            problems.Add($"Fabric:MvccReadConflictRetryAttempts must be between 0 and 10 (was {options.MvccReadConflictRetryAttempts}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckPeer(FabricOptions options, string where, PeerOptions peer, List<string> problems)
    {
        if (!Uri.TryCreate(peer.Endpoint, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{where}:Endpoint '{peer.Endpoint}' must be an absolute https:// (or http://) address.");
            return;
        }

        if (endpoint.Scheme == Uri.UriSchemeHttps)
        {
            if (string.IsNullOrWhiteSpace(peer.TlsCaFile))
            {
                problems.Add($"{where}:TlsCaFile is required for the https endpoint {peer.Endpoint}.");
            }
            else if (!File.Exists(options.ResolvePath(peer.TlsCaFile)))
            {
                problems.Add($"{where}:TlsCaFile '{options.ResolvePath(peer.TlsCaFile)}' does not exist.");
            }
        }
        else if (peer.TlsCaFile is not null)
        {
            problems.Add($"{where}:TlsCaFile is set but the endpoint {peer.Endpoint} is not https.");
        }
    }

    private static void CheckPositive(List<string> problems, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"Fabric:{name} must be positive (was {value}).");
        }
    }
}
