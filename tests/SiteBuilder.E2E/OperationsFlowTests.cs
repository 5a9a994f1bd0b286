using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Tokens;
using SiteBuilder.Operations;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Engines;
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Operations.Releases;
using SiteBuilder.Operations.Restores;
using SiteBuilder.Operations.Rollbacks;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.E2E;

/// <summary>Issue 15's first "done when": an Operator's DEV → SIT promotion, signed by two others, deployed, on the board and in the audit log.</summary>
public sealed class OperationsFlowTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The input of a MudTextField, wherever its data-testid landed (the input itself or its wrapper).</summary>
    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;

    private T Service<T>()
        where T : notnull => browser.Portal.Services.GetRequiredService<T>();

    /// <summary>A release live and healthy in DEV, put there through DEV's own gate (services, as the API would).</summary>
    internal async Task<string> ReleaseLiveInDevAsync(OpsActor requester, OpsActor techLead)
    {
        var version = $"2.{RandomNumberGenerator.GetInt32(1000)}.{RandomNumberGenerator.GetInt32(1000)}";
        await Service<ReleaseService>().RegisterAsync(new NewRelease(version, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)),
            "sha256:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            "Faster checkout; clearer pricing table", new ReleaseEvidence { TestsPassed = true, CoveragePercent = 87.5, ReviewApproved = true }), requester, Ct);
        var promotions = Service<PromotionService>();
        var dev = await promotions.RequestAsync(version, "dev", null, requester, Ct);
        await promotions.TickCheckAsync(dev.Id, "tests_passing", "https://ci.example.com/runs/812", requester, Ct);
        await promotions.TickCheckAsync(dev.Id, "code_review_approved", "PR #311 approved", requester, Ct);
        await promotions.ApproveAsync(dev.Id, Roles.TechLead, "Looks good", techLead, Ct);
        var (deployment, _) = await Service<DeploymentService>().DeployPromotionAsync(dev.Id, requester, Ct);
        await Service<DeploymentRunner>().WhenIdleAsync();
        Assert.Equal(DeploymentStatus.Succeeded, (await Service<DeploymentService>().GetAsync(deployment.Id, Ct)).Status);
        return version;
    }

    /// <summary>
    /// After Request: the promotion page opens, or the page says why not. A refusal fails the test with the page's own
    /// words, not with a timeout (generous: the limit only bounds how long a failure takes to show on a loaded CI).
    /// </summary>
    private static async Task RequestedOrRefusedAsync(IPage page)
    {
        await page.WaitForFunctionAsync(
            "() => location.pathname.startsWith('/ops/promotions/pro-') || document.querySelector('[data-testid=promotion-request-error]') !== null",
            null, new() { Timeout = 60_000 });
        var refusal = page.GetByTestId("promotion-request-error");
        if (await refusal.CountAsync() > 0)
        {
            Assert.Fail($"The promotion was not requested; the page says: {await refusal.InnerTextAsync()}");
        }

        await page.WaitForURLAsync("**/ops/promotions/pro-*");
    }

    [Fact]
    public async Task AnOperatorsDevToSitPromotionIsSignedByATechLeadAndADevOpsLeadDeployedAndShownOnTheBoardAndInTheAudit()
    {
        var (op, opPassword) = await browser.Portal.CreateUserAsync([Roles.Operator, Roles.TechLead], [], displayName: "Olga Operator");
        var (lead, leadPassword) = await browser.Portal.CreateUserAsync([Roles.TechLead], [], displayName: "Tom Techlead");
        var (devops, devopsPassword) = await browser.Portal.CreateUserAsync([Roles.DevOpsLead], [], displayName: "Dora Devops");
        var version = await ReleaseLiveInDevAsync(new OpsActor(op.UserName, op.DisplayName, op.Roles), new OpsActor(lead.UserName, lead.DisplayName, lead.Roles));

        // The Operator requests DEV → SIT and ticks the checklist.
        await using var operatorSession = await browser.NewSessionAsync();
        await operatorSession.SignInAsync(op.UserName, opPassword);
        await operatorSession.Page.GotoAsync($"/ops/promotions?version={version}&target=sit");
        await operatorSession.WaitForInteractiveAsync();
        await operatorSession.Page.GetByTestId("request-promotion").ClickAsync();
        await RequestedOrRefusedAsync(operatorSession.Page);
        var promotionUrl = operatorSession.Page.Url;
        var promotionId = promotionUrl[(promotionUrl.LastIndexOf('/') + 1)..];
        foreach (var check in new[] { "dev_deployment_successful", "dev_integration_tests_passing", "change_request_approved" })
        {
            await Input(operatorSession.Page, $"evidence-{check}").FillAsync($"https://evidence.example.com/{check}");
            await operatorSession.Page.GetByTestId($"tick-{check}").ClickAsync();
            await Assertions.Expect(operatorSession.Page.GetByTestId($"check-{check}")).ToContainTextAsync("Olga Operator");
        }

        // Their own sign-off is refused: the page offers none and says why; the server refuses it too.
        var techLeadSlot = operatorSession.Page.GetByTestId("slot-TechLead");
        await Assertions.Expect(techLeadSlot).ToContainTextAsync("You made this request: someone else signs it off");
        await Assertions.Expect(operatorSession.Page.GetByTestId("sign-TechLead")).ToHaveCountAsync(0);
        await Assertions.Expect(operatorSession.Page.GetByTestId("deploy")).ToBeDisabledAsync();
        var ownToken = (await Service<LocalTokenIssuer>().IssueOperationsAsync(op, cancellationToken: Ct)).AccessToken;
        using var api = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ownToken);
        using var own = await api.PostAsync($"/v1/ops/promotions/{promotionId}/approvals", new StringContent("""{"role":"TechLead"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        await operatorSession.ScreenshotAsync("ops-promotion-desktop");

        // A TechLead and a DevOpsLead sign, each from their own approvals inbox.
        foreach (var (user, password, role) in new[] { (lead, leadPassword, Roles.TechLead), (devops, devopsPassword, Roles.DevOpsLead) })
        {
            await using var approver = await browser.NewSessionAsync();
            await approver.SignInAsync(user.UserName, password);
            await approver.Page.GotoAsync("/ops/approvals");
            await approver.WaitForInteractiveAsync();
            await Assertions.Expect(approver.Page.GetByTestId("approvals-count")).Not.ToHaveCountAsync(0);
            await approver.Page.GetByTestId("inbox").GetByRole(AriaRole.Link, new() { Name = $"{version}: DEV → SIT" }).ClickAsync();
            await approver.Page.WaitForURLAsync(promotionUrl);
            await approver.WaitForInteractiveAsync();
            await Input(approver.Page, "sign-comment").FillAsync($"{role}: fine by me");
            await approver.Page.GetByTestId($"sign-{role}").ClickAsync();
            await Assertions.Expect(approver.Page.GetByTestId($"slot-{role}")).ToContainTextAsync(user.DisplayName);
        }

        // Deploy is enabled once the gate is met; the engine's progress ends in succeeded.
        await operatorSession.Page.ReloadAsync();
        await operatorSession.WaitForInteractiveAsync();
        await Assertions.Expect(operatorSession.Page.GetByTestId("slot-DevOpsLead")).ToContainTextAsync("Dora Devops");
        await Assertions.Expect(operatorSession.Page.GetByTestId("slot-TechLead")).ToContainTextAsync("h ");
        var deploy = operatorSession.Page.GetByTestId("deploy");
        await Assertions.Expect(deploy).ToBeEnabledAsync();
        await deploy.ClickAsync();
        await Assertions.Expect(operatorSession.Page.GetByTestId("deployment-progress")).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 60_000 });
        await operatorSession.AssertPageIsCleanAsync("promotion page");
        await operatorSession.ScreenshotAsync("ops-promotion-deployed-desktop");

        // The board shows the release in SIT.
        await operatorSession.Page.GotoAsync("/ops");
        await operatorSession.WaitForInteractiveAsync();
        await Assertions.Expect(operatorSession.Page.GetByTestId("env-sit").GetByTestId("live-version")).ToHaveTextAsync(version);
        await Assertions.Expect(operatorSession.Page.GetByTestId("env-sit")).ToContainTextAsync("by Olga Operator");
        await Assertions.Expect(operatorSession.Page.GetByTestId("local-demo")).ToBeVisibleAsync();
        await operatorSession.AssertPageIsCleanAsync("environments board");
        await operatorSession.ScreenshotAsync("ops-board-desktop");

        // The audit log shows each step with who and when; the CSV export holds the same rows.
        var expected = (await Service<AuditLog>().QueryAsync(new AuditQuery(Environment: "sit"), Ct)).Where(e => e.Subject == promotionId || e.Subject == Deployment.IdFor(promotionId)).ToList();
        Assert.Equal(
            ["promotion.requested", "promotion.check_ticked", "promotion.check_ticked", "promotion.check_ticked", "promotion.approved", "promotion.approved", "deployment.queued", "deployment.succeeded"],
            expected.Select(e => e.Action));
        Assert.Equal(["Olga Operator", "Olga Operator", "Olga Operator", "Olga Operator", "Tom Techlead", "Dora Devops", "Olga Operator", "SiteBuilder"], expected.Select(e => e.ActorName));
        await operatorSession.Page.GotoAsync("/ops/audit");
        await operatorSession.WaitForInteractiveAsync();
        await operatorSession.Page.GetByTestId("audit-environment").ClickAsync();
        await operatorSession.Page.GetByRole(AriaRole.Option, new() { Name = "SIT" }).ClickAsync();
        await operatorSession.Page.GetByTestId("audit-filter").ClickAsync();
        var rows = operatorSession.Page.GetByTestId("audit-table").Locator("tbody tr");
        var all = (await Service<AuditLog>().QueryAsync(new AuditQuery(Environment: "sit"), Ct)).ToList();
        await Assertions.Expect(rows).ToHaveCountAsync(all.Count);
        foreach (var entry in expected)
        {
            await Assertions.Expect(rows.Filter(new() { HasText = entry.At.ToString("yyyy-MM-dd HH:mm:ss") }).Filter(new() { HasText = entry.Action }).First).ToContainTextAsync(entry.ActorName);
        }

        var href = await operatorSession.Page.GetByTestId("export-csv").GetAttributeAsync("href");
        var csv = await operatorSession.Page.APIRequest.GetAsync(href!);
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(all.Select(e => e.Id), lines.Skip(1).Select(l => l[(l.LastIndexOf(',') + 1)..]));
        await operatorSession.AssertPageIsCleanAsync("audit log");
        await operatorSession.ScreenshotAsync("ops-audit-desktop");
    }

    [Fact]
    public async Task TheBoardAndThePromotionPageWorkAtPhoneWidth()
    {
        var (op, password) = await browser.Portal.CreateUserAsync([Roles.Operator], [], displayName: "Pia Phone");
        var (lead, _) = await browser.Portal.CreateUserAsync([Roles.TechLead], [], displayName: "Lee Lead");
        var version = await ReleaseLiveInDevAsync(new OpsActor(op.UserName, op.DisplayName, op.Roles), new OpsActor(lead.UserName, lead.DisplayName, lead.Roles));
        var promotion = await Service<PromotionService>().RequestAsync(version, "sit", null, new OpsActor(op.UserName, op.DisplayName, op.Roles), Ct);
        await using var session = await browser.NewSessionAsync(375, 812);
        await session.SignInAsync(op.UserName, password);

        await session.Page.GotoAsync("/ops");
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(session.Page.GetByTestId("env-dev")).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync("environments board at phone width");
        await session.ScreenshotAsync("ops-board-phone");

        await session.Page.GotoAsync($"/ops/promotions/{promotion.Id}");
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(session.Page.GetByTestId("approvals-panel")).ToBeVisibleAsync();
        await session.AssertPageIsCleanAsync("promotion page at phone width");
        await session.ScreenshotAsync("ops-promotion-phone");

        foreach (var path in new[] { "/ops/releases", "/ops/promotions", "/ops/rollbacks", "/ops/restores", "/ops/audit" })
        {
            await session.Page.GotoAsync(path);
            await session.WaitForInteractiveAsync();
            await session.AssertPageIsCleanAsync($"{path} at phone width");
        }
    }

    /// <summary>
    /// The screens nobody had looked at, at desktop and phone width: a promotion mid-deployment, the rollback wizard step by
    /// step (preview, ready to request, requested, rolled back with its follow-ups), the restores page and an approvals inbox.
    /// Each must be clean (no console error, no horizontal scroll, no axe violation); the screenshots are for people to look at.
    /// </summary>
    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task APromotionMidDeploymentTheRollbackWizardRestoresAndTheApprovalsInboxAreCleanAt(int width, int height, string size)
    {
        var (op, password) = await browser.Portal.CreateUserAsync([Roles.Operator], [], displayName: "Rita Review");
        var (lead, leadPassword) = await browser.Portal.CreateUserAsync([Roles.TechLead], [], displayName: "Tariq Techlead");
        var (second, _) = await browser.Portal.CreateUserAsync([Roles.Operator], [], displayName: "Owen Operator");
        var (devops, _) = await browser.Portal.CreateUserAsync([Roles.DevOpsLead], [], displayName: "Dana Devops");
        var requester = new OpsActor(op.UserName, op.DisplayName, op.Roles);
        var techLead = new OpsActor(lead.UserName, lead.DisplayName, lead.Roles);
        var earlier = await ReleaseLiveInDevAsync(requester, techLead);
        var current = await ReleaseLiveInDevAsync(requester, techLead);

        // A SIT promotion whose deployment is running: held in that state as the engine reported it (a GitHub run takes minutes).
        var promotions = Service<PromotionService>();
        var promotion = await promotions.RequestAsync(current, "sit", null, requester, Ct);
        foreach (var check in new[] { "dev_deployment_successful", "dev_integration_tests_passing", "change_request_approved" })
        {
            await promotions.TickCheckAsync(promotion.Id, check, $"https://evidence.example.com/{check}", requester, Ct);
        }

        await promotions.ApproveAsync(promotion.Id, Roles.TechLead, "Fine by me", techLead, Ct);
        await promotions.ApproveAsync(promotion.Id, Roles.DevOpsLead, null, new OpsActor(devops.UserName, devops.DisplayName, devops.Roles), Ct);
        var release = await Service<ReleaseService>().GetAsync(current, Ct);
        var runner = Service<DeploymentRunner>();
        var clock = Service<TimeProvider>().GetUtcNow();
        var running = await Service<IOperationsStore>().InsertAsync(new Deployment
        {
            Id = Deployment.IdFor(promotion.Id), DeploymentKind = DeploymentKind.Promotion, RequestId = promotion.Id, Environment = "sit",
            SourceEnvironment = "dev", ReleaseVersion = current, ImageDigest = release!.ImageDigest, TerraformCommit = release.TerraformCommit,
            Engine = "GitHubActions", Status = DeploymentStatus.Running, By = op.UserName, ByName = op.DisplayName, CreatedAt = clock, StartedAt = clock,
            RunId = "8123456789", RunUrl = new Uri("https://github.example.com/acme/site-builder/actions/runs/8123456789"),
            Detail = "in_progress", Owner = runner.InstanceId, HeartbeatAt = clock,
            Steps = [new("Check the inputs", EngineRunState.Succeeded, null), new("Resolve the DEV image by digest", EngineRunState.Succeeded, null),
                     new("Deploy the task definition and wait for the service to be stable", EngineRunState.Running, null), new("Summary", EngineRunState.Queued, null)],
        }, Ct);
        var restores = Service<RestoreService>();
        var source = (await restores.ListSourcesAsync(Ct))[0];
        await restores.RequestAsync(source.Backend, source.Source, null, $"review-{size}-restored.db", "A bad migration dropped rows (INC-77)", requester, Ct);

        await using var session = await browser.NewSessionAsync(width, height);
        await session.SignInAsync(op.UserName, password);
        async Task LookAsync(string what, string screenshot)
        {
            await session.AssertPageIsCleanAsync($"{what} at {width} px");
            await session.ScreenshotAsync($"review-{screenshot}-{size}");
        }

        await session.Page.GotoAsync($"/ops/promotions/{promotion.Id}");
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(session.Page.GetByTestId("deployment-progress")).ToHaveAttributeAsync("data-status", "running");
        await Assertions.Expect(session.Page.GetByTestId("deployment-progress")).ToContainTextAsync("Deploy the task definition");
        await LookAsync("promotion page mid-deployment", "promotion-deploying");

        await session.Page.GotoAsync("/ops/rollbacks");
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(session.Page.GetByTestId("rollback-preview")).ToContainTextAsync(earlier);
        await Assertions.Expect(session.Page.GetByTestId("request-rollback")).ToBeDisabledAsync();
        await LookAsync("rollback wizard: preview", "rollback-1-preview");
        await Input(session.Page, "rollback-reason").FillAsync($"Error rate above 5% since {current}");
        await Assertions.Expect(session.Page.GetByTestId("request-rollback")).ToBeEnabledAsync();
        await LookAsync("rollback wizard: ready to request", "rollback-2-ready");
        await session.Page.GetByTestId("request-rollback").ClickAsync();
        await session.Page.WaitForURLAsync("**/ops/rollbacks/rbk-*", new() { Timeout = 60_000 });
        await session.WaitForInteractiveAsync();
        await LookAsync("rollback: waiting for sign-off", "rollback-3-requested");

        var rollbackId = session.Page.Url[(session.Page.Url.LastIndexOf('/') + 1)..];
        var rollbacks = Service<RollbackService>();
        await rollbacks.ApproveAsync(rollbackId, Roles.Operator, "Seen the error rate too", new OpsActor(second.UserName, second.DisplayName, second.Roles), Ct);
        var (rolledBack, _) = await rollbacks.ExecuteAsync(rollbackId, requester, Ct);
        await runner.WhenIdleAsync();
        Assert.Equal(DeploymentStatus.Succeeded, (await Service<DeploymentService>().GetAsync(rolledBack.Id, Ct)).Status);
        await session.Page.ReloadAsync();
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(session.Page.GetByTestId("follow-ups")).ToBeVisibleAsync();
        await LookAsync("rollback: done, with its follow-ups", "rollback-4-done");

        await session.Page.GotoAsync("/ops/restores");
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(session.Page.GetByText($"review-{size}-restored.db").First).ToBeVisibleAsync();
        await LookAsync("restores page", "restores");

        await using var approver = await browser.NewSessionAsync(width, height);
        await approver.SignInAsync(lead.UserName, leadPassword);
        await approver.Page.GotoAsync("/ops/approvals");
        await approver.WaitForInteractiveAsync();
        await Assertions.Expect(approver.Page.GetByTestId("inbox")).ToContainTextAsync($"review-{size}-restored.db");
        await approver.AssertPageIsCleanAsync($"approvals inbox at {width} px");
        await approver.ScreenshotAsync($"review-approvals-{size}");

        // Not left running: it was a picture of a run, not a run.
        await Service<IOperationsStore>().UpdateAsync(running with { Status = DeploymentStatus.Failed, FinishedAt = clock, Detail = "Review fixture: no engine ran." }, Ct);
    }
}
