using System.Text;
using AngleSharp.Dom;
using SiteBuilder.Validation.Audits;
using SiteBuilder.Validation.Document;
using SiteBuilder.Validation.Styles;

namespace SiteBuilder.Validation;

/// <summary>
/// Scores a landing page 0–10 for brand, accessibility, security and performance. Pure and thread-safe: HTML in,
/// report out; nothing is fetched. See <c>docs/validation.md</c> for the audits, the scoring and the performance model.
/// </summary>
public static class BrandValidator
{
    /// <summary>The longest page accepted, in characters (8 Mi). The API caps requests lower.</summary>
    public const int MaxHtmlLength = 8 * 1024 * 1024;

    /// <summary>Every audit the validator runs, in report order.</summary>
    public static IReadOnlyList<AuditDefinition> Audits => AuditCatalog.All;

    /// <summary>Validates a page.</summary>
    /// <param name="html">The page. Empty or non-HTML text is parsed as HTML, as a browser would, and reported on.</param>
    /// <param name="brand">The brand to check against; audits that need what is missing do not apply.</param>
    /// <param name="brief">The prompt the page was written from: with it, the "matches the brief" audits run and cap the score.</param>
    /// <exception cref="ArgumentNullException"><paramref name="html"/> is null.</exception>
    /// <exception cref="HtmlTooLargeException">The page is longer than <see cref="MaxHtmlLength"/>.</exception>
    /// <exception cref="InvalidBrandAssetException">A brand colour is not a CSS colour.</exception>
    public static ValidationReport Validate(string html, BrandAssets? brand = null, string? brief = null) => ValidateWithin(html, brand, brief, default);

    /// <summary>
    /// Validates a page, stopping between stages and within the costly ones once <paramref name="deadline"/> has passed
    /// (<see cref="TimeoutException"/>) or its caller cancels (<see cref="OperationCanceledException"/>).
    /// </summary>
    public static ValidationReport ValidateWithin(string html, BrandAssets? brand, string? brief, ValidationDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(html);
        deadline.ThrowIfPassed();
        if (html.Length > MaxHtmlLength)
        {
            throw new HtmlTooLargeException(html.Length, MaxHtmlLength);
        }

        var resolvedBrand = ResolvedBrand.From(brand);
        var document = PageDocument.Parse(html);
        deadline.ThrowIfPassed();
        using var styles = Cascade.Compute(document, deadline);
        var audits = new AuditRecorder(new ElementDescriber(document));
        var names = new AccessibleNames(document, styles);
        var resources = PageResources.Find(document, styles);

        deadline.ThrowIfPassed();
        SecurityAudits.Run(document, styles, resources, audits);
        deadline.ThrowIfPassed();
        AccessibilityAudits.Run(document, styles, names, audits);
        deadline.ThrowIfPassed();
        var contrast = new ContrastAudit(document, styles);
        var measurements = contrast.Run(audits);
        deadline.ThrowIfPassed();
        var palette = new BrandAudits(document, styles, names, resolvedBrand, audits).Run();
        deadline.ThrowIfPassed();
        var htmlBytes = Encoding.UTF8.GetByteCount(html);
        var estimate = PerformanceModel.Estimate(htmlBytes, document.Count, styles.Sheet.RuleCount, resources.Resources);
        PerformanceAudits.Run(document, styles, resources, estimate, audits);
        var briefMatch = BriefAudit.Run(document, brief, audits);

        var results = audits.Results();
        var scores = new CategoryScores(
            Scoring.Score(results.Where(a => a.Category == AuditCategories.Brand)),
            Scoring.Score(results.Where(a => a.Category == AuditCategories.Accessibility)),
            Scoring.Score(results.Where(a => a.Category == AuditCategories.Security)),
            Scoring.Score(results.Where(a => a.Category == AuditCategories.Performance)),
            Scoring.Score(results.Where(a => a.Category == AuditCategories.Brief)));

        return new ValidationReport(
            Math.Min(Scoring.Score(results) ?? 10, Math.Min(BriefAudit.Cap(briefMatch), QuoteAudit.Cap(results))),
            Scoring.Passed(results, AuditCategories.Security),
            estimate.TotalMs,
            Scoring.Passed(results, AuditCategories.Accessibility),
            Scoring.Issues(results),
            results,
            measurements,
            palette,
            Stats(document, styles, contrast, htmlBytes),
            scores,
            estimate,
            briefMatch);
    }

    private static PageStats Stats(PageDocument document, PageStyles styles, ContrastAudit contrast, int htmlBytes)
    {
        int images = 0, links = 0, forms = 0, scripts = 0;
        for (var i = 0; i < document.Count; i++)
        {
            var element = document.Elements[i];
            switch (element.LocalName)
            {
                case "img":
                case "svg" when document.Parent[i] < 0 || document.Elements[document.Parent[i]].NamespaceUri != NamespaceNames.SvgUri:
                case "input" when string.Equals(element.GetAttribute("type")?.Trim(), "image", StringComparison.OrdinalIgnoreCase):
                    images++;
                    break;
                case "a" when element.HasAttribute("href"):
                    links++;
                    break;
                case "form":
                    forms++;
                    break;
                case "script":
                    scripts++;
                    break;
            }
        }

        return new PageStats(htmlBytes, document.Count, document.MaxDepth, document.UnwrappedElements, contrast.TextElements, contrast.Checked, contrast.Undetermined,
            images, links, forms, scripts, styles.Sheet.RuleCount);
    }
}
