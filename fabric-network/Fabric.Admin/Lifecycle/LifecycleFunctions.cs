namespace Fabric.Admin.Lifecycle;

/// <summary>The <c>_lifecycle</c> functions the CLI calls (Fabric's core/chaincode/lifecycle SCC), each with its lifecycle.*Args message.</summary>
internal static class LifecycleFunctions
{
    public const string InstallChaincode = "InstallChaincode";
    public const string QueryInstalledChaincodes = "QueryInstalledChaincodes";
    public const string ApproveChaincodeDefinitionForMyOrg = "ApproveChaincodeDefinitionForMyOrg";
    public const string CheckCommitReadiness = "CheckCommitReadiness";
    public const string CommitChaincodeDefinition = "CommitChaincodeDefinition";
    public const string QueryApprovedChaincodeDefinition = "QueryApprovedChaincodeDefinition";
    public const string QueryChaincodeDefinition = "QueryChaincodeDefinition";
    public const string QueryChaincodeDefinitions = "QueryChaincodeDefinitions";
}
