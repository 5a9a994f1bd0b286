using System.ComponentModel.DataAnnotations;
using System.Globalization;
using SiteBuilder.Generation.Records;

namespace SiteBuilder.Portal.Components.Pages.Workspace;

/// <summary>
/// What the workspace multiplies a version's tokens by to estimate its cost (<c>SiteBuilder:Generation:Pricing</c>). The
/// defaults are Bedrock's on-demand prices for Claude Sonnet 4.5 in US dollars per million tokens.
/// </summary>
public sealed class GenerationPricing
{
    public const string Section = "SiteBuilder:Generation:Pricing";

    [Range(0, 1000, ErrorMessage = "SiteBuilder:Generation:Pricing:InputPerMillion must be between 0 and 1000.")]
    public decimal InputPerMillion { get; set; } = 3m;

    [Range(0, 1000, ErrorMessage = "SiteBuilder:Generation:Pricing:OutputPerMillion must be between 0 and 1000.")]
    public decimal OutputPerMillion { get; set; } = 15m;

    [Required(ErrorMessage = "SiteBuilder:Generation:Pricing:Currency is required.")]
    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "SiteBuilder:Generation:Pricing:Currency is a three-letter ISO 4217 code, such as USD.")]
    public string Currency { get; set; } = "USD";

    /// <summary>Null when the provider reported no tokens (the offline composer reports none).</summary>
    public decimal? EstimateCost(long? inputTokens, long? outputTokens) =>
        inputTokens is null && outputTokens is null
            ? null
            : (((inputTokens ?? 0) * InputPerMillion) + ((outputTokens ?? 0) * OutputPerMillion)) / 1_000_000m;

    /// <summary>"1,850 in · 5,400 out tokens · about 0.087 USD", or null without tokens.</summary>
    public string? Describe(GenerationRecord version) =>
        EstimateCost(version.InputTokens, version.OutputTokens) is { } cost
            ? string.Create(CultureInfo.InvariantCulture, $"{version.InputTokens ?? 0:N0} in · {version.OutputTokens ?? 0:N0} out tokens · about {cost:0.###} {Currency}")
            : null;
}
