using Bunit;
using SiteBuilder.Portal.Components.Pages.Reports;
using SiteBuilder.Validation;

namespace SiteBuilder.Portal.Tests.Validation;

/// <summary>The report component shows what the validator found: every contrast pair, every issue with its suggestion and snippet, the colours.</summary>
public sealed class BrandReportViewTests : MudComponentTest
{
    private const string Page = """
        <!DOCTYPE html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Acme</title>
        <style>body{color:#111111;background:#ffffff}.soft{color:#777777}.ok{color:#767676}.cta{background:#8E24AA;color:#ffffff;padding:12px}</style></head>
        <body><main><h1>Sale</h1><p class="soft">Too light</p><p class="ok">Just readable</p><a class="cta" href="/buy">Buy</a><img src="a.png" width="10" height="10"><script>x()</script></main></body></html>
        """;

    private static readonly ValidationReport Report = BrandValidator.Validate(Page, new SiteBuilder.Validation.BrandAssets("#0066CC", "#FF6600"));

    [Fact]
    public void EveryContrastPairIsListedWithItsRatioNeverRoundedUp()
    {
        var view = Render<BrandReportView>(p => p.Add(c => c.Report, Report));

        var rows = view.FindAll("[data-testid=contrast-row]");
        Assert.Equal(Report.Contrast.Count, rows.Count);
        Assert.Contains(rows, r => r.TextContent.Contains("#777777", StringComparison.Ordinal) && r.TextContent.Contains("4.47:1", StringComparison.Ordinal) && r.TextContent.Contains("Fails", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.TextContent.Contains("#767676", StringComparison.Ordinal) && r.TextContent.Contains("4.54:1", StringComparison.Ordinal) && r.TextContent.Contains("Passes", StringComparison.Ordinal));
    }

    [Fact]
    public void IssuesShowTheirSuggestionAndSnippetAndAllCanBeShown()
    {
        var view = Render<BrandReportView>(p => p.Add(c => c.Report, Report));

        var script = Report.Issues.First(i => i.Rule == "no-script");
        var item = view.FindAll("[data-testid=issue]").First(li => li.TextContent.Contains(script.Message, StringComparison.Ordinal));
        Assert.Contains(script.Suggestion, item.TextContent, StringComparison.Ordinal);
        Assert.Contains("<script>", item.QuerySelector(".report-snippet")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Math.Min(10, Report.Issues.Count), view.FindAll("[data-testid=issue]").Count);

        if (Report.Issues.Count > 10)
        {
            view.Find("[data-testid=show-all-issues]").Click();
            Assert.Equal(Report.Issues.Count, view.FindAll("[data-testid=issue]").Count);
        }
    }

    [Fact]
    public void TheGaugeAndCategoriesShowTheScores()
    {
        var view = Render<BrandReportView>(p => p.Add(c => c.Report, Report).Add(c => c.BrandColors, [("Primary", "#0066CC"), ("Secondary", "#FF6600")]));

        Assert.Equal($"Brand score {Report.BrandScore:0.0} out of 10", view.Find("[data-testid=score-gauge]").GetAttribute("aria-label"));
        Assert.Contains("Security failed", view.Find("[data-testid=security-passed]").TextContent, StringComparison.Ordinal);
        Assert.Contains(Report.Scores.Security!.Value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), view.Find("[data-testid=category-security]").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, view.FindAll("[data-testid=brand-swatches] li").Count);
        // The purple button is off brand, and the report says how far it is from the nearest brand colour.
        Assert.Contains(view.FindAll("[data-testid=swatch]"), s => s.TextContent.Contains("#8E24AA", StringComparison.OrdinalIgnoreCase) && s.TextContent.Contains("off brand", StringComparison.Ordinal));
    }
}
