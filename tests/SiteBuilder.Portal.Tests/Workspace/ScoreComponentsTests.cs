using Bunit;
using SiteBuilder.Generation.Records;
using SiteBuilder.Portal.Components.Pages.Reports;
using SiteBuilder.Portal.Components.Pages.Workspace;
using SiteBuilder.Validation;

namespace SiteBuilder.Portal.Tests.Workspace;

/// <summary>The small components that judge a page: the contrast hint by a colour, the top issues, the score trend.</summary>
public sealed class ScoreComponentsTests : MudComponentTest
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("#0066CC", "white text 5.56:1 AA", "black text 3.77:1 large only")]
    [InlineData("#777777", "white text 4.47:1 large only", "black text 4.68:1 AA")]
    [InlineData("#FFFF00", "white text 1.07:1 fails", "black text 19.55:1 AA")]
    public void TheContrastHintSaysHowWhiteAndBlackTextReadOnTheColourNeverRoundedUp(string colour, string white, string black)
    {
        var hint = Render<ContrastHint>(p => p.Add(c => c.Color, colour));

        var values = hint.FindAll(".contrast-value").Select(v => v.TextContent.Trim()).ToList();
        Assert.Equal([white, black], values);
        Assert.Equal(values.Select(v => v.EndsWith(" AA", StringComparison.Ordinal) ? "pass" : "fail"), ClassesOf(hint));
    }

    [Fact]
    public void TopIssuesShowTheThreeWorstFirstAndLinkToTheReport()
    {
        var report = BrandValidator.Validate("<p>x</p>") with
        {
            Issues =
            [
                Issue("performance", "info", "An info"),
                Issue("brand", "warning", "A warning"),
                Issue("security", "error", "An error"),
                Issue("accessibility", "warning", "Another warning"),
            ],
        };

        var top = Render<TopIssues>(p => p.Add(c => c.Report, report).Add(c => c.ReportHref, "/reports/acme/gen-1"));

        Assert.Contains("4 things to improve", top.Find("summary").TextContent, StringComparison.Ordinal);
        Assert.Contains("top 3 below", top.Find("summary").TextContent, StringComparison.Ordinal);
        Assert.Equal(["An error", "A warning", "Another warning"], top.FindAll("li").Select(li => li.QuerySelector("span:not(.mud-text-secondary):not(.mud-chip-content)")!.TextContent).ToList());
        Assert.Equal("/reports/acme/gen-1", top.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void TopIssuesSayOneThingAndShowNothingWithoutIssues()
    {
        var report = BrandValidator.Validate("<p>x</p>");

        var one = Render<TopIssues>(p => p.Add(c => c.Report, report with { Issues = [Issue("brand", "warning", "Only this")] }));
        Assert.Contains("1 thing to improve", one.Find("summary").TextContent, StringComparison.Ordinal);
        Assert.Single(one.FindAll("li"));

        var none = Render<TopIssues>(p => p.Add(c => c.Report, report with { Issues = [] }));
        Assert.Empty(none.FindAll("[data-testid=top-issues]"));
    }

    [Fact]
    public void TheTrendSummarisesTheScoresForScreenReadersAndPlotsOldestLeft()
    {
        var trend = Render<ScoreTrend>(p => p.Add(c => c.Points, [Version(1, 6.5, 0), Version(2, 9.4, 2), Version(3, 8.1, 5)]));

        Assert.Equal("Brand scores of 3 versions from 1 Dec 2026 to 6 Dec 2026: latest 8.1, lowest 6.5, highest 9.4 out of 10.",
            trend.Find("[role=img]").GetAttribute("aria-label"));
        Assert.Equal("0,35 50,6 100,19", trend.Find("polyline").GetAttribute("points"));
        var dots = trend.FindAll(".trend-dot");
        Assert.Equal(["score-dot-poor", "score-dot-good", "score-dot-fair"], dots.Select(d => d.ClassList.Single(c => c.StartsWith("score-dot-", StringComparison.Ordinal))).ToList());
        Assert.Equal("v2 · 9.4 · 3 Dec 2026", dots[1].GetAttribute("title"));
    }

    [Fact]
    public void ATrendOfOneVersionIsADotInTheMiddleWithoutALine()
    {
        var one = Render<ScoreTrend>(p => p.Add(c => c.Points, [Version(1, 9.0, 0)]));

        Assert.Empty(one.FindAll("polyline"));
        Assert.StartsWith("left:50%;", one.Find(".trend-dot").GetAttribute("style"), StringComparison.Ordinal);
        Assert.StartsWith("Brand scores of 1 version from", one.Find("[role=img]").GetAttribute("aria-label"), StringComparison.Ordinal);

        var none = Render<ScoreTrend>(p => p.Add(c => c.Points, []));
        Assert.Equal("No scored versions yet.", none.Find("[role=img]").GetAttribute("aria-label"));
    }

    private static GenerationRecord Version(int version, double score, int daysLater) =>
        TestVersions.Complete(version, score: score, createdAt: Created.AddDays(daysLater));

    private static List<string> ClassesOf(IRenderedComponent<ContrastHint> hint) =>
        [.. hint.FindAll(".contrast-value").Select(v => v.ClassList.Contains("pass") ? "pass" : "fail")];

    private static ValidationIssue Issue(string category, string severity, string message) =>
        new(category, severity, message, "Fix it.", "rule", "moderate", null, null);
}
