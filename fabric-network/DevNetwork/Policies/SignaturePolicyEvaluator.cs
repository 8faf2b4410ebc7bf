using Fabric.DevNetwork.Msp;
using Fabric.Protos.Common;

namespace Fabric.DevNetwork.Policies;

/// <summary>
/// Evaluates a SignaturePolicyEnvelope over a set of identities whose signatures were already verified, as Fabric's
/// cauthdsl does: each identity satisfies at most one signed_by leaf, tried greedily left to right.
/// </summary>
internal static class SignaturePolicyEvaluator
{
    public static bool IsSatisfied(SignaturePolicyEnvelope envelope, IReadOnlyList<MspIdentity> signers)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var principals = envelope.Identities.Select(Principal.From).ToArray();
        var used = new bool[signers.Count];
        return Evaluate(envelope.Rule, principals, signers, used);
    }

    private static bool Evaluate(SignaturePolicy? rule, Principal?[] principals, IReadOnlyList<MspIdentity> signers, bool[] used)
    {
        switch (rule?.TypeCase)
        {
            case SignaturePolicy.TypeOneofCase.SignedBy:
                if (rule.SignedBy < 0 || rule.SignedBy >= principals.Length || principals[rule.SignedBy] is not { } principal)
                {
                    return false;
                }

                for (var i = 0; i < signers.Count; i++)
                {
                    if (!used[i] && principal.IsSatisfiedBy(signers[i]))
                    {
                        used[i] = true;
                        return true;
                    }
                }

                return false;
            case SignaturePolicy.TypeOneofCase.NOutOf:
                var satisfied = 0;
                foreach (var child in rule.NOutOf.Rules)
                {
                    var attempt = (bool[])used.Clone();
                    if (Evaluate(child, principals, signers, attempt))
                    {
                        Array.Copy(attempt, used, used.Length);
                        satisfied++;
                    }
                }

                return satisfied >= rule.NOutOf.N;
            default:
                return false;
        }
    }

    /// <summary>The MSP IDs a policy names, in order of first appearance.</summary>
    public static IReadOnlyList<string> MspIdsOf(SignaturePolicyEnvelope envelope) =>
        envelope.Identities.Select(Principal.From).OfType<Principal>().Select(p => p.MspId).Distinct().ToList();

    private sealed record Principal(string MspId, MSPRole.Types.MSPRoleType Role)
    {
        public static Principal? From(MSPPrincipal principal)
        {
            if (principal.PrincipalClassification != MSPPrincipal.Types.Classification.Role)
            {
                return null;
            }

            var role = MSPRole.Parser.ParseFrom(principal.Principal);
            return new Principal(role.MspIdentifier, role.Role);
        }

        public bool IsSatisfiedBy(MspIdentity identity) => identity.MspId == MspId && identity.HasRole(Role);
    }
}
