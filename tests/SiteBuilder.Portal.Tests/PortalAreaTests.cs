using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace SiteBuilder.Portal.Tests;

public sealed class PortalAreaTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public void EveryAreaLinkGoesToAnEndpointThatExists()
    {
        // Razor pages and minimal endpoints alike (the API reference is a minimal endpoint): the navigation lists only areas that exist.
        var patterns = portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern)
            .ToList();

        Assert.All(Components.PortalAreas.All, area => Assert.True(patterns.Any(p => Matches(p, area.Href)), $"No endpoint serves {area.Href}"));
    }

    /// <summary>True when the pattern's literal segments are the path's and whatever follows is optional.</summary>
    private static bool Matches(RoutePattern pattern, string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var patternSegments = pattern.PathSegments;
        if (patternSegments.Count < segments.Length)
        {
            return false;
        }

        for (var i = 0; i < patternSegments.Count; i++)
        {
            var parts = patternSegments[i].Parts;
            if (i < segments.Length)
            {
                if (parts is not [RoutePatternLiteralPart literal] || !string.Equals(literal.Content, segments[i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
            else if (parts is not [RoutePatternParameterPart { IsOptional: true } or RoutePatternParameterPart { IsCatchAll: true }])
            {
                return false;
            }
        }

        return true;
    }
}
