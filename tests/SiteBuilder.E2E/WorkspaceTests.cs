using SiteBuilder.Observability.Metrics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SiteBuilder.BrandAssets.Library;
using SiteBuilder.Generation.Records;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Identity;
using SiteBuilder.TestSupport.FakeBedrockImages;

namespace SiteBuilder.E2E;

/// <summary>The marketer's workspace in Chromium: generate, watch the preview fill, cancel, refine, compare, restore, download.</summary>
public sealed class WorkspaceTests(BrowserFixture browser)
{
    private const string SalePrompt = "A summer sale landing page for Acme Outfitters: 30% off hiking gear until August 31, with a product grid and an FAQ.";

    /// <summary>Every value the preview's <c>data-length</c> takes, recorded in the page itself so no repaint is missed.</summary>
    private const string RecordPreviewLengths = """
        window.__lengths = [];
        window.__messages = [];
        addEventListener('message', e => window.__messages.push(String(e.data)));
        new MutationObserver(records => {
          for (const r of records) {
            if (r.target.dataset && r.target.dataset.testid === 'preview') window.__lengths.push(Number(r.target.dataset.length));
          }
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-length'] });
        """;

    private GenerationService Generations => browser.Portal.Services.GetRequiredService<GenerationService>();

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..10];

    private async Task<BrowserSession> SignedInAsync(string tenant, int width = 1280, int height = 900)
    {
        var (marketer, password) = await browser.Portal.CreateUserAsync([Roles.Marketer], [tenant], displayName: "Mia Marketer");
        var session = await browser.NewSessionAsync(width, height);
        await session.Context.AddInitScriptAsync(RecordPreviewLengths);
        await session.SignInAsync(marketer.UserName, password);
        return session;
    }

    private static async Task GenerateAsync(BrowserSession session, string prompt, string? template = "ecommerce-sale")
    {
        var page = session.Page;
        await page.GotoAsync("/workspace");
        await session.WaitForInteractiveAsync();
        await page.GetByTestId("prompt").FillAsync(prompt);
        if (template is not null)
        {
            await page.Locator($"[data-template={template}]").ClickAsync();
        }

        await page.GetByTestId("generate").ClickAsync();
    }

    private static async Task WaitForCompleteAsync(IPage page) =>
        await Assertions.Expect(page.GetByTestId("brand-score")).ToBeVisibleAsync(new() { Timeout = 30_000 });

    private static string GenerationIdOf(IPage page) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["generation"] ?? throw new InvalidOperationException($"No generation in {page.Url}");

    private static async Task<int> PreviewLengthAsync(IPage page) =>
        int.Parse(await page.GetByTestId("preview").GetAttributeAsync("data-length") ?? "0", CultureInfo.InvariantCulture);

    private async Task<GenerationRecord> WaitForStatusAsync(string tenant, string id, GenerationStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var generation = await Generations.GetAsync(tenant, id, TestContext.Current.CancellationToken);
            if (generation?.Status == status || DateTime.UtcNow > deadline)
            {
                Assert.Equal(status, generation?.Status);
                return generation!;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task MarketerGeneratesAPageAndSeesItInThePreview(int width, int height, string device)
    {
        var tenant = NewTenant();
        await using var session = await SignedInAsync(tenant, width, height);
        var page = session.Page;

        await page.GotoAsync("/workspace");
        await session.WaitForInteractiveAsync();
        await session.AssertPageIsCleanAsync($"empty workspace ({device})");
        await session.ScreenshotAsync($"workspace-new-{device}");
        await page.GetByTestId("prompt").FillAsync(SalePrompt);
        await page.Locator("[data-template=ecommerce-sale]").ClickAsync();
        await page.GetByTestId("generate").ClickAsync();

        await WaitForCompleteAsync(page);
        Assert.True(await PreviewLengthAsync(page) > 5_000, "The preview holds too little of the page.");
        await Assertions.Expect(page.FrameLocator("iframe.preview-frame.front").Locator("h1")).ToContainTextAsync("30% off");
        // Snackbars fade; the clean-page check and the picture are of the page as it stays.
        await page.Locator(".mud-snackbar").First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        await session.AssertPageIsCleanAsync($"workspace with a page ({device})");
        // The viewport, as the marketer sees it: full-page captures leave out-of-process (sandboxed) frames blank.
        await session.ScreenshotAsync($"workspace-{device}", fullPage: false);
    }

    [Fact]
    public async Task ABrandColourIsTypedOrPastedAndThePickerIsAnOptionThatClosesOnEscapeAndOnAClickOutside()
    {
        var tenant = NewTenant();
        await using var session = await SignedInAsync(tenant);
        var page = session.Page;
        await page.GotoAsync("/workspace");
        await session.WaitForInteractiveAsync();
        var primary = page.Locator("[data-testid=primary-color] input");
        var swatch = page.GetByTestId("primary-color-picker");
        var picker = page.GetByTestId("primary-color-dialog");

        // Pasted without its hash, then a typo: the field says what it expects and keeps the last good colour.
        await primary.FillAsync("1a2b3c");
        await primary.PressAsync("Tab");
        await Assertions.Expect(primary).ToHaveValueAsync("#1A2B3C");
        await Assertions.Expect(swatch).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex("--swatch:#1A2B3C"));
        await primary.FillAsync("#12g");
        await primary.PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid=primary-color]")).ToContainTextAsync("is not a hex colour");
        await Assertions.Expect(swatch).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex("--swatch:#1A2B3C"));
        await primary.FillAsync("#abc");
        await primary.PressAsync("Tab");
        await Assertions.Expect(primary).ToHaveValueAsync("#AABBCC");
        await Assertions.Expect(page.Locator("[data-testid=primary-color]")).Not.ToContainTextAsync("is not a hex colour");

        // The picker opens from the swatch next to the field and closes on Escape, focus back on the swatch.
        await swatch.ClickAsync();
        await Assertions.Expect(picker).ToBeVisibleAsync();
        await Assertions.Expect(swatch).ToHaveAttributeAsync("aria-expanded", "true");
        await session.ScreenshotAsync("workspace-colour-picker", fullPage: false, fromTop: false);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(picker).ToHaveCountAsync(0);
        await Assertions.Expect(swatch).ToBeFocusedAsync();

        // A click on the template grid closes it and does nothing else: the picker never stays open over the grid.
        await swatch.ClickAsync();
        await Assertions.Expect(picker).ToBeVisibleAsync();
        var open = (await picker.BoundingBoxAsync())!;
        ILocator? tile = null;
        LocatorBoundingBoxResult? box = null;
        foreach (var candidate in await page.Locator("[data-template]").AllAsync())
        {
            box = await candidate.BoundingBoxAsync();
            if (box is not null && box.Y > 64 && box.Y + box.Height < 900 && (box.X > open.X + open.Width || box.X + box.Width < open.X || box.Y > open.Y + open.Height || box.Y + box.Height < open.Y))
            {
                tile = candidate;
                break;
            }
        }

        Assert.NotNull(tile);
        await page.Mouse.ClickAsync(box!.X + box.Width / 2, box.Y + box.Height / 2);
        await Assertions.Expect(picker).ToHaveCountAsync(0);
        await Assertions.Expect(tile).Not.ToHaveAttributeAsync("aria-checked", "true");
        await Assertions.Expect(primary).ToHaveValueAsync("#AABBCC");
        await session.AssertPageIsCleanAsync("workspace after the colour picker");
    }

    [Fact]
    public async Task ThePreviewFillsWhileThePageStreamsAndAReloadResumesWithoutLosingOrRepeatingContent()
    {
        var tenant = NewTenant();
        await using var session = await SignedInAsync(tenant);
        var page = session.Page;
        await GenerateAsync(session, $"{SalePrompt} {WorkspacePageModel.Slowly}");

        // Part of the page shows while the generation still runs: the hero is there, Cancel is still offered.
        await Assertions.Expect(page.FrameLocator("iframe.preview-frame.front").Locator("h1")).ToContainTextAsync("30% off", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("cancel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=generation-steps] li[aria-current=step]")).ToHaveAttributeAsync("data-step", Agents.PageGenerator);
        Assert.InRange(await PreviewLengthAsync(page), 1, 40_000);
        var id = GenerationIdOf(page);
        Assert.NotEqual(GenerationStatus.Complete, (await Generations.GetAsync(tenant, id, TestContext.Current.CancellationToken))!.Status);

        // A reload drops the circuit; the address names the generation, and the new circuit follows it from its first event.
        await page.ReloadAsync();
        await session.WaitForInteractiveAsync();
        await WaitForCompleteAsync(page);

        var generation = await WaitForStatusAsync(tenant, id, GenerationStatus.Complete);
        var stored = await Generations.GetHtmlAsync(generation, TestContext.Current.CancellationToken);
        var lengths = await page.EvaluateAsync<int[]>("() => window.__lengths");
        Assert.Contains(lengths, l => l > 0 && l < stored!.Length);
        Assert.Equal(stored!.Length, lengths.Max());
        Assert.Equal(stored.Length, await PreviewLengthAsync(page));
        Assert.Equal(lengths.Where(l => l > 0).Order(), lengths.Where(l => l > 0));
    }

    /// <remarks>Issue 13 point 6: the workspace spends the tenant's one generation budget with /v1, and says when it is used up.</remarks>
    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task AGenerationOverTheTenantsLimitIsRefusedWithWhenToRetryAndStartsNothing(int width, int height, string device)
    {
        var tenant = NewTenant();
        await using var session = await SignedInAsync(tenant, width, height);
        var page = session.Page;
        await page.GotoAsync("/workspace");
        await session.WaitForInteractiveAsync();
        await page.GetByTestId("prompt").FillAsync(SalePrompt);
        await page.Locator("[data-template=ecommerce-sale]").ClickAsync();

        // The budget used up elsewhere (the API counts through the same limiter), in the window the click falls in: a window about to
        // end is waited out first, so the click cannot land in a fresh one.
        var limits = browser.Portal.Services.GetRequiredService<SiteBuilder.Portal.Api.TenantRateLimiter>();
        while (await limits.AcquireAsync(tenant, SiteBuilder.Portal.Api.RateLimitGroup.Generation, TestContext.Current.CancellationToken) is var decision
            && (decision.Allowed || decision.ResetSeconds < 10))
        {
            if (!decision.Allowed)
            {
                await Task.Delay(TimeSpan.FromSeconds(decision.ResetSeconds + 1), TestContext.Current.CancellationToken);
            }
        }

        await page.GetByTestId("generate").ClickAsync();

        var notice = page.GetByTestId("rate-limited");
        await Assertions.Expect(notice).ToBeInViewportAsync();
        await Assertions.Expect(notice).ToContainTextAsync(new System.Text.RegularExpressions.Regex($"{tenant} has used its 10 generations per 60 seconds .*Try again in \\d+ seconds\\."));
        await Assertions.Expect(page.GetByTestId("generate")).ToBeEnabledAsync();
        Assert.Empty((await Generations.ListAsync(tenant, 10, null, TestContext.Current.CancellationToken)).Items);
        await page.Locator(".mud-snackbar").First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        await session.AssertPageIsCleanAsync($"workspace over the generation limit ({device})");
        await session.ScreenshotAsync($"workspace-rate-limited-{device}");
    }

    [Fact]
    public async Task CancellingStopsTheGenerationAndKeepsTheWorkspaceUsable()
    {
        var tenant = NewTenant();
        await using var session = await SignedInAsync(tenant);
        var page = session.Page;
        await GenerateAsync(session, $"{SalePrompt} {WorkspacePageModel.Slowly}");
        await Assertions.Expect(page.GetByTestId("preview")).Not.ToHaveAttributeAsync("data-length", "0", new() { Timeout = 20_000 });
        var id = GenerationIdOf(page);

        await page.GetByTestId("cancel").ClickAsync();

        await Assertions.Expect(page.GetByTestId("progress-message")).ToContainTextAsync("Cancelled");
        await Assertions.Expect(page.GetByTestId("cancel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("generate")).ToBeEnabledAsync();
        await Assertions.Expect(page.GetByTestId("brand-score")).ToHaveCountAsync(0);
        await WaitForStatusAsync(tenant, id, GenerationStatus.Cancelled);
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task ARefinementMakesVersionTwoWhichComparesRestoresDownloadsAndShares()
    {
        var tenant = NewTenant();
        await using var session = await SignedInAsync(tenant);
        var page = session.Page;
        await session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await GenerateAsync(session, SalePrompt);
        await WaitForCompleteAsync(page);
        var first = GenerationIdOf(page);

        await page.GetByTestId("refine-prompt").FillAsync("Make the hero darker");
        await page.GetByTestId("refine").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=versions] li")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await WaitForCompleteAsync(page);
        await Assertions.Expect(page.Locator("li[data-version='2']")).ToContainTextAsync("current");
        var second = GenerationIdOf(page);
        Assert.NotEqual(first, second);
        var v2 = await WaitForStatusAsync(tenant, second, GenerationStatus.Complete);
        Assert.Equal((2, first), (v2.Version, v2.ParentGenerationId));
        await page.Locator(".mud-snackbar").First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        await session.AssertPageIsCleanAsync("workspace with two versions");

        // Compare (what it shows is the next test's): a darker hero changes the look, not the words.
        await page.Locator("li[data-version='1'] input[type=checkbox]").CheckAsync(new() { Force = true });
        await page.Locator("li[data-version='2'] input[type=checkbox]").CheckAsync(new() { Force = true });
        await page.GetByTestId("compare").ClickAsync();
        await Assertions.Expect(page.GetByTestId("compare-view")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("no-text-changes")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("diff-summary")).ToContainTextAsync("added");
        await session.AssertPageIsCleanAsync("compare");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the workspace" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/compare", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("compare-view")).ToHaveCountAsync(0);
        await WaitForCompleteAsync(page);

        // Restore: version 1 becomes the current page again, after asking.
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore version 1" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("li[data-version='1']")).ToContainTextAsync("current");
        Assert.Equal(first, (await Generations.GetSiteAsync(tenant, v2.SiteId, TestContext.Current.CancellationToken))!.LatestGenerationId);

        // Download: the shown version as a zip of index.html and its report.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download").ClickAsync());
        Assert.Equal($"{v2.SiteId}-v2.zip", download.SuggestedFilename);
        Assert.Contains($"/workspace/{tenant}/", page.Url, StringComparison.Ordinal);
        using (var zip = new ZipArchive(File.OpenRead(await download.PathAsync())))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "brand-report.json");
            using var index = new StreamReader(zip.GetEntry("index.html")!.Open(), Encoding.UTF8);
            Assert.Equal(await Generations.GetHtmlAsync(v2, TestContext.Current.CancellationToken), await index.ReadToEndAsync(TestContext.Current.CancellationToken));
        }

        // Share: the copied link opens the page for a member of the tenant, with scripts forbidden by its policy.
        await page.GetByTestId("copy-link").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "Preview link copied" })).ToBeVisibleAsync();
        var link = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal($"{browser.BaseUrl}/portal/sites/{tenant}/{second}/preview", link);
        var preview = await page.APIRequest.GetAsync(link);
        Assert.Equal(200, preview.Status);
        Assert.StartsWith("default-src 'none'", preview.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.EndsWith("sandbox", preview.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task CompareShowsTheAddedSectionAndTheChangedHeadlineSideBySideWithTheHtmlAsADetail()
    {
        var tenant = NewTenant();
        await using var session = await SignedInAsync(tenant);
        var page = session.Page;
        await GenerateAsync(session, SalePrompt);
        await WaitForCompleteAsync(page);
        await page.GetByTestId("refine-prompt").FillAsync("Add a pricing section and change the headline to \"Gear up for summer trails\"");
        await page.GetByTestId("refine").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=versions] li")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await WaitForCompleteAsync(page);
        await page.Locator("li[data-version='1'] input[type=checkbox]").CheckAsync(new() { Force = true });
        await page.Locator("li[data-version='2'] input[type=checkbox]").CheckAsync(new() { Force = true });
        await page.GetByTestId("compare").ClickAsync();

        // What changed, in words: the pricing section added, the hero's headline changed word by word, the rest unchanged.
        var added = page.Locator("[data-testid=section-change][data-status=added]");
        await Assertions.Expect(added).ToHaveCountAsync(1);
        await Assertions.Expect(added.Locator("h3")).ToHaveTextAsync("Pricing");
        var hero = page.Locator("[data-testid=section-change][data-section='#hero']");
        await Assertions.Expect(hero).ToHaveAttributeAsync("data-status", "changed");
        await Assertions.Expect(hero.Locator("[data-side=after] ins").First).ToContainTextAsync("Gear up for summer trails");
        await Assertions.Expect(hero.Locator("[data-side=before] del").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("unchanged-sections")).ToContainTextAsync("Faq");
        Assert.DoesNotContain("&quot;", await page.GetByTestId("compare-view").InnerTextAsync(), StringComparison.Ordinal);

        // The HTML is a detail: closed at first, then formatted HTML with the design record shortened, no escaped JSON.
        var diff = page.GetByTestId("html-diff");
        await Assertions.Expect(diff).Not.ToBeVisibleAsync();
        await page.GetByTestId("html-diff-details").Locator("summary").ClickAsync();
        await Assertions.Expect(diff).ToBeVisibleAsync();
        await Assertions.Expect(diff.Locator(".diff-added", new() { HasText = "Gear up for summer trails" }).First).ToBeVisibleAsync();
        var diffText = await diff.InnerTextAsync();
        Assert.DoesNotContain("&quot;", diffText, StringComparison.Ordinal);
        Assert.DoesNotContain("templateId", diffText, StringComparison.Ordinal);

        // No empty scroll: the page ends shortly after the HTML detail.
        var heights = await page.EvaluateAsync<int[]>("""
            () => [document.documentElement.scrollHeight, Math.ceil(document.querySelector('[data-testid=html-diff-details]').getBoundingClientRect().bottom + window.scrollY)]
            """);
        Assert.True(heights[0] - heights[1] < 200, $"The page scrolls {heights[0] - heights[1]}px past its last content.");
        await session.AssertPageIsCleanAsync("compare (desktop)");
        await session.ScreenshotAsync("compare-desktop", fullPage: false);

        // At phone width the two sides stack, each labelled with its version.
        await page.SetViewportSizeAsync(375, 812);
        await Assertions.Expect(hero.Locator("[data-side=after] .change-side-label").First).ToBeVisibleAsync();
        // The layout settles after the resize: wait until the newer side sits below the older one (a timeout fails the test).
        await page.WaitForFunctionAsync("""
            () => { const row = document.querySelector('[data-section="#hero"] .change-row[data-status]');
              const [before, after] = [row.querySelector('[data-side=before]'), row.querySelector('[data-side=after]')].map(e => e.getBoundingClientRect());
              return after.top >= before.bottom; }
            """, null, new() { Timeout = 5_000 });
        await session.AssertPageIsCleanAsync("compare (phone)");
        await session.ScreenshotAsync("compare-phone", fullPage: false);
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task AMarketerRenamesASiteFromTheSiteListAndAnEmptyOrOverlongNameIsRefusedWithAMessage()
    {
        var tenant = NewTenant();
        var generation = await Generations.StartAsync(tenant, "seed", new GenerationRequest { Prompt = SalePrompt }, TestContext.Current.CancellationToken);
        generation = await WaitForStatusAsync(tenant, generation.Id, GenerationStatus.Complete);
        var original = (await Generations.GetSiteAsync(tenant, generation.SiteId, TestContext.Current.CancellationToken))!.Name;
        await using var session = await SignedInAsync(tenant);
        var page = session.Page;
        await page.GotoAsync($"/sites/{tenant}");
        await session.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Rename {original}" }).ClickAsync();
        var name = page.GetByTestId("site-name");
        await Assertions.Expect(name).ToHaveValueAsync(original);
        await name.FillAsync("   ");
        await page.GetByTestId("save-site-name").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Give the site a name.");
        await name.FillAsync(new string('x', 81));
        await page.GetByTestId("save-site-name").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("at most 80 characters");
        await session.AssertPageIsCleanAsync("rename dialog with a message");
        Assert.Equal(original, (await Generations.GetSiteAsync(tenant, generation.SiteId, TestContext.Current.CancellationToken))!.Name);

        await name.FillAsync("  Acme summer sale  2026 ");
        await page.GetByTestId("save-site-name").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("sites-table").Locator(".site-link")).ToHaveTextAsync(["Acme summer sale 2026"]);
        Assert.Equal("Acme summer sale 2026", (await Generations.GetSiteAsync(tenant, generation.SiteId, TestContext.Current.CancellationToken))!.Name);
        // Renaming stays on the list (the row's own click opens the site).
        Assert.Contains($"/sites/{tenant}", page.Url, StringComparison.Ordinal);
        await page.GotoAsync($"/workspace/{tenant}/{generation.SiteId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Acme summer sale 2026");
    }

    [Fact]
    public async Task AnotherTenantsMarketerCannotOpenThePageItsPreviewOrItsDownload()
    {
        var (owner, other) = (NewTenant(), NewTenant());
        var generation = await Generations.StartAsync(owner, "seed", new GenerationRequest { Prompt = SalePrompt }, TestContext.Current.CancellationToken);
        generation = await WaitForStatusAsync(owner, generation.Id, GenerationStatus.Complete);
        await using var session = await SignedInAsync(other);
        var page = session.Page;

        foreach (var action in new[] { "preview", "download" })
        {
            var response = await page.APIRequest.GetAsync($"/portal/sites/{owner}/{generation.Id}/{action}");
            Assert.Equal(404, response.Status);
        }

        await page.GotoAsync($"/workspace/{owner}/{generation.SiteId}?generation={generation.Id}");
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You don't have access to this page" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("preview")).ToHaveCountAsync(0);
        await page.GotoAsync($"/workspace/{owner}/{generation.SiteId}/compare?left={generation.Id}&right={generation.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You don't have access to this page" })).ToBeVisibleAsync();
        await page.GotoAsync($"/sites/{owner}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You don't have access to this page" })).ToBeVisibleAsync();

        // Signed out, the links lead to the sign-in page.
        await using var anonymous = await browser.NewSessionAsync();
        var signedOut = await anonymous.Page.APIRequest.GetAsync($"/portal/sites/{owner}/{generation.Id}/preview", new() { MaxRedirects = 0 });
        Assert.Equal(302, signedOut.Status);
        Assert.Contains("/account/login", signedOut.Headers["location"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScriptInTheModelsOutputNeverRunsInThePreview()
    {
        var tenant = NewTenant();
        await using var session = await SignedInAsync(tenant);
        var page = session.Page;
        await GenerateAsync(session, $"{SalePrompt} {WorkspacePageModel.Hostile}");
        await WaitForCompleteAsync(page);

        // Scripts are allowed for the scroll reporter alone, same-origin access never (DESIGN §5): an opaque origin.
        var frames = page.Locator("iframe.preview-frame");
        await Assertions.Expect(frames).ToHaveCountAsync(2);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(["allow-scripts"], await frames.Nth(i).EvaluateAsync<string[]>("frame => [...frame.sandbox]"));
        }

        var body = page.FrameLocator("iframe.preview-frame.front").Locator("body");
        await Assertions.Expect(body.Locator("h1")).ToContainTextAsync("30% off");
        Assert.Null(await body.GetAttributeAsync("data-marker"));
        var generation = await Generations.GetAsync(tenant, GenerationIdOf(page), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script", await Generations.GetHtmlAsync(generation!, TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);

        // Even if the sanitizer let them through, the frame's policy would run none of them: hand the preview a page directly with
        // an inline script, a handler, a script file of the portal's own origin ahead of its <html> tag (before any head), and a
        // policy of its own that tries to allow everything.
        var (fetched, refused) = (new List<string>(), new List<string>());
        page.RequestFinished += (_, request) =>
        {
            if (request.Frame != page.MainFrame)
            {
                fetched.Add(request.Url);
            }
        };
        page.RequestFailed += (_, request) =>
        {
            if (request.Frame != page.MainFrame)
            {
                refused.Add($"{new Uri(request.Url).AbsolutePath} ({request.Failure})");
            }
        };
        await page.EvaluateAsync($$"""
            async () => {
              const preview = await import('/js/preview.js');
              preview.show(document.querySelector('[data-testid=preview]'),
                '<!DOCTYPE html><script src="/js/preview.js"></script><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="script-src * \'unsafe-inline\'"></head>' +
                '<body><h1>raw</h1><script>document.body.dataset.marker="{{WorkspacePageModel.Marker}}";parent.postMessage("{{WorkspacePageModel.Marker}}","*")</script><img src="x" alt="" onerror="parent.postMessage(\'{{WorkspacePageModel.Marker}}\',\'*\')"></body></html>');
            }
            """);
        var front = page.FrameLocator("iframe.preview-frame.front");
        await Assertions.Expect(front.Locator("h1")).ToHaveTextAsync("raw");
        await page.WaitForTimeoutAsync(300);
        Assert.Null(await front.Locator("body").GetAttributeAsync("data-marker"));
        Assert.DoesNotContain(WorkspacePageModel.Marker, await page.EvaluateAsync<string[]>("() => window.__messages"));
        // The portal's script file was refused by the frame's policy (the portal's own would let it load): nothing reached the portal.
        Assert.True(fetched.Count == 0, $"The preview frame fetched {string.Join(", ", fetched)}");
        Assert.Contains("/js/preview.js (csp)", refused);
        // The page's lang survives the policy put ahead of its <html> tag.
        Assert.Equal("en", await front.Locator("html").GetAttributeAsync("lang"));

        // A link out of the page does nothing in the preview: the frame stays on the page (no other document's scripts run in it).
        await page.EvaluateAsync("""
            async () => (await import('/js/preview.js')).show(document.querySelector('[data-testid=preview]'),
              '<!DOCTYPE html><html lang="en"><body><h1>links</h1><a id="out" href="/account/login">Out</a><a id="in" href="#end">In</a><p id="end">End</p></body></html>')
            """);
        await Assertions.Expect(front.Locator("h1")).ToHaveTextAsync("links");
        // The frame is scaled to fit, so follow the link as a keyboard user would (Enter activates it like a click).
        await front.Locator("#out").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForTimeoutAsync(300);
        await Assertions.Expect(front.Locator("h1")).ToHaveTextAsync("links");
        Assert.DoesNotContain(fetched, url => url.Contains("/account/login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheNewPageFormStartsFromTheTenantsBrandKitAndSavesChangesToIt()
    {
        var tenant = NewTenant();
        var library = browser.Portal.Services.GetRequiredService<BrandAssetLibrary>();
        var ct = TestContext.Current.CancellationToken;
        var saved = await library.UploadAsync(tenant, "seed", new MemoryStream(TinyPng.Solid(120, 60, 11, 95, 255)), "acme-blue.png", ct);
        await library.SaveBrandKitAsync(tenant, "seed", new BrandKitChange("Acme", "#0B5FFF", null, saved.Id), ct);
        await using var session = await SignedInAsync(tenant);
        var page = session.Page;

        await page.GotoAsync("/workspace");
        await session.WaitForInteractiveAsync();
        var options = page.GetByTestId("logo-option");
        await Assertions.Expect(options).ToHaveCountAsync(1);
        await Assertions.Expect(options.First).ToHaveAttributeAsync("aria-checked", "true");
        await Assertions.Expect(page.GetByTestId("contrast-hint")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("brand-kit-state")).ToContainTextAsync($"{tenant}'s brand kit");
        await session.AssertPageIsCleanAsync("new page form with a brand kit");

        // A bad upload is refused with the library's reason; nothing changes.
        // MudFileUpload adds a fresh input after each pick (so the same file can be picked again): the last one is live.
        var input = page.Locator("input[type=file]").Last;
        await input.SetInputFilesAsync(new FilePayload { Name = "logo.svg", MimeType = "image/svg+xml", Buffer = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>") });
        await Assertions.Expect(page.GetByTestId("logo-upload-error")).ToContainTextAsync("contains a <script> element");
        await Assertions.Expect(options).ToHaveCountAsync(1);

        // A good one becomes this page's logo at once; saving makes it the tenant's.
        await input.SetInputFilesAsync(new FilePayload { Name = "acme-green.png", MimeType = "image/png", Buffer = TinyPng.Solid(160, 60, 20, 120, 60) });
        await Assertions.Expect(options).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("logo-upload-error")).ToHaveCountAsync(0);
        var uploaded = page.Locator("[data-testid=logo-option][aria-checked=true]");
        var uploadedId = await uploaded.GetAttributeAsync("data-asset-id");
        Assert.NotEqual(saved.Id, uploadedId);

        // Clearing the logo and picking it again are one click each.
        await page.GetByTestId("logo-none").ClickAsync();
        await Assertions.Expect(page.GetByTestId("logo-none")).ToHaveAttributeAsync("aria-checked", "true");
        await page.Locator($"[data-asset-id='{uploadedId}']").ClickAsync();
        await page.GetByTestId("save-brand-kit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("brand-kit-state")).ToBeVisibleAsync();
        var kit = await library.GetBrandKitAsync(tenant, ct);
        Assert.Equal((uploadedId, "#0B5FFF", "Acme"), (kit.LogoAssetId, kit.PrimaryColor, kit.BrandName));

        // The page is generated with the kit, and the download carries the logo as a file.
        await page.GetByTestId("prompt").FillAsync(SalePrompt);
        await page.GetByTestId("generate").ClickAsync();
        await WaitForCompleteAsync(page);
        var generation = await Generations.GetAsync(tenant, GenerationIdOf(page), ct);
        Assert.Equal(("#0B5FFF", uploadedId), (generation!.PrimaryColor, generation.Logo));
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download").ClickAsync());
        using (var zip = new ZipArchive(File.OpenRead(await download.PathAsync())))
        {
            // The page carries the logo scaled down for its header (a JPEG or PNG thumbnail); the zip holds it as a file.
            var logo = Assert.Single(zip.Entries, e => e.FullName.StartsWith("assets/image-", StringComparison.Ordinal));
            using var index = new StreamReader(zip.GetEntry("index.html")!.Open(), Encoding.UTF8);
            Assert.Contains($"src=\"{logo.FullName}\"", await index.ReadToEndAsync(ct), StringComparison.Ordinal);
        }

        // The next new page starts from the saved kit again.
        await page.GotoAsync("/workspace");
        await session.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator($"[data-asset-id='{uploadedId}']")).ToHaveAttributeAsync("aria-checked", "true");
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task TheSitesPageSearchesAndPagesTheTenantsSitesOnly()
    {
        var (tenant, other) = (NewTenant(), NewTenant());
        var store = browser.Portal.Services.GetRequiredService<IGenerationStore>();
        var now = DateTimeOffset.UtcNow;
        var names = Enumerable.Range(1, 11).Select(i => $"Spring campaign {i:00}").Append("Osteria Lume · Restaurant").ToList();
        for (var i = 0; i < names.Count; i++)
        {
            await store.CreateSiteAsync(new Site { Tenant = tenant, SiteId = GenerationIds.NewSiteId(names[i]), Name = names[i], CreatedAt = now, UpdatedAt = now.AddMinutes(i) }, TestContext.Current.CancellationToken);
        }

        await store.CreateSiteAsync(new Site { Tenant = other, SiteId = GenerationIds.NewSiteId("secret"), Name = "Secret launch", CreatedAt = now, UpdatedAt = now }, TestContext.Current.CancellationToken);
        await using var session = await SignedInAsync(tenant);
        var page = session.Page;

        await page.GotoAsync("/sites");
        await session.WaitForInteractiveAsync();
        var rows = page.Locator("tr.site-row");
        await Assertions.Expect(rows).ToHaveCountAsync(10);
        // Newest first: the restaurant was updated last.
        await Assertions.Expect(rows.First).ToContainTextAsync("Osteria Lume");
        await session.AssertPageIsCleanAsync("sites page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        await page.GetByPlaceholder("Search sites").FillAsync("osteria");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.GetByPlaceholder("Search sites").FillAsync("secret");
        await Assertions.Expect(rows).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("No site matches")).ToBeVisibleAsync();
    }
}
