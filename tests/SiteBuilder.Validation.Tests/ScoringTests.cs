namespace SiteBuilder.Validation.Tests;

public class ScoringTests
{
    [Fact]
    public void APageThatPassesEveryApplicableAuditScores10()
    {
        var report = BrandValidator.Validate(Pages.With("<header><img class='logo' src='/logo.svg' alt='Acme' width='1' height='1'></header><h1>Hi</h1><p>Text</p>"));

        Assert.Equal(10, report.BrandScore);
        Assert.Empty(report.Issues);
    }

    [Fact]
    public void TheScoreIsTheWeightedShareOfApplicableAuditsThatPass()
    {
        var report = BrandValidator.Validate(Pages.With("<p>No logo</p><script>x()</script>"));

        var applicable = report.Audits.Where(a => a.Applicable).ToList();
        var expected = Math.Round(10m * applicable.Where(a => a.Passed).Sum(a => a.Weight) / applicable.Sum(a => a.Weight), 1, MidpointRounding.AwayFromZero);
        Assert.Equal((double)expected, report.BrandScore);
        Assert.True(report.BrandScore < 10);
    }

    [Fact]
    public void NotApplicableAuditsDoNotCount()
    {
        var report = BrandValidator.Validate(Pages.With("<header><img class='logo' src='/l.svg' alt='L' width='1' height='1'></header>"));

        Assert.Contains(report.Audits, a => !a.Applicable);
        Assert.All(report.Audits.Where(a => !a.Applicable), a => Assert.False(a.Passed));
        Assert.Equal(10, report.BrandScore);
    }

    [Fact]
    public void WeightsFollowImpact()
    {
        Assert.Equal(10, Impacts.Weight("critical"));
        Assert.Equal(7, Impacts.Weight("serious"));
        Assert.Equal(3, Impacts.Weight("moderate"));
        Assert.Equal(1, Impacts.Weight("minor"));
        Assert.All(BrandValidator.Audits, a => Assert.Equal(Impacts.Weight(a.Impact), a.Weight));
    }

    [Theory]
    [InlineData("critical", "error")]
    [InlineData("serious", "error")]
    [InlineData("moderate", "warning")]
    [InlineData("minor", "info")]
    public void SeverityFollowsImpact(string impact, string severity) => Assert.Equal(severity, Impacts.Severity(impact));

    [Fact]
    public void ModerateFailuresDoNotFailACategory()
    {
        var report = BrandValidator.Validate(Pages.With("<h1>A</h1><h3>C</h3><a href='https://x.example' target='_blank'>x</a>"));

        Assert.False(report.Audit("heading-order").Passed);
        Assert.False(report.Audit("external-links-noopener").Passed);
        Assert.True(report.AccessibilityPassed);
        Assert.True(report.SecurityPassed);
    }

    [Fact]
    public void CategoryScoresAreReported()
    {
        var report = BrandValidator.Validate(Pages.With("<p>x</p><script>x()</script>"));

        Assert.True(report.Scores.Security < 10);
        Assert.Equal(10, report.Scores.Performance);
    }

    [Fact]
    public void IssuesComeMostSevereFirstWithSuggestions()
    {
        var report = BrandValidator.Validate(Pages.With("<h1>A</h1><h3>C</h3><img src='x.png' width='1' height='1'>"));

        Assert.Equal("image-alt", report.Issues[0].Rule);
        Assert.All(report.Issues, i => Assert.False(string.IsNullOrWhiteSpace(i.Suggestion)));
        Assert.Equal(report.Issues.Select(i => Impacts.Weight(i.Impact)).OrderByDescending(w => w), report.Issues.Select(i => Impacts.Weight(i.Impact)));
    }

    [Fact]
    public void EveryAuditHasAUniqueIdAndACategory()
    {
        Assert.Equal(BrandValidator.Audits.Count, BrandValidator.Audits.Select(a => a.Id).Distinct().Count());
        Assert.All(BrandValidator.Audits, a => Assert.Contains(a.Category, new[] { "brand", "accessibility", "security", "performance", "brief" }));
        foreach (var id in new[] { "color-contrast", "html-has-lang", "document-title", "meta-viewport", "image-alt", "link-name", "button-name", "label", "heading-order", "landmark-one-main", "duplicate-id", "target-size" })
        {
            Assert.Contains(BrandValidator.Audits, a => a.Id == id && a.Category == "accessibility");
        }
    }
}
