using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Operations;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Rollbacks;

namespace SiteBuilder.E2E;

public sealed class RunbooksTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Issue 12's "done when": search "throttl" → hits in two runbooks → open one at its section; PROD fills in af-south-1 and
    /// the prod table; copy a command; the section shows its alarm's state; tick the runbook's checklist inside a rollback and
    /// find the tick in the audit log.
    /// </summary>
    [Fact]
    public async Task AReaderSearchesOpensTheSectionFillsInProdCopiesACommandAndTicksTheChecklistInARollback()
    {
        var (account, password) = await browser.Portal.CreateUserAsync([Roles.Operator], [], displayName: "Rhea Runbook");
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await session.SignInAsync(account.UserName, password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Runbooks" }).First.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/runbooks", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API Documentation" }).First).ToBeVisibleAsync();

        // Search: word prefixes, ranked hits with the matches marked.
        await page.GetByTestId("runbook-search").FillAsync("throttl");
        var hits = page.GetByTestId("runbook-hits");
        await Assertions.Expect(hits.Locator("mark").First).ToBeVisibleAsync();
        Assert.StartsWith("throttl", (await hits.Locator("mark").First.InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("q=throttl", page.Url, StringComparison.Ordinal);
        var runbookHits = hits.Locator(".runbook-hit").Filter(new() { Has = page.Locator("a.runbook-hit-title:not([href^='/runbooks/docs/'])") });
        var runbooks = (await runbookHits.Locator(".runbook-hit-doc").AllInnerTextsAsync()).Distinct().ToList();
        Assert.True(runbooks.Count >= 2, "Hits in fewer than two runbooks: " + string.Join(", ", runbooks));
        await session.AssertPageIsCleanAsync("runbook search");
        await session.ScreenshotAsync("runbooks-search");

        // A hit in a runbook opens it at the section.
        var first = runbookHits.Locator("a.runbook-hit-title").First;
        var href = await first.GetAttributeAsync("href") ?? "";
        Assert.Contains("#", href, StringComparison.Ordinal);
        await first.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains(href, StringComparison.Ordinal));
        var section = page.Locator($"[id='{href[(href.IndexOf('#') + 1)..]}']");
        await Assertions.Expect(section).ToBeInViewportAsync();

        // The environment fills in the commands' placeholders and stays in the address.
        await page.GetByTestId("runbook-environment").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "PROD · af-south-1" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("env=prod", StringComparison.Ordinal));
        var placeholders = page.GetByTestId("runbook-placeholders");
        await Assertions.Expect(placeholders).ToContainTextAsync("af-south-1");
        await Assertions.Expect(placeholders).ToContainTextAsync("site-builder-generation-prod");
        var commands = page.GetByTestId("runbook-content").Locator("pre code");
        await Assertions.Expect(commands.Filter(new() { HasText = "af-south-1" }).First).ToBeVisibleAsync();
        await Assertions.Expect(commands.Filter(new() { HasText = "site-builder-generation-prod" }).First).ToBeAttachedAsync();

        // Copy puts the block's text on the clipboard, as shown.
        var block = page.Locator(".runbook-code").First;
        await block.Locator("button.runbook-copy").ClickAsync();
        await Assertions.Expect(block.Locator("button.runbook-copy")).ToHaveTextAsync("Copied");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal((await block.Locator("pre code").InnerTextAsync()).TrimEnd('\n'), copied);
        await session.AssertPageIsCleanAsync("runbook document");
        await session.ScreenshotAsync("runbooks-document", fullPage: false);

        // On a phone the contents give way to the document; nothing scrolls sideways, tables and code included.
        await using var phone = await browser.NewSessionAsync(375, 812);
        await phone.SignInAsync(account.UserName, password);
        await phone.Page.GotoAsync("/runbooks/docs/api-documentation?env=sit");
        await phone.WaitForInteractiveAsync();
        await Assertions.Expect(phone.Page.GetByTestId("runbook-content").Locator("h1")).ToBeVisibleAsync();
        await phone.AssertPageIsCleanAsync("runbook document on a phone");
        await phone.ScreenshotAsync("runbooks-document-phone", fullPage: false);

        // The troubleshooting runbook's alarm sections show their alarm's state for the chosen environment.
        await page.GotoAsync("/runbooks/troubleshooting?env=prod#dynamodb-throttling");
        await session.WaitForInteractiveAsync();
        var alarm = page.Locator("[data-testid='runbook-alarm'][data-alarm='store-throttles']");
        await Assertions.Expect(alarm).ToContainTextAsync("in PROD");
        Assert.Contains(await alarm.GetAttributeAsync("data-state"), new[] { "OK", "ALARM", "INSUFFICIENT_DATA" });
        await session.ScreenshotAsync("runbooks-alarm-state", page.Locator("h3#dynamodb-throttling"), page.Locator("xpath=//h3[@id='dynamodb-throttling']/following-sibling::p[3]"));

        // Inside a rollback that has run, the Rollback Runbook's checklist is ticked, and the tick is in the audit log.
        var rollbackId = await DevRollbackThatRanAsync(account);
        await page.GotoAsync($"/ops/rollbacks/{rollbackId}");
        await session.WaitForInteractiveAsync();
        var checklist = page.GetByTestId("runbook-checklist");
        await Assertions.Expect(checklist).ToContainTextAsync("Post-Rollback Verification");
        var item = checklist.GetByTestId("runbook-check").First;
        var key = await item.GetAttributeAsync("data-key");
        await item.Locator("input[type='checkbox']").CheckAsync();
        await Assertions.Expect(item.GetByTestId("runbook-check-tick")).ToContainTextAsync("Ticked by Rhea Runbook");
        await session.AssertPageIsCleanAsync("rollback with the runbook's checklist");
        await session.ScreenshotAsync("runbooks-rollback-checklist", checklist);
        await checklist.GetByTestId("runbook-checklist-link").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/runbooks/rollback?env=dev#", StringComparison.Ordinal));

        await page.GotoAsync("/ops/audit");
        await session.WaitForInteractiveAsync();
        await page.Locator("input[data-testid='audit-actor'], [data-testid='audit-actor'] input").First.FillAsync(account.UserName);
        await page.GetByTestId("audit-filter").ClickAsync();
        var tick = page.GetByTestId("audit-table").Locator("tbody tr").Filter(new() { HasText = "rollback.runbook_check" });
        await Assertions.Expect(tick).ToHaveCountAsync(1);
        await Assertions.Expect(tick).ToContainTextAsync(key!);
        await Assertions.Expect(tick).ToContainTextAsync("Rhea Runbook");
    }

    /// <summary>DEV on a second release, rolled back to the first: requested by <paramref name="requester"/>, signed by another operator, run.</summary>
    private async Task<string> DevRollbackThatRanAsync(Account requester)
    {
        var (lead, _) = await browser.Portal.CreateUserAsync([Roles.TechLead], [], displayName: "Tom Techlead");
        var (second, _) = await browser.Portal.CreateUserAsync([Roles.Operator], [], displayName: "Otto Operator");
        var (asRequester, asLead) = (Actor(requester), Actor(lead));
        var flow = new OperationsFlowTests(browser);
        await flow.ReleaseLiveInDevAsync(asRequester, asLead);
        await flow.ReleaseLiveInDevAsync(asRequester, asLead);
        var rollbacks = browser.Portal.Services.GetRequiredService<RollbackService>();
        var rollback = await rollbacks.RequestAsync("dev", "app_only", "previous", "error_rate", "Agent errors since the release, INC-7", asRequester, Ct);
        await rollbacks.ApproveAsync(rollback.Id, Roles.Operator, "Seen the alarm", Actor(second), Ct);
        await rollbacks.ExecuteAsync(rollback.Id, asRequester, Ct);
        await browser.Portal.Services.GetRequiredService<DeploymentRunner>().WhenIdleAsync();
        return rollback.Id;
    }

    private static OpsActor Actor(Account account) => new(account.UserName, account.DisplayName, account.Roles);
}
