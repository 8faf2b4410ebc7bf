using Fabric.Protos.Peer;
using Fabric.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabric.Admin.Lifecycle;

/// <summary>
/// A chaincode definition as organizations approve and commit it. Every field takes part in the comparison of
/// approvals, so the same inputs must give the same bytes here as with the peer CLI: empty plugin names (the peer
/// fills in escc/vscc), a serialized ApplicationPolicy or nothing, the collections or nothing.
/// </summary>
internal sealed record ChaincodeDefinition(
    string Name,
    string Version,
    long Sequence,
    ApplicationPolicy? EndorsementPolicy = null,
    CollectionConfigPackage? Collections = null,
    bool InitRequired = false,
    string EndorsementPlugin = "",
    string ValidationPlugin = "")
{
    public void Validate()
    {
        if (string.IsNullOrEmpty(Name))
        {
            throw new AdminException(AdminErrorKind.InvalidInput, "--name is required");
        }

        if (string.IsNullOrEmpty(Version))
        {
            throw new AdminException(AdminErrorKind.InvalidInput, "--version is required");
        }

        if (Sequence <= 0)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, "--sequence is required and must be 1 or more");
        }
    }

    private ByteString ValidationParameter => EndorsementPolicy?.ToByteString() ?? ByteString.Empty;

    public ApproveChaincodeDefinitionForMyOrgArgs ToApproveArgs(string? packageId) => new()
    {
        Name = Name,
        Version = Version,
        Sequence = Sequence,
        EndorsementPlugin = EndorsementPlugin,
        ValidationPlugin = ValidationPlugin,
        ValidationParameter = ValidationParameter,
        Collections = Collections,
        InitRequired = InitRequired,
        Source = string.IsNullOrEmpty(packageId)
            ? new ChaincodeSource { Unavailable = new ChaincodeSource.Types.Unavailable() }
            : new ChaincodeSource { LocalPackage = new ChaincodeSource.Types.Local { PackageId = packageId } },
    };

    public CheckCommitReadinessArgs ToCheckCommitReadinessArgs() => new()
    {
        Name = Name,
        Version = Version,
        Sequence = Sequence,
        EndorsementPlugin = EndorsementPlugin,
        ValidationPlugin = ValidationPlugin,
        ValidationParameter = ValidationParameter,
        Collections = Collections,
        InitRequired = InitRequired,
    };

    public CommitChaincodeDefinitionArgs ToCommitArgs() => new()
    {
        Name = Name,
        Version = Version,
        Sequence = Sequence,
        EndorsementPlugin = EndorsementPlugin,
        ValidationPlugin = ValidationPlugin,
        ValidationParameter = ValidationParameter,
        Collections = Collections,
        InitRequired = InitRequired,
    };
}
