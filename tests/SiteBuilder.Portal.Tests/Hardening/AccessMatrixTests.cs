using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.BrandAssets.Library;
using SiteBuilder.Identity;
using SiteBuilder.TestSupport.FakeBedrockImages;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>Issue 13 point 2: every route and page × every role → allowed or refused, from the one table in <see cref="AccessMatrix"/>.</summary>
public sealed class AccessMatrixTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryRouteAndPageOfTheEndpointTableHasARow()
    {
        var missing = EndpointKeys().Where(k => !AccessMatrix.Allowed.ContainsKey(k) && !AccessMatrix.Anonymous.Contains(k)).ToList();
        var stale = AccessMatrix.Allowed.Keys.Except(EndpointKeys()).ToList();

        Assert.True(missing.Count == 0, "Routes without a row in AccessMatrix: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Rows for routes the app no longer maps: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task EveryApiRouteAllowsExactlyTheRolesInTheTable()
    {
        var failures = new List<string>();
        foreach (var role in Roles.All)
        {
            var tenant = NewTenant();
            var client = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, role), tenant);
            foreach (var (key, allowed) in AccessMatrix.Allowed.Where(r => r.Key.Contains(" /v1", StringComparison.Ordinal)))
            {
                var (method, pattern) = Split(key);
                using var request = new HttpRequestMessage(new HttpMethod(method), Fill(pattern, tenant, "x-1", "x-1"));
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
                var refused = response.StatusCode == HttpStatusCode.Forbidden;
                if (refused == allowed.Contains(role))
                {
                    failures.Add($"{role} {key}: {(int)response.StatusCode}, expected {(allowed.Contains(role) ? "allowed" : "403")}");
                }
                else if (refused)
                {
                    await AssertProblemAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryPortalRouteAndPageAllowsExactlyTheRolesInTheTable()
    {
        var failures = new List<string>();
        foreach (var role in Roles.All)
        {
            var tenant = NewTenant();
            var (generationId, siteId, assetId) = await SeedAsync(tenant);
            var (account, password) = await portal.Factory.CreateUserAsync([role], [tenant]);
            var browser = PortalBrowser.Open(portal.Factory);
            Assert.Equal(HttpStatusCode.Redirect, (await PortalBrowser.SignInAsync(browser, account.UserName, password)).StatusCode);

            foreach (var (key, allowed) in AccessMatrix.Allowed.Where(r => !r.Key.Contains(" /v1", StringComparison.Ordinal)))
            {
                var (method, pattern) = Split(key);
                var path = Fill(pattern, tenant, generationId, siteId, assetId);
                using var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), HttpCompletionOption.ResponseHeadersRead, Ct);
                // Refused: 403, the access-denied page, or (for bytes of a tenant) not found, which tells an outsider nothing.
                var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("access-denied", StringComparison.Ordinal));
                if (refused == allowed.Contains(role))
                {
                    failures.Add($"{role} {key} ({path}): {(int)response.StatusCode} {response.Headers.Location}, expected {(allowed.Contains(role) ? "allowed" : "refused")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>A complete generation and an uploaded logo in <paramref name="tenant"/>, so allowed roles get real content, not 404.</summary>
    private async Task<(string GenerationId, string SiteId, string AssetId)> SeedAsync(string tenant)
    {
        var admin = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, Roles.Admin), tenant);
        var started = await admin.PostAsJsonAsync($"/v1/sites/{tenant}/generation", new { prompt = "A landing page for a coffee roastery's winter sale" }, Ct);
        var stream = await started.Content.ReadAsStringAsync(Ct);
        var complete = stream.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => JsonDocument.Parse(l[6..]).RootElement)
            .Single(e => e.GetProperty("type").GetString() == "complete");
        var library = portal.Factory.Services.GetRequiredService<BrandAssetLibrary>();
        using var png = new MemoryStream(TinyPng.Solid(40, 20, 0, 102, 204));
        var asset = await library.UploadAsync(tenant, "seed", png, "logo.png", Ct);
        return (complete.GetProperty("generationId").GetString()!, complete.GetProperty("siteId").GetString()!, asset.Id);
    }

    private static string NewTenant() => "mx" + Guid.NewGuid().ToString("N")[..10];

    private static (string Method, string Pattern) Split(string key) => (key[..key.IndexOf(' ', StringComparison.Ordinal)], key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..]);

    private static string Fill(string pattern, string tenant, string generationId, string siteId, string assetId = "x-1") => pattern
        .Replace("{tenant_id}", tenant, StringComparison.Ordinal).Replace("{tenant}", tenant, StringComparison.Ordinal).Replace("{Tenant}", tenant, StringComparison.Ordinal)
        .Replace("{generation_id}", generationId, StringComparison.Ordinal).Replace("{generationId}", generationId, StringComparison.Ordinal)
        .Replace("{GenerationId}", generationId, StringComparison.Ordinal).Replace("{SiteId}", siteId, StringComparison.Ordinal).Replace("{site_id}", siteId, StringComparison.Ordinal)
        .Replace("{id}", assetId, StringComparison.Ordinal);

    /// <summary>"METHOD pattern" for every route and page the app maps (pages by GET), leaving out framework and static files.</summary>
    private IEnumerable<string> EndpointKeys() =>
        portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.StartsWith("_", StringComparison.Ordinal) && !raw.StartsWith("/_", StringComparison.Ordinal)
                && !raw.Contains("**", StringComparison.Ordinal) && (!raw.Contains('.', StringComparison.Ordinal) || raw.Contains('{', StringComparison.Ordinal) || raw.Contains("well-known", StringComparison.Ordinal)))
            .SelectMany(e =>
            {
                var pattern = e.RoutePattern.RawText!.Length > 1 ? e.RoutePattern.RawText.TrimEnd('/') : e.RoutePattern.RawText;
                var methods = e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
                    ? ["GET"]
                    : e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                return methods.Select(m => $"{m} {pattern}");
            })
            .Distinct();
}
