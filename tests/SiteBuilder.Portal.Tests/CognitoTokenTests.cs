using System.Net;
using System.Net.Http.Json;
using SiteBuilder.Portal.Api;
using SiteBuilder.Portal.Testing;
using SiteBuilder.TestSupport.FakeOidc;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests;

/// <summary>Cognito user-pool tokens on /v1, validated against the pool's JWKS served by a local discovery endpoint.</summary>
public sealed class CognitoTokenTests : IAsyncLifetime
{
    private const string ClientId = "portal-client";
    private FakeOidcProvider _pool = default!;
    private PortalFactory _portal = default!;
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _pool = await FakeOidcProvider.StartAsync("eu-west-1_TestPool");
        _portal = new PortalFactory();
        _portal.Settings["SiteBuilder:Authentication:Cognito:Authority"] = _pool.Authority;
        _portal.Settings["SiteBuilder:Authentication:Cognito:ClientIds:0"] = ClientId;
        _ = _portal.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _pool.DisposeAsync();
    }

    [Fact]
    public async Task CognitoAccessTokenActsForItsCustomTenant()
    {
        var token = _pool.CreateCognitoAccessToken(ClientId, "maria", "acme", "Marketer", "not-a-role");

        var me = await _portal.CreateApiClient(token, "acme").GetFromJsonAsync<MeResponse>("/v1/me", Ct);

        Assert.Equal("maria", me!.User);
        Assert.Equal("acme", me.Tenant);
        Assert.Equal(["Marketer"], me.Roles);
        Assert.Equal("cognito", me.Source);
    }

    [Fact]
    public async Task CognitoTokenForAnotherTenantHeaderIsForbidden()
    {
        var token = _pool.CreateCognitoAccessToken(ClientId, "maria", "acme", "Marketer");

        await AssertProblemAsync(await _portal.CreateApiClient(token, "globex").GetAsync("/v1/me", Ct), HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task TokenWithoutTenantClaimIsUnauthorized()
    {
        var token = _pool.CreateCognitoAccessToken(ClientId, "maria", tenant: null, "Marketer");

        await AssertProblemAsync(await _portal.CreateApiClient(token, "acme").GetAsync("/v1/me", Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task AnIdTokenIsAcceptedOnlyWhenItsAudienceIsAConfiguredAppClient()
    {
        // ID tokens name their app client in aud, not client_id: the same pin applies to them.
        string IdToken(string audience) => _pool.CreateToken(new Dictionary<string, object>
        {
            ["sub"] = "maria-sub", ["token_use"] = "id", ["aud"] = audience, ["cognito:username"] = "maria", ["custom:tenant_id"] = "acme",
        });

        Assert.Equal(HttpStatusCode.OK, (await _portal.CreateApiClient(IdToken(ClientId), "acme").GetAsync("/v1/me", Ct)).StatusCode);
        await AssertProblemAsync(await _portal.CreateApiClient(IdToken("someone-elses-client"), "acme").GetAsync("/v1/me", Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task ACognitoUserInAnOperationsGroupCallsTheOperationsApiWithoutATenantAndNoTenantRoute()
    {
        var token = _pool.CreateCognitoAccessToken(ClientId, "olga", tenant: null, "Operator");
        var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var environments = await client.GetAsync("/v1/ops/environments", Ct);
        using var request = await client.PostAsJsonAsync("/v1/ops/promotions", new { version = "0.0.0-none", target = "dev" }, Ct);
        using var tenantRoute = await _portal.CreateApiClient(token, "acme").GetAsync("/v1/me", Ct);

        Assert.Equal(HttpStatusCode.OK, environments.StatusCode);
        // Authorised to request (Operator): the refusal is about the unknown release, not about who asks.
        Assert.NotEqual(HttpStatusCode.Unauthorized, request.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, request.StatusCode);
        await AssertProblemAsync(tenantRoute, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task ATokenWithoutATenantOfAUserInNoOperationsGroupReachesNeitherArea()
    {
        var token = _pool.CreateCognitoAccessToken(ClientId, "maria", tenant: null, "Marketer");
        var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        await AssertProblemAsync(await client.GetAsync("/v1/ops/environments", Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task TokenForAnotherAppClientIsUnauthorized()
    {
        var token = _pool.CreateCognitoAccessToken("someone-elses-client", "maria", "acme", "Marketer");

        await AssertProblemAsync(await _portal.CreateApiClient(token, "acme").GetAsync("/v1/me", Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task TokenSignedByAnUnknownKeyIsUnauthorized()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var impostor = new Microsoft.IdentityModel.Tokens.RsaSecurityKey(rsa) { KeyId = _pool.SigningKey.KeyId };
        var token = _pool.CreateToken(new Dictionary<string, object>
        {
            ["sub"] = "x", ["token_use"] = "access", ["client_id"] = ClientId, ["username"] = "maria", ["custom:tenant_id"] = "acme",
        }, signWith: impostor);

        await AssertProblemAsync(await _portal.CreateApiClient(token, "acme").GetAsync("/v1/me", Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task LocalTokensStillWorkBesideCognito()
    {
        var token = await _portal.CreateTokenAsync("acme");

        Assert.Equal(HttpStatusCode.OK, (await _portal.CreateApiClient(token, "acme").GetAsync("/v1/me", Ct)).StatusCode);
    }
}
