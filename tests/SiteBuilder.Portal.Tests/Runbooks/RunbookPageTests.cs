using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Identity;
using SiteBuilder.Observability.Alarms;
using SiteBuilder.Observability.Store;
using SiteBuilder.Portal.Tests.Hardening;

namespace SiteBuilder.Portal.Tests.Runbooks;

/// <summary>
/// Issue 12 on a runbook page: each section an alarm links to shows that alarm's state from the alarm store, for the
/// environment the reader picked (point 2); the pictures of the portal's paths are served to signed-in readers only (point 1).
/// </summary>
public sealed partial class RunbookPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATroubleshootingSectionShowsItsAlarmsStateInTheChosenEnvironment()
    {
        // PROD is not observed by this portal, so no evaluation overwrites what the test stored.
        var store = portal.Factory.Services.GetRequiredService<IMetricsStore>();
        var since = new DateTimeOffset(2026, 12, 6, 14, 5, 0, TimeSpan.Zero);
        await store.SaveAlarmStateAsync(new AlarmStatus("prod", "store-throttles", AlarmState.Alarm, since, 12, "12 throttles in a minute"),
            new AlarmTransition("prod", "store-throttles", AlarmState.Ok, AlarmState.Alarm, since, 12, "12 throttles in a minute"), Ct);
        var browser = await SignedInAsync(Roles.Marketer, "acme");

        var prod = await browser.GetStringAsync("/runbooks/troubleshooting?env=prod", Ct);
        var sit = await browser.GetStringAsync("/runbooks/troubleshooting?env=sit", Ct);
        var own = await browser.GetStringAsync("/runbooks/troubleshooting", Ct);

        var throttles = Alarm(prod, "store-throttles");
        Assert.Equal("ALARM", throttles.State);
        Assert.Contains("in PROD, since 2026-12-06 14:05 UTC", throttles.Text, StringComparison.Ordinal);
        // It sits right under its section's heading (the alarm's runbook anchor).
        Assert.Matches("id=\"dynamodb-throttling\">[^<]*<a[^>]*>#</a></h3>\\s*<p class=\"runbook-alarm\"[^>]*data-alarm=\"store-throttles\"", prod);
        Assert.Equal("INSUFFICIENT_DATA", Alarm(sit, "store-throttles").State);
        Assert.Contains("in LOCAL", Alarm(own, "agent-errors").Text, StringComparison.Ordinal);
        var catalog = portal.Factory.Services.GetRequiredService<AlarmEvaluator>().Catalog;
        Assert.Equal(catalog.Alarms.Count(a => a.Runbook.StartsWith("troubleshooting#", StringComparison.Ordinal)), AlarmPattern().Matches(prod).Count);
    }

    [Fact]
    public async Task ADocumentNoAlarmLinksToShowsNoAlarmState()
    {
        var browser = await SignedInAsync(Roles.Operator);

        var html = await browser.GetStringAsync("/runbooks/docs/architecture?env=prod", Ct);

        Assert.DoesNotMatch(AlarmPattern(), html);
    }

    [Fact]
    public async Task EveryPictureOfARunbookIsServedAsAnImageToASignedInReaderOnly()
    {
        var reader = await SignedInAsync(Roles.Marketer, "acme");
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

    private async Task<HttpClient> SignedInAsync(string role, params string[] tenants)
    {
        var (account, password) = await portal.Factory.CreateUserAsync([role], tenants);
        var browser = PortalBrowser.Open(portal.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalBrowser.SignInAsync(browser, account.UserName, password)).StatusCode);
        return browser;
    }

    private static (string State, string Text) Alarm(string html, string id)
    {
        var match = Regex.Match(html, $"<p class=\"runbook-alarm\"[^>]*data-alarm=\"{Regex.Escape(id)}\" data-state=\"([A-Z_]+)\">(.*?)</p>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No state for alarm {id} on the page.");
        return (match.Groups[1].Value, Regex.Replace(match.Groups[2].Value, "<[^>]+>", ""));
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex Image();

    [GeneratedRegex("<p class=\"runbook-alarm\"")]
    private static partial Regex AlarmPattern();
}
