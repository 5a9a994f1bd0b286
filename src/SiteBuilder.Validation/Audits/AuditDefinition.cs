namespace SiteBuilder.Validation;

/// <summary>An audit the validator runs.</summary>
/// <param name="Id">Stable id: axe-core's rule id where one matches (<c>color-contrast</c>, <c>image-alt</c> …),
/// Lighthouse's for performance (<c>total-byte-weight</c> …).</param>
/// <param name="Title">What the audit checks, as a passing statement.</param>
/// <param name="Category"><c>brand</c>, <c>accessibility</c>, <c>security</c> or <c>performance</c>.</param>
/// <param name="Impact"><c>critical</c>, <c>serious</c>, <c>moderate</c> or <c>minor</c>.</param>
/// <param name="Suggestion">How to fix a failure.</param>
public sealed record AuditDefinition(string Id, string Title, string Category, string Impact, string Suggestion)
{
    /// <summary>Weight in the score: critical 10, serious 7, moderate 3, minor 1.</summary>
    public int Weight => Impacts.Weight(Impact);

    /// <summary><c>error</c> for critical and serious, <c>warning</c> for moderate, <c>info</c> for minor.</summary>
    public string Severity => Impacts.Severity(Impact);
}

/// <summary>The audit categories: four for every page, plus <see cref="Brief"/> when the prompt is known.</summary>
public static class AuditCategories
{
    public const string Brand = "brand";
    public const string Accessibility = "accessibility";
    public const string Security = "security";
    public const string Performance = "performance";

    /// <summary>"Matches the brief": the page against the prompt it was written from.</summary>
    public const string Brief = "brief";
}

/// <summary>axe-core's impact levels, their weights and the issue severity they map to.</summary>
public static class Impacts
{
    public const string Critical = "critical";
    public const string Serious = "serious";
    public const string Moderate = "moderate";
    public const string Minor = "minor";

    public static int Weight(string impact) => impact switch
    {
        Critical => 10,
        Serious => 7,
        Moderate => 3,
        Minor => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(impact), impact, "Unknown impact."),
    };

    public static string Severity(string impact) => impact switch
    {
        Critical or Serious => "error",
        Moderate => "warning",
        _ => "info",
    };
}
