using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabric.Chaincode.Internal;

/// <summary>Reads the Fabric external-chaincode variables and sets up Kestrel and gRPC from the options.</summary>
internal static class ServerConfiguration
{
    public static ChaincodeServerOptions Read(IConfiguration configuration)
    {
        var options = new ChaincodeServerOptions();
        if (configuration["CHAINCODE_SERVER_ADDRESS"] is { Length: > 0 } address)
        {
            options.Address = address;
        }

        options.PackageId = configuration["CHAINCODE_ID"] is { Length: > 0 } id ? id : configuration["CORE_CHAINCODE_ID_NAME"] ?? string.Empty;
        options.TlsDisabled = bool.TryParse(configuration["CHAINCODE_TLS_DISABLED"], out var disabled) && disabled;
        options.TlsCertificatePem = ReadPem(configuration["CHAINCODE_TLS_CERT"]);
        options.TlsKeyPem = ReadPem(configuration["CHAINCODE_TLS_KEY"]);
        options.ClientCaCertificatesPem = ReadPem(configuration["CHAINCODE_CLIENT_CA_CERT"]);
        options.LocalMspId = configuration["CORE_PEER_LOCALMSPID"] ?? string.Empty;
        return options;
    }

    /// <summary>A PEM given inline is used as is; anything else is a path to a PEM file.</summary>
    internal static string? ReadPem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return value.Contains("-----BEGIN", StringComparison.Ordinal) ? value : File.ReadAllText(value);
    }

    public static void ConfigureHost(WebApplicationBuilder web, ChaincodeServerOptions options)
    {
        web.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout + TimeSpan.FromSeconds(5));
        web.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxMessageSize;
            grpc.MaxSendMessageSize = options.MaxMessageSize;
            grpc.EnableDetailedErrors = false;
        });

        web.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(110);
            kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
            if (!ChaincodeServerOptions.TryParseAddress(options.Address, out var host, out var port))
            {
                throw new InvalidOperationException($"Invalid chaincode server address '{options.Address}'.");
            }

            var logger = kestrel.ApplicationServices.GetService<ILoggerFactory>()?.CreateLogger("Fabric.Chaincode.Server")
                ?? NullLogger.Instance;
            var https = options.TlsDisabled ? null : ServerTls.Create(options, logger);
            void Endpoint(ListenOptions listen)
            {
                listen.Protocols = HttpProtocols.Http2;
                if (https is not null)
                {
                    listen.UseHttps(https);
                }
            }

            foreach (var ip in ResolveListenAddresses(host))
            {
                kestrel.Listen(ip, port, Endpoint);
            }
        });
    }

    internal static IEnumerable<IPAddress> ResolveListenAddresses(string host)
    {
        if (host.Length == 0 || host == "*")
        {
            return [IPAddress.IPv6Any];
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [IPAddress.Loopback];
        }

        return IPAddress.TryParse(host, out var ip) ? [ip] : Dns.GetHostAddresses(host).Distinct();
    }
}
