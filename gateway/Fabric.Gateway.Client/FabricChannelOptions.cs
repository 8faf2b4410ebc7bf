namespace Fabric.Gateway.Client;

/// <summary>How <see cref="FabricChannels.Create"/> secures a gRPC channel to a peer.</summary>
public sealed class FabricChannelOptions
{
    /// <summary>
    /// PEM file of the CA that issued the peer's TLS certificate (e.g. <c>.../peers/peer0.org1.example.com/tls/ca.crt</c>).
    /// Required for an https address; the system trust store is not used, as Fabric TLS CAs are private.
    /// </summary>
    public string? TlsRootCertificatePath { get; set; }

    /// <summary>The name the peer's TLS certificate must carry when it differs from the address host (Fabric's
    /// <c>ssl-target-name-override</c>, e.g. <c>peer0.org1.example.com</c> while connecting to localhost). Default null.</summary>
    public string? ServerNameOverride { get; set; }

    /// <summary>Client certificate PEM file, for peers that require mutual TLS. Default null.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>Client private key PEM file, with <see cref="ClientCertificatePath"/>. Default null.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>Largest message received, in bytes; blocks can be large. Default 100 MiB (Fabric's own limit).</summary>
    public int MaxReceiveMessageSize { get; set; } = 100 * 1024 * 1024;

    internal void Validate(Uri address)
    {
        var problems = new List<string>();
        var https = address.Scheme == Uri.UriSchemeHttps;
        if (https && string.IsNullOrWhiteSpace(TlsRootCertificatePath))
        {
            problems.Add($"{nameof(TlsRootCertificatePath)} is required for the https address {address}.");
        }

        if (!https && (TlsRootCertificatePath is not null || ClientCertificatePath is not null))
        {
            problems.Add($"TLS settings were given but the address {address} is not https.");
        }

        if ((ClientCertificatePath is null) != (ClientKeyPath is null))
        {
            problems.Add($"{nameof(ClientCertificatePath)} and {nameof(ClientKeyPath)} go together.");
        }

        if (MaxReceiveMessageSize <= 0)
        {
            problems.Add($"{nameof(MaxReceiveMessageSize)} must be positive.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid FabricChannelOptions: " + string.Join(" ", problems));
        }
    }
}
