using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Tokens;
using SiteBuilder.Portal.Api;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests;

public sealed class MeApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TokenForTheTenantIdentifiesItsUser()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer, Roles.Operator], ["acme"]);
        var token = await portal.Factory.IssueTokenAsync(account, "acme");

        var me = await portal.Factory.CreateApiClient(token, "acme").GetFromJsonAsync<MeResponse>("/v1/me", Ct);

        Assert.Equal(account.UserName, me!.User);
        Assert.Equal("acme", me.Tenant);
        Assert.Equal([Roles.Marketer, Roles.Operator], me.Roles.Order());
        Assert.Equal("local", me.Source);
    }

    [Fact]
    public async Task NoTokenIsUnauthorized()
    {
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "acme");

        await AssertProblemAsync(await client.GetAsync("/v1/me", Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task AnotherTenantHeaderIsForbidden()
    {
        var token = await portal.Factory.CreateTokenAsync("acme");

        var response = await portal.Factory.CreateApiClient(token, "globex").GetAsync("/v1/me", Ct);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task MissingTenantHeaderIsAValidationError()
    {
        var token = await portal.Factory.CreateTokenAsync("acme");
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var body = await AssertProblemAsync(await client.GetAsync("/v1/me", Ct), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(body.GetProperty("errors").TryGetProperty("X-Tenant-Id", out _));
    }

    [Fact]
    public async Task TamperedSignatureIsUnauthorized()
    {
        var token = await portal.Factory.CreateTokenAsync("acme");
        var parts = token.Split('.');
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        var tampered = $"{parts[0]}.{parts[1]}.{new string(signature)}";

        var response = await portal.Factory.CreateApiClient(tampered, "acme").GetAsync("/v1/me", Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task TamperedPayloadIsUnauthorized()
    {
        var token = await portal.Factory.CreateTokenAsync("acme");
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"acme\"", "\"globex\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var response = await portal.Factory.CreateApiClient(forged, "globex").GetAsync("/v1/me", Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task ExpiredTokenIsUnauthorized()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        // Signed with the issuer's real key, but its hour ended an hour ago.
        var key = await portal.Factory.Services.GetRequiredService<SigningKeyRing>().GetSigningKeyAsync(Ct);
        var options = portal.Factory.Services.GetRequiredService<IOptions<LocalTokenOptions>>().Value;
        var expired = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = DateTime.UtcNow.AddHours(-2),
            NotBefore = DateTime.UtcNow.AddHours(-2),
            Expires = DateTime.UtcNow.AddHours(-1),
            Claims = new Dictionary<string, object> { ["sub"] = account.UserName, ["tenant_id"] = "acme" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

        var body = await AssertProblemAsync(await portal.Factory.CreateApiClient(expired, "acme").GetAsync("/v1/me", Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("expired", body.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GarbageTokenIsUnauthorized()
    {
        var response = await portal.Factory.CreateApiClient("not-a-jwt", "acme").GetAsync("/v1/me", Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task DisabledUserLosesApiAccessWithinTheStatusCacheDuration()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var client = portal.Factory.CreateApiClient(await portal.Factory.IssueTokenAsync(account, "acme"), "acme");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/me", Ct)).StatusCode);

        await portal.Factory.Accounts.SetDisabledAsync(account.UserName, true, Ct);

        // The fixture caches account status for 1 s (the default is 30 s, the limit one minute).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage response;
        do
        {
            await Task.Delay(250, Ct);
            response = await client.GetAsync("/v1/me", Ct);
        }
        while (response.StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task RemovedTenantMembershipVoidsTheToken()
    {
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme", "globex"]);
        var client = portal.Factory.CreateApiClient(await portal.Factory.IssueTokenAsync(account, "globex"), "globex");

        await portal.Factory.Accounts.SetTenantsAsync(account.UserName, ["acme"], Ct);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage response;
        do
        {
            await Task.Delay(250, Ct);
            response = await client.GetAsync("/v1/me", Ct);
        }
        while (response.StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task JwksPublishesThePublicKeyOnly()
    {
        var json = await portal.Factory.CreateClient().GetStringAsync("/.well-known/jwks.json", Ct);

        Assert.Contains("\"kty\":\"RSA\"", json, StringComparison.Ordinal);
        Assert.Contains("\"n\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"d\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"p\":", json, StringComparison.Ordinal);
    }
}
