using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fabric.Admin.Packaging;

/// <summary>
/// The <c>connection.json</c> of a chaincode-as-a-service package: where the peer dials the chaincode and how. The
/// PEM fields are inlined; Fabric's <c>ccaas</c> builder writes them to files for the peer. <see cref="ClientKeyPem"/>
/// is the peer's own TLS client key, as Fabric's design requires; it is only ever written into the package.
/// </summary>
internal sealed record ChaincodeConnection
{
    [JsonPropertyName("address")]
    public required string Address { get; init; }

    [JsonPropertyName("dial_timeout")]
    public string DialTimeout { get; init; } = "10s";

    [JsonPropertyName("tls_required")]
    public bool TlsRequired { get; init; }

    [JsonPropertyName("client_auth_required")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ClientAuthRequired { get; init; }

    [JsonPropertyName("root_cert")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RootCertPem { get; init; }

    [JsonPropertyName("client_cert")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientCertPem { get; init; }

    [JsonPropertyName("client_key")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientKeyPem { get; init; }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Checks what the peer's builder would otherwise only find at launch time.</summary>
    public void Validate()
    {
        var colon = Address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(Address.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, $"chaincode address '{Address}' is not host:port");
        }

        if (TlsRequired && RootCertPem is null)
        {
            throw new AdminException(AdminErrorKind.InvalidInput, "a TLS chaincode needs --root-cert (the CA that issued the chaincode's TLS certificate)");
        }

        if (!TlsRequired && (ClientAuthRequired || RootCertPem is not null || ClientCertPem is not null))
        {
            throw new AdminException(AdminErrorKind.InvalidInput, "TLS certificates were given without --tls");
        }

        if (ClientAuthRequired && (ClientCertPem is null || ClientKeyPem is null))
        {
            throw new AdminException(AdminErrorKind.InvalidInput, "--client-auth needs --client-cert and --client-key (the peer's TLS client certificate and key)");
        }
    }

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Indented);
}
