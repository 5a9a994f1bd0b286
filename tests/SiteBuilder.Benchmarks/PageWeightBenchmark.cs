using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SiteBuilder.Benchmarks;

/// <summary>
/// Bytes a browser transfers for a page on a cold cache, as brotli when offered: the document and every stylesheet and
/// script it references or preloads (the sign-in page; the workspace and the API reference, with Scalar's bundle, once signed
/// in as a marketer; and the operations dashboard, whose charts' plotly.js it preloads, as an operator). A later visit asks
/// again for the document and for every asset not cached for good (no <c>immutable</c>: a name without a content hash), which
/// the last column counts. Reported, never asserted.
/// </summary>
internal static partial class PageWeightBenchmark
{
    public static int Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task<int> RunAsync()
    {
        // A build (not a publish) serves its static assets through ASP.NET Core's development handler, which marks them all
        // no-cache and sends a file whose time has sub-second digits (app.css, from git) "gzip" without compressing it: off, the
        // portal serves them as a published one does (gzip here, where a publish would have brotli too).
        await using var portal = await GenerationBenchmark.Portal.StartAsync(new Dictionary<string, string> { ["ReloadStaticAssetsAtRuntime"] = "false" }, withOperator: true);
        using var browser = NewBrowser(portal.Address);

        Console.WriteLine($"{"page",-12} {"document",10} {"assets",10} {"total",10} {"revalidated",11}  (bytes on the wire, br/gzip as the server chose; assets a later visit asks for again)");
        Print("sign-in", await WeighAsync(browser, "/account/login"));

        if (!await SignInAsync(browser, "bench"))
        {
            return 1;
        }

        Print("workspace", await WeighAsync(browser, $"/workspace/{GenerationBenchmark.Portal.BenchTenant}"));
        Print("api-ref", await WeighAsync(browser, "/docs/api"));

        using var operatorBrowser = NewBrowser(portal.Address);
        if (!await SignInAsync(operatorBrowser, GenerationBenchmark.Portal.BenchOperator))
        {
            return 1;
        }

        Print("dashboard", await WeighAsync(operatorBrowser, "/ops/dashboard"));
        return 0;
    }

    /// <summary>A browser on a cold cache, with its own cookies.</summary>
    private static HttpClient NewBrowser(Uri portal)
    {
        var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = portal,
        };
        browser.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");
        return browser;
    }

    private static async Task<bool> SignInAsync(HttpClient browser, string userName)
    {
        var form = await DecodedAsync(browser, "/account/login");
        var fields = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = GenerationBenchmark.Portal.BenchPassword;
        using var signedIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            await Console.Error.WriteLineAsync($"Signing in as {userName} failed: {(int)signedIn.StatusCode}.");
            return false;
        }

        return true;
    }

    private static async Task<Weight> WeighAsync(HttpClient browser, string path)
    {
        using var page = await browser.GetAsync(path);
        var body = await page.Content.ReadAsByteArrayAsync();
        var html = await DecodedAsync(browser, path);
        long assets = 0;
        var revalidated = 0;
        foreach (Match reference in AssetReference().Matches(html))
        {
            using var asset = await browser.GetAsync("/" + reference.Groups[1].Value.TrimStart('/'));
            assets += (await asset.Content.ReadAsByteArrayAsync()).LongLength;
            if (asset.Headers.CacheControl?.ToString().Contains("immutable", StringComparison.Ordinal) != true)
            {
                revalidated++;
            }
        }

        return new(body.LongLength, assets, revalidated);
    }

    private sealed record Weight(long Document, long Assets, int Revalidated);

    /// <summary>The document as text (fetched again without compression, to find its references).</summary>
    private static async Task<string> DecodedAsync(HttpClient browser, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Clear();
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "identity");
        using var answer = await browser.SendAsync(request);
        return await answer.Content.ReadAsStringAsync();
    }

    private static void Print(string page, Weight weight) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{page,-12} {weight.Document,10:N0} {weight.Assets,10:N0} {weight.Document + weight.Assets,10:N0} {weight.Revalidated,11}"));

    [GeneratedRegex("<(?:link[^>]*rel=\"(?:stylesheet|preload|modulepreload)\"[^>]*href|script[^>]*src)=\"([^\"]+)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
