using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Tokens;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>Issue 13 point 3: the API tokens page shows a user their own tokens, and another user's only to an administrator (decided on the server).</summary>
public sealed class ApiTokensPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMarketerSeesOnlyTheirOwnTokensAndAnAdminSeesAnyUsers()
    {
        var issuer = portal.Factory.Services.GetRequiredService<LocalTokenIssuer>();
        var (owner, ownerPassword) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var (other, otherPassword) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var (admin, adminPassword) = await portal.Factory.CreateUserAsync([Roles.Admin], []);
        await issuer.IssueAsync(owner, "acme", name: "owner-secret-pipeline", cancellationToken: Ct);

        var ownerPage = await PageAsync(owner.UserName, ownerPassword, "/account/tokens");
        var snoop = await PageAsync(other.UserName, otherPassword, $"/account/tokens?user={owner.UserName}");
        var adminPage = await PageAsync(admin.UserName, adminPassword, $"/account/tokens?user={owner.UserName}");

        Assert.Contains("owner-secret-pipeline", ownerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("owner-secret-pipeline", snoop, StringComparison.Ordinal);
        Assert.Contains("Only administrators see other users", snoop, StringComparison.Ordinal);
        Assert.Contains("owner-secret-pipeline", adminPage, StringComparison.Ordinal);
        Assert.Contains($"API tokens of {owner.UserName}", adminPage, StringComparison.Ordinal);
    }

    private async Task<string> PageAsync(string userName, string password, string path)
    {
        var browser = PortalBrowser.Open(portal.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalBrowser.SignInAsync(browser, userName, password)).StatusCode);
        var response = await browser.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
