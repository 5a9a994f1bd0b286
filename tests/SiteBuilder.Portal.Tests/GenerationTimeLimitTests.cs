using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Identity;
using SiteBuilder.TestSupport.FakeBedrock;
using AgentNames = SiteBuilder.Observability.Metrics.Agents;

namespace SiteBuilder.Portal.Tests;

/// <summary>
/// Issue 4: a generation past the configured limit (<c>SiteBuilder:Generation:Timeout</c>, to the last chunk) fails with a clear
/// message; the limit is on writing the page, so a page written in time is never failed while its score waits for the CPU.
/// </summary>
public sealed class GenerationTimeLimitTests : IAsyncLifetime
{
    private FakeBedrockServer _bedrock = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bedrock = await FakeBedrockServer.StartAsync(cancellationToken: Ct);

    public async ValueTask DisposeAsync() => await _bedrock.DisposeAsync();

    [Fact]
    public async Task AModelStillWritingAtTheLimitFailsTheGenerationWithAClearMessage()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var portal = new GenerationPortal(_bedrock, clock);
        portal.Settings["SiteBuilder:Generation:Timeout"] = "00:00:02";
        var client = portal.ApiClient(await portal.CreateTokenAsync("acme", Roles.Marketer), "acme");
        // The model sends a few deltas and then keeps the connection open: it is still writing when the limit comes.
        _bedrock.Enqueue(new FakeBedrockScript { Text = ModelPages.Long(6), DeltaCount = 20, StallAfterDeltas = 5 });

        var response = await client.StartGenerationAsync("acme", new { prompt = "A spring sale page for Northwind" }, Ct);
        var generationId = response.Headers.GetValues("X-Generation-Id").Single();
        var events = new List<SseEvent>();
        await foreach (var e in Sse.FollowAsync(response, Ct))
        {
            events.Add(e);
            if (e.Type == "chunk" && events.Count(x => x.Type == "chunk") == 1)
            {
                clock.Advance(TimeSpan.FromSeconds(2));
            }
        }

        Assert.Contains(events, e => e.Type == "chunk");
        Assert.Equal("error", events[^1].Type);
        Assert.Equal("GENERATION_FAILED", events[^1].Json.GetProperty("code").GetString());
        Assert.Contains("longer than 2 seconds", events[^1].Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", (await client.StateAsync("acme", generationId, Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task APageWrittenInTimeCompletesEvenWhenItsScoreWaitsPastTheLimit()
    {
        using var scoring = new ScoringQueue(threads: 1);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var portal = new GenerationPortal(clock: clock)
        {
            ConfigureServices = services =>
            {
                services.RemoveAll<ScoringQueue>();
                services.AddSingleton(scoring);
            },
        };
        portal.Settings["SiteBuilder:Generation:Timeout"] = "00:00:01";
        var client = portal.ApiClient(await portal.CreateTokenAsync("acme", Roles.Marketer), "acme");
        using var release = new ManualResetEventSlim();
        var busy = scoring.RunAsync(() => release.Wait(TimeSpan.FromSeconds(30)), Ct);

        var response = await client.StartGenerationAsync("acme", new { prompt = "A spring sale page for Northwind" }, Ct);
        var generationId = response.Headers.GetValues("X-Generation-Id").Single();
        var events = new List<SseEvent>();
        await foreach (var e in Sse.FollowAsync(response, Ct))
        {
            events.Add(e);
            // The page is written and waits for the busy scoring queue: the limit passes, then the queue frees up.
            if (e.Type == "progress" && e.Json.GetProperty("step").GetString() == AgentNames.BrandValidator)
            {
                clock.Advance(TimeSpan.FromSeconds(2));
                release.Set();
            }
        }

        Assert.True(release.IsSet, "the generation reached the brand check");
        Assert.True(await busy);
        Assert.Equal("complete", events[^1].Type);
        Assert.Equal("complete", (await client.StateAsync("acme", generationId, Ct)).GetProperty("status").GetString());
    }
}
