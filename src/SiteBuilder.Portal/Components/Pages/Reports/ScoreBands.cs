namespace SiteBuilder.Portal.Components.Pages.Reports;

/// <summary>How a brand score reads at a glance; the score chip, the gauge and the trend chart use the same bands.</summary>
public static class ScoreBands
{
    /// <summary><c>good</c> (9 and up), <c>fair</c> (7 and up), <c>poor</c>, or <c>none</c> without a score.</summary>
    public static string Of(double? score) => score switch
    {
        null => "none",
        >= 9 => "good",
        >= 7 => "fair",
        _ => "poor",
    };

    public static string Verdict(double? score) => Of(score) switch
    {
        "good" => "On brand and ready to publish",
        "fair" => "Close: fix the errors below before publishing",
        "poor" => "Needs work before it can be published",
        _ => "Not scored",
    };

    /// <summary>The category names of the report, in the order the portal shows them.</summary>
    public static readonly IReadOnlyList<string> Categories = ["brief", "brand", "accessibility", "security", "performance"];

    /// <summary>The categories a report has: "matches the brief" only when the page was validated with its prompt.</summary>
    public static IEnumerable<string> CategoriesOf(SiteBuilder.Validation.ValidationReport report) =>
        Categories.Where(c => c != "brief" || report.Brief is not null);

    public static string Title(string category) => category switch
    {
        "brand" => "Brand",
        "accessibility" => "Accessibility",
        "security" => "Security",
        "performance" => "Performance",
        "brief" => "Matches the brief",
        _ => category,
    };
}
