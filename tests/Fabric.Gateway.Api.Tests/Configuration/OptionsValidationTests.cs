using Fabric.Gateway.Api.Configuration;
using Fabric.Gateway.Api.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Fabric.Gateway.Api.Tests.Configuration;

public sealed class OptionsValidationTests
{
    [Fact]
    public void FabricOptions_ListEveryProblem_WithTheSettingNamed()
    {
        var options = Bind<FabricOptions>("Fabric", new()
        {
            ["Fabric:Networks:trade:Channel"] = "trade",
            ["Fabric:Organizations:Org1MSP:Peers:0:Endpoint"] = "https://localhost:7051",
            ["Fabric:Organizations:Org2MSP:Peers:0:Endpoint"] = "localhost:9051",
            ["Fabric:Identities:user:MspId"] = "Org3MSP",
            ["Fabric:Identities:user:MspFolder"] = "/no/such/msp",
            ["Fabric:EvaluateTimeout"] = "-00:00:01",
        });

        var result = new FabricOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().BeEquivalentTo(
            "Fabric:Networks:trade:Chaincode is required.",
            "Fabric:Organizations:Org1MSP:Peers:0:TlsCaFile is required for the https endpoint https://localhost:7051.",
            "Fabric:Organizations:Org2MSP:Peers:0:Endpoint 'localhost:9051' must be an absolute https:// (or http://) address.",
            "Fabric:Identities:user:MspId 'Org3MSP' has no peers: add Fabric:Organizations:Org3MSP.",
            "Fabric:Identities:user:MspFolder '/no/such/msp' does not exist.",
            "Fabric:EvaluateTimeout must be positive (was -00:00:01).");
    }

    [Fact]
    public void SecurityOptions_RejectPlainKeys_UnknownIdentities_AndWeakJwtKeys()
    {
        var fabric = Bind<FabricOptions>("Fabric", new() { ["Fabric:Identities:org1-user:MspId"] = "Org1MSP" });
        var security = Bind<SecurityOptions>("Security", new()
        {
            ["Security:Jwt:Issuer"] = "https://issuer",
            ["Security:Jwt:Audience"] = "api",
            ["Security:Jwt:SigningKey"] = "short",
            ["Security:Principals:alice:ApiKeySha256"] = "my-plain-api-key",
            ["Security:Principals:alice:Identities:0"] = "org1-admin",
            ["Security:Principals:bob:Identities:0"] = "org1-user",
        });

        var result = new SecurityOptionsValidator(Options.Create(fabric)).Validate(null, security);

        result.Failures.Should().BeEquivalentTo(
            "Security:Jwt:SigningKey must be at least 32 bytes when the Bearer scheme is enabled.",
            "Security:Principals:alice:ApiKeySha256 must be 64 hexadecimal characters (the SHA-256 of the key, not the key).",
            "Security:Principals:alice:Identities names 'org1-admin', which is not in Fabric:Identities.",
            "Security:Principals:bob has neither ApiKeySha256 nor JwtSubject.");
    }

    [Fact]
    public void SecurityOptions_WithApiKeySchemeOnly_NeedNoJwtSettings()
    {
        var fabric = Bind<FabricOptions>("Fabric", new() { ["Fabric:Identities:org1-user:MspId"] = "Org1MSP" });
        var security = Bind<SecurityOptions>("Security", new()
        {
            ["Security:Schemes:0"] = "ApiKey",
            ["Security:Principals:alice:ApiKeySha256"] = new string('a', 64),
            ["Security:Principals:alice:Identities:0"] = "org1-user",
        });

        new SecurityOptionsValidator(Options.Create(fabric)).Validate(null, security).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void WebhookOptions_CheckNetworkIdentityUrlAndSecret()
    {
        var fabric = Bind<FabricOptions>("Fabric", new()
        {
            ["Fabric:Networks:trade:Channel"] = "trade",
            ["Fabric:Identities:org1-user:MspId"] = "Org1MSP",
        });
        var webhooks = Bind<WebhookOptions>("Webhooks", new()
        {
            ["Webhooks:Subscriptions:erp:Network"] = "gold",
            ["Webhooks:Subscriptions:erp:Identity"] = "nobody",
            ["Webhooks:Subscriptions:erp:Url"] = "ftp://erp",
            ["Webhooks:Subscriptions:erp:Secret"] = "short",
        });

        var result = new WebhookOptionsValidator(Options.Create(fabric)).Validate(null, webhooks);

        result.Failures.Should().BeEquivalentTo(
            "Webhooks:Subscriptions:erp:Network 'gold' is not in Fabric:Networks.",
            "Webhooks:Subscriptions:erp:Identity 'nobody' is not in Fabric:Identities.",
            "Webhooks:Subscriptions:erp:Url 'ftp://erp' must be an absolute http(s) URL.",
            "Webhooks:Subscriptions:erp:Secret must be at least 16 bytes.");
    }

    private static T Bind<T>(string section, Dictionary<string, string?> values)
        where T : new()
    {
        var options = new T();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(section).Bind(options);
        return options;
    }
}
