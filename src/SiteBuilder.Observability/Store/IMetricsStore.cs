using SiteBuilder.Observability.Alarms;
using SiteBuilder.Observability.Metrics;

namespace SiteBuilder.Observability.Store;

/// <summary>
/// What the local metrics source and the alarm evaluator keep in the data store (SQLite, or the operations table in DynamoDB),
/// readable by every instance: one-minute rollups kept <see cref="Retention"/>, the release versions seen, alarm states with
/// their history, and the lease that lets one instance at a time evaluate alarms.
/// </summary>
public interface IMetricsStore
{
    /// <summary>How long rollups are kept; older ones are never returned and are deleted (SQLite) or expire by TTL (DynamoDB).</summary>
    static TimeSpan Retention { get; } = TimeSpan.FromDays(15);

    /// <summary>
    /// Writes rollups; a rollup with the same environment, metric, dimension, minute and instance replaces the earlier one. The
    /// hourly rollups of the hours written are rebuilt from the stored minutes (for the writer's own instances).
    /// </summary>
    Task WriteRollupsAsync(IReadOnlyCollection<MetricRollup> rollups, CancellationToken cancellationToken = default);

    /// <summary>Every instance's rollups of <paramref name="metric"/> with minutes in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    Task<IReadOnlyList<MetricRollup>> ReadRollupsAsync(string environment, string metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>
    /// <paramref name="metric"/>'s rollups with minutes in [<paramref name="from"/>, <paramref name="to"/>) merged per dimension and
    /// period (periods start at <paramref name="from"/> + k × <paramref name="period"/>), every instance together, oldest first; see
    /// <see cref="MetricAggregate"/> for gauges. Whole hours of periods that are whole hours starting on the hour are read from the
    /// hourly rollups the store keeps beside the minutes (<see cref="RollupAggregation.HourlyCovers"/>), so a 7-day chart reads
    /// 168 rows per series, not 10,080; the answer is the same as from the minutes.
    /// </summary>
    Task<IReadOnlyList<MetricAggregate>> ReadAggregatesAsync(
        string environment, MetricDefinition metric, DateTimeOffset from, DateTimeOffset to, TimeSpan period, CancellationToken cancellationToken = default);

    /// <summary>Records that a version reported metrics; the earliest time a version was seen is kept.</summary>
    Task RecordVersionAsync(VersionSeen version, CancellationToken cancellationToken = default);

    /// <summary>The versions an environment reported, by first sighting, oldest first.</summary>
    Task<IReadOnlyList<VersionSeen>> ReadVersionsAsync(string environment, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AlarmStatus>> ReadAlarmStatesAsync(string environment, CancellationToken cancellationToken = default);

    /// <summary>Saves an alarm's state and, when it changed, appends the transition to its history.</summary>
    Task SaveAlarmStateAsync(AlarmStatus status, AlarmTransition? transition, CancellationToken cancellationToken = default);

    /// <summary>An alarm's transitions, newest first.</summary>
    Task<IReadOnlyList<AlarmTransition>> ReadAlarmHistoryAsync(string environment, string alarmId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes or renews the lease <paramref name="name"/> for <paramref name="holder"/> until <paramref name="now"/> + <paramref name="duration"/>;
    /// false while another holder's lease has not run out.
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken = default);
}
