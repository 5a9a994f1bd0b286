using System.Globalization;
using SiteBuilder.Validation;

namespace SiteBuilder.Portal.Components.Pages.Reports;

/// <summary>One category's card: its score and how many of its applicable audits pass.</summary>
public sealed record CategorySummary(string Category, string Title, double? Score, int Passed, int Applicable);

/// <summary>One chip of the issue filter: the category and how many issues it holds.</summary>
public sealed record IssueFilter(string Category, string Title, int Count);

/// <summary>How one audit reads in the list: <c>pass</c>, <c>fail</c> or <c>na</c>, and what follows its impact.</summary>
public sealed record AuditLine(AuditResult Audit, string State, string Detail);

/// <summary>One category's audits, open when one of them fails.</summary>
public sealed record AuditGroup(string Category, string Title, IReadOnlyList<AuditLine> Audits, int Passed, int Failed, int NotApplicable)
{
    public bool Open => Failed > 0;
}

/// <summary>
/// What the brand report shows of one <see cref="ValidationReport"/>: the category cards, the issue filter and how many
/// issues are shown, the audit groups, and the wording of colours and load times. <see cref="BrandReportView"/> renders it.
/// </summary>
public sealed class BrandReportState(ValidationReport report)
{
    public const string All = "all";

    /// <summary>Issues shown before "Show all".</summary>
    public const int FirstIssues = 10;

    private int _shownIssues = FirstIssues;

    public ValidationReport Report { get; } = report;

    /// <summary>The category whose issues are shown, or <see cref="All"/>.</summary>
    public string Category { get; private set; } = All;

    public IReadOnlyList<CategorySummary> Categories { get; } = [.. ScoreBands.CategoriesOf(report).Select(c => Summarize(report, c))];

    /// <summary>The filter's chips after "All": only categories that have issues.</summary>
    public IReadOnlyList<IssueFilter> IssueFilters { get; } =
        [.. ScoreBands.CategoriesOf(report).Select(c => new IssueFilter(c, ScoreBands.Title(c), report.Issues.Count(i => i.Category == c))).Where(f => f.Count > 0)];

    public IReadOnlyList<AuditGroup> AuditGroups { get; } = [.. ScoreBands.CategoriesOf(report).Select(c => Group(report, c))];

    public IReadOnlyList<ValidationIssue> FilteredIssues =>
        Category == All ? Report.Issues : [.. Report.Issues.Where(i => i.Category == Category)];

    public IEnumerable<ValidationIssue> VisibleIssues => FilteredIssues.Take(_shownIssues);

    /// <summary>True while the filter holds more issues than are shown.</summary>
    public bool HasHiddenIssues => FilteredIssues.Count > _shownIssues;

    /// <summary>Picks the issues' category; a cleared chip set (null) shows all.</summary>
    public void Filter(string? category) => Category = category ?? All;

    public void ShowAllIssues() => _shownIssues = int.MaxValue;

    public static double? ScoreOf(CategoryScores scores, string category) => category switch
    {
        "brand" => scores.Brand,
        "brief" => scores.Brief,
        "accessibility" => scores.Accessibility,
        "security" => scores.Security,
        _ => scores.Performance,
    };

    public static string SeverityLabel(string severity) => severity switch
    {
        "error" => "Error",
        "warning" => "Warning",
        _ => "Info",
    };

    public static string Verdict(ColorUsage color) => color switch
    {
        { Neutral: true } => "neutral",
        { OnBrand: true, NearestBrandColor: { } nearest } => $"on brand (ΔE {color.DeltaE?.ToString("0.#", CultureInfo.InvariantCulture)} from {nearest})",
        { OnBrand: true } => "on brand",
        { NearestBrandColor: { } nearest } => $"off brand (ΔE {color.DeltaE?.ToString("0.#", CultureInfo.InvariantCulture)} from {nearest})",
        _ => "no brand colours to compare",
    };

    public static string Seconds(int ms) => (ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static string Px(double px) => px.ToString("0.#", CultureInfo.InvariantCulture) + " px";

    public static string Kb(long bytes) => bytes < 1024 ? $"{bytes} B" : (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB";

    /// <summary>"and 2 more" when the same text, colours and size occur more than once.</summary>
    public static string MoreOccurrences(ContrastMeasurement pair) => pair.Occurrences > 1 ? $" and {pair.Occurrences - 1} more" : "";

    public static string Plural(int count, string one) => $"{count} {one}{(count == 1 ? "" : "s")}";

    private static CategorySummary Summarize(ValidationReport report, string category)
    {
        var applicable = report.Audits.Where(a => a.Category == category && a.Applicable).ToList();
        return new CategorySummary(category, ScoreBands.Title(category), ScoreOf(report.Scores, category), applicable.Count(a => a.Passed), applicable.Count);
    }

    private static AuditGroup Group(ValidationReport report, string category)
    {
        var audits = report.Audits.Where(a => a.Category == category).Select(Line).ToList();
        return new AuditGroup(category, ScoreBands.Title(category), audits,
            Passed: report.Audits.Count(a => a.Category == category && a.Passed),
            Failed: audits.Count(a => a.State == "fail"),
            NotApplicable: audits.Count(a => a.State == "na"));
    }

    private static AuditLine Line(AuditResult audit)
    {
        var state = !audit.Applicable ? "na" : audit.Passed ? "pass" : "fail";
        var detail = state switch
        {
            "fail" => $" · {Plural(audit.FindingCount, "finding")}",
            "na" => " · not applicable",
            _ => "",
        };
        return new AuditLine(audit, state, detail);
    }
}
