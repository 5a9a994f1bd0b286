using SiteBuilder.Observability.Quality;
using SiteBuilder.Observability.Sources;
using SiteBuilder.Operations.Environments;

namespace SiteBuilder.Operations.Promotions;

/// <summary>A TechLead's decision to deploy despite a quality regression, with the reason; audited.</summary>
public sealed record QualityOverride(string By, string ByName, DateTimeOffset At, string Reason);

/// <summary>
/// The generation quality of a SIT → PROD promotion: SIT's brand score and TTLT against PROD's current release. A regression
/// beyond the tolerance (or a comparison the metrics source could not make) holds the deployment until a TechLead overrides it.
/// </summary>
/// <param name="Comparison">The measures; null when the source failed.</param>
/// <param name="SourceError">Why the comparison could not be made, when the metrics source failed.</param>
public sealed record PromotionQuality(QualityGateResult? Comparison, string? SourceError)
{
    /// <summary>A measure regressed, or the source could not answer: the gate holds until overridden.</summary>
    public bool Holds => SourceError is not null || Comparison?.Measures.Any(m => m.Regressed) == true;

    /// <summary>The line the gate lists as missing while it holds.</summary>
    public string HoldReason() => SourceError is not null
        ? $"quality comparison could not be made ({SourceError}): a TechLead override with a reason"
        : $"quality within tolerance ({string.Join("; ", Comparison!.Measures.Where(m => m.Regressed).Select(m => m.Verdict))}) or a TechLead override with a reason";
}

/// <summary>Reads <see cref="PromotionQuality"/> for the promotions that have a quality gate: SIT → PROD only.</summary>
public sealed class PromotionQualityGate(QualityComparison comparison)
{
    public static bool Applies(PromotionRequest promotion) =>
        promotion is { Source: EnvironmentCatalog.Sit, Target: EnvironmentCatalog.Prod };

    public async Task<PromotionQuality?> CompareAsync(PromotionRequest promotion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        if (!Applies(promotion))
        {
            return null;
        }

        try
        {
            return new PromotionQuality(await comparison.CompareAsync(promotion.Source!, promotion.Target, cancellationToken), null);
        }
        catch (MetricsSourceException e)
        {
            return new PromotionQuality(null, e.Message);
        }
    }
}
