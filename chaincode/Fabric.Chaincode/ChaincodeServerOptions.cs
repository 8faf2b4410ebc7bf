using System.Globalization;
using System.Net;

namespace Fabric.Chaincode;

/// <summary>
/// How the chaincode server listens and identifies itself. <see cref="ChaincodeServer.CreateBuilder"/> reads them
/// from the variables Fabric admins already use for external chaincode (environment or command line
/// <c>--NAME=value</c>); code can change them afterwards with <see cref="ChaincodeServerBuilder.Configure"/>.
/// They are validated when the server is built, and every problem is reported at once.
/// </summary>
public sealed class ChaincodeServerOptions
{
    /// <summary>host:port to listen on (CHAINCODE_SERVER_ADDRESS). Default <c>0.0.0.0:9999</c>. Port 0 picks a free port.</summary>
    public string Address { get; set; } = "0.0.0.0:9999";

    /// <summary>
    /// The chaincode package ID <c>label:hash</c> that the chaincode REGISTERs with (CHAINCODE_ID, or
    /// CORE_CHAINCODE_ID_NAME). Required: the peer only accepts the ID of the installed package.
    /// </summary>
    public string PackageId { get; set; } = string.Empty;

    /// <summary>Serve plaintext HTTP/2 instead of TLS (CHAINCODE_TLS_DISABLED=true). Default false: TLS is required, as in Fabric.</summary>
    public bool TlsDisabled { get; set; }

    /// <summary>The server's TLS certificate, PEM (CHAINCODE_TLS_CERT: a file path or the PEM itself). Required unless TLS is disabled.</summary>
    public string? TlsCertificatePem { get; set; }

    /// <summary>The server's TLS private key, PEM (CHAINCODE_TLS_KEY: a file path or the PEM itself). Required unless TLS is disabled.</summary>
    public string? TlsKeyPem { get; set; }

    /// <summary>
    /// CA certificates (PEM) that issue the peers' client certificates (CHAINCODE_CLIENT_CA_CERT: path or PEM).
    /// When set, mutual TLS is required and a client certificate from any other CA is rejected. Default: none.
    /// </summary>
    public string? ClientCaCertificatesPem { get; set; }

    /// <summary>The MSP ID of the peer's organization, exposed as <see cref="IChaincodeStub.LocalMspId"/> (CORE_PEER_LOCALMSPID). Default empty.</summary>
    public string LocalMspId { get; set; } = string.Empty;

    /// <summary>How long running transactions may take to finish after SIGTERM before the streams are closed. Default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest message accepted from or sent to the peer. Default 100 MiB, the Fabric peer's own limit.</summary>
    public int MaxMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>Every problem with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!TryParseAddress(Address, out _, out _))
        {
            problems.Add($"Address (CHAINCODE_SERVER_ADDRESS) must be host:port, but is '{Address}'.");
        }

        if (string.IsNullOrWhiteSpace(PackageId))
        {
            problems.Add("PackageId (CHAINCODE_ID or CORE_CHAINCODE_ID_NAME) must be the installed package ID, label:hash.");
        }

        if (!TlsDisabled)
        {
            if (string.IsNullOrWhiteSpace(TlsCertificatePem))
            {
                problems.Add("TLS is enabled but TlsCertificatePem (CHAINCODE_TLS_CERT) is not set; set it, or set CHAINCODE_TLS_DISABLED=true.");
            }

            if (string.IsNullOrWhiteSpace(TlsKeyPem))
            {
                problems.Add("TLS is enabled but TlsKeyPem (CHAINCODE_TLS_KEY) is not set; set it, or set CHAINCODE_TLS_DISABLED=true.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(ClientCaCertificatesPem))
        {
            problems.Add("ClientCaCertificatesPem (CHAINCODE_CLIENT_CA_CERT) requires TLS, but TLS is disabled.");
        }

        if (ShutdownTimeout < TimeSpan.Zero)
        {
            problems.Add("ShutdownTimeout must not be negative.");
        }

        if (MaxMessageSize < 4 * 1024 * 1024)
        {
            problems.Add("MaxMessageSize must be at least 4 MiB.");
        }

        return problems;
    }

    internal static bool TryParseAddress(string? address, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        var separator = address.LastIndexOf(':');
        if (separator < 0 || !int.TryParse(address.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
            || port > IPEndPoint.MaxPort)
        {
            return false;
        }

        host = address[..separator].Trim('[', ']');
        return true;
    }
}
