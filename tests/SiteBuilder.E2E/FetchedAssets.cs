using System.Collections.Concurrent;
using Microsoft.Playwright;
using SiteBuilder.Portal.Testing;

namespace SiteBuilder.E2E;

/// <summary>
/// The scripts and stylesheets a browser page fetched, from the moment it is watched: each must be one of the portal's
/// fingerprinted static assets (cached for good, never asked for again) and come compressed (gzip in this Debug build, brotli
/// when published), whether the page named it or a script loaded it later.
/// </summary>
internal sealed class FetchedAssets
{
    private readonly ConcurrentQueue<IResponse> _responses = new();

    private FetchedAssets()
    {
    }

    public static FetchedAssets Watch(IPage page)
    {
        var fetched = new FetchedAssets();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType is "script" or "stylesheet")
            {
                fetched._responses.Enqueue(response);
            }
        };
        return fetched;
    }

    /// <summary>Fails with every asset that is not fingerprinted or came uncompressed; returns the paths fetched.</summary>
    public async Task<IReadOnlyList<string>> AssertFingerprintedAndCompressedAsync(PortalFactory portal, string what)
    {
        var fingerprinted = portal.FingerprintedAssetPaths();
        var fetched = new List<string>();
        var unfit = new List<string>();
        foreach (var response in _responses)
        {
            var url = new Uri(response.Url);
            // Workers started from blobs are the page's own code, not a download.
            if (url.Scheme is not ("http" or "https"))
            {
                continue;
            }

            var encoding = await response.HeaderValueAsync("content-encoding");
            fetched.Add(url.AbsolutePath);
            // A revalidated asset (304) has no body to encode.
            if (!fingerprinted.Contains(url.AbsolutePath) || (response.Status != 304 && encoding is not ("br" or "gzip")))
            {
                unfit.Add($"{url.AbsolutePath}: {response.Status}, Content-Encoding '{encoding}'");
            }
        }

        Assert.True(unfit.Count == 0, $"{what} fetched assets that are not fingerprinted and compressed:\n{string.Join("\n", unfit)}");
        return fetched;
    }
}
