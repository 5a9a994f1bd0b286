using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SiteBuilder.Portal.Testing;
using SiteBuilder.TestSupport.FakeOidc;

namespace SiteBuilder.Portal.Tests;

/// <summary>With the AzureAd section set, the sign-in page offers Entra ID and the challenge goes to the tenant's authorize endpoint.</summary>
public sealed class EntraSignInTests : IAsyncLifetime
{
    private FakeOidcProvider _entra = default!;
    private PortalFactory _portal = default!;

    public async ValueTask InitializeAsync()
    {
        _entra = await FakeOidcProvider.StartAsync("contoso-tenant/v2.0");
        _portal = new PortalFactory();
        var instance = _entra.Authority[..(_entra.Authority.IndexOf("/contoso-tenant", StringComparison.Ordinal) + 1)];
        _portal.Settings["AzureAd:Instance"] = instance;
        _portal.Settings["AzureAd:TenantId"] = "contoso-tenant";
        _portal.Settings["AzureAd:ClientId"] = "entra-client-id";
        // The fake authority speaks plain HTTP on loopback; the real one is HTTPS.
        _portal.Settings["SiteBuilder:Authentication:Entra:RequireHttpsMetadata"] = "false";
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _entra.DisposeAsync();
    }

    [Fact]
    public async Task SignInPageOffersEntraAndTheChallengeRedirectsToTheTenant()
    {
        var client = _portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var ct = TestContext.Current.CancellationToken;

        var page = await client.GetStringAsync("/account/login", ct);
        Assert.Contains("Sign in with Microsoft Entra ID", page, StringComparison.Ordinal);

        var challenge = await client.GetAsync("/account/login/entra?returnUrl=/admin/users", ct);

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!.ToString();
        Assert.StartsWith(_entra.Authority + "/oauth2/authorize", location, StringComparison.Ordinal);
        Assert.Contains("client_id=entra-client-id", location, StringComparison.Ordinal);
    }
}
