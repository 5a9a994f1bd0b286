using Bunit;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Auth;
using SiteBuilder.Portal.Components.Layout;

namespace SiteBuilder.Portal.Tests;

public sealed class NavigationComponentTests : MudComponentTest
{
    [Fact]
    public void NavigationListsOnlyTheAreasAUsersRolesOpen()
    {
        var marketer = new PortalUser("mia", "mia", "Mia", [Roles.Marketer], ["acme"], PortalClaims.LocalSource);

        var nav = Render<NavMenu>(p => p.Add(m => m.User, marketer));

        var links = nav.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/account/tokens", links);
        Assert.DoesNotContain("/admin/users", links);
    }

    [Fact]
    public void AdministratorsSeeTheUsersArea()
    {
        var admin = new PortalUser("root", "root", "Root", [Roles.Admin], [], PortalClaims.LocalSource);

        var nav = Render<NavMenu>(p => p.Add(m => m.User, admin));

        Assert.Contains("/admin/users", nav.FindAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Administration", nav.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void UserMenuOffersSignOutThroughTheAntiforgeryForm()
    {
        var user = new PortalUser("mia", "mia", "Mia Marketer", [Roles.Marketer], ["acme"], PortalClaims.LocalSource);
        var provider = Render<MudBlazor.MudPopoverProvider>();

        var menu = Render<UserMenu>(p => p.Add(m => m.User, user));
        menu.Find("button").Click();

        Assert.Equal("account/logout", menu.Find("form#logout-form").GetAttribute("action"));
        Assert.Equal("logout-form", provider.Find("[data-testid=sign-out]").GetAttribute("form"));
    }
}
