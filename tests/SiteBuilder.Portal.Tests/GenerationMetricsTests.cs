using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Generation.Pipeline;
using AgentNames = SiteBuilder.Generation.Pipeline.Agents;
using SiteBuilder.Identity;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.Portal.Tests;

/// <summary>
/// Issue 4, point 9: a generation records time to first chunk, time to last chunk, tokens and each agent's calls and errors
/// on the <c>SiteBuilder.Generation</c> meter, where any metrics listener (OpenTelemetry, dotnet-counters) sees them.
/// </summary>
public sealed class GenerationMetricsTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private FakeBedrockServer _bedrock = null!;
    private GenerationPortal _portal = null!;
    private MeterListener _listener = null!;

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _portal = new GenerationPortal(_bedrock);
        // Only this portal's meters: other test classes run portals in parallel in this process.
        var factory = _portal.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == GenerationMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _portal.DisposeAsync();
        await _bedrock.DisposeAsync();
    }

    [Fact]
    public async Task AGenerationRecordsTimeToFirstAndLastChunkTokensAndEachAgentsCallsAndErrors()
    {
        var client = _portal.ApiClient(await _portal.CreateTokenAsync("acme", Roles.Marketer), "acme");
        _bedrock.Enqueue(new FakeBedrockScript { Text = ModelPages.Long(3), InputTokens = 1850, OutputTokens = 900 }, FakeBedrockScript.Failing(BedrockHttpError.AccessDenied));

        var complete = (await client.GenerateAsync("acme", new { prompt = "A sale page for Northwind" }, Ct))[^1].Json;
        var failed = await client.StartGenerationAsync("acme", new { prompt = "Another sale page for Northwind" }, Ct);

        Assert.Equal("complete", complete.GetProperty("type").GetString());
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, failed.StatusCode);
        var firstChunk = Assert.Single(Values("sitebuilder.generation.time_to_first_chunk"));
        var lastChunk = Assert.Single(Values("sitebuilder.generation.time_to_last_chunk"));
        Assert.Equal("bedrock", firstChunk.Tags["provider"]);
        Assert.InRange(firstChunk.Value, 0.01, lastChunk.Value);
        Assert.Equal(1850, Values("sitebuilder.generation.tokens").Where(m => Equals(m.Tags["direction"], "input")).Sum(m => m.Value));
        Assert.Equal(900, Values("sitebuilder.generation.tokens").Where(m => Equals(m.Tags["direction"], "output")).Sum(m => m.Value));
        Assert.Equal(1850, complete.GetProperty("inputTokens").GetInt64());
        Assert.Equal(2, Count("sitebuilder.agent.calls", AgentNames.PageGenerator));
        Assert.Equal(1, Count("sitebuilder.agent.errors", AgentNames.PageGenerator));
        Assert.Equal(2, Count("sitebuilder.agent.calls", AgentNames.ThemeSelector));
        Assert.Equal(2, Count("sitebuilder.agent.calls", AgentNames.LayoutAgent));
        Assert.Equal(1, Count("sitebuilder.agent.calls", AgentNames.BrandValidator));
        Assert.Equal(0, Count("sitebuilder.agent.errors", AgentNames.BrandValidator));
        Assert.Equal(7, Values("sitebuilder.agent.duration").Count);
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags)
        {
            copy[key] = tagValue;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }

    private List<(double Value, Dictionary<string, object?> Tags)> Values(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags))];

    private double Count(string instrument, string agent) =>
        Values(instrument).Where(m => Equals(m.Tags["agent"], agent)).Sum(m => m.Value);
}
