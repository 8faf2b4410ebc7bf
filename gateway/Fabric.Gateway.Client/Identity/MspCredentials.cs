namespace Fabric.Gateway.Client.Identity;

/// <summary>An identity and the signer for its private key, as loaded from an MSP folder.</summary>
public sealed record MspCredentials(X509Identity Identity, ISigner Signer);
