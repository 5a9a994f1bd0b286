using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SiteBuilder.E2E;

/// <summary>One browser context and page, with the checks every portal page must pass.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _consoleErrors = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(string.IsNullOrEmpty(message.Location) ? message.Text : $"{message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => _consoleErrors.Add(error);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    /// <summary>Waits until the Blazor circuit is connected; before that, a prerendered button ignores clicks.</summary>
    public async Task WaitForInteractiveAsync() =>
        await Page.Locator(".portal-root[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Signs in through the form. On a loaded machine the post can take a while (password hashing, the first render of the
    /// home page), so the wait is long; a refused sign-in fails at once with the page's message, and a form that went out
    /// empty (typed into before the page settled) is filled and sent again.
    /// </summary>
    public async Task SignInAsync(string userName, string password)
    {
        for (var attempt = 1; ; attempt++)
        {
            await Page.GotoAsync("/account/login", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            await Page.GetByLabel("User name").FillAsync(userName);
            await Page.GetByLabel("Password").FillAsync(password);
            await Assertions.Expect(Page.GetByLabel("User name")).ToHaveValueAsync(userName);
            await Page.GetByTestId("sign-in").ClickAsync();

            var outcome = Page.Locator("[data-testid=login-error], .account-form .form-error:not(:empty)");
            var left = Page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 45_000 });
            var stayed = outcome.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 45_000 });
            if (await Task.WhenAny(left, stayed) == left)
            {
                await left;
                break;
            }

            await stayed;
            if (await Page.GetByTestId("login-error").CountAsync() > 0 || attempt == 3)
            {
                Assert.Fail($"Sign-in as {userName} was refused: {await outcome.First.InnerTextAsync()}");
            }
        }

        await WaitForInteractiveAsync();
    }

    /// <summary>
    /// Forgets the console line Chromium writes when the document itself answers 404 (a not-found page must say 404);
    /// any other error stays.
    /// </summary>
    public void ExpectDocumentNotFound(string path) =>
        _consoleErrors.RemoveAll(e => e.StartsWith("Failed to load resource: the server responded with a status of 404", StringComparison.Ordinal)
            && e.Contains($"{path}:0:0", StringComparison.Ordinal));

    /// <summary>The checks for any page: no console error, no horizontal scroll, no axe-core violation (WCAG 2.2 AA rules).</summary>
    public async Task AssertPageIsCleanAsync(string what)
    {
        Assert.True(_consoleErrors.Count == 0, $"{what}: console errors:\n{string.Join("\n", _consoleErrors)}");
        var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 0)
        {
            // Name the elements that stick out (the innermost ones), so the failure says what to fix.
            var culprits = await Page.EvaluateAsync<string[]>("""
                () => {
                  const width = document.documentElement.clientWidth;
                  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 0.5);
                  return wide.filter(e => !wide.some(o => o !== e && e.contains(o))).slice(0, 5)
                    .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} (right ${Math.round(e.getBoundingClientRect().right)}px)`);
                }
                """);
            Assert.Fail($"{what}: scrolls horizontally by {overflow}px; sticking out: {string.Join(", ", culprits)}");
        }

        // Colours measured halfway through a transition (a toggle that just changed) are neither the old nor the new ones.
        await SettleAnimationsAsync();

        // Frames hold generated pages (untrusted content, sandboxed without scripts): axe audits the portal around them.
        var axe = await Page.RunAxe(new AxeRunOptions
        {
            Iframes = false,
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        var violations = axe.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => $"{n.Target} {n.Html} {string.Join(" ", n.Any.Select(c => c.Message))}"))}").ToList();
        Assert.True(violations.Count == 0, $"{what}: axe-core violations:\n{string.Join("\n", violations)}");
    }

    /// <summary>Waits until no CSS transition or finite animation is running (endless ones, such as spinners, are left to run).</summary>
    public async Task SettleAnimationsAsync() =>
        await Page.EvaluateAsync("""
            async () => {
              for (let round = 0; round < 5; round++) {
                const running = document.getAnimations().filter(a => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime));
                if (running.length === 0) return;
                await Promise.all(running.map(a => a.finished.catch(() => null)));
                await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
              }
            }
            """);

    /// <summary>Saves a full-page screenshot to <c>$SITEBUILDER_SCREENSHOTS</c> (when set) or the test output folder.</summary>
    public async Task ScreenshotAsync(string name, bool fullPage = true, bool fromTop = true)
    {
        // From the top: a full-page capture of a scrolled page draws the fixed app bar across the middle.
        if (fromTop)
        {
            await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        }

        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(name), FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
    }

    /// <summary>One part of the page (a panel, a section), for a picture in the docs.</summary>
    public Task ScreenshotAsync(string name, ILocator part) =>
        part.ScreenshotAsync(new LocatorScreenshotOptions { Path = ScreenshotPath(name), Animations = ScreenshotAnimations.Disabled });

    /// <summary>The stretch of the page from <paramref name="first"/> down to <paramref name="last"/> (a heading and what follows).</summary>
    public async Task ScreenshotAsync(string name, ILocator first, ILocator last)
    {
        await first.ScrollIntoViewIfNeededAsync();
        var (top, bottom) = (await first.BoundingBoxAsync(), await last.BoundingBoxAsync());
        var clip = new Clip { X = Math.Min(top!.X, bottom!.X) - 8, Y = top.Y - 8, Width = Math.Max(top.Width, bottom.Width) + 16, Height = bottom.Y + bottom.Height - top.Y + 16 };
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(name), Clip = clip, Animations = ScreenshotAnimations.Disabled });
    }

    private static string ScreenshotPath(string name)
    {
        var directory = Environment.GetEnvironmentVariable("SITEBUILDER_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{name}.png");
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
