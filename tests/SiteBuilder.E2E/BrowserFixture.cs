using Microsoft.Playwright;
using SiteBuilder.Portal.Testing;

[assembly: AssemblyFixture(typeof(SiteBuilder.E2E.BrowserFixture))]

// One browser test at a time: they share one portal and, in CI, two cores, so a test's pace (streams, deployments and
// their health checks, screenshots at intervals) must not depend on which other tests happen to run beside it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace SiteBuilder.E2E;

/// <summary>
/// The portal on a real Kestrel port and Debian's Chromium driven by Playwright (never a downloaded browser).
/// One of each per test run; every test opens its own browser context, so tests share no cookies.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private string? _profile;

    public PortalFactory Portal { get; } = new BrowserPortalFactory();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Portal.Settings["SiteBuilder:Accounts:StatusCacheDuration"] = "00:00:01";
        // CI runs these beside the API tests on two cores: waits are generous, since they only bound how long a failure takes to show.
        Assertions.SetDefaultExpectTimeout(20_000);
        BaseUrl = Portal.StartOnLoopbackPort();

        _profile = Directory.CreateTempSubdirectory("sitebuilder-chromium-").FullName;
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", Path.Combine(_profile, "config"));
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Path.Combine(_profile, "cache"));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = FindChromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Portal.DisposeAsync();
        if (_profile is not null)
        {
            Directory.Delete(_profile, recursive: true);
        }
    }

    /// <summary>
    /// A fresh context (cookies, storage) with the given viewport; console errors and failed requests are collected. A test that
    /// starts its own portal (another provider) passes its address.
    /// </summary>
    public async Task<BrowserSession> NewSessionAsync(int width = 1280, int height = 900, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    private static string FindChromium()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .Append("/usr/bin/chromium");
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed. Run scripts/test.sh (it installs Debian's chromium) or: sudo apt-get install -y chromium");
    }
}
