using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SiteBuilder.Portal.Tests;

public sealed class PortalAreaTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public void EveryAreaLinkGoesToAnEndpointThatExists()
    {
        // Razor pages and minimal endpoints alike: the navigation lists only areas that exist.
        var routes = portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(Components.PortalAreas.All, area => Assert.Contains(area.Href, routes));
    }
}
