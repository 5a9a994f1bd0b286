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
            $"may be at most {gate.BrandScoreTolerance:0.##} points below");
        var ttlt = Measure("Time to last chunk (p95)", MetricCatalog.TimeToLastChunk, "p95", Value(series[2]), Value(series[3]),
            (candidate, current) => candidate > current * (1 + gate.TimeToLastChunkTolerance),
            $"may be at most {gate.TimeToLastChunkTolerance:P0} above");
        return new QualityGateResult(candidateEnvironment, currentEnvironment, from, to, [brand, ttlt]);

        QualityMeasure Measure(string name, MetricDefinition metric, string statistic, double? candidate, double? current, Func<double, double, bool> regressed, string rule)
        {
            if (candidate is null || current is null)
            {
                var missing = candidate is null ? candidateEnvironment : currentEnvironment;
                return new QualityMeasure(name, metric.Name, statistic, metric.Unit, candidate, current, false,
                    $"No {metric.Name} data in {missing} over the last {gate.WindowHours} h: the comparison cannot be made.");
            }

            var worse = regressed(candidate.Value, current.Value);
            return new QualityMeasure(name, metric.Name, statistic, metric.Unit, candidate, current, worse,
                $"{candidateEnvironment} {candidate:0.##} against {currentEnvironment} {current:0.##}: {candidateEnvironment} {rule} {currentEnvironment}" + (worse ? " — regression." : " — within tolerance."));
        }
    }

    /// <summary>The window is one period; when it straddles two aligned periods (CloudWatch), the fuller later one counts.</summary>
    private static double? Value(MetricSeries series) => series.Points.Count == 0 ? null : series.Points[^1].Value;
}
