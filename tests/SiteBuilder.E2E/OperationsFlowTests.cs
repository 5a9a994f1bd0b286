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
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Operations.Releases;

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
        // Generous: on a loaded two-core CI the other browser tests run beside this one (a limit on how long a failure takes to show).
        await operatorSession.Page.WaitForURLAsync("**/ops/promotions/pro-*", new() { Timeout = 60_000 });
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
}
