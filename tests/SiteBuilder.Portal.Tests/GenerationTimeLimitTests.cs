using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Identity;
using SiteBuilder.TestSupport.FakeBedrock;

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
        await using var portal = new GenerationPortal(_bedrock);
        portal.Settings["SiteBuilder:Generation:Timeout"] = "00:00:02";
        var client = portal.ApiClient(await portal.CreateTokenAsync("acme", Roles.Marketer), "acme");
        // Never idle long enough for the stream's idle timeout, but 20 deltas 250 ms apart take 5 s.
        _bedrock.Enqueue(new FakeBedrockScript { Text = ModelPages.Long(6), DeltaCount = 20, DeltaLatency = TimeSpan.FromMilliseconds(250) });

        var response = await client.StartGenerationAsync("acme", new { prompt = "A spring sale page for Northwind" }, Ct);
        var events = await Sse.ReadToEndAsync(response, Ct);

        Assert.Contains(events, e => e.Type == "chunk");
        Assert.Equal("error", events[^1].Type);
        Assert.Equal("GENERATION_FAILED", events[^1].Json.GetProperty("code").GetString());
        Assert.Contains("longer than 2 seconds", events[^1].Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        var state = await client.StateAsync("acme", response.Headers.GetValues("X-Generation-Id").Single(), Ct);
        Assert.Equal("failed", state.GetProperty("status").GetString());
    }

    [Fact]
    public async Task APageWrittenInTimeCompletesEvenWhenItsScoreWaitsPastTheLimit()
    {
        using var scoring = new ScoringQueue(threads: 1);
        await using var portal = new GenerationPortal
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
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        release.Set();
        var events = await Sse.ReadToEndAsync(response, Ct);

        Assert.True(await busy);
        Assert.Equal("complete", events[^1].Type);
        Assert.Equal("complete", (await client.StateAsync("acme", generationId, Ct)).GetProperty("status").GetString());
    }
}
