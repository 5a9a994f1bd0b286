using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Hosting;
using SiteBuilder.Portal.Testing;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>Issue 13 point 7: SIGTERM during running generations: new ones are refused, readiness fails, the running ones finish.</summary>
public sealed class DrainTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory.Settings["SiteBuilder:RateLimits:Generation"] = "1000";
        _factory.Settings["SiteBuilder:Concurrency:GenerationsPerTenant"] = "100";
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task StoppingDuringTwentyGenerationsLetsThemAllCompleteAndRefusesNewOnes()
    {
        var tenant = "dr" + Guid.NewGuid().ToString("N")[..10];
        var client = _factory.CreateApiClient(await _factory.CreateTokenAsync(tenant, Roles.Marketer), tenant);
        var started = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            // Read only the headers: the generation runs on the server whether or not anyone follows its stream.
            var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/sites/{tenant}/generation")
            {
                Content = JsonContent.Create(new { prompt = $"A landing page for a coffee roastery's winter sale, number {i}" }),
            }, HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            started.Add(response.Headers.Location!.OriginalString.Split('/')[^1]);
            response.Dispose();
        }

        var drain = _factory.Services.GetRequiredService<GenerationDrain>();
        var draining = drain.DrainAsync(Ct);

        var refused = await client.PostAsJsonAsync($"/v1/sites/{tenant}/generation", new { prompt = "One more landing page for the winter sale" }, Ct);
        await AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _factory.CreateClient().GetAsync("/health/ready", Ct)).StatusCode);

        await draining;

        Assert.Equal(0, _factory.Services.GetRequiredService<GenerationRunner>().RunningCount);
        foreach (var id in started)
        {
            var state = await client.GetFromJsonAsync<JsonElement>($"/v1/sites/{tenant}/generations/{id}", Ct);
            Assert.Equal("complete", state.GetProperty("status").GetString());
        }
    }
}
