using Fabric.Protos.Common;
using Google.Protobuf;

namespace Fabric.Chaincode.Endorsement;

/// <summary>Which identities of an organization may endorse under a key-level endorsement policy.</summary>
public enum EndorsementRole
{
    /// <summary>Any member of the organization (MSPRole MEMBER).</summary>
    Member,

    /// <summary>Only the organization's peers (MSPRole PEER).</summary>
    Peer,
}

/// <summary>
/// Builds a key-level (state-based) endorsement policy the way Fabric's statebased package does: every listed
/// organization must endorse. The result is a serialized <c>common.SignaturePolicyEnvelope</c>: version 0, one
/// MSPRole principal per organization in ordinal order of MSP ID, and the rule "N out of N" of SignedBy each
/// principal. Pass <see cref="ToBytes"/> to <see cref="IChaincodeStub.SetStateValidationParameterAsync"/>.
/// </summary>
public sealed class KeyEndorsementPolicy
{
    private readonly SortedDictionary<string, MSPRole.Types.MSPRoleType> _organizations = new(StringComparer.Ordinal);

    /// <summary>An empty policy, to which organizations are added.</summary>
    public KeyEndorsementPolicy()
    {
    }

    /// <summary>Reads an existing policy (for example from GetStateValidationParameterAsync) to change it.</summary>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a SignaturePolicyEnvelope.</exception>
    public KeyEndorsementPolicy(ReadOnlySpan<byte> policy)
    {
        if (policy.IsEmpty)
        {
            return;
        }

        var envelope = SignaturePolicyEnvelope.Parser.ParseFrom(policy);
        foreach (var identity in envelope.Identities)
        {
            if (identity.PrincipalClassification == MSPPrincipal.Types.Classification.Role)
            {
                var role = MSPRole.Parser.ParseFrom(identity.Principal);
                _organizations[role.MspIdentifier] = role.Role;
            }
        }
    }

    /// <summary>The MSP IDs whose endorsement the policy requires, in ordinal order.</summary>
    public IReadOnlyCollection<string> Organizations => _organizations.Keys;

    /// <summary>Requires an endorsement by each of <paramref name="mspIds"/> in <paramref name="role"/> (replacing an earlier role).</summary>
    public KeyEndorsementPolicy AddOrganizations(EndorsementRole role, params IEnumerable<string> mspIds)
    {
        ArgumentNullException.ThrowIfNull(mspIds);
        var mspRole = role switch
        {
            EndorsementRole.Member => MSPRole.Types.MSPRoleType.Member,
            EndorsementRole.Peer => MSPRole.Types.MSPRoleType.Peer,
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Only Member and Peer roles exist for key-level policies."),
        };
        foreach (var mspId in mspIds)
        {
            ArgumentException.ThrowIfNullOrEmpty(mspId, nameof(mspIds));
            _organizations[mspId] = mspRole;
        }

        return this;
    }

    /// <summary>No longer requires an endorsement by <paramref name="mspIds"/>.</summary>
    public KeyEndorsementPolicy RemoveOrganizations(params IEnumerable<string> mspIds)
    {
        ArgumentNullException.ThrowIfNull(mspIds);
        foreach (var mspId in mspIds)
        {
            _organizations.Remove(mspId);
        }

        return this;
    }

    /// <summary>The policy as a SignaturePolicyEnvelope message.</summary>
    public SignaturePolicyEnvelope ToEnvelope()
    {
        var rules = new SignaturePolicy.Types.NOutOf { N = _organizations.Count };
        var envelope = new SignaturePolicyEnvelope { Version = 0, Rule = new SignaturePolicy { NOutOf = rules } };
        var index = 0;
        foreach (var (mspId, role) in _organizations)
        {
            var principal = new MSPRole { MspIdentifier = mspId, Role = role };
            envelope.Identities.Add(new MSPPrincipal
            {
                PrincipalClassification = MSPPrincipal.Types.Classification.Role,
                Principal = principal.ToByteString(),
            });
            rules.Rules.Add(new SignaturePolicy { SignedBy = index++ });
        }

        return envelope;
    }

    /// <summary>The serialized SignaturePolicyEnvelope, ready for SetStateValidationParameterAsync.</summary>
    public byte[] ToBytes() => ToEnvelope().ToByteArray();
}
