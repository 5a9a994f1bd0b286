using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Identity;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.TestSupport.FakeBedrock;
using AgentNames = SiteBuilder.Observability.Metrics.Agents;

namespace SiteBuilder.Portal.Tests;

/// <summary>
/// Issue 10, point 1: a generation records time to first and last chunk (seconds), tokens and brand score on the generation
/// meter, and every agent call (success or error, with <c>error.type</c>) on the one agents meter.
/// </summary>
public sealed class GenerationMetricsTests : IAsyncLifetime
{
    private FakeBedrockServer _bedrock = null!;
    private GenerationPortal _portal = null!;

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _portal = new GenerationPortal(_bedrock);
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _bedrock.DisposeAsync();
    }

    [Fact]
    public async Task AGenerationRecordsChunkTimesTokensBrandScoreAndEveryAgentCallWithItsOutcome()
    {
        // Only this portal's meters: other test classes run portals in parallel in this process.
        var meters = _portal.Services.GetRequiredService<IMeterFactory>();
        using var agents = new MetricCollector<double>(meters, AgentMetrics.MeterName, InstrumentNames.AgentDuration);
        using var firstChunk = new MetricCollector<double>(meters, GenerationMetrics.MeterName, InstrumentNames.TimeToFirstChunk);
        using var lastChunk = new MetricCollector<double>(meters, GenerationMetrics.MeterName, InstrumentNames.TimeToLastChunk);
        using var brandScore = new MetricCollector<double>(meters, GenerationMetrics.MeterName, InstrumentNames.BrandScore);
        using var tokens = new MetricCollector<long>(meters, GenerationMetrics.MeterName, InstrumentNames.Tokens);
        var client = _portal.ApiClient(await _portal.CreateTokenAsync("acme", Roles.Marketer), "acme");
        _bedrock.Enqueue(new FakeBedrockScript { Text = ModelPages.Long(3), InputTokens = 1850, OutputTokens = 900 }, FakeBedrockScript.Failing(BedrockHttpError.AccessDenied));

        var complete = (await client.GenerateAsync("acme", new { prompt = "A sale page for Northwind" }, Ct))[^1].Json;
        var failed = await client.StartGenerationAsync("acme", new { prompt = "Another sale page for Northwind" }, Ct);
        var state = await client.GetAsync($"/v1/sites/acme/generations/{complete.GetProperty("generationId").GetString()}", Ct);

        Assert.Equal("complete", complete.GetProperty("type").GetString());
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.True(state.IsSuccessStatusCode);
        var first = Assert.Single(firstChunk.GetMeasurementSnapshot());
        var last = Assert.Single(lastChunk.GetMeasurementSnapshot());
        Assert.Equal("bedrock", first.Tags["provider"]);
        Assert.InRange(first.Value, 0.0001, last.Value);
        Assert.InRange(last.Value, 0.0001, 60);
        Assert.Equal(complete.GetProperty("brandScore").GetDouble(), Assert.Single(brandScore.GetMeasurementSnapshot()).Value, 1);
        Assert.Equal(1850, tokens.GetMeasurementSnapshot().Where(m => Equals(m.Tags["direction"], "input")).Sum(m => m.Value));

        var calls = agents.GetMeasurementSnapshot();
        int Count(string agent, string outcome) => calls.Count(m => Equals(m.Tags["agent"], agent) && Equals(m.Tags["outcome"], outcome));
        Assert.Equal(1, Count(AgentNames.PageGenerator, Outcomes.Success));
        Assert.Equal(1, Count(AgentNames.PageGenerator, Outcomes.Error));
        Assert.Equal(nameof(SiteBuilder.Generation.Templates.PageModelFailure.Failed), calls.Single(m => Equals(m.Tags["agent"], AgentNames.PageGenerator) && Equals(m.Tags["outcome"], Outcomes.Error)).Tags["error.type"]);
        Assert.Equal(2, Count(AgentNames.ThemeSelector, Outcomes.Success));
        Assert.Equal(2, Count(AgentNames.LayoutAgent, Outcomes.Success));
        Assert.Equal(1, Count(AgentNames.BrandValidator, Outcomes.Success));
        Assert.Equal(1, Count(AgentNames.GenerationState, Outcomes.Success));
        Assert.All(calls, m => Assert.True(m.Tags.ContainsKey("outcome")));
    }
}
