using System.Text.Json.Serialization;

namespace SiteBuilder.Validation;

/// <summary>The validator's verdict on one page.</summary>
/// <param name="BrandScore">0–10, one decimal: the Lighthouse-style weighted share of applicable audits that pass.</param>
/// <param name="SecurityPassed">No critical or serious security audit failed.</param>
/// <param name="PerformanceMs">Estimated load time on a slow mobile connection (see <see cref="PerformanceEstimate"/>).</param>
/// <param name="AccessibilityPassed">No critical or serious accessibility audit failed.</param>
/// <param name="Issues">One entry per finding of a failed audit, most severe first.</param>
/// <param name="Audits">Every audit, applicable or not, passed or not.</param>
/// <param name="Contrast">Text contrast measurements, grouped by colours and size class, failures first.</param>
/// <param name="Palette">Colours the page's CSS uses, most used first, with the nearest brand colour.</param>
/// <param name="Stats">Size and shape of the page.</param>
/// <param name="Scores">The score per category (null where no audit of the category applied).</param>
/// <param name="Performance">The load-time estimate and its parts.</param>
/// <param name="Brief">How the page matches the prompt it was written from; null when validated without one.</param>
public sealed record ValidationReport(
    double BrandScore,
    bool SecurityPassed,
    int PerformanceMs,
    bool AccessibilityPassed,
    IReadOnlyList<ValidationIssue> Issues,
    IReadOnlyList<AuditResult> Audits,
    IReadOnlyList<ContrastMeasurement> Contrast,
    IReadOnlyList<ColorUsage> Palette,
    PageStats Stats,
    CategoryScores Scores,
    PerformanceEstimate Performance,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Briefs.BriefMatch? Brief = null);

/// <summary>A problem to fix.</summary>
/// <param name="Category"><c>brand</c>, <c>accessibility</c>, <c>security</c>, <c>performance</c> or <c>brief</c>.</param>
/// <param name="Severity"><c>error</c> (critical or serious impact), <c>warning</c> (moderate) or <c>info</c> (minor).</param>
/// <param name="Message">What is wrong, with the measured values.</param>
/// <param name="Suggestion">How to fix it.</param>
/// <param name="Rule">The audit id (axe-core's rule id where one matches).</param>
/// <param name="Impact">axe-style impact: <c>critical</c>, <c>serious</c>, <c>moderate</c>, <c>minor</c>.</param>
/// <param name="Selector">A CSS selector for the offending element, when there is one.</param>
/// <param name="Snippet">A short piece of the offending markup.</param>
public sealed record ValidationIssue(
    string Category,
    string Severity,
    string Message,
    string Suggestion,
    string Rule,
    string Impact,
    string? Selector,
    string? Snippet);

/// <summary>The outcome of one audit.</summary>
/// <param name="Id">Stable id, e.g. <c>color-contrast</c>.</param>
/// <param name="Title">What the audit checks, as a passing statement.</param>
/// <param name="Category"><c>brand</c>, <c>accessibility</c>, <c>security</c> or <c>performance</c>.</param>
/// <param name="Impact"><c>critical</c>, <c>serious</c>, <c>moderate</c> or <c>minor</c>.</param>
/// <param name="Weight">Its weight in the score: 10, 7, 3 or 1.</param>
/// <param name="Applicable">Whether the page has anything the audit looks at; if not, it does not count.</param>
/// <param name="Passed">Applicable and without findings.</param>
/// <param name="FindingCount">All findings, including those beyond <paramref name="Findings"/>' cap.</param>
/// <param name="Findings">The first findings (at most 20).</param>
public sealed record AuditResult(
    string Id,
    string Title,
    string Category,
    string Impact,
    int Weight,
    bool Applicable,
    bool Passed,
    int FindingCount,
    IReadOnlyList<AuditFinding> Findings);

/// <param name="Selector">A CSS selector for the element, or null for a page-level finding.</param>
/// <param name="Snippet">A short piece of its markup.</param>
/// <param name="Message">What is wrong there.</param>
public sealed record AuditFinding(string? Selector, string? Snippet, string Message);

/// <summary>Text contrast for one combination of colours and size class.</summary>
/// <param name="Selector">The first element with this combination.</param>
/// <param name="Text">Its text, shortened.</param>
/// <param name="Foreground">The text colour as painted (<c>#RRGGBB</c>, alpha and opacity blended in).</param>
/// <param name="Background">The colour behind it as painted; for a gradient, the stop that gives the lowest contrast.</param>
/// <param name="Ratio">Contrast ratio cut to two decimals, never rounded up (4.499 → 4.49).</param>
/// <param name="RequiredRatio">4.5, or 3 for large text.</param>
/// <param name="LargeText">≥ 24 px, or ≥ 18.66 px and bold.</param>
/// <param name="Passed">The unrounded ratio meets <paramref name="RequiredRatio"/>.</param>
/// <param name="FontSizePx">Computed font size.</param>
/// <param name="FontWeight">Computed font weight.</param>
/// <param name="Occurrences">How many text elements share this combination.</param>
public sealed record ContrastMeasurement(
    string Selector,
    string Text,
    string Foreground,
    string Background,
    double Ratio,
    double RequiredRatio,
    bool LargeText,
    bool Passed,
    double FontSizePx,
    int FontWeight,
    int Occurrences);

/// <summary>A colour the page uses.</summary>
/// <param name="Color"><c>#RRGGBB</c>, or <c>#RRGGBBAA</c> when translucent.</param>
/// <param name="Count">Rendered elements that use it.</param>
/// <param name="Properties">Where: <c>color</c>, <c>background-color</c>, <c>border-color</c>, <c>background-image</c>, <c>fill</c>, <c>stroke</c>.</param>
/// <param name="Neutral">A grey (CIE chroma below 15), or a near-black or near-white (L* below 25 or above 90, chroma
/// below 25): allowed with any brand.</param>
/// <param name="NearestBrandColor">The closest brand colour, when brand colours were given.</param>
/// <param name="DeltaE">CIEDE2000 distance to it, two decimals.</param>
/// <param name="OnBrand">Neutral, within ΔE 10 of a brand colour, or within ΔE 5 of a tint or shade of one (the
/// brand colour mixed with white or black).</param>
public sealed record ColorUsage(
    string Color,
    int Count,
    IReadOnlyList<string> Properties,
    bool Neutral,
    string? NearestBrandColor,
    double? DeltaE,
    bool OnBrand);

/// <summary>0–10 per category, one decimal; null when no audit of the category applied.</summary>
public sealed record CategoryScores(
    double? Brand,
    double? Accessibility,
    double? Security,
    double? Performance,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Brief = null);

/// <param name="HtmlBytes">UTF-8 size of the page.</param>
/// <param name="Elements">Elements in the parsed document.</param>
/// <param name="MaxDepth">Deepest nesting.</param>
/// <param name="UnwrappedElements">Elements nested more than 256 levels deep, unwrapped before parsing (their
/// content is kept).</param>
/// <param name="TextElements">Visible elements with their own text.</param>
/// <param name="ContrastChecked">Text elements whose contrast was computed.</param>
/// <param name="ContrastUndetermined">Text elements over an image or a colour this library cannot evaluate.</param>
/// <param name="Images">Images (<c>img</c>, <c>svg</c>, <c>input type=image</c>).</param>
/// <param name="Links">Links with an <c>href</c>.</param>
/// <param name="Forms">Forms.</param>
/// <param name="Scripts"><c>script</c> elements.</param>
/// <param name="StyleRules">Style rules in the page's own CSS.</param>
public sealed record PageStats(
    int HtmlBytes,
    int Elements,
    int MaxDepth,
    int UnwrappedElements,
    int TextElements,
    int ContrastChecked,
    int ContrastUndetermined,
    int Images,
    int Links,
    int Forms,
    int Scripts,
    int StyleRules);
