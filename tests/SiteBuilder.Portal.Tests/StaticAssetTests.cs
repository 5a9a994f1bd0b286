using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using SiteBuilder.Identity;

namespace SiteBuilder.Portal.Tests;

/// <summary>
/// Every stylesheet and script a page references or preloads is fingerprinted and served compressed to a browser that asks with
/// <c>Accept-Encoding: br</c> (brotli when published, gzip in a Debug build): MudBlazor's 627 KB of CSS, the dashboard's
/// 1.1 MB of plotly.js and the API reference's 4.9 MB of Scalar included. A phone on a slow network pays for each byte before
/// first paint, and a name without a content hash is asked for again on every visit.
/// </summary>
public sealed class StaticAssetTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryAssetOfTheSignInPageIsFingerprintedAndServedCompressed()
    {
        var client = NewBrowser();

        AssertMudBlazorAmong(await AssertAssetsCompressedAsync(client, "/account/login"));
    }

    [Fact]
    public async Task EveryAssetOfTheWorkspaceIsFingerprintedAndServedCompressed()
    {
        var client = await SignedInBrowserAsync([Roles.Marketer], ["acme"]);

        AssertMudBlazorAmong(await AssertAssetsCompressedAsync(client, "/workspace/acme"));
    }

    [Fact]
    public async Task EveryAssetOfTheOperationsDashboardPlotlyIncludedIsFingerprintedAndServedCompressed()
    {
        var client = await SignedInBrowserAsync([Roles.Operator], []);

        var assets = await AssertAssetsCompressedAsync(client, "/ops/dashboard");

        AssertMudBlazorAmong(assets);
        // plotly.js (1.1 MB raw) is what the charts need; the page names it in its head, so it is checked with the rest.
        Assert.Contains(assets, a => a.Contains("plotly", StringComparison.OrdinalIgnoreCase) && a.EndsWith(".js", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryAssetOfTheApiReferenceScalarIncludedIsFingerprintedAndServedCompressed()
    {
        var client = await SignedInBrowserAsync([Roles.Marketer], ["acme"]);

        var assets = await AssertAssetsCompressedAsync(client, Api.ApiReference.Route);

        // Scalar's bundle (4.9 MB raw) draws the whole reference; the page is not a Blazor page, so MudBlazor is not among them.
        Assert.Contains(assets, a => a.Contains("scalar", StringComparison.OrdinalIgnoreCase) && a.EndsWith(".js", StringComparison.Ordinal));
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

    /// <summary>
    /// Asks for every stylesheet and script the page references (preloads included) as a browser would, each name read against
    /// the page's address (after any redirect, as the browser follows it) or its base; returns their paths.
    /// </summary>
    private async Task<IReadOnlyList<string>> AssertAssetsCompressedAsync(HttpClient client, string page)
    {
        var address = new Uri(client.BaseAddress!, page);
        var response = await client.GetAsync(address, Ct);
        for (var hops = 0; response.StatusCode == HttpStatusCode.Redirect && hops < 3; hops++)
        {
            address = new Uri(address, response.Headers.Location!);
            response = await client.GetAsync(address, Ct);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        if (document.QuerySelector("base[href]")?.GetAttribute("href") is { } baseHref)
        {
            address = new Uri(address, baseHref);
        }

        var assets = document.QuerySelectorAll("link[rel=stylesheet][href], link[rel=preload][href], link[rel=modulepreload][href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .Where(url => !url.StartsWith("http", StringComparison.Ordinal))
            .Select(url => new Uri(address, url).AbsolutePath)
            .ToList();
        Assert.NotEmpty(assets);

        var fingerprinted = portal.Factory.FingerprintedAssetPaths();
        var failures = new List<string>();
        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var answer = await client.SendAsync(request, Ct);
            var encoding = string.Join(",", answer.Content.Headers.ContentEncoding);
            // The name carries the content hash; the year-long immutable caching that goes with it is MapStaticAssets' outside
            // Development (the test host runs as Development, where every asset is revalidated).
            // A published portal (production) has brotli for every asset; a Debug build, as here, gzip (brotli in Debug builds makes
            // the Development asset handler send undecodable bodies): either way, never the raw bytes.
            if (answer.StatusCode != HttpStatusCode.OK || encoding is not ("br" or "gzip") || !fingerprinted.Contains(asset))
            {
                failures.Add($"{asset}: {(int)answer.StatusCode}, Content-Encoding '{encoding}'");
            }
        }

        Assert.True(failures.Count == 0, $"{page} references assets that are not fingerprinted and compressed:\n{string.Join("\n", failures)}");
        return assets;
    }

    /// <summary>A Blazor page loads MudBlazor's stylesheet and script: they are among what was checked.</summary>
    private static void AssertMudBlazorAmong(IReadOnlyList<string> assets)
    {
        Assert.Contains(assets, a => a.Contains("MudBlazor.min", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("MudBlazor.min", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));
    }

    private HttpClient NewBrowser() =>
        portal.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
