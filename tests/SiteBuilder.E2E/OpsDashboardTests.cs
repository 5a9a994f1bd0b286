using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SiteBuilder.Identity;
using SiteBuilder.Observability.Alarms;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Store;

namespace SiteBuilder.E2E;

/// <summary>The operations dashboard in a real browser: charts with thresholds and deployments, ranges, alarms and their runbook links.</summary>
public sealed class OpsDashboardTests(BrowserFixture browser)
{
    /// <summary>
    /// An hour of traffic with one deployment half an hour ago and a 5XX burst after it: the error-rate alarm fires, which
    /// recommends a rollback.
    /// </summary>
    private async Task<(string Environment, string Release)> SeedAsync()
    {
        var services = browser.Portal.Services;
        // The portal records its own release version when it starts: that is the deployment on the charts.
        var release = services.GetRequiredService<ReleaseIdentity>().Version;
        var environment = services.GetRequiredService<ObservedEnvironments>().Own;
        var store = services.GetRequiredService<IMetricsStore>();
        var now = DateTimeOffset.UtcNow;
        var first = MetricRollup.MinuteOf(now.AddMinutes(-59));
        var rollups = new List<MetricRollup>();
        for (var minute = first; minute <= now; minute = minute.AddMinutes(1))
        {
            var i = (int)(minute - first).TotalMinutes;
            var afterDeploy = minute > now.AddMinutes(-5);
            var version = minute < now.AddMinutes(-30) ? "0.0.1-e2e" : release;
            MetricRollup Count(string metric, string dimension, double value) => new(environment, metric, dimension, minute, "e2e", version, value, value, 1, 1, null);
            // The burst is large: the other browser tests' real requests land in the same environment and minutes, and must
            // not dilute the error rate below the trigger.
            var burst = afterDeploy ? 200 : 0;
            rollups.Add(Count("HttpRequests", "/v1/sites/{tenant_id}/generation", 20 + (i % 7) + burst));
            rollups.Add(Count("Http5xx", "/v1/sites/{tenant_id}/generation", afterDeploy ? burst : i % 9 == 0 ? 1 : 0));
            rollups.Add(Count("AgentErrors", Agents.PageGenerator, i % 11 == 0 ? 2 : 0));
            rollups.Add(Count("AgentErrors", Agents.LogoCreator, i % 13 == 0 ? 1 : 0));
            rollups.Add(new(environment, "BrandScore", "", minute, "e2e", version, 4, 4 * (8.4 + (i % 5) / 10.0), 8.1, 8.9, null));
            rollups.Add(new(environment, "ActiveStreams", "", minute, "e2e", version, 1, 3 + (i % 4), 3 + (i % 4), 3 + (i % 4), null));
            var buckets = new long[DurationBuckets.Boundaries.Count + 1];
            buckets[MinuteAggregator.BucketIndex(DurationBuckets.Boundaries, 12 + (i % 6))] = 3;
            buckets[MinuteAggregator.BucketIndex(DurationBuckets.Boundaries, 30)] = 1;
            rollups.Add(new(environment, "TimeToLastChunk", "", minute, "e2e", version, 4, 70 + (i % 6), 12, 30, buckets));
            rollups.Add(new(environment, "AgentDuration", Agents.PageGenerator, minute, "e2e", version, 4, 70, 12, 30, buckets));
        }

        await store.WriteRollupsAsync(rollups);
        await store.RecordVersionAsync(new VersionSeen(environment, "0.0.1-e2e", now.AddHours(-3)));
        await store.RecordVersionAsync(new VersionSeen(environment, release, now.AddMinutes(-30)));
        await services.GetRequiredService<AlarmEvaluator>().EvaluateAsync(environment, now);
        return (environment, release);
    }

    [Fact]
    public async Task AnOperatorSeesChartsWithThresholdsAndDeploymentsSwitchesTheRangeAndOpensAnAlarmsRunbook()
    {
        var (environment, release) = await SeedAsync();
        var (operatorAccount, password) = await browser.Portal.CreateUserAsync([Roles.Operator], [], displayName: "Olu Operator");
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(operatorAccount.UserName, password);
        var assets = FetchedAssets.Watch(session.Page);

        await session.Page.GotoAsync("/ops/dashboard");
        await session.WaitForInteractiveAsync();

        var charts = session.Page.Locator("figure.metric-chart");
        await Assertions.Expect(charts).ToHaveCountAsync(10);
        var fiveXx = session.Page.GetByTestId("chart-http-5xx");
        await Assertions.Expect(fiveXx.GetByTestId("threshold")).ToHaveCountAsync(1);
        await Assertions.Expect(session.Page.GetByTestId("chart-requests").GetByTestId("annotation")).ToHaveCountAsync(1);
        // Plotly drew them: the dashed threshold and the dotted deployment line, the deployment labelled with its version, on
        // every chart.
        await Assertions.Expect(fiveXx.Locator(".shapelayer path")).ToHaveCountAsync(2);
        await Assertions.Expect(session.Page.Locator("figure.metric-chart[data-deployments='1']")).ToHaveCountAsync(10);
        await Assertions.Expect(session.Page.Locator("figure.metric-chart .annotation-text", new() { HasText = release })).ToHaveCountAsync(10);
        await Assertions.Expect(session.Page.Locator("figure.metric-chart .main-svg .scatterlayer .trace").First).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByTestId("rollback-banner")).ToContainTextAsync(release);
        await Assertions.Expect(session.Page.GetByTestId("rollback-banner").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/ops/rollbacks/new?environment={environment}");
        await Assertions.Expect(session.Page.GetByTestId("alarm-error-rate").GetByTestId("state")).ToHaveTextAsync("ALARM");
        await session.AssertPageIsCleanAsync("dashboard");
        await session.ScreenshotAsync("ops-dashboard-desktop");
        // plotly.js included: the charts load it once the circuit is up.
        var fetched = await assets.AssertFingerprintedAndCompressedAsync(browser.Portal, "the dashboard");
        Assert.Contains(fetched, path => path.Contains("plotly", StringComparison.OrdinalIgnoreCase));

        var hourTicks = await fiveXx.Locator(".xtick text").AllTextContentsAsync();
        await session.Page.GetByTestId("range-6h").ClickAsync();
        await Assertions.Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("range=6h"));
        await Assertions.Expect(session.Page.GetByTestId("range-6h")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(session.Page.GetByTestId("updated")).ToContainTextAsync("6 hours");
        // The figures were redrawn in place for the new range: the time axis shows other hours.
        await Assertions.Expect(fiveXx.Locator(".xtick text")).Not.ToHaveTextAsync([.. hourTicks]);

        await session.Page.GetByTestId("alarm-agent-errors").GetByTestId("runbook").ClickAsync();
        await Assertions.Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/runbooks/troubleshooting#agent-errors$"));
    }

    [Fact]
    public async Task TheDashboardWorksAtPhoneWidthAndIsClosedToMarketers()
    {
        await SeedAsync();
        var (lead, password) = await browser.Portal.CreateUserAsync([Roles.DevOpsLead], []);
        var (marketer, marketerPassword) = await browser.Portal.CreateUserAsync([Roles.Marketer], ["acme"]);
        await using (var session = await browser.NewSessionAsync(375, 812))
        {
            await session.SignInAsync(lead.UserName, password);
            await session.Page.GotoAsync("/ops/dashboard?range=24h");
            await session.WaitForInteractiveAsync();
            await Assertions.Expect(session.Page.Locator("figure.metric-chart")).ToHaveCountAsync(10);
            await session.AssertPageIsCleanAsync("dashboard (phone)");
            await session.ScreenshotAsync("ops-dashboard-phone");
        }

        await using var refused = await browser.NewSessionAsync();
        await refused.SignInAsync(marketer.UserName, marketerPassword);
        await refused.Page.GotoAsync("/ops/dashboard");
        await Assertions.Expect(refused.Page.GetByTestId("ops-dashboard")).ToHaveCountAsync(0);
    }
}
