using System.Net;
using System.Text.RegularExpressions;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Tests.Hardening;

namespace SiteBuilder.Portal.Tests.Runbooks;

/// <summary>Issue 12 point 1: the pictures of the portal's paths in the runbooks are served to a signed-in reader, and to nobody else.</summary>
public sealed partial class RunbookFilesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPictureOfARunbookIsServedAsAnImageToASignedInReaderOnly()
    {
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var reader = PortalBrowser.Open(portal.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalBrowser.SignInAsync(reader, account.UserName, password)).StatusCode);
        var anonymous = PortalBrowser.Open(portal.Factory);

        var pictures = new List<string>();
        foreach (var runbook in new[] { "deployment", "troubleshooting", "rollback" })
        {
            var html = await reader.GetStringAsync($"/runbooks/{runbook}", Ct);
            var content = html[html.IndexOf("data-testid=\"runbook-content\"", StringComparison.Ordinal)..];
            pictures.AddRange(Image().Matches(content[..content.IndexOf("</article>", StringComparison.Ordinal)]).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
        }

        Assert.True(pictures.Count >= 4, "Pictures: " + string.Join(", ", pictures));
        foreach (var picture in pictures)
        {
            Assert.StartsWith("/runbooks/files/images/", picture, StringComparison.Ordinal);
            using var image = await reader.GetAsync(picture, Ct);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await image.Content.ReadAsByteArrayAsync(Ct))[..4]);
            using var refused = await anonymous.GetAsync(picture, Ct);
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/runbooks/files/runbooks/rollback_runbook.md", Ct)).StatusCode);
        foreach (var escape in new[] { "/runbooks/files/%2e%2e/appsettings.json", "/runbooks/files/..%2fappsettings.json" })
        {
            Assert.DoesNotContain("\"DataDirectory\"", await (await reader.GetAsync(escape, Ct)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex Image();
}
