using SiteBuilder.Portal.Components.Pages.Reports;
using SiteBuilder.Validation;

namespace SiteBuilder.Portal.Tests.Validation;

/// <summary>What the brand report shows of a validator's report: category cards, the issue filter, the audit groups.</summary>
public sealed class BrandReportStateTests
{
    // Many failures on purpose: more than ten issues, in several categories.
    private const string Page = """
        <!DOCTYPE html><html><head><title>Acme</title>
        <style>body{color:#111111;background:#ffffff}.soft{color:#999999}.cta{background:#8E24AA;color:#ffffff}</style></head>
        <body><h1>Sale</h1><h3>Skipped a level</h3><p class="soft">Too light</p><p class="soft">Also light</p>
        <a class="cta" href="javascript:go()">Buy</a><img src="a.png"><img src="b.png"><img src="c.png"><img src="d.png">
        <iframe src="https://example.com/x"></iframe><form action="http://example.com/post"><input type="text"></form>
        <script>x()</script><script src="http://cdn.example.com/a.js"></script><div onclick="y()">click</div></body></html>
        """;

    private static readonly ValidationReport Report = BrandValidator.Validate(Page, new SiteBuilder.Validation.BrandAssets("#0066CC", "#FF6600"), "A sale page for Acme coffee with a newsletter signup");

    [Fact]
    public void CategoryCardsCountOnlyApplicableAuditsAndCarryTheirScores()
    {
        var state = new BrandReportState(Report);

        Assert.Equal(ScoreBands.CategoriesOf(Report), state.Categories.Select(c => c.Category));
        var security = state.Categories.Single(c => c.Category == "security");
        Assert.Equal(Report.Scores.Security, security.Score);
        var applicable = Report.Audits.Where(a => a.Category == "security" && a.Applicable).ToList();
        Assert.Equal(applicable.Count, security.Applicable);
        Assert.Equal(applicable.Count(a => a.Passed), security.Passed);
        Assert.True(security.Passed < security.Applicable, "the page's scripts fail security audits");
        Assert.Equal(Report.Scores.Brief, state.Categories.Single(c => c.Category == "brief").Score);
    }

    [Fact]
    public void TenIssuesShowFirstAndShowAllRevealsTheRest()
    {
        var state = new BrandReportState(Report);
        Assert.True(Report.Issues.Count > BrandReportState.FirstIssues, $"the page should have more than ten issues, has {Report.Issues.Count}");

        Assert.Equal(BrandReportState.FirstIssues, state.VisibleIssues.Count());
        Assert.True(state.HasHiddenIssues);

        state.ShowAllIssues();

        Assert.Equal(Report.Issues, state.VisibleIssues);
        Assert.False(state.HasHiddenIssues);
    }

    [Fact]
    public void FilteringByCategoryShowsOnlyItsIssuesAndClearingShowsAll()
    {
        var state = new BrandReportState(Report);
        Assert.Equal(BrandReportState.All, state.Category);
        Assert.All(state.IssueFilters, f => Assert.Equal(Report.Issues.Count(i => i.Category == f.Category), f.Count));
        Assert.DoesNotContain(state.IssueFilters, f => f.Count == 0);

        state.Filter("security");

        Assert.Equal("security", state.Category);
        Assert.NotEmpty(state.FilteredIssues);
        Assert.All(state.FilteredIssues, i => Assert.Equal("security", i.Category));

        state.Filter(null);

        Assert.Equal(BrandReportState.All, state.Category);
        Assert.Equal(Report.Issues.Count, state.FilteredIssues.Count);
    }

    [Fact]
    public void AuditGroupsOpenWhenOneFailsAndSayWhyEachLineReadsAsItDoes()
    {
        var state = new BrandReportState(Report);

        var security = state.AuditGroups.Single(g => g.Category == "security");
        Assert.True(security.Open);
        Assert.Equal(security.Audits.Count(a => a.State == "fail"), security.Failed);
        var failing = security.Audits.First(a => a.State == "fail");
        Assert.Equal($" · {failing.Audit.FindingCount} finding{(failing.Audit.FindingCount == 1 ? "" : "s")}", failing.Detail);
        Assert.All(state.AuditGroups.SelectMany(g => g.Audits).Where(a => !a.Audit.Applicable), a => Assert.Equal((" · not applicable", "na"), (a.Detail, a.State)));
        Assert.All(state.AuditGroups.SelectMany(g => g.Audits).Where(a => a.State == "pass"), a => Assert.Equal("", a.Detail));

        var clean = new BrandReportState(BrandValidator.Validate("<!DOCTYPE html><html lang=\"en\"><head><title>Fine</title></head><body><main><h1>Fine</h1></main></body></html>"));
        Assert.False(clean.AuditGroups.Single(g => g.Category == "security").Open);
    }

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(10240, "10 KB")]
    public void SizesReadInBytesOrKilobytes(long bytes, string expected) => Assert.Equal(expected, BrandReportState.Kb(bytes));

    [Fact]
    public void WordsAgreeWithTheirCounts()
    {
        Assert.Equal("1 request", BrandReportState.Plural(1, "request"));
        Assert.Equal("0 other origins", BrandReportState.Plural(0, "other origin"));
        Assert.Equal("2.5 s", BrandReportState.Seconds(2500));
        Assert.Equal("18.7 px", BrandReportState.Px(18.66));
    }

    [Fact]
    public void ColoursSayHowFarTheyAreFromTheBrand()
    {
        Assert.Equal("neutral", BrandReportState.Verdict(Usage(neutral: true)));
        Assert.Equal("on brand (ΔE 1.2 from #0066CC)", BrandReportState.Verdict(Usage(onBrand: true, nearest: "#0066CC", deltaE: 1.23)));
        Assert.Equal("off brand (ΔE 31 from #FF6600)", BrandReportState.Verdict(Usage(nearest: "#FF6600", deltaE: 31.04)));
        Assert.Equal("no brand colours to compare", BrandReportState.Verdict(Usage()));
    }

    private static ColorUsage Usage(bool neutral = false, bool onBrand = false, string? nearest = null, double? deltaE = null) =>
        Report.Palette[0] with { Neutral = neutral, OnBrand = onBrand, NearestBrandColor = nearest, DeltaE = deltaE };
}
