using Fabric.Gateway.Client.Identity;

namespace Fabric.Gateway.Api.Identity;

/// <summary>
/// Where the gateway gets the certificate and signer of a configured identity. The default reads MSP folders
/// (<see cref="MspFolderIdentityProvider"/>); register another implementation to sign with an HSM or a cloud KMS.
/// </summary>
public interface IIdentityProvider
{
    /// <summary>The identity named <paramref name="identityName"/> in <c>Fabric:Identities</c>.</summary>
    /// <exception cref="KeyNotFoundException">No such identity is configured.</exception>
    ValueTask<FabricIdentity> GetAsync(string identityName, CancellationToken cancellationToken);
}

/// <summary>A client identity and the signer of its private key.</summary>
public sealed record FabricIdentity(string Name, X509Identity Identity, ISigner Signer)
{
    public string MspId => Identity.MspId;
}
