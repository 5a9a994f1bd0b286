using System.Diagnostics.Metrics;
using SiteBuilder.Observability.Alarms;
using SiteBuilder.Observability.Metrics;

namespace SiteBuilder.Observability.Tests;

public sealed class AlarmTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailingAgentCallsMoveTheAgentErrorsAlarmFromOkToAlarmAndBackWithItsHistory()
    {
        await using var harness = await ObservabilityHarness.StartAsync();
        var start = harness.Clock.GetUtcNow();
        var quiet = await harness.Evaluator.EvaluateAsync("dev", start, Ct);
        Assert.Equal(AlarmState.Ok, quiet.Single(s => s.AlarmId == "agent-errors").State);

        for (var i = 0; i < 6; i++)
        {
            Assert.Throws<TimeoutException>(() => harness.Agents.Measure<int>(Agents.PageGenerator, () => throw new TimeoutException()));
        }

        await harness.Recorder.FlushAsync(Ct);
        harness.Clock.Advance(TimeSpan.FromSeconds(30));
        var firing = (await harness.Evaluator.EvaluateAsync("dev", harness.Clock.GetUtcNow(), Ct)).Single(s => s.AlarmId == "agent-errors");
        harness.Clock.Advance(TimeSpan.FromMinutes(6));
        var recovered = (await harness.Evaluator.EvaluateAsync("dev", harness.Clock.GetUtcNow(), Ct)).Single(s => s.AlarmId == "agent-errors");

        Assert.Equal((AlarmState.Alarm, 6.0), (firing.State, firing.Value!.Value));
        Assert.Equal(AlarmState.Ok, recovered.State);
        Assert.Equal(harness.Clock.GetUtcNow(), recovered.Since);
        var history = await harness.Store.ReadAlarmHistoryAsync("dev", "agent-errors", 10, Ct);
        Assert.Equal([(AlarmState.Alarm, AlarmState.Ok), (AlarmState.Ok, AlarmState.Alarm), (AlarmState.InsufficientData, AlarmState.Ok)], history.Select(h => (h.From, h.To)).ToList());
    }

    [Fact]
    public async Task AnErrorRateOverTenPercentSoonAfterADeploymentRecommendsARollback()
    {
        await using var harness = await ObservabilityHarness.StartAsync(version: "1.0.0");
        await harness.Recorder.FlushAsync(Ct);
        harness.Clock.Advance(TimeSpan.FromHours(3));
        using var release = harness.NewRecorder("1.1.0");
        await release.FlushAsync(Ct);
        harness.Recorder.Dispose();

        // ASP.NET Core's own request histogram, as the hosting meter records it.
        var requests = harness.Meters.Create(InstrumentNames.AspNetCoreHostingMeter).CreateHistogram<double>(InstrumentNames.HttpServerRequestDuration, "s");
        for (var i = 0; i < 20; i++)
        {
            requests.Record(0.05, new KeyValuePair<string, object?>("http.route", "/v1/sites/{tenant_id}/generation"), new KeyValuePair<string, object?>("http.response.status_code", i < 3 ? 500 : 200));
        }

        await release.FlushAsync(Ct);
        harness.Clock.Advance(TimeSpan.FromSeconds(20));
        var states = await harness.Evaluator.EvaluateAsync("dev", harness.Clock.GetUtcNow(), Ct);
        var deployments = await harness.Annotations.ListAsync("dev", harness.Clock.GetUtcNow().AddHours(-2), harness.Clock.GetUtcNow(), Ct);

        var errorRate = states.Single(s => s.AlarmId == "error-rate");
        Assert.Equal((AlarmState.Alarm, 15.0), (errorRate.State, errorRate.Value!.Value));
        Assert.Equal("1.1.0", Assert.Single(deployments).Version);
        Assert.Equal("1.1.0", AlarmEvaluator.RollbackRecommended(states, harness.Alarms, deployments)?.Version);
        Assert.Null(AlarmEvaluator.RollbackRecommended(states, harness.Alarms, []));
    }

    [Fact]
    public async Task TheLatencyRegressionAlarmComparesWithTheDayBeforeTheRelease()
    {
        await using var harness = await ObservabilityHarness.StartAsync(version: "1.0.0");
        var ttlt = harness.Meters.Create(InstrumentNames.GenerationMeter).CreateHistogram<double>(InstrumentNames.TimeToLastChunk, "s");
        ttlt.Record(10);
        ttlt.Record(10);
        await harness.Recorder.FlushAsync(Ct);
        harness.Clock.Advance(TimeSpan.FromHours(1));
        harness.Recorder.Dispose();
        using var release = harness.NewRecorder("1.1.0");
        await release.FlushAsync(Ct);
        ttlt.Record(20);
        ttlt.Record(20);
        await release.FlushAsync(Ct);

        var regression = (await harness.Evaluator.EvaluateAsync("dev", harness.Clock.GetUtcNow().AddSeconds(30), Ct)).Single(s => s.AlarmId == "latency-regression");

        Assert.True(regression.State == AlarmState.Alarm, regression.Reason);
        Assert.InRange(regression.Value!.Value, 1.5, 2.5);
    }

    [Fact]
    public void TheAlarmFileHasTheRunbooksAlarmsAndTheRollbackTriggers()
    {
        var catalog = AlarmCatalog.Load(Path.Combine(SiteBuilder.TestSupport.Emulators.RepositoryRoot.Find(), "terraform", "modules", "monitoring", AlarmCatalog.FileName));

        Assert.Equal(("AgentErrors", "Sum", 300, 5.0), Shape(catalog.Find("agent-errors")!));
        Assert.Equal(("AgentDuration", "Maximum", 300, 55.0), Shape(catalog.Find("agent-duration")!));
        Assert.Equal(("StoreThrottles", "Sum", 60, 0.0), Shape(catalog.Find("store-throttles")!));
        Assert.Equal(("Http5xx", "Sum", 60, 10.0), Shape(catalog.Find("http-5xx")!));
        Assert.Equal(("BrandScore", "Average", 900, 8.0), Shape(catalog.Find("brand-score-low")!));
        Assert.Equal(("TimeToLastChunk", "p95", 300, 55.0), Shape(catalog.Find("ttlt-p95")!));
        Assert.Equal(["error-rate", "latency-regression"], catalog.Alarms.Where(a => a.RollbackTrigger).Select(a => a.Id).ToList());
        Assert.All(catalog.Alarms, a => Assert.Matches("^(troubleshooting|rollback)#[a-z0-9-]+$", a.Runbook));

        static (string, string, int, double) Shape(AlarmDefinition a) => (a.Metric, a.Statistic, a.PeriodSeconds, a.Threshold);
    }
}
