using Microsoft.Playwright;
using SiteBuilder.Identity;

namespace SiteBuilder.E2E;

public sealed class RunbooksTests(BrowserFixture browser)
{
    [Fact]
    public async Task AReaderSearchesOpensTheSectionFillsInProdAndCopiesACommand()
    {
        var (account, password) = await browser.Portal.CreateUserAsync([Roles.Operator], []);
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
        await session.AssertPageIsCleanAsync("runbook search");
        await session.ScreenshotAsync("runbooks-search");

        // A hit opens its document at the section.
        var first = hits.Locator("a.runbook-hit-title").First;
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
    }
}
