using System.Diagnostics.Metrics;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Sources;
using SiteBuilder.TestSupport.FakeCloudWatch;

namespace SiteBuilder.Observability.Tests;

public sealed class CloudWatchSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CloudWatchAnswersTheSameSeriesShapeAsTheLocalSourceForTheSameQuery()
    {
        await using var harness = await ObservabilityHarness.StartAsync();
        await using var cloudWatch = await FakeCloudWatchServer.StartAsync(cancellationToken: Ct);
        var start = harness.Clock.GetUtcNow();
        var meter = harness.Meters.Create(InstrumentNames.GenerationMeter).CreateHistogram<double>(InstrumentNames.TimeToLastChunk, "s");
        foreach (var (minute, agentErrors, ttlt) in new[] { (0, 2, 12.0), (1, 0, 0), (2, 3, 30.0), (7, 1, 5.0) })
        {
            harness.Clock.SetUtcNow(start.AddMinutes(minute));
            var at = MetricRollup.MinuteOf(start.AddMinutes(minute));
            for (var i = 0; i < agentErrors; i++)
            {
                Assert.Throws<TimeoutException>(() => harness.Agents.Measure<int>(Agents.PageGenerator, () => throw new TimeoutException()));
                cloudWatch.Put("SiteBuilder/dev", "AgentErrors", at, 1, ("Environment", "dev"), ("Agent", Agents.PageGenerator));
                cloudWatch.Put("SiteBuilder/dev", "AgentErrors", at, 1, ("Environment", "dev"));
            }

            if (ttlt > 0)
            {
                meter.Record(ttlt);
                cloudWatch.Put("SiteBuilder/dev", "TimeToLastChunk", at, ttlt, ("Environment", "dev"));
            }

            await harness.Recorder.FlushAsync(Ct);
        }

        var from = start.AddMinutes(-10);
        var to = start.AddMinutes(20);
        MetricQuery[] queries =
        [
            new("dev", "AgentErrors", from, to, TimeSpan.FromMinutes(5), "Sum", Agents.PageGenerator),
            new("dev", "AgentErrors", from, to, TimeSpan.FromMinutes(1), "Sum"),
            new("dev", "TimeToLastChunk", from, to, TimeSpan.FromMinutes(5), "Maximum"),
            new("dev", "TimeToLastChunk", from, to, TimeSpan.FromMinutes(5), "SampleCount"),
            new("dev", "AgentErrors", from, to, TimeSpan.FromMinutes(5), "Sum", Agents.ThemeSelector),
        ];
        using var http = new HttpClient();
        var source = new CloudWatchMetricsSource(http, new CloudWatchOptions
        {
            ServiceUrl = cloudWatch.BaseUrl.ToString(),
            Region = cloudWatch.Credentials.Region,
            AccessKeyId = cloudWatch.Credentials.AccessKeyId,
            SecretAccessKey = cloudWatch.Credentials.SecretAccessKey,
        }, TimeProvider.System);

        var fromCloudWatch = await source.QueryAsync(queries, Ct);
        var fromLocal = await harness.Source.QueryAsync(queries, Ct);

        Assert.Empty(cloudWatch.Rejections);
        Assert.Equal(fromLocal, fromCloudWatch, (a, b) => a.Metric == b.Metric && a.Statistic == b.Statistic && a.Dimension == b.Dimension && a.Unit == b.Unit && a.Points.SequenceEqual(b.Points));
        Assert.Equal([5.0, 1.0], fromCloudWatch[0].Points.Select(p => p.Value).ToList());
        Assert.Empty(fromCloudWatch[4].Points);
    }

    [Fact]
    public async Task ABadSignatureIsRejectedAndTheSourceSaysSoClearly()
    {
        await using var cloudWatch = await FakeCloudWatchServer.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient();
        var source = new CloudWatchMetricsSource(http, new CloudWatchOptions
        {
            ServiceUrl = cloudWatch.BaseUrl.ToString(),
            Region = cloudWatch.Credentials.Region,
            AccessKeyId = cloudWatch.Credentials.AccessKeyId,
            SecretAccessKey = "not-the-secret",
        }, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<MetricsSourceException>(() => source.QueryAsync([new MetricQuery("dev", "Http5xx", now.AddHours(-1), now, TimeSpan.FromMinutes(1), "Sum")], Ct));

        Assert.Contains("rejected the request's signature", error.Message, StringComparison.Ordinal);
        Assert.Contains("SignatureDoesNotMatch", error.Message, StringComparison.Ordinal);
        Assert.Contains("signature we calculated does not match", Assert.Single(cloudWatch.Rejections), StringComparison.Ordinal);
    }
}
