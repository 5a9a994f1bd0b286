using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using SiteBuilder.Identity;

namespace SiteBuilder.Portal.Tests;

/// <summary>
/// Every stylesheet and script a page references or preloads is fingerprinted and served compressed to a browser that asks with
/// <c>Accept-Encoding: br</c> (brotli when published, gzip in a Debug build): MudBlazor's 627 KB of CSS and the dashboard's
/// 1.1 MB of plotly.js included. A phone on a slow network pays for each byte before first paint.
/// </summary>
public sealed partial class StaticAssetTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryAssetOfTheSignInPageIsFingerprintedAndServedCompressed()
    {
        var client = NewBrowser();

        await AssertAssetsCompressedAsync(client, "/account/login");
    }

    [Fact]
    public async Task EveryAssetOfTheWorkspaceIsFingerprintedAndServedCompressed()
    {
        var client = await SignedInBrowserAsync([Roles.Marketer], ["acme"]);

        await AssertAssetsCompressedAsync(client, "/workspace/acme");
    }

    [Fact]
    public async Task EveryAssetOfTheOperationsDashboardPlotlyIncludedIsFingerprintedAndServedCompressed()
    {
        var client = await SignedInBrowserAsync([Roles.Operator], []);

        var assets = await AssertAssetsCompressedAsync(client, "/ops/dashboard");

        // plotly.js (1.1 MB raw) is what the charts need; the page names it in its head, so it is checked with the rest.
        Assert.Contains(assets, a => a.Contains("plotly", StringComparison.OrdinalIgnoreCase) && a.EndsWith(".js", StringComparison.Ordinal));
    }

    private async Task<HttpClient> SignedInBrowserAsync(string[] roles, string[] tenants)
    {
        var (account, password) = await portal.Factory.CreateUserAsync(roles, tenants);
        var client = NewBrowser();
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync("/account/login", Ct)).QuerySelector("form.account-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.Add(new("Input.UserName", account.UserName));
        fields.Add(new("Input.Password", password));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/account/login", new FormUrlEncodedContent(fields), Ct)).StatusCode);
        return client;
    }

    /// <summary>Asks for every stylesheet and script the page references (preloads included) as a browser would; returns them.</summary>
    private async Task<IReadOnlyList<string>> AssertAssetsCompressedAsync(HttpClient client, string page)
    {
        var response = await client.GetAsync(page, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        var assets = document.QuerySelectorAll("link[rel=stylesheet][href], link[rel=preload][href], link[rel=modulepreload][href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .Where(url => !url.StartsWith("http", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(assets, a => a.Contains("MudBlazor.min", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("MudBlazor.min", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));

        var failures = new List<string>();
        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + asset.TrimStart('/'));
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var answer = await client.SendAsync(request, Ct);
            var encoding = string.Join(",", answer.Content.Headers.ContentEncoding);
            // The name carries the content hash; the year-long immutable caching that goes with it is MapStaticAssets' outside
            // Development (the test host runs as Development, where every asset is revalidated).
            // A published portal (production) has brotli for every asset; a Debug build, as here, gzip (brotli in Debug builds makes
            // the Development asset handler send undecodable bodies): either way, never the raw bytes.
            if (answer.StatusCode != HttpStatusCode.OK || encoding is not ("br" or "gzip") || !Fingerprinted().IsMatch(asset))
            {
                failures.Add($"{asset}: {(int)answer.StatusCode}, Content-Encoding '{encoding}'");
            }
        }

        Assert.True(failures.Count == 0, $"{page} references assets that are not fingerprinted and compressed:\n{string.Join("\n", failures)}");
        return assets;
    }

    private HttpClient NewBrowser() =>
        portal.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A name with a content hash before its extension, e.g. <c>app.dx0c79k5f4.css</c>.</summary>
    [GeneratedRegex(@"\.[a-z0-9]{10}\.(css|js)$")]
    private static partial Regex Fingerprinted();
}
