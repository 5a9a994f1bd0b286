using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SiteBuilder.Portal.Api;
using SiteBuilder.Portal.Testing;
using SiteBuilder.TestSupport.FakeOidc;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests;

/// <summary>
/// Entra access tokens for this app on /v1, validated against the directory's JWKS served by a local discovery endpoint:
/// an operations app role reaches /v1/ops without any tenant (DESIGN §5: operations are organisation-wide).
/// </summary>
public sealed class EntraTokenTests : IAsyncLifetime
{
    private const string Directory = "contoso-tenant";
    private const string ClientId = "entra-client-id";
    private FakeOidcProvider _entra = default!;
    private PortalFactory _portal = default!;
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _entra = await FakeOidcProvider.StartAsync($"{Directory}/v2.0");
        _portal = new PortalFactory();
        _portal.Settings["AzureAd:Instance"] = _entra.Authority[..(_entra.Authority.IndexOf($"/{Directory}", StringComparison.Ordinal) + 1)];
        _portal.Settings["AzureAd:TenantId"] = Directory;
        _portal.Settings["AzureAd:ClientId"] = ClientId;
        // The fake authority speaks plain HTTP on loopback; the real one is HTTPS.
        _portal.Settings["SiteBuilder:Authentication:Entra:RequireHttpsMetadata"] = "false";
        _ = _portal.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _entra.DisposeAsync();
    }

    private string AccessToken(string audience, params string[] roles) => _entra.CreateToken(new Dictionary<string, object>
    {
        ["sub"] = "pairwise-subject",
        ["oid"] = "00000000-0000-0000-0000-0000000000d1",
        ["tid"] = Directory,
        ["aud"] = audience,
        ["preferred_username"] = "dora@contoso.example",
        ["name"] = "Dora DevOps",
        ["roles"] = roles,
    });

    private HttpClient OpsClient(string token)
    {
        var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task AnEntraUserWithAnOperationsAppRoleCallsTheOperationsApiWithoutATenantAndNoTenantRoute()
    {
        var token = AccessToken($"api://{ClientId}", "DevOpsLead");

        using var environments = await OpsClient(token).GetAsync("/v1/ops/environments", Ct);
        using var tenantRoute = await _portal.CreateApiClient(token, "acme").GetAsync("/v1/me", Ct);

        Assert.Equal(HttpStatusCode.OK, environments.StatusCode);
        await AssertProblemAsync(tenantRoute, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task AnEntraTokenNamingOneTenantActsForIt()
    {
        var token = _entra.CreateToken(new Dictionary<string, object>
        {
            ["sub"] = "s", ["oid"] = "00000000-0000-0000-0000-0000000000a1", ["tid"] = Directory, ["aud"] = ClientId,
            ["preferred_username"] = "maria@contoso.example", ["roles"] = new[] { "Marketer" }, ["tenants"] = "acme",
        });

        var me = await _portal.CreateApiClient(token, "acme").GetFromJsonAsync<MeResponse>("/v1/me", Ct);

        Assert.Equal("maria@contoso.example", me!.User);
        Assert.Equal("acme", me.Tenant);
        Assert.Equal("entra", me.Source);
    }

    [Fact]
    public async Task AnEntraTokenWithoutAnOperationsRoleOrForAnotherAppOrDirectoryIsUnauthorized()
    {
        var marketer = AccessToken(ClientId, "Marketer");
        var otherApp = AccessToken("api://someone-elses-app", "DevOpsLead");
        await using var otherDirectory = await FakeOidcProvider.StartAsync("fabrikam-tenant/v2.0");
        var foreign = otherDirectory.CreateToken(new Dictionary<string, object>
        {
            ["sub"] = "s", ["tid"] = "fabrikam-tenant", ["aud"] = ClientId, ["roles"] = new[] { "DevOpsLead" },
        });

        await AssertProblemAsync(await OpsClient(marketer).GetAsync("/v1/ops/environments", Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertProblemAsync(await OpsClient(otherApp).GetAsync("/v1/ops/environments", Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertProblemAsync(await OpsClient(foreign).GetAsync("/v1/ops/environments", Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}
