using Fabric.Protos.Common;
using ApplicationPolicy = Fabric.Protos.Peer.ApplicationPolicy;

namespace Fabric.Admin.Policies;

/// <summary>
/// An endorsement policy as the lifecycle carries it: a <c>protos.ApplicationPolicy</c> holding either a signature
/// policy or a reference to a channel configuration policy (e.g. <c>/Channel/Application/Endorsement</c>).
/// </summary>
internal static class EndorsementPolicies
{
    /// <summary>The policy, or null when neither is given (the channel's default endorsement policy then applies).</summary>
    public static ApplicationPolicy? Create(string? signaturePolicy, string? channelConfigPolicy)
    {
        var hasSignature = !string.IsNullOrEmpty(signaturePolicy);
        var hasReference = !string.IsNullOrEmpty(channelConfigPolicy);
        if (hasSignature && hasReference)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, "give either a signature policy or a channel config policy, not both");
        }

        if (hasSignature)
        {
            return new ApplicationPolicy { SignaturePolicy = SignaturePolicyParser.Parse(signaturePolicy!) };
        }

        return hasReference ? new ApplicationPolicy { ChannelConfigPolicyReference = channelConfigPolicy } : null;
    }

    public static SignaturePolicyEnvelope ParseSignaturePolicy(string expression) => SignaturePolicyParser.Parse(expression);
}
