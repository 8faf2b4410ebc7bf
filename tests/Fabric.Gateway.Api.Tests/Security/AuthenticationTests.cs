using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Fabric.Gateway.Api.Security;
using Fabric.Gateway.Api.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Fabric.Gateway.Api.Tests.Security;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Request_WithoutCredentials_Is401ProblemDetails()
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/test/whoami", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        problem!.Type.Should().Be("https://fabric-dotnet.dev/problems/unauthorized");
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().Contain("ApiKey").And.Contain("Bearer");
    }

    [Fact]
    public async Task Request_WithWrongApiKey_Is401()
    {
        using var client = _host.CreateClient("not-the-key");

        using var response = await client.GetAsync(new Uri("/api/test/whoami", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Type.Should().Be("https://fabric-dotnet.dev/problems/unauthorized");
    }

    [Fact]
    public async Task Request_WithApiKey_ActsAsTheOnlyMappedIdentity()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        var caller = await client.GetFromJsonAsync<FabricCaller>(new Uri("/api/test/whoami", UriKind.Relative));

        caller.Should().Be(new FabricCaller("alice", "org1-user"));
    }

    [Fact]
    public async Task Request_ForIdentityNotMappedToCaller_Is403()
    {
        using var client = _host.CreateClient(ApiTestHost.AliceKey, identity: "org1-admin");

        using var response = await client.GetAsync(new Uri("/api/test/whoami", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        problem!.Type.Should().Be("https://fabric-dotnet.dev/problems/forbidden");
        problem.Detail.Should().Contain("org1-admin");
    }

    [Fact]
    public async Task Request_ByCallerWithSeveralIdentities_ChoosesWithHeader_OrGets400NamingIt()
    {
        using var chosen = _host.CreateClient(ApiTestHost.BobKey, identity: "org1-admin");
        var caller = await chosen.GetFromJsonAsync<FabricCaller>(new Uri("/api/test/whoami", UriKind.Relative));
        caller.Should().Be(new FabricCaller("bob", "org1-admin"));

        using var unchosen = _host.CreateClient(ApiTestHost.BobKey);
        using var response = await unchosen.GetAsync(new Uri("/api/test/whoami", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("X-Fabric-Identity");
    }

    [Fact]
    public async Task Request_WithValidJwt_ActsAsThePrincipalOfItsSubject()
    {
        using var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("alice-subject", ApiTestHost.JwtSigningKey));

        var caller = await client.GetFromJsonAsync<FabricCaller>(new Uri("/api/test/whoami", UriKind.Relative));

        caller.Should().Be(new FabricCaller("alice", "org1-user"));
    }

    [Fact]
    public async Task Request_WithJwtSignedByAnotherKey_Is401()
    {
        using var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("alice-subject", "another-signing-key-of-32-bytes-or-more"));

        using var response = await client.GetAsync(new Uri("/api/test/whoami", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Request_WithJwtOfUnmappedSubject_Is403()
    {
        using var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("mallory", ApiTestHost.JwtSigningKey));

        using var response = await client.GetAsync(new Uri("/api/test/whoami", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Request_WithApiKey_WhenOnlyBearerSchemeIsEnabled_Is401()
    {
        _host.Settings["Security:Schemes:0"] = "Bearer";
        using var client = _host.CreateClient(ApiTestHost.AliceKey);

        using var response = await client.GetAsync(new Uri("/api/test/whoami", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static string Token(string subject, string signingKey) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = ApiTestHost.JwtIssuer,
        Audience = ApiTestHost.JwtAudience,
        Subject = new ClaimsIdentity([new Claim("sub", subject)]),
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
    });
}
