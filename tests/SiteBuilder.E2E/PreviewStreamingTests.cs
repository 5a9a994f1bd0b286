using System.Text;
using Amazon.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using SiteBuilder.Generation.Offline;
using SiteBuilder.Generation.Providers.Bedrock;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.E2E;

/// <summary>
/// The live preview at both paces a marketer meets: the offline composer (fast, whole sections at once) and Claude on Bedrock
/// at a model's pace (a delta every 150 ms for about 20 s). Screenshots at intervals: once the first content showed, none is
/// blank, the placeholder never comes back, and the page shown only grows. Midway the reader scrolls the preview down with the
/// mouse wheel, and every later version shows the same place, not the top.
/// </summary>
public sealed class PreviewStreamingTests(BrowserFixture browser)
{
    private const string Prompt = "A launch page for Brewly, a smart coffee grinder with 40 grind settings, $149 until March 1, with features, pricing, reviews and an FAQ.";

    /// <summary>
    /// Recorded in the page, so no swap is missed between screenshots: each length the front frame shows, and every moment
    /// after the first content when the placeholder was visible or the front frame empty.
    /// </summary>
    private const string WatchPreview = """
        window.__preview = { fronts: [], blanks: [] };
        const watch = () => {
          const host = document.querySelector('[data-testid=preview]');
          if (!host) return;
          const front = host.querySelector('iframe.preview-frame.front');
          const length = front && front.hasAttribute('srcdoc') ? front.srcdoc.length : 0;
          const state = window.__preview;
          if (length > 0 && state.fronts.at(-1) !== length) state.fronts.push(length);
          const placeholder = host.querySelector('.preview-placeholder');
          const placeholderShown = placeholder && getComputedStyle(placeholder).display !== 'none';
          if (state.fronts.length > 0 && (length === 0 || placeholderShown)) state.blanks.push(`${Math.round(performance.now())} ms: ${length === 0 ? 'empty frame' : 'placeholder'}`);
        };
        new MutationObserver(watch).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'srcdoc', 'data-shown'] });
        """;

    /// <summary>The share of a PNG's pixels that are not (near) white, decoded by the browser itself.</summary>
    private const string InkRatio = """
        async base64 => {
          const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
          const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const context = canvas.getContext('2d');
          context.drawImage(bitmap, 0, 0);
          const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
          let ink = 0, total = 0;
          for (let i = 0; i < data.length; i += 4 * 7) {
            total++;
            if (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235) ink++;
          }
          return ink / total;
        }
        """;

    [Fact]
    public async Task TheOfflineComposersPageNeverBlanksOnceItsFirstSectionShows()
    {
        await using var session = await SignedInAsync(browser.Portal, browser.BaseUrl);

        var (samples, scrolled) = await GenerateAndSampleAsync(session, $"{Prompt} {WorkspacePageModel.OwnPace}", TimeSpan.FromMilliseconds(150), "offline");

        await AssertNeverBlankAndGrowingAsync(session, samples, minimumDistinctFronts: 1);
        await AssertScrollKeptAsync(session, samples, scrolled);
    }

    [Fact]
    public async Task ClaudesPageAtAModelsPaceGrowsInThePreviewWithoutEverBlanking()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var page = await ComposedPageAsync();
        bedrock.DefaultScript = new FakeBedrockScript { Text = page, DeltaCount = 130, DeltaLatency = TimeSpan.FromMilliseconds(150), TimeToFirstByte = TimeSpan.FromMilliseconds(400) };
        await using var portal = new BedrockBrowserPortal(bedrock);
        var baseUrl = portal.StartOnLoopbackPort();
        await using var session = await SignedInAsync(portal, baseUrl);

        var (samples, scrolled) = await GenerateAndSampleAsync(session, Prompt, TimeSpan.FromSeconds(1), "bedrock");

        Assert.True(samples.Count >= 12, $"Only {samples.Count} screenshots in a stream of about 20 s.");
        await AssertNeverBlankAndGrowingAsync(session, samples, minimumDistinctFronts: 8);
        // The stored page is what the model wrote (its sanitized form), painted whole at the end: AssertScrollKeptAsync waits
        // for it (the last frame is swapped in a moment after it loads, so the whole page shows shortly after the score).
        await AssertScrollKeptAsync(session, samples, scrolled);
    }

    /// <summary>
    /// One screenshot of the preview, the front frame's length and, once the reader has scrolled, where the shown frame is
    /// scrolled to, at each interval from the click until the score shows. The reader scrolls once the page shown is long enough
    /// (before the stream ends), with the mouse wheel over the preview, as a marketer would.
    /// </summary>
    private static async Task<(List<Sample> Samples, Scrolled? Scrolled)> GenerateAndSampleAsync(BrowserSession session, string prompt, TimeSpan interval, string name)
    {
        var page = session.Page;
        await page.GotoAsync("/workspace");
        await session.WaitForInteractiveAsync();
        await page.GetByTestId("prompt").FillAsync(prompt);
        await page.Locator("[data-template=ecommerce-sale]").ClickAsync();
        await page.GetByTestId("generate").ClickAsync();

        var samples = new List<Sample>();
        Scrolled? scrolled = null;
        var preview = page.GetByTestId("preview");
        // Straight from the DevTools protocol: Playwright's own screenshots run a script in every frame, which the sandbox refuses.
        var devtools = await session.Context.NewCDPSessionAsync(page);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var savedMidStream = false;
        while (DateTime.UtcNow < deadline)
        {
            var done = await page.GetByTestId("brand-score").CountAsync() > 0;
            var png = await CaptureAsync(devtools, await preview.BoundingBoxAsync());
            var ink = await page.EvaluateAsync<double>(InkRatio, png);
            var front = await page.EvaluateAsync<int>("() => window.__preview.fronts.at(-1) ?? 0");
            var fronts = await page.EvaluateAsync<int>("() => window.__preview.fronts.length");
            samples.Add(new Sample(ink, front, done, fronts, scrolled is null ? null : await ShownScrollAsync(page)));
            if (!savedMidStream && !done && front > 0 && samples.Count(s => s.Front > 0) >= 3)
            {
                // The README's picture of a page being written.
                await SaveAsync($"workspace-streaming-{name}", await CaptureAsync(devtools, null));
                savedMidStream = true;
            }

            if (scrolled is null && savedMidStream && !done && await ScrollableAsync(page) > 1000)
            {
                scrolled = await ScrollWithTheWheelAsync(page, fronts);
                await SaveAsync($"workspace-streaming-scrolled-{name}", await CaptureAsync(devtools, null));
            }

            if (done)
            {
                break;
            }

            await Task.Delay(interval, TestContext.Current.CancellationToken);
        }

        if (!samples[^1].Done)
        {
            Assert.Fail($"The generation did not finish within a minute; last progress: {await page.GetByTestId("progress-message").TextContentAsync()}");
        }

        return (samples, scrolled);
    }

    /// <summary>A PNG (base64) of the viewport, or of <paramref name="clip"/> within it.</summary>
    private static async Task<string> CaptureAsync(ICDPSession devtools, LocatorBoundingBoxResult? clip)
    {
        var parameters = new Dictionary<string, object> { ["format"] = "png" };
        if (clip is not null)
        {
            parameters["clip"] = new Dictionary<string, object> { ["x"] = clip.X, ["y"] = clip.Y, ["width"] = clip.Width, ["height"] = clip.Height, ["scale"] = 1 };
        }

        var result = await devtools.SendAsync("Page.captureScreenshot", parameters);
        return result!.Value.GetProperty("data").GetString()!;
    }

    /// <summary>Saves a picture to <c>$SITEBUILDER_SCREENSHOTS</c> (when set) or the test output folder, as the other browser tests do.</summary>
    private static async Task SaveAsync(string name, string base64Png)
    {
        var directory = Environment.GetEnvironmentVariable("SITEBUILDER_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, $"{name}.png"), Convert.FromBase64String(base64Png), TestContext.Current.CancellationToken);
    }

    /// <summary>How far the shown page can scroll (its height beyond the frame's).</summary>
    private static Task<double> ScrollableAsync(IPage page) =>
        InShownPageAsync(page, "() => document.documentElement.scrollHeight - innerHeight");

    /// <summary>Where the shown page is scrolled to, read in its frame.</summary>
    private static Task<double> ShownScrollAsync(IPage page) => InShownPageAsync(page, "() => scrollY");

    /// <summary>Turns the mouse wheel over the preview and returns where the shown page came to rest.</summary>
    private static async Task<Scrolled> ScrollWithTheWheelAsync(IPage page, int fronts)
    {
        var box = (await page.GetByTestId("preview").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, Math.Min(box.Y + box.Height / 2, page.ViewportSize!.Height - 40));
        await page.Mouse.WheelAsync(0, 900);
        // The wheel scrolls smoothly, for a moment: wait until the page shown has come to rest (a swap meanwhile keeps the place).
        var (offset, previous, deadline) = (-1d, -2d, DateTime.UtcNow.AddSeconds(10));
        while ((offset <= 0 || offset != previous) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            (previous, offset) = (offset, await ShownScrollAsync(page));
        }

        Assert.True(offset > 300, $"After the wheel (and any version swapped in meanwhile) the preview is scrolled to {offset} px.");
        return new Scrolled(offset, fronts);
    }

    /// <summary>
    /// Evaluates in the page the preview shows. The frames swap several times a second and the one going behind loads the next
    /// version at once, so a read counts only when it finished in a frame that is still in front with the same page.
    /// </summary>
    private static async Task<double> InShownPageAsync(IPage page, string expression)
    {
        while (true)
        {
            var front = await page.Locator("[data-testid=preview] iframe.preview-frame.front").ElementHandleAsync();
            var shown = await front.EvaluateAsync<string>("frame => frame.parentElement.dataset.shown");
            try
            {
                var value = await (await front.ContentFrameAsync())!.EvaluateAsync<double>(expression);
                if (await front.EvaluateAsync<bool>("(frame, shown) => frame.classList.contains('front') && frame.parentElement.dataset.shown === shown", shown))
                {
                    return value;
                }
            }
            catch (PlaywrightException e) when (e.Message.Contains("Execution context was destroyed", StringComparison.Ordinal))
            {
                // Swapped behind and reloaded while the read was on its way: read the one in front now.
            }
        }
    }

    /// <summary>
    /// The reader scrolled mid-stream; every version swapped in after that (and the finished page) shows the same place.
    /// </summary>
    private static async Task AssertScrollKeptAsync(BrowserSession session, List<Sample> samples, Scrolled? scrolled)
    {
        Assert.True(scrolled is not null, $"The page shown never grew long enough to scroll before the stream ended ({samples.Count} samples).");
        var later = samples.Where(s => s.Scroll is not null && s.Fronts > scrolled.Fronts).ToList();
        Assert.All(later, s => Assert.True(Math.Abs(s.Scroll!.Value - scrolled.Offset) <= 1,
            $"After {s.Fronts - scrolled.Fronts} more versions the preview is scrolled to {s.Scroll} px, not {scrolled.Offset} px where the reader left it."));

        var preview = session.Page.GetByTestId("preview");
        await Assertions.Expect(preview).ToHaveAttributeAsync("data-shown", (await preview.GetAttributeAsync("data-length"))!);
        var end = await ShownScrollAsync(session.Page);
        Assert.True(Math.Abs(end - scrolled.Offset) <= 1, $"The finished page shows {end} px, not {scrolled.Offset} px where the reader left it.");
        var fronts = await session.Page.EvaluateAsync<int>("() => window.__preview.fronts.length");
        Assert.True(fronts - scrolled.Fronts >= 2, $"Only {fronts - scrolled.Fronts} versions came to the front after the reader scrolled.");
    }

    private static async Task AssertNeverBlankAndGrowingAsync(BrowserSession session, List<Sample> samples, int minimumDistinctFronts)
    {
        var page = session.Page;
        var blanks = await page.EvaluateAsync<string[]>("() => window.__preview.blanks");
        Assert.True(blanks.Length == 0, $"The preview went blank after its first content: {string.Join("; ", blanks)}");

        var fronts = await page.EvaluateAsync<int[]>("() => window.__preview.fronts");
        Assert.True(fronts.Length >= minimumDistinctFronts, $"The preview showed {fronts.Length} versions of the page while it streamed: {string.Join(", ", fronts)}");
        Assert.Equal(fronts.Order(), fronts);

        var afterFirstContent = samples.SkipWhile(s => s.Front == 0).ToList();
        Assert.NotEmpty(afterFirstContent);
        Assert.All(afterFirstContent, s => Assert.True(s.Ink > 0.02, $"A screenshot after the first content is blank ({s.Ink:P1} of its pixels are not white)."));
        Assert.Equal(afterFirstContent.Select(s => s.Front).Order(), afterFirstContent.Select(s => s.Front));
        // The page is sanitized (no script reaches it) and its frame's policy allows exactly the scroll reporter, so nothing is
        // refused there. The template thumbnails are frames without scripts, which refuse the test's own init script (Chromium
        // offers it to every frame); any other console error fails.
        var errors = session.ConsoleErrors.Where(e => !e.StartsWith("Blocked script execution in 'about:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>One moment of the stream; <see cref="Scroll"/> is where the shown frame was scrolled to, once the reader had scrolled.</summary>
    private sealed record Sample(double Ink, int Front, bool Done, int Fronts, double? Scroll);

    /// <summary>Where the reader left the preview, and how many versions it had shown by then.</summary>
    private sealed record Scrolled(double Offset, int Fronts);

    private async Task<BrowserSession> SignedInAsync(PortalFactory portal, string baseUrl)
    {
        var tenant = "t" + Guid.NewGuid().ToString("N")[..10];
        var (marketer, password) = await portal.CreateUserAsync([Roles.Marketer], [tenant], displayName: "Mia Marketer");
        var session = await browser.NewSessionAsync(baseUrl: baseUrl);
        await session.Context.AddInitScriptAsync(WatchPreview);
        await session.SignInAsync(marketer.UserName, password);
        return session;
    }

    /// <summary>A real page for the fake model to write: what the offline composer makes of the prompt.</summary>
    private static async Task<string> ComposedPageAsync()
    {
        var template = TemplateCatalog.Find("ecommerce-sale") ?? TemplateCatalog.Default;
        var brand = new BrandKit("#6B3E26", "#F2A541");
        var theme = ThemeSelector.Select(brand, template, Prompt);
        var request = new PageRequest(Prompt, template, theme, LayoutAgent.Plan(template, Prompt, theme), brand, null);
        var page = new StringBuilder();
        await foreach (var delta in new OfflineComposer().StreamPageAsync(request, TestContext.Current.CancellationToken))
        {
            page.Append(delta.Text);
        }

        return page.ToString();
    }

    /// <summary>The portal with Claude on the fake Bedrock writing pages (the real Anthropic.Bedrock client, signed with the fake's keys).</summary>
    private sealed class BedrockBrowserPortal : PortalFactory
    {
        private readonly FakeBedrockServer _bedrock;

        public BedrockBrowserPortal(FakeBedrockServer bedrock)
        {
            _bedrock = bedrock;
            Settings["SiteBuilder:Generation:Provider"] = "Bedrock";
            Settings["SiteBuilder:Generation:Bedrock:Endpoint"] = bedrock.BaseUrl.ToString();
            Settings["SiteBuilder:Generation:Bedrock:Region"] = bedrock.Credentials.Region;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var c = _bedrock.Credentials;
                services.AddSingleton<IPageModel>(sp => new BedrockPageModel(
                    sp.GetRequiredService<IOptions<BedrockPageOptions>>().Value,
                    new AwsSigV4BedrockCredentials(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), c.Region)));
            });
        }
    }
}
