using Microsoft.Extensions.Options;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Quality;

namespace SiteBuilder.Observability.Tests;

public sealed class QualityComparisonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SeedAsync(ObservabilityHarness harness, string environment, double brandScore, double ttlt)
    {
        var minute = MetricRollup.MinuteOf(harness.Clock.GetUtcNow().AddHours(-2));
        var buckets = new long[DurationBuckets.Boundaries.Count + 1];
        buckets[MinuteAggregator.BucketIndex(DurationBuckets.Boundaries, ttlt)] = 10;
        await harness.Store.WriteRollupsAsync(
        [
            new MetricRollup(environment, "BrandScore", "", minute, "i", "1.0.0", 10, brandScore * 10, brandScore, brandScore, null),
            new MetricRollup(environment, "TimeToLastChunk", "", minute, "i", "1.0.0", 10, ttlt * 10, ttlt, ttlt, buckets),
        ], Ct);
    }

    private static QualityComparison Comparison(ObservabilityHarness harness) =>
        new(harness.Source, Options.Create(new ObservabilityOptions { QualityGate = new QualityGateOptions { BrandScoreTolerance = 0.3, TimeToLastChunkTolerance = 0.2 } }), harness.Clock);

    [Fact]
    public async Task SitWithinToleranceOfProdPasses()
    {
        await using var harness = await ObservabilityHarness.StartAsync();
        await SeedAsync(harness, "sit", 8.6, 21);
        await SeedAsync(harness, "prod", 8.8, 20);

        var result = await Comparison(harness).CompareAsync("sit", "prod", Ct);

        Assert.True(result.Passed);
        Assert.Equal((8.6, 8.8), (result.Measures[0].Candidate!.Value, result.Measures[0].Current!.Value));
    }

    [Fact]
    public async Task ALowerBrandScoreOrSlowerPagesBeyondToleranceAreRegressions()
    {
        await using var harness = await ObservabilityHarness.StartAsync();
        await SeedAsync(harness, "sit", 8.2, 30);
        await SeedAsync(harness, "prod", 8.8, 20);

        var result = await Comparison(harness).CompareAsync("sit", "prod", Ct);

        Assert.False(result.Passed);
        Assert.All(result.Measures, m => Assert.True(m.Regressed, m.Verdict));
        Assert.Contains("regression", result.Measures[0].Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVerdictNamesTheEnvironmentsAsThePortalDoesWithUnitsAndHowFarApartTheyAre()
    {
        await using var harness = await ObservabilityHarness.StartAsync();
        await SeedAsync(harness, "sit", 7.9, 30);
        await SeedAsync(harness, "prod", 8.8, 20);

        var result = await Comparison(harness).CompareAsync("sit", "prod", Ct);

        Assert.Equal("SIT 7.9 against PROD 8.8, 0.9 points below: SIT may be at most 0.3 points below PROD — regression.", result.Measures[0].Verdict);
        Assert.StartsWith("SIT 30 s against PROD 20 s, 50", result.Measures[1].Verdict, StringComparison.Ordinal);
        Assert.EndsWith("above PROD — regression.", result.Measures[1].Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutDataInProdTheGateIsNotMetAndSaysWhy()
    {
        await using var harness = await ObservabilityHarness.StartAsync();
        await SeedAsync(harness, "sit", 9, 10);

        var result = await Comparison(harness).CompareAsync("sit", "prod", Ct);

        Assert.False(result.Passed);
        Assert.Contains("No BrandScore data in PROD", result.Measures[0].Verdict, StringComparison.Ordinal);
    }
}
