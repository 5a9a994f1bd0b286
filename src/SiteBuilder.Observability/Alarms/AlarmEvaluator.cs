using System.Globalization;
using System.Text.RegularExpressions;
using SiteBuilder.Observability.Dashboards;
using SiteBuilder.Observability.Sources;
using SiteBuilder.Observability.Store;

namespace SiteBuilder.Observability.Alarms;

/// <summary>
/// Evaluates the alarm definitions against a metrics source and keeps each alarm's state and history in the store. One
/// evaluation looks at the last period of every alarm (evaluation periods beyond the first are read as one longer window).
/// </summary>
public sealed partial class AlarmEvaluator(AlarmCatalog catalog, IMetricsSource source, IMetricsStore store, IDeploymentAnnotations deployments)
{
    /// <summary>How long before the current release a relative alarm reads its baseline.</summary>
    public static readonly TimeSpan BaselineWindow = TimeSpan.FromHours(24);

    public AlarmCatalog Catalog => catalog;

    /// <summary>Evaluates every alarm of <paramref name="environment"/> at <paramref name="now"/> and saves what changed.</summary>
    public async Task<IReadOnlyList<AlarmStatus>> EvaluateAsync(string environment, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var previous = (await store.ReadAlarmStatesAsync(environment, cancellationToken)).ToDictionary(s => s.AlarmId, StringComparer.Ordinal);
        var results = new List<AlarmStatus>();
        foreach (var alarm in catalog.Alarms)
        {
            var (value, reason) = await MeasureAsync(alarm, environment, now, cancellationToken);
            var state = value is { } v
                ? alarm.Breaches(v) ? AlarmState.Alarm : AlarmState.Ok
                : alarm.TreatMissingData switch
                {
                    "notBreaching" => AlarmState.Ok,
                    "breaching" => AlarmState.Alarm,
                    _ => AlarmState.InsufficientData,
                };
            var old = previous.GetValueOrDefault(alarm.Id);
            var changed = old is null || old.State != state;
            var status = new AlarmStatus(environment, alarm.Id, state, changed ? now : old!.Since, value, reason);
            var transition = changed ? new AlarmTransition(environment, alarm.Id, old?.State ?? AlarmState.InsufficientData, state, now, value, reason) : null;
            await store.SaveAlarmStateAsync(status, transition, cancellationToken);
            results.Add(status);
        }

        return results;
    }

    /// <summary>The current states, with INSUFFICIENT_DATA for alarms never evaluated yet.</summary>
    public async Task<IReadOnlyList<AlarmStatus>> StatesAsync(string environment, CancellationToken cancellationToken = default)
    {
        var saved = (await store.ReadAlarmStatesAsync(environment, cancellationToken)).ToDictionary(s => s.AlarmId, StringComparer.Ordinal);
        return [.. catalog.Alarms.Select(a => saved.GetValueOrDefault(a.Id)
            ?? new AlarmStatus(environment, a.Id, AlarmState.InsufficientData, DateTimeOffset.MinValue, null, "Not evaluated yet."))];
    }

    /// <summary>
    /// A rollback is recommended when a rollback-trigger alarm is in ALARM and went there within two hours after the latest deployment.
    /// </summary>
    public static DeploymentAnnotation? RollbackRecommended(IReadOnlyList<AlarmStatus> states, AlarmCatalog catalog, IReadOnlyList<DeploymentAnnotation> annotations)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(catalog);
        var latest = annotations?.Where(a => a.Kind == DeploymentAnnotation.Deployment).MaxBy(a => a.At);
        if (latest is null)
        {
            return null;
        }

        var fired = states.Any(s => s.State == AlarmState.Alarm && catalog.Find(s.AlarmId)?.RollbackTrigger == true
            && s.Since >= latest.At && s.Since <= latest.At + TimeSpan.FromHours(2));
        return fired ? latest : null;
    }

    private async Task<(double? Value, string Reason)> MeasureAsync(AlarmDefinition alarm, string environment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = alarm.Period * Math.Max(1, alarm.EvaluationPeriods);
        var to = now;
        var from = now - window;
        if (alarm.Expression is { } expression)
        {
            var ratio = RatioExpression().Match(expression);
            if (!ratio.Success)
            {
                throw new InvalidOperationException($"Alarm {alarm.Id}: only expressions of the form '100 * A / B' are evaluated here, not '{expression}'.");
            }

            var factor = ratio.Groups["factor"].Success ? double.Parse(ratio.Groups["factor"].Value, CultureInfo.InvariantCulture) : 1;
            var series = await source.QueryAsync(
                [Window(environment, ratio.Groups["a"].Value, from, to, window, alarm.Statistic), Window(environment, ratio.Groups["b"].Value, from, to, window, alarm.Statistic)],
                cancellationToken);
            var numerator = series[0].Points.Sum(p => p.Value);
            var denominator = series[1].Points.Sum(p => p.Value);
            return denominator > 0
                ? (factor * numerator / denominator, $"{expression} = {factor * numerator / denominator:0.##} over the last {Minutes(window)} ({numerator:0} of {denominator:0})")
                : (null, $"No {ratio.Groups["b"].Value} in the last {Minutes(window)}.");
        }

        var current = await ValueAsync(environment, alarm.Metric, from, to, window, alarm.Statistic, cancellationToken);
        if (alarm.ThresholdRelativeTo == "previous_release")
        {
            var release = (await deployments.ListAsync(environment, DateTimeOffset.MinValue, now, cancellationToken)).Where(d => d.Kind == DeploymentAnnotation.Deployment).MaxBy(d => d.At);
            if (release is null)
            {
                return (null, "No previous release to compare with.");
            }

            // Rollups are per minute: the minute the release started in already has its measurements.
            var releaseMinute = Metrics.MetricRollup.MinuteOf(release.At);
            var baseline = await ValueAsync(environment, alarm.Metric, releaseMinute - BaselineWindow, releaseMinute, BaselineWindow, alarm.Statistic, cancellationToken);
            if (current is null || baseline is not > 0)
            {
                return (null, $"No {alarm.Metric} {alarm.Statistic} for both the current release ({release.Version}) and the day before it.");
            }

            return (current / baseline, $"{alarm.Metric} {alarm.Statistic} is {current:0.##} against {baseline:0.##} before {release.Version} ({current / baseline:0.##}×)");
        }

        return current is { } value
            ? (value, $"{alarm.Metric} {alarm.Statistic} = {value:0.##} over the last {Minutes(window)}")
            : (null, $"No {alarm.Metric} data in the last {Minutes(window)}.");
    }

    private async Task<double?> ValueAsync(string environment, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan window, string statistic, CancellationToken cancellationToken)
    {
        var series = (await source.QueryAsync([Window(environment, metric, from, to, window, statistic)], cancellationToken))[0];
        // The window may straddle two aligned periods: the later, fuller one decides unless only the earlier has data.
        return series.Points.Count == 0 ? null : statistic == "Sum" || statistic == "SampleCount" ? series.Points.Sum(p => p.Value) : series.Points[^1].Value;
    }

    private static MetricQuery Window(string environment, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan window, string statistic) =>
        new(environment, metric, from, to, window, statistic) { Aligned = false };

    private static string Minutes(TimeSpan window) => window.TotalMinutes == 1 ? "minute" : $"{window.TotalMinutes:0} minutes";

    [GeneratedRegex(@"^\s*(?:(?<factor>\d+(?:\.\d+)?)\s*\*\s*)?(?<a>[A-Za-z0-9]+)\s*/\s*(?<b>[A-Za-z0-9]+)\s*$")]
    private static partial Regex RatioExpression();
}
