using Fabric.Protos.Common;

namespace Fabric.Admin.Policies;

/// <summary>The shared parser (Fabric.Policies), with its refusals reported as the CLI's invalid-input errors (exit code 2).</summary>
internal static class SignaturePolicyParser
{
    public static SignaturePolicyEnvelope Parse(string expression)
    {
        try
        {
            return global::Fabric.Policies.SignaturePolicyParser.Parse(expression);
        }
        catch (FormatException e)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, e.Message);
        }
    }
}
