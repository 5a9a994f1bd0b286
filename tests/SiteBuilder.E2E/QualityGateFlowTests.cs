using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Identity.Tokens;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Store;
using SiteBuilder.Operations;
using SiteBuilder.Operations.Approvals;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Promotions;

namespace SiteBuilder.E2E;

/// <summary>
/// The SIT → PROD quality gate as its approvers meet it: SIT's generation quality against PROD's, read by the portal's own
/// metrics source from rollups written to its metrics store; a regression holds Deploy (on the page and on the server) until a
/// TechLead other than the requester overrides it with a reason, and a SIT within tolerance goes on without one.
/// </summary>
public sealed class QualityGateFlowTests(BrowserFixture browser)
{
    /// <summary>
    /// The minute both tests write SIT's and PROD's generations to, under one instance name: a test's write replaces the other's
    /// rows (the store upserts by environment, metric, minute and instance), so each test compares exactly what it wrote,
    /// whichever ran first. Two hours back: a whole hour inside the gate's 24-hour window.
    /// </summary>
    private static readonly DateTimeOffset GenerationsMinute = MetricRollup.MinuteOf(DateTimeOffset.UtcNow.AddHours(-2));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    private T Service<T>()
        where T : notnull => browser.Portal.Services.GetRequiredService<T>();

    private static OpsActor Actor(Account account) => new(account.UserName, account.DisplayName, account.Roles);

    /// <summary>One environment's generations in <see cref="GenerationsMinute"/>: ten pages at this brand score and time to last chunk.</summary>
    private async Task GenerationsAsync(string environment, double brandScore, double timeToLastChunk)
    {
        var buckets = new long[DurationBuckets.Boundaries.Count + 1];
        buckets[MinuteAggregator.BucketIndex(DurationBuckets.Boundaries, timeToLastChunk)] = 10;
        await Service<IMetricsStore>().WriteRollupsAsync(
        [
            new MetricRollup(environment, MetricCatalog.BrandScore.Name, "", GenerationsMinute, "e2e-quality-gate", "e2e", 10, brandScore * 10, brandScore, brandScore, null),
            new MetricRollup(environment, MetricCatalog.TimeToLastChunk.Name, "", GenerationsMinute, "e2e-quality-gate", "e2e", 10, timeToLastChunk * 10, timeToLastChunk, timeToLastChunk, buckets),
        ], Ct);
    }

    /// <summary>A release live and healthy in SIT (through DEV's and SIT's own gates) and its SIT → PROD promotion, every check ticked.</summary>
    private async Task<PromotionRequest> ProdPromotionAsync(OpsActor requester, OpsActor techLead, OpsActor devOpsLead)
    {
        var version = await new OperationsFlowTests(browser).ReleaseLiveInDevAsync(requester, techLead);
        var promotions = Service<PromotionService>();
        var sit = await promotions.RequestAsync(version, EnvironmentCatalog.Sit, null, requester, Ct);
        foreach (var check in OperationsPolicy.PromotionChecks(EnvironmentCatalog.Sit))
        {
            await promotions.TickCheckAsync(sit.Id, check.Key, $"https://evidence.example.com/{check.Key}", requester, Ct);
        }

        await promotions.ApproveAsync(sit.Id, Roles.TechLead, null, techLead, Ct);
        await promotions.ApproveAsync(sit.Id, Roles.DevOpsLead, null, devOpsLead, Ct);
        var (deployment, _) = await Service<DeploymentService>().DeployPromotionAsync(sit.Id, requester, Ct);
        await Service<DeploymentRunner>().WhenIdleAsync();
        Assert.Equal(DeploymentStatus.Succeeded, (await Service<DeploymentService>().GetAsync(deployment.Id, Ct)).Status);

        var prod = await promotions.RequestAsync(version, EnvironmentCatalog.Prod, null, requester, Ct);
        foreach (var check in OperationsPolicy.PromotionChecks(EnvironmentCatalog.Prod))
        {
            await promotions.TickCheckAsync(prod.Id, check.Key, $"https://evidence.example.com/{check.Key}", requester, Ct);
        }

        return prod;
    }

    /// <summary>Signs in and opens the promotion, ready for clicks.</summary>
    private async Task<BrowserSession> OpenAsync(Account account, string password, string promotionId, int width = 1280, int height = 900)
    {
        var session = await browser.NewSessionAsync(width, height);
        await session.SignInAsync(account.UserName, password);
        await session.Page.GotoAsync($"/ops/promotions/{promotionId}");
        await session.WaitForInteractiveAsync();
        return session;
    }

    private async Task<HttpClient> ApiAsync(Account account)
    {
        var token = (await Service<LocalTokenIssuer>().IssueOperationsAsync(account, cancellationToken: Ct)).AccessToken;
        var api = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api;
    }

    [Fact]
    public async Task ASitRegressionHoldsProdForEveryApproverUntilAnotherTechLeadOverridesWithAReasonWhichThePromotionKeeps()
    {
        var (requester, requesterPassword) = await browser.Portal.CreateUserAsync([Roles.Operator], [], displayName: "Rhea Requester");
        var (lead, leadPassword) = await browser.Portal.CreateUserAsync([Roles.TechLead], [], displayName: "Theo Techlead");
        var (devops, devopsPassword) = await browser.Portal.CreateUserAsync([Roles.DevOpsLead], [], displayName: "Dina Devops");
        var (owner, ownerPassword) = await browser.Portal.CreateUserAsync([Roles.ProductOwner], [], displayName: "Pablo Product");
        var promotion = await ProdPromotionAsync(Actor(requester), Actor(lead), Actor(devops));
        // SIT's brand score is 0.9 below PROD's (the tolerance is 0.3); its TTLT p95 is 10 % above (the tolerance is 20 %).
        await GenerationsAsync(EnvironmentCatalog.Sit, brandScore: 7.9, timeToLastChunk: 22);
        await GenerationsAsync(EnvironmentCatalog.Prod, brandScore: 8.8, timeToLastChunk: 20);

        // The DevOpsLead sees why the gate holds, with both environments' numbers, and that only a TechLead can lift it.
        await using (var session = await OpenAsync(devops, devopsPassword, promotion.Id))
        {
            var page = session.Page;
            var panel = page.GetByTestId("quality-gate");
            await Assertions.Expect(panel.GetByTestId("quality-BrandScore").Locator("td")).ToHaveTextAsync(["7.90", "8.80", "regression"]);
            await Assertions.Expect(panel.GetByTestId("quality-TimeToLastChunk").Locator("td")).ToHaveTextAsync(["22.0 s", "20.0 s", "ok"]);
            await Assertions.Expect(panel).ToContainTextAsync("SIT 7.9 against PROD 8.8, 0.9 points below: SIT may be at most 0.3 points below PROD — regression.");
            await Assertions.Expect(panel).ToContainTextAsync("Deploy stays blocked until a TechLead other than the requester overrides with a reason.");
            await Assertions.Expect(panel.GetByTestId("quality-override")).ToHaveCountAsync(0);
            await Input(page, "sign-comment").FillAsync("Infrastructure is ready");
            await page.GetByTestId("sign-DevOpsLead").ClickAsync();
            await Assertions.Expect(page.GetByTestId("slot-DevOpsLead")).ToContainTextAsync("Dina Devops");
            await Assertions.Expect(page.GetByTestId("deploy")).ToBeDisabledAsync();
            await session.AssertPageIsCleanAsync("held promotion (DevOpsLead)");
            await session.ScreenshotAsync("ops-quality-gate-held-desktop");
        }

        // The ProductOwner signs on a phone: the panel reads at 375 px without scrolling sideways.
        await using (var session = await OpenAsync(owner, ownerPassword, promotion.Id, 375, 812))
        {
            var page = session.Page;
            await Assertions.Expect(page.GetByTestId("quality-gate")).ToContainTextAsync("regression");
            await page.GetByTestId("sign-ProductOwner").ClickAsync();
            await Assertions.Expect(page.GetByTestId("slot-ProductOwner")).ToContainTextAsync("Pablo Product");
            // A number broken over two lines ("7.9" above "0") misreads: each value and environment name keeps to one line.
            var brokenValues = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('[data-testid=quality-gate] .ops-quality-value')].filter(cell => {
                  const text = document.createRange();
                  text.selectNodeContents(cell);
                  return text.getClientRects().length > 1;
                }).map(cell => cell.textContent.trim())
                """);
            Assert.Empty(brokenValues);
            await session.AssertPageIsCleanAsync("held promotion at 375 px (ProductOwner)");
            await session.ScreenshotAsync("ops-quality-gate-held-phone", page.GetByTestId("quality-gate"));
        }

        await using var leadSession = await OpenAsync(lead, leadPassword, promotion.Id);
        var leadPage = leadSession.Page;
        await leadPage.GetByTestId("sign-TechLead").ClickAsync();
        await Assertions.Expect(leadPage.GetByTestId("slot-TechLead")).ToContainTextAsync("Theo Techlead");

        // Every check and sign-off is in: the regression alone holds Deploy, on the page and on the server.
        var missing = leadPage.GetByTestId("gate-missing");
        await Assertions.Expect(missing).ToHaveTextAsync(
            "Still missing: quality within tolerance (SIT 7.9 against PROD 8.8, 0.9 points below: SIT may be at most 0.3 points below PROD — regression.) or a TechLead override with a reason");
        await Assertions.Expect(leadPage.GetByTestId("deploy")).ToBeDisabledAsync();
        using (var api = await ApiAsync(lead))
        {
            using var held = await api.PostAsync($"/v1/ops/promotions/{promotion.Id}/deploy", null, Ct);
            Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);
            using var problem = JsonDocument.Parse(await held.Content.ReadAsStringAsync(Ct));
            Assert.Equal("GATE_NOT_MET", problem.RootElement.GetProperty("code").GetString());
            Assert.StartsWith("quality within tolerance", Assert.Single(problem.RootElement.GetProperty("missing").EnumerateArray()).GetString(), StringComparison.Ordinal);
        }

        // Only a TechLead may override: the DevOpsLead who signed is refused by the server too.
        using (var api = await ApiAsync(devops))
        {
            using var refused = await api.PostAsJsonAsync($"/v1/ops/promotions/{promotion.Id}/quality-override", new { reason = "We need it live" }, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Null((await Service<PromotionService>().GetAsync(promotion.Id, Ct)).Request.QualityOverride);
        Assert.Null((await Service<EnvironmentStates>().GetAsync(EnvironmentCatalog.Prod, Ct)).ActiveDeploymentId);

        // The TechLead overrides with a reason; the button waits for one.
        var overrideButton = leadPage.GetByTestId("quality-override");
        await Assertions.Expect(overrideButton).ToBeDisabledAsync();
        const string Reason = "SIT ran the load test's heaviest briefs this week; PROD's traffic is lighter (INC-412)";
        await Input(leadPage, "quality-reason").FillAsync(Reason);
        await leadSession.ScreenshotAsync("ops-quality-gate-override-form-desktop", leadPage.GetByTestId("quality-gate"));
        await overrideButton.ClickAsync();
        await Assertions.Expect(leadPage.GetByTestId("quality-overridden")).ToContainTextAsync("Overridden by Theo Techlead");
        await Assertions.Expect(leadPage.GetByTestId("quality-overridden")).ToContainTextAsync(Reason);
        await Assertions.Expect(leadPage.GetByTestId("gate-missing")).ToHaveCountAsync(0);
        await Assertions.Expect(leadPage.GetByTestId("deploy")).ToBeEnabledAsync();
        await leadSession.AssertPageIsCleanAsync("overridden promotion (TechLead)");
        await leadSession.ScreenshotAsync("ops-quality-gate-overridden-desktop");

        // The requester deploys; the promotion still says who overrode the gate and why, and so does the audit log.
        await using (var session = await OpenAsync(requester, requesterPassword, promotion.Id))
        {
            var page = session.Page;
            await page.GetByTestId("deploy").ClickAsync();
            await Assertions.Expect(page.GetByTestId("deployment-progress")).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("quality-overridden")).ToContainTextAsync("Overridden by Theo Techlead");
            await Assertions.Expect(page.GetByTestId("quality-overridden")).ToContainTextAsync(Reason);
            await Assertions.Expect(page.GetByTestId("quality-history")).ToBeVisibleAsync();
            await session.AssertPageIsCleanAsync("deployed promotion with an override");
            await session.ScreenshotAsync("ops-quality-gate-deployed-desktop");
        }

        Assert.Equal(promotion.ReleaseVersion, (await Service<EnvironmentStates>().GetAsync(EnvironmentCatalog.Prod, Ct)).Live?.Version);
        var overridden = Assert.Single(await Service<AuditLog>().QueryAsync(new AuditQuery(Environment: EnvironmentCatalog.Prod), Ct),
            e => e.Subject == promotion.Id && e.Action == "promotion.quality_overridden");
        Assert.Equal((lead.UserName, "Theo Techlead"), (overridden.Actor, overridden.ActorName));
        Assert.Contains(Reason, overridden.Detail, StringComparison.Ordinal);
        Assert.Contains("SIT 7.9 against PROD 8.8", overridden.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASitWithinToleranceOfProdLetsTheSignedPromotionDeployWithoutAnOverride()
    {
        var (requester, requesterPassword) = await browser.Portal.CreateUserAsync([Roles.Operator], [], displayName: "Rhea Requester");
        var (lead, _) = await browser.Portal.CreateUserAsync([Roles.TechLead], [], displayName: "Theo Techlead");
        var (devops, _) = await browser.Portal.CreateUserAsync([Roles.DevOpsLead], [], displayName: "Dina Devops");
        var (owner, _) = await browser.Portal.CreateUserAsync([Roles.ProductOwner], [], displayName: "Pablo Product");
        var promotion = await ProdPromotionAsync(Actor(requester), Actor(lead), Actor(devops));
        var promotions = Service<PromotionService>();
        await promotions.ApproveAsync(promotion.Id, Roles.TechLead, null, Actor(lead), Ct);
        await promotions.ApproveAsync(promotion.Id, Roles.DevOpsLead, null, Actor(devops), Ct);
        await promotions.ApproveAsync(promotion.Id, Roles.ProductOwner, null, Actor(owner), Ct);
        // 0.1 below on brand score (tolerance 0.3), 10 % slower (tolerance 20 %).
        await GenerationsAsync(EnvironmentCatalog.Sit, brandScore: 8.7, timeToLastChunk: 22);
        await GenerationsAsync(EnvironmentCatalog.Prod, brandScore: 8.8, timeToLastChunk: 20);

        await using var session = await OpenAsync(requester, requesterPassword, promotion.Id);
        var page = session.Page;
        var panel = page.GetByTestId("quality-gate");
        await Assertions.Expect(panel.GetByTestId("quality-BrandScore").Locator("td")).ToHaveTextAsync(["8.70", "8.80", "ok"]);
        await Assertions.Expect(panel.GetByTestId("quality-TimeToLastChunk").Locator("td")).ToHaveTextAsync(["22.0 s", "20.0 s", "ok"]);
        await Assertions.Expect(panel).Not.ToContainTextAsync("regression");
        await Assertions.Expect(panel).Not.ToContainTextAsync("blocked");
        await Assertions.Expect(page.GetByTestId("gate-missing")).ToHaveCountAsync(0);
        await page.GetByTestId("deploy").ClickAsync();
        await Assertions.Expect(page.GetByTestId("deployment-progress")).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 60_000 });
        await session.AssertPageIsCleanAsync("promotion within tolerance, deployed");

        Assert.Equal(promotion.ReleaseVersion, (await Service<EnvironmentStates>().GetAsync(EnvironmentCatalog.Prod, Ct)).Live?.Version);
        Assert.Null((await promotions.GetAsync(promotion.Id, Ct)).Request.QualityOverride);
    }
}
