using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Identity;
using SiteBuilder.Observability.Alarms;
using SiteBuilder.Observability.Store;
using SiteBuilder.Portal.Tests.Hardening;

namespace SiteBuilder.Portal.Tests.Runbooks;

/// <summary>Issue 12 point 2: each troubleshooting section an alarm links to shows that alarm's state from the alarm store, for the environment the reader picked.</summary>
public sealed partial class RunbookAlarmStateTests(PortalFixture portal) : IClassFixture<PortalFixture>
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
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var browser = PortalBrowser.Open(portal.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalBrowser.SignInAsync(browser, account.UserName, password)).StatusCode);

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
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Operator], []);
        var browser = PortalBrowser.Open(portal.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalBrowser.SignInAsync(browser, account.UserName, password)).StatusCode);

        var html = await browser.GetStringAsync("/runbooks/docs/architecture?env=prod", Ct);

        Assert.DoesNotMatch(AlarmPattern(), html);
    }

    private static (string State, string Text) Alarm(string html, string id)
    {
        var match = Regex.Match(html, $"<p class=\"runbook-alarm\"[^>]*data-alarm=\"{Regex.Escape(id)}\" data-state=\"([A-Z_]+)\">(.*?)</p>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No state for alarm {id} on the page.");
        return (match.Groups[1].Value, Regex.Replace(match.Groups[2].Value, "<[^>]+>", ""));
    }

    [GeneratedRegex("<p class=\"runbook-alarm\"")]
    private static partial Regex AlarmPattern();
}
