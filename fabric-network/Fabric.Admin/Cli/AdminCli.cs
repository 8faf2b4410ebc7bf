using System.CommandLine;

namespace Fabric.Admin.Cli;

/// <summary>The command tree: the chaincode lifecycle steps of <c>peer lifecycle chaincode</c>, over gRPC.</summary>
internal static class AdminCli
{
    public static RootCommand Create(TimeProvider time) => new("Chaincode lifecycle for Hyperledger Fabric v2.5 without the peer binary: package, install, approve, commit, query.")
    {
        PackageCommand.Create(time),
        CalculatePackageIdCommand.Create(time),
        InstallCommand.Create(time),
        QueryInstalledCommand.Create(time),
        ApproveCommand.Create(time),
        QueryApprovedCommand.Create(time),
        CheckCommitReadinessCommand.Create(time),
        CommitCommand.Create(time),
        QueryCommittedCommand.Create(time),
    };
}
