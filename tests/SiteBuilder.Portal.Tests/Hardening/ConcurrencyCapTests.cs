using System.Net;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing.OpenApi;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>
/// Issue 13 point 6: caps on what runs at once answer at once (429 for the tenant's caps, 503 for the instance's, both with
/// Retry-After and problem+json) instead of queuing without bound.
/// </summary>
public sealed class ConcurrencyCapTests : IAsyncLifetime
{
    private readonly GenerationPortal _portal = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        // Pages written slowly (a second before each section), so the generations and their streams stay open during the test.
        _portal.Settings["SiteBuilder:Generation:OfflineSectionDelay"] = "00:00:01";
        _portal.Settings["SiteBuilder:Concurrency:GenerationsPerTenant"] = "2";
        _portal.Settings["SiteBuilder:Concurrency:StreamsPerTenant"] = "3";
        _portal.Settings["SiteBuilder:Concurrency:StreamsPerInstance"] = "4";
        _ = _portal.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task OverTheTenantsGenerationAndStreamCapsIs429AndOverTheInstancesStreamCapIs503()
    {
        var acme = "cc" + Guid.NewGuid().ToString("N")[..10];
        var globex = "cc" + Guid.NewGuid().ToString("N")[..10];
        var onAcme = _portal.ApiClient(await _portal.CreateTokenAsync(acme, Roles.Marketer), acme);
        var onGlobex = _portal.ApiClient(await _portal.CreateTokenAsync(globex, Roles.Marketer), globex);
        var open = new List<HttpResponseMessage>();
        try
        {
            // Two running generations of acme, each followed by its start's own stream.
            for (var i = 0; i < 2; i++)
            {
                open.Add(await onAcme.StartGenerationAsync(acme, new { prompt = $"A winter sale page for a coffee roastery, number {i}" }, Ct));
                Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
            }

            var third = await onAcme.StartGenerationAsync(acme, new { prompt = "One more winter sale page" }, Ct);
            await AssertProblemAsync(third, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
            Assert.NotNull(third.Headers.RetryAfter);
            await OpenApiContract.Load("generation-api.yaml").AssertResponseAsync(third, Ct);

            // A third stream of acme (reading a running generation again) fits its cap of 3; the fourth does not.
            var running = open[0].Headers.GetValues("X-Generation-Id").Single();
            open.Add(await onAcme.EventsAsync(acme, running, null, Ct));
            Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
            var fourth = await onAcme.EventsAsync(acme, running, null, Ct);
            await AssertProblemAsync(fourth, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
            Assert.NotNull(fourth.Headers.RetryAfter);

            // Globex has caps of its own, but the instance's 4 streams are full after its first.
            open.Add(await onGlobex.StartGenerationAsync(globex, new { prompt = "A spring sale page for a bike shop" }, Ct));
            Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
            var full = await onGlobex.StartGenerationAsync(globex, new { prompt = "Another spring sale page" }, Ct);
            await AssertProblemAsync(full, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
            Assert.NotNull(full.Headers.RetryAfter);
            await OpenApiContract.Load("generation-api.yaml").AssertResponseAsync(full, Ct);
        }
        finally
        {
            foreach (var response in open)
            {
                response.Dispose();
            }
        }
    }
}
