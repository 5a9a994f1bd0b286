using Microsoft.Extensions.Options;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Sources;

namespace SiteBuilder.Observability.Quality;

/// <summary>One quality measure of both environments and whether the candidate regressed beyond the tolerance.</summary>
/// <param name="Candidate">The value in the environment being promoted from (SIT); null without data.</param>
/// <param name="Current">The value in the target environment's current release (PROD); null without data.</param>
public sealed record QualityMeasure(string Name, string Metric, string Statistic, string Unit, double? Candidate, double? Current, bool Regressed, string Verdict);

/// <summary>The quality gate's answer: both measures, and whether the promotion may go ahead without an override.</summary>
public sealed record QualityGateResult(string CandidateEnvironment, string CurrentEnvironment, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<QualityMeasure> Measures)
{
    /// <summary>No measure regressed and both environments had data for each.</summary>
    public bool Passed => Measures.All(m => !m.Regressed && m.Candidate is not null && m.Current is not null);
}

/// <summary>
/// Compares the candidate environment's generation quality (brand score mean, TTLT p95) with the target's over the configured
/// window: a promotion SIT → PROD is held when SIT is worse than PROD beyond <see cref="QualityGateOptions"/>'s tolerances.
/// </summary>
public sealed class QualityComparison(IMetricsSource source, IOptions<ObservabilityOptions> options, TimeProvider clock)
{
    public async Task<QualityGateResult> CompareAsync(string candidateEnvironment, string currentEnvironment, CancellationToken cancellationToken = default)
    {
        var gate = options.Value.QualityGate;
        var to = clock.GetUtcNow();
        var window = TimeSpan.FromHours(gate.WindowHours);
        var from = to - window;
        MetricQuery Query(string environment, string metric, string statistic) => new(environment, metric, from, to, window, statistic) { Aligned = false };
        var series = await source.QueryAsync(
        [
            Query(candidateEnvironment, MetricCatalog.BrandScore.Name, "Average"),
            Query(currentEnvironment, MetricCatalog.BrandScore.Name, "Average"),
            Query(candidateEnvironment, MetricCatalog.TimeToLastChunk.Name, "p95"),
            Query(currentEnvironment, MetricCatalog.TimeToLastChunk.Name, "p95"),
        ], cancellationToken);

        var brand = Measure("Brand score (mean)", MetricCatalog.BrandScore, "Average", Value(series[0]), Value(series[1]),
            (candidate, current) => candidate < current - gate.BrandScoreTolerance,
            (candidate, current) => $"{Math.Abs(candidate - current):0.##} points {(candidate < current ? "below" : "above")}",
            $"may be at most {gate.BrandScoreTolerance:0.##} points below");
        var ttlt = Measure("Time to last chunk (p95)", MetricCatalog.TimeToLastChunk, "p95", Value(series[2]), Value(series[3]),
            (candidate, current) => candidate > current * (1 + gate.TimeToLastChunkTolerance),
            (candidate, current) => current > 0
                ? $"{Math.Abs(candidate - current) / current:P0} {(candidate > current ? "above" : "below")}"
                : $"{candidate - current:0.##} s above",
            $"may be at most {gate.TimeToLastChunkTolerance:P0} above");
        return new QualityGateResult(candidateEnvironment, currentEnvironment, from, to, [brand, ttlt]);

        // The verdict is read by approvers (the promotion page, the 409's missing list, the audit entry): environments as the
        // portal names them elsewhere (SIT, PROD), values with their unit, and how far apart they are in the rule's own terms.
        QualityMeasure Measure(string name, MetricDefinition metric, string statistic, double? candidate, double? current,
            Func<double, double, bool> regressed, Func<double, double, string> difference, string rule)
        {
            var (candidateName, currentName) = (candidateEnvironment.ToUpperInvariant(), currentEnvironment.ToUpperInvariant());
            if (candidate is null || current is null)
            {
                var missing = candidate is null ? candidateName : currentName;
                return new QualityMeasure(name, metric.Name, statistic, metric.Unit, candidate, current, false,
                    $"No {metric.Name} data in {missing} over the last {gate.WindowHours} h: the comparison cannot be made.");
            }

            var unit = metric.Unit == "Seconds" ? " s" : "";
            var worse = regressed(candidate.Value, current.Value);
            return new QualityMeasure(name, metric.Name, statistic, metric.Unit, candidate, current, worse,
                $"{candidateName} {candidate:0.##}{unit} against {currentName} {current:0.##}{unit}, {difference(candidate.Value, current.Value)}: "
                + $"{candidateName} {rule} {currentName}" + (worse ? " — regression." : " — within tolerance."));
        }
    }

    /// <summary>The window is one period; when it straddles two aligned periods (CloudWatch), the fuller later one counts.</summary>
    private static double? Value(MetricSeries series) => series.Points.Count == 0 ? null : series.Points[^1].Value;
}
