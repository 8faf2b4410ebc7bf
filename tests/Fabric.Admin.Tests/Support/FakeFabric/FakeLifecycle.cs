using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Fabric.Protos.Peer;
using Fabric.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabric.Admin.Tests.Support.FakeFabric;

/// <summary>What a _lifecycle call answered: status, message, result payload.</summary>
internal sealed record LifecycleAnswer(int Status, string Message, ByteString Payload)
{
    public static LifecycleAnswer Ok(IMessage result) => new(200, string.Empty, result.ToByteString());

    public static LifecycleAnswer Error(string message) => new(500, message, ByteString.Empty);
}

/// <summary>
/// The _lifecycle system chaincode of the fake network, written from Fabric's rules: install and queries of the
/// local peer need an admin of the peer's organization; approvals are per organization; a definition commits when
/// a majority of the channel's organizations approved exactly it and endorsed the commit.
/// </summary>
internal sealed class FakeLifecycle(FakeFabricNetwork network)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, string>> _installed = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, long Sequence), Dictionary<string, ByteString>> _approvals = [];
    private readonly Dictionary<string, CommitChaincodeDefinitionArgs> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, long Sequence, string Org), ApproveChaincodeDefinitionForMyOrgArgs> _approved = [];

    public LifecycleAnswer Evaluate(FakePeer peer, string channel, string function, ByteString arguments, string creatorMsp, bool creatorIsAdmin)
    {
        lock (_gate)
        {
            return function switch
            {
                "InstallChaincode" => Install(peer, channel, InstallChaincodeArgs.Parser.ParseFrom(arguments), creatorMsp, creatorIsAdmin),
                "QueryInstalledChaincodes" => QueryInstalled(peer, channel, creatorMsp, creatorIsAdmin),
                "ApproveChaincodeDefinitionForMyOrg" => Approve(peer, channel, ApproveChaincodeDefinitionForMyOrgArgs.Parser.ParseFrom(arguments), creatorMsp),
                "CheckCommitReadiness" => CheckCommitReadiness(channel, Canonical(CheckCommitReadinessArgs.Parser.ParseFrom(arguments))),
                "CommitChaincodeDefinition" => Commit(peer, channel, CommitChaincodeDefinitionArgs.Parser.ParseFrom(arguments)),
                "QueryApprovedChaincodeDefinition" => QueryApproved(peer, channel, QueryApprovedChaincodeDefinitionArgs.Parser.ParseFrom(arguments)),
                "QueryChaincodeDefinition" => QueryCommitted(channel, QueryChaincodeDefinitionArgs.Parser.ParseFrom(arguments).Name),
                "QueryChaincodeDefinitions" => QueryAllCommitted(channel),
                _ => LifecycleAnswer.Error($"unknown function '{function}'"),
            };
        }
    }

    /// <summary>Applies an endorsed approval or commit at "commit time"; returns the validation code.</summary>
    public TxValidationCode Apply(string function, ByteString arguments, string creatorMsp, IReadOnlySet<string> endorsingOrgs)
    {
        lock (_gate)
        {
            if (function == "ApproveChaincodeDefinitionForMyOrg")
            {
                if (!endorsingOrgs.Contains(creatorMsp))
                {
                    return TxValidationCode.EndorsementPolicyFailure;
                }

                var approve = ApproveChaincodeDefinitionForMyOrgArgs.Parser.ParseFrom(arguments);
                Approvals(approve.Name, approve.Sequence)[creatorMsp] = Canonical(approve);
                _approved[(approve.Name, approve.Sequence, creatorMsp)] = approve;
                return TxValidationCode.Valid;
            }

            if (function == "CommitChaincodeDefinition")
            {
                var commit = CommitChaincodeDefinitionArgs.Parser.ParseFrom(arguments);
                var approvedBy = Approvals(commit.Name, commit.Sequence).Where(a => a.Value == commit.ToByteString()).Select(a => a.Key).ToHashSet();
                if (!IsMajority(approvedBy.Count) || !IsMajority(endorsingOrgs.Count(approvedBy.Contains)))
                {
                    return TxValidationCode.EndorsementPolicyFailure;
                }

                _committed[commit.Name] = commit;
                return TxValidationCode.Valid;
            }

            return TxValidationCode.InvalidEndorserTransaction;
        }
    }

    private LifecycleAnswer Install(FakePeer peer, string channel, InstallChaincodeArgs args, string creatorMsp, bool creatorIsAdmin)
    {
        if (channel.Length != 0)
        {
            return LifecycleAnswer.Error("install is not a channel operation");
        }

        if (creatorMsp != peer.MspId || !creatorIsAdmin)
        {
            return AccessDenied("InstallChaincode", creatorMsp);
        }

        string label;
        try
        {
            label = ReadLabel(args.ChaincodeInstallPackage.ToByteArray());
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or KeyNotFoundException)
        {
            return LifecycleAnswer.Error($"could not parse as a chaincode install package: {e.Message}");
        }

        var packageId = network.InstallPackageIdOverride ?? $"{label}:{Convert.ToHexStringLower(SHA256.HashData(args.ChaincodeInstallPackage.Span))}";
        var installed = Installed(peer);
        if (installed.ContainsKey(packageId))
        {
            return LifecycleAnswer.Error($"chaincode already successfully installed (package ID '{packageId}')");
        }

        installed[packageId] = label;
        return LifecycleAnswer.Ok(new InstallChaincodeResult { PackageId = packageId, Label = label });
    }

    private LifecycleAnswer QueryInstalled(FakePeer peer, string channel, string creatorMsp, bool creatorIsAdmin)
    {
        if (channel.Length != 0)
        {
            return LifecycleAnswer.Error("queryinstalled is not a channel operation");
        }

        if (creatorMsp != peer.MspId || !creatorIsAdmin)
        {
            return AccessDenied("QueryInstalledChaincodes", creatorMsp);
        }

        var result = new QueryInstalledChaincodesResult();
        result.InstalledChaincodes.AddRange(Installed(peer).Select(p => new QueryInstalledChaincodesResult.Types.InstalledChaincode { PackageId = p.Key, Label = p.Value }));
        return LifecycleAnswer.Ok(result);
    }

    private LifecycleAnswer Approve(FakePeer peer, string channel, ApproveChaincodeDefinitionForMyOrgArgs args, string creatorMsp)
    {
        if (channel != network.Channel)
        {
            return LifecycleAnswer.Error($"channel '{channel}' not found");
        }

        if (creatorMsp != peer.MspId)
        {
            return AccessDenied("ApproveChaincodeDefinitionForMyOrg", creatorMsp);
        }

        var committed = _committed.GetValueOrDefault(args.Name)?.Sequence ?? 0;
        return args.Sequence == committed + 1 || args.Sequence == committed
            ? LifecycleAnswer.Ok(new ApproveChaincodeDefinitionForMyOrgResult())
            : LifecycleAnswer.Error($"requested sequence is {args.Sequence}, but new definition must be sequence {committed + 1}");
    }

    private LifecycleAnswer CheckCommitReadiness(string channel, CommitChaincodeDefinitionArgs definition)
    {
        if (channel != network.Channel)
        {
            return LifecycleAnswer.Error($"channel '{channel}' not found");
        }

        var result = new CheckCommitReadinessResult();
        var approvals = Approvals(definition.Name, definition.Sequence);
        foreach (var org in network.Organizations)
        {
            result.Approvals[org] = approvals.TryGetValue(org, out var approved) && approved == definition.ToByteString();
        }

        return LifecycleAnswer.Ok(result);
    }

    private LifecycleAnswer Commit(FakePeer peer, string channel, CommitChaincodeDefinitionArgs args)
    {
        if (channel != network.Channel)
        {
            return LifecycleAnswer.Error($"channel '{channel}' not found");
        }

        var next = (_committed.GetValueOrDefault(args.Name)?.Sequence ?? 0) + 1;
        if (args.Sequence != next)
        {
            return LifecycleAnswer.Error($"requested sequence is {args.Sequence}, but new definition must be sequence {next}");
        }

        return Approvals(args.Name, args.Sequence).TryGetValue(peer.MspId, out var approved) && approved == args.ToByteString()
            ? LifecycleAnswer.Ok(new CommitChaincodeDefinitionResult())
            : LifecycleAnswer.Error($"chaincode definition not agreed to by this org ({peer.MspId})");
    }

    private LifecycleAnswer QueryApproved(FakePeer peer, string channel, QueryApprovedChaincodeDefinitionArgs args)
    {
        var sequence = args.Sequence != 0
            ? args.Sequence
            : _approved.Keys.Where(k => k.Name == args.Name && k.Org == peer.MspId).Select(k => k.Sequence).DefaultIfEmpty(0).Max();
        if (channel != network.Channel || !_approved.TryGetValue((args.Name, sequence, peer.MspId), out var approved))
        {
            return LifecycleAnswer.Error($"could not fetch approved chaincode definition (name: '{args.Name}', sequence: '{args.Sequence}') on channel '{channel}'");
        }

        return LifecycleAnswer.Ok(new QueryApprovedChaincodeDefinitionResult
        {
            Sequence = approved.Sequence,
            Version = approved.Version,
            EndorsementPlugin = "escc",
            ValidationPlugin = "vscc",
            ValidationParameter = approved.ValidationParameter,
            Collections = approved.Collections,
            InitRequired = approved.InitRequired,
            Source = approved.Source,
        });
    }

    private LifecycleAnswer QueryCommitted(string channel, string name)
    {
        if (channel != network.Channel || !_committed.TryGetValue(name, out var definition))
        {
            return new LifecycleAnswer(404, $"namespace {name} is not defined", ByteString.Empty);
        }

        var result = new QueryChaincodeDefinitionResult
        {
            Sequence = definition.Sequence,
            Version = definition.Version,
            EndorsementPlugin = definition.EndorsementPlugin.Length == 0 ? "escc" : definition.EndorsementPlugin,
            ValidationPlugin = definition.ValidationPlugin.Length == 0 ? "vscc" : definition.ValidationPlugin,
            ValidationParameter = definition.ValidationParameter,
            Collections = definition.Collections,
            InitRequired = definition.InitRequired,
        };
        var approvals = Approvals(name, definition.Sequence);
        foreach (var org in network.Organizations)
        {
            result.Approvals[org] = approvals.TryGetValue(org, out var approved) && approved == definition.ToByteString();
        }

        return LifecycleAnswer.Ok(result);
    }

    private LifecycleAnswer QueryAllCommitted(string channel)
    {
        var result = new QueryChaincodeDefinitionsResult();
        if (channel == network.Channel)
        {
            result.ChaincodeDefinitions.AddRange(_committed.Values.Select(d => new QueryChaincodeDefinitionsResult.Types.ChaincodeDefinition
            {
                Name = d.Name,
                Sequence = d.Sequence,
                Version = d.Version,
                EndorsementPlugin = "escc",
                ValidationPlugin = "vscc",
            }));
        }

        return LifecycleAnswer.Ok(result);
    }

    private bool IsMajority(int count) => count * 2 > network.Organizations.Count;

    private static LifecycleAnswer AccessDenied(string function, string creatorMsp) =>
        LifecycleAnswer.Error($"Failed to authorize invocation due to failed ACL check: Failed verifying that proposal's creator satisfies local MSP principal during channelless check policy with policy [Admins]: [The identity is not an admin under this MSP [{creatorMsp}]] ({function})");

    private Dictionary<string, string> Installed(FakePeer peer) =>
        _installed.TryGetValue(peer.MspId, out var installed) ? installed : _installed[peer.MspId] = new Dictionary<string, string>(StringComparer.Ordinal);

    private Dictionary<string, ByteString> Approvals(string name, long sequence) =>
        _approvals.TryGetValue((name, sequence), out var approvals) ? approvals : _approvals[(name, sequence)] = new Dictionary<string, ByteString>(StringComparer.Ordinal);

    // Definitions are compared by the bytes of their parameters (fields 1-8, the same in all three messages).
    private static ByteString Canonical(ApproveChaincodeDefinitionForMyOrgArgs args) =>
        CommitChaincodeDefinitionArgs.Parser.ParseFrom(new ApproveChaincodeDefinitionForMyOrgArgs(args) { Source = null }.ToByteString()).ToByteString();

    private static CommitChaincodeDefinitionArgs Canonical(CheckCommitReadinessArgs args) => CommitChaincodeDefinitionArgs.Parser.ParseFrom(args.ToByteString());

    private static string ReadLabel(byte[] package)
    {
        using var gzip = new GZipStream(new MemoryStream(package), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == "metadata.json" && entry.DataStream is not null)
            {
                using var metadata = JsonDocument.Parse(entry.DataStream);
                return metadata.RootElement.GetProperty("label").GetString() ?? throw new InvalidDataException("no label");
            }
        }

        throw new InvalidDataException("no metadata.json");
    }
}
