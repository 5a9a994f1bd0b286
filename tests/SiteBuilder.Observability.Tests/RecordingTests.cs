using System.Diagnostics.Metrics;
using System.Text.Json;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Sources;

namespace SiteBuilder.Observability.Tests;

public sealed class RecordingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAgentCallThatThrowsIsCountedAsThatAgentsErrorInTheLocalSource()
    {
        await using var harness = await ObservabilityHarness.StartAsync();
        Assert.Throws<InvalidOperationException>(() => harness.Agents.Measure<int>(Agents.ThemeSelector, () => throw new InvalidOperationException("no palette")));
        harness.Agents.Measure(Agents.PageGenerator, () => 1);
        using (var call = harness.Agents.Start(Agents.PageGenerator))
        {
            call.Succeed();
        }

        await harness.Recorder.FlushAsync(Ct);
        var from = ObservabilityHarness.Start.AddMinutes(-5);
        var to = ObservabilityHarness.Start.AddMinutes(5);
        var series = await harness.Source.QueryAsync(
        [
            new MetricQuery("dev", "AgentErrors", from, to, TimeSpan.FromMinutes(10), "Sum", Agents.ThemeSelector),
            new MetricQuery("dev", "AgentErrors", from, to, TimeSpan.FromMinutes(10), "Sum", Agents.PageGenerator),
            new MetricQuery("dev", "AgentInvocations", from, to, TimeSpan.FromMinutes(10), "Sum", Agents.PageGenerator),
            new MetricQuery("dev", "AgentInvocations", from, to, TimeSpan.FromMinutes(10), "Sum"),
        ], Ct);

        Assert.Equal(1, Assert.Single(series[0].Points).Value);
        Assert.Empty(series[1].Points);
        Assert.Equal(2, Assert.Single(series[2].Points).Value);
        Assert.Equal(3, Assert.Single(series[3].Points).Value);
    }

    [Fact]
    public async Task PercentilesComeFromMergedBucketsOfEveryMinute()
    {
        await using var harness = await ObservabilityHarness.StartAsync();
        var meter = harness.Meters.Create(InstrumentNames.GenerationMeter);
        var ttlt = meter.CreateHistogram<double>(InstrumentNames.TimeToLastChunk, "s");
        for (var i = 1; i <= 100; i++)
        {
            ttlt.Record(i * 0.5);
            if (i == 50)
            {
                await harness.Recorder.FlushAsync(Ct);
                harness.Clock.Advance(TimeSpan.FromMinutes(1));
            }
        }

        await harness.Recorder.FlushAsync(Ct);
        var from = ObservabilityHarness.Start.AddMinutes(-1);
        var series = await harness.Source.QueryAsync(
        [
            new MetricQuery("dev", "TimeToLastChunk", from, from.AddMinutes(10), TimeSpan.FromMinutes(10), "p50"),
            new MetricQuery("dev", "TimeToLastChunk", from, from.AddMinutes(10), TimeSpan.FromMinutes(10), "p95"),
            new MetricQuery("dev", "TimeToLastChunk", from, from.AddMinutes(10), TimeSpan.FromMinutes(10), "Maximum"),
            new MetricQuery("dev", "TimeToLastChunk", from, from.AddMinutes(10), TimeSpan.FromMinutes(1), "SampleCount"),
        ], Ct);

        Assert.InRange(series[0].Points.Single().Value, 22, 28);
        Assert.InRange(series[1].Points.Single().Value, 45, 50);
        Assert.Equal(50, series[2].Points.Single().Value);
        Assert.Equal([50.0, 50.0], series[3].Points.Select(p => p.Value).ToList());
    }

    [Fact]
    public async Task AFinishedMinuteIsWrittenAsEmbeddedMetricFormatLinesCloudWatchAccepts()
    {
        await using var harness = await ObservabilityHarness.StartAsync(emf: true, version: "2.3.4");
        harness.Agents.Measure(Agents.LayoutAgent, () => 1);
        Assert.Throws<TimeoutException>(() => harness.Agents.Measure<int>(Agents.LayoutAgent, () => throw new TimeoutException()));
        await harness.Recorder.FlushAsync(Ct);
        Assert.Equal(string.Empty, harness.EmfOutput.ToString());

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await harness.Recorder.FlushAsync(Ct);

        var all = harness.EmfOutput.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // The level of open streams is published every minute, with the environment only.
        Assert.Equal(0, all.Single(l => l.TryGetProperty("ActiveStreams", out _)).GetProperty("ActiveStreams").GetDouble());
        var lines = all.Where(l => l.TryGetProperty("Agent", out _)).ToList();
        var byMetric = lines.ToDictionary(l => l.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics")[0].GetProperty("Name").GetString()!);
        Assert.Equal(["AgentDuration", "AgentErrors", "AgentInvocations"], byMetric.Keys.Order().ToList());
        foreach (var line in lines)
        {
            var directive = line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
            Assert.Equal("SiteBuilder/dev", directive.GetProperty("Namespace").GetString());
            Assert.Equal([["Environment"], ["Environment", "Agent"]], directive.GetProperty("Dimensions").EnumerateArray().Select(d => d.EnumerateArray().Select(x => x.GetString()).ToArray()).ToArray());
            Assert.Equal(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), line.GetProperty("_aws").GetProperty("Timestamp").GetInt64());
            Assert.Equal("dev", line.GetProperty("Environment").GetString());
            Assert.Equal("layout_agent", line.GetProperty("Agent").GetString());
            Assert.Equal("2.3.4", line.GetProperty("Version").GetString());
        }

        Assert.Equal(2, byMetric["AgentInvocations"].GetProperty("AgentInvocations").GetDouble());
        Assert.Equal(1, byMetric["AgentErrors"].GetProperty("AgentErrors").GetDouble());
        Assert.Equal("Seconds", byMetric["AgentDuration"].GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics")[0].GetProperty("Unit").GetString());
        Assert.Equal(2, byMetric["AgentDuration"].GetProperty("AgentDuration").GetArrayLength());
    }

    [Fact]
    public async Task MeasurementsOfAnotherHostsMetersAreNotRecorded()
    {
        await using var harness = await ObservabilityHarness.StartAsync();
        using var otherMeters = new SiteBuilder.TestSupport.Metrics.TestMeterFactory();
        new AgentMetrics(otherMeters).Measure(Agents.LayoutAgent, () => 1);

        await harness.Recorder.FlushAsync(Ct);

        Assert.Empty(await harness.Store.ReadRollupsAsync("dev", "AgentInvocations", ObservabilityHarness.Start.AddHours(-1), ObservabilityHarness.Start.AddHours(1), Ct));
    }

    [Fact]
    public async Task WithRecordingSwitchedOffNothingIsRecorded()
    {
        await using var harness = await ObservabilityHarness.StartAsync();
        harness.Recorder.Dispose();
        harness.Options.Record = false;
        using var recorder = harness.NewRecorder("1.0.0");
        harness.Agents.Measure(Agents.LayoutAgent, () => 1);

        await recorder.FlushAsync(Ct);

        Assert.Empty(await harness.Store.ReadRollupsAsync("dev", "AgentInvocations", ObservabilityHarness.Start.AddHours(-1), ObservabilityHarness.Start.AddHours(1), Ct));
    }
}
