using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using SiteBuilder.Observability.Alarms;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Store;

namespace SiteBuilder.Observability.Tests.Store;

/// <summary>What every <see cref="IMetricsStore"/> must do. Derived classes supply the implementation on the given clock.</summary>
public abstract class MetricsStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private IMetricsStore? _store;

    protected FakeTimeProvider Clock { get; } = new(Now);

    protected IMetricsStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An environment no other test uses, since a test class may share its tables.</summary>
    protected static string NewEnvironment() => "e" + RandomNumberGenerator.GetHexString(8, lowercase: true);

    protected abstract ValueTask<IMetricsStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static MetricRollup Rollup(string environment, string metric, string dimension, DateTimeOffset minute, string instance, double sum, IReadOnlyList<long>? buckets = null) =>
        new(environment, metric, dimension, minute, instance, "1.0.0", 1, sum, sum, sum, buckets);

    [Fact]
    public async Task RollupsOfEveryInstanceAreReadBackInTimeOrderWithinTheRange()
    {
        var env = NewEnvironment();
        var minute = Now.AddMinutes(-10);
        await Store.WriteRollupsAsync(
        [
            Rollup(env, "AgentErrors", "page_generator", minute.AddMinutes(1), "b", 2),
            Rollup(env, "AgentErrors", "page_generator", minute, "a", 1, [1, 0, 3]),
            Rollup(env, "AgentErrors", "theme_selector", minute, "a", 5),
            Rollup(env, "AgentErrors", "page_generator", minute.AddMinutes(5), "a", 9),
            Rollup(env, "AgentDuration", "page_generator", minute, "a", 7),
        ], Ct);

        var read = await Store.ReadRollupsAsync(env, "AgentErrors", minute, minute.AddMinutes(5), Ct);

        Assert.Equal([minute, minute, minute.AddMinutes(1)], read.Select(r => r.Minute).ToList());
        Assert.Equal(8, read.Sum(r => r.Sum));
        Assert.Equal([1L, 0, 3], read.Single(r => r.Instance == "a" && r.Dimension == "page_generator").Buckets);
        Assert.Null(read.Single(r => r.Dimension == "theme_selector").Buckets);
    }

    [Fact]
    public async Task ARollupWrittenAgainForTheSameMinuteAndInstanceReplacesTheEarlierOne()
    {
        var env = NewEnvironment();
        var minute = Now.AddMinutes(-1);
        await Store.WriteRollupsAsync([Rollup(env, "HttpRequests", "/v1/x", minute, "a", 3)], Ct);
        await Store.WriteRollupsAsync([Rollup(env, "HttpRequests", "/v1/x", minute, "a", 7), Rollup(env, "HttpRequests", "/v1/x", minute, "b", 1)], Ct);

        var read = await Store.ReadRollupsAsync(env, "HttpRequests", minute, Now, Ct);

        Assert.Equal(8, read.Sum(r => r.Sum));
        Assert.Equal(2, read.Count);
    }

    [Fact]
    public async Task RollupsOlderThanTheRetentionAreNotReturned()
    {
        var env = NewEnvironment();
        var old = Now - IMetricsStore.Retention - TimeSpan.FromMinutes(5);
        await Store.WriteRollupsAsync([Rollup(env, "Http5xx", "", old, "a", 1), Rollup(env, "Http5xx", "", Now.AddDays(-14), "a", 2)], Ct);

        var read = await Store.ReadRollupsAsync(env, "Http5xx", Now.AddDays(-20), Now, Ct);

        Assert.Equal(2, Assert.Single(read).Sum);
    }

    [Fact]
    public async Task AggregatesAddEveryInstancePerDimensionAndPeriod()
    {
        var env = NewEnvironment();
        var from = Now.AddMinutes(-10);
        await Store.WriteRollupsAsync(
        [
            new(env, "AgentDuration", "page_generator", from, "a", "1.0.0", 2, 3, 1, 2, [1, 1, 0]),
            new(env, "AgentDuration", "page_generator", from.AddMinutes(4), "b", "1.0.0", 1, 9, 9, 9, [0, 0, 1]),
            new(env, "AgentDuration", "page_generator", from.AddMinutes(5), "a", "1.0.0", 1, 0.5, 0.5, 0.5, [1, 0, 0]),
            new(env, "AgentDuration", "theme_selector", from.AddMinutes(1), "a", "1.0.0", 3, 6, 1, 3, [2, 1, 0]),
            new(env, "AgentDuration", "page_generator", from.AddMinutes(10), "a", "1.0.0", 1, 4, 4, 4, [0, 1, 0]),
        ], Ct);

        var read = await Store.ReadAggregatesAsync(env, MetricCatalog.AgentDuration, from, from.AddMinutes(10), TimeSpan.FromMinutes(5), Ct);

        Assert.Equal(
            [
                ("page_generator", from, 3.0, 12.0, 1.0, 9.0, "1,1,1"),
                ("theme_selector", from, 3.0, 6.0, 1.0, 3.0, "2,1,0"),
                ("page_generator", from.AddMinutes(5), 1.0, 0.5, 0.5, 0.5, "1,0,0"),
            ],
            read.Select(a => (a.Dimension, a.PeriodStart, a.SampleCount, a.Sum, a.Minimum, a.Maximum, string.Join(',', a.Buckets!))).ToList());
    }

    [Fact]
    public async Task HourlyPeriodsAnswerWhatTheMinutesHoldIncludingTheHourStillRunning()
    {
        var env = NewEnvironment();
        var start = Now.AddHours(-3);
        var to = Now.AddMinutes(30);
        var written = new List<MetricRollup>();
        for (var minute = start; minute < to; minute = minute.AddMinutes(1))
        {
            var i = (int)(minute - start).TotalMinutes;
            if (i % 7 == 0)
            {
                written.Add(new(env, "TimeToLastChunk", "", minute, "a", "1.0.0", 2, i, i / 2.0, i, [1, i % 2, 1]));
            }

            if (i % 11 == 0)
            {
                written.Add(new(env, "TimeToLastChunk", "", minute, "b", "1.0.0", 1, 100 + i, 100 + i, 100 + i, [0, 0, 1]));
            }
        }

        // Written in two batches, as an instance flushes; the second holds a minute written again with new values.
        await Store.WriteRollupsAsync(written[..(written.Count / 2)], Ct);
        var rewritten = written[^1] with { SampleCount = 3, Sum = 1, Minimum = 0.1, Maximum = 0.9, Buckets = [3, 0, 0] };
        await Store.WriteRollupsAsync([.. written[(written.Count / 2)..^1], written[^1]], Ct);
        await Store.WriteRollupsAsync([rewritten], Ct);
        written[^1] = rewritten;

        // Two-hour periods from 11:00: the first holds a whole hour (hourly rollups) and the half hour still running (minutes).
        var from = Now.AddHours(-1);
        var read = await Store.ReadAggregatesAsync(env, MetricCatalog.TimeToLastChunk, start, to, TimeSpan.FromHours(1), Ct);
        var twoHours = await Store.ReadAggregatesAsync(env, MetricCatalog.TimeToLastChunk, from, to, TimeSpan.FromHours(2), Ct);

        static (DateTimeOffset, double, double, double, double, string) Expected(DateTimeOffset period, IEnumerable<MetricRollup> rollups)
        {
            var list = rollups.ToList();
            var buckets = Enumerable.Range(0, 3).Select(b => list.Sum(r => r.Buckets![b]));
            return (period, list.Sum(r => r.SampleCount), list.Sum(r => r.Sum), list.Min(r => r.Minimum), list.Max(r => r.Maximum), string.Join(',', buckets));
        }

        Assert.Equal(
            [.. Enumerable.Range(0, 4).Select(h => Expected(start.AddHours(h), written.Where(r => r.Minute >= start.AddHours(h) && r.Minute < start.AddHours(h + 1))))],
            read.Select(a => (a.PeriodStart, a.SampleCount, a.Sum, a.Minimum, a.Maximum, string.Join(',', a.Buckets!))).ToList());
        Assert.Equal(
            [Expected(from, written.Where(r => r.Minute >= from))],
            twoHours.Select(a => (a.PeriodStart, a.SampleCount, a.Sum, a.Minimum, a.Maximum, string.Join(',', a.Buckets!))).ToList());
    }

    [Fact]
    public async Task GaugeLevelsOfEveryInstanceAreAddedPerMinute()
    {
        var env = NewEnvironment();
        var hour = Now.AddHours(-1);
        MetricRollup Level(DateTimeOffset minute, string instance, double level) => new(env, "ActiveStreams", "", minute, instance, "1.0.0", 1, level, level, level, null);
        await Store.WriteRollupsAsync([Level(hour.AddMinutes(1), "a", 3), Level(hour.AddMinutes(1), "b", 4), Level(hour.AddMinutes(2), "a", 5), Level(hour.AddMinutes(70), "b", 1)], Ct);

        var read = await Store.ReadAggregatesAsync(env, MetricCatalog.ActiveStreams, hour, Now.AddMinutes(30), TimeSpan.FromHours(1), Ct);

        Assert.Equal([(hour, 2.0, 12.0, 5.0, 7.0), (Now, 1.0, 1.0, 1.0, 1.0)], read.Select(a => (a.PeriodStart, a.SampleCount, a.Sum, a.Minimum, a.Maximum)).ToList());
    }

    [Fact]
    public async Task AVersionKeepsTheFirstTimeItWasSeen()
    {
        var env = NewEnvironment();
        await Store.RecordVersionAsync(new VersionSeen(env, "1.1.0", Now.AddHours(-1)), Ct);
        await Store.RecordVersionAsync(new VersionSeen(env, "1.0.0", Now.AddDays(-2)), Ct);
        await Store.RecordVersionAsync(new VersionSeen(env, "1.1.0", Now), Ct);
        await Store.RecordVersionAsync(new VersionSeen(env, "1.1.0", Now.AddHours(-3)), Ct);

        var versions = await Store.ReadVersionsAsync(env, Ct);

        Assert.Equal([("1.0.0", Now.AddDays(-2)), ("1.1.0", Now.AddHours(-3))], versions.Select(v => (v.Version, v.FirstSeen)).ToList());
    }

    [Fact]
    public async Task AlarmStatesAreSavedAndTransitionsReadNewestFirst()
    {
        var env = NewEnvironment();
        await Store.SaveAlarmStateAsync(new AlarmStatus(env, "http-5xx", AlarmState.Ok, Now, 0, "fine"), new AlarmTransition(env, "http-5xx", AlarmState.InsufficientData, AlarmState.Ok, Now, 0, "fine"), Ct);
        await Store.SaveAlarmStateAsync(new AlarmStatus(env, "http-5xx", AlarmState.Alarm, Now.AddMinutes(1), 12, "12 > 10"), new AlarmTransition(env, "http-5xx", AlarmState.Ok, AlarmState.Alarm, Now.AddMinutes(1), 12, "12 > 10"), Ct);
        await Store.SaveAlarmStateAsync(new AlarmStatus(env, "http-5xx", AlarmState.Alarm, Now.AddMinutes(1), 15, "15 > 10"), null, Ct);

        var state = Assert.Single(await Store.ReadAlarmStatesAsync(env, Ct));
        var history = await Store.ReadAlarmHistoryAsync(env, "http-5xx", 10, Ct);

        Assert.Equal((AlarmState.Alarm, Now.AddMinutes(1), 15.0, "15 > 10"), (state.State, state.Since, state.Value!.Value, state.Reason));
        Assert.Equal([AlarmState.Alarm, AlarmState.Ok], history.Select(h => h.To).ToList());
        Assert.Equal(AlarmState.Ok, history[0].From);
        Assert.Single(await Store.ReadAlarmHistoryAsync(env, "http-5xx", 1, Ct));
    }

    [Fact]
    public async Task OneHolderHasTheLeaseUntilItRunsOut()
    {
        var lease = "lease-" + NewEnvironment();
        var minute = TimeSpan.FromMinutes(1);

        Assert.True(await Store.TryAcquireLeaseAsync(lease, "a", minute, Now, Ct));
        Assert.False(await Store.TryAcquireLeaseAsync(lease, "b", minute, Now.AddSeconds(30), Ct));
        Assert.True(await Store.TryAcquireLeaseAsync(lease, "a", minute, Now.AddSeconds(30), Ct));
        Assert.False(await Store.TryAcquireLeaseAsync(lease, "b", minute, Now.AddSeconds(80), Ct));
        Assert.True(await Store.TryAcquireLeaseAsync(lease, "b", minute, Now.AddSeconds(91), Ct));
        Assert.False(await Store.TryAcquireLeaseAsync(lease, "a", minute, Now.AddSeconds(100), Ct));
    }

    [Fact]
    public async Task ConcurrentCandidatesGetTheLeaseOnce()
    {
        var lease = "lease-" + NewEnvironment();

        var won = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Store.TryAcquireLeaseAsync(lease, $"instance-{i}", TimeSpan.FromMinutes(1), Now, Ct)));

        Assert.Equal(1, won.Count(w => w));
    }
}
