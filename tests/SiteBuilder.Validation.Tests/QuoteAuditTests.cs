namespace SiteBuilder.Validation.Tests;

/// <summary>"Quotes and testimonials come from the brief": whoever wrote the page, it attributes words only to people the brief names.</summary>
public sealed class QuoteAuditTests
{
    private const string Brewly =
        "A launch page for Brewly, a smart coffee grinder with 40 grind settings. Launch price $149. Include this review: \"Best grinder I've owned.\" — Sam Lee, barista";

    private const string Hero = "<section id=\"hero\"><h1>Brewly, the smart coffee grinder</h1><p>40 grind settings. Launch price $149.</p></section>";

    private static string Testimonials(string cards) => Pages.With(Hero + $"<section id=\"testimonials\"><h2>What people say</h2><div class=\"grid\">{cards}</div></section>");

    private static string Card(string words, string name, string role) =>
        $"<figure class=\"card quote\"><blockquote><p>“{words}”</p></blockquote><figcaption><span class=\"avatar\" aria-hidden=\"true\">XX</span><span><span class=\"person-name\">{name}</span><br><span class=\"muted\">{role}</span></span></figcaption></figure>";

    [Fact]
    public void AQuoteFromSomeoneTheBriefNeverNamesIsFlagged()
    {
        var page = Testimonials(Card("Best grinder I've owned.", "Sam Lee", "Barista") + Card("It's become part of my morning.", "Noah T.", "Early customer"));

        var report = BrandValidator.Validate(page, brief: Brewly);

        var audit = report.Audit("brief-quotes");
        Assert.True(audit.Applicable);
        Assert.False(audit.Passed);
        var finding = Assert.Single(audit.Findings);
        Assert.Equal("The page quotes Noah T., who is not in the brief: publish only real customers' words, with their permission.", finding.Message);
        Assert.Contains("figure", finding.Selector, StringComparison.Ordinal);
        var issue = Assert.Single(report.Issues, i => i.Rule == "brief-quotes");
        Assert.Equal(("brief", "warning", "moderate"), (issue.Category, issue.Severity, issue.Impact));
    }

    [Fact]
    public void AQuoteOfTheBriefsOwnPersonInTheirOwnWordsPasses()
    {
        var page = Testimonials(Card("Best grinder I’ve owned.", "Sam Lee", "Barista"));

        var report = BrandValidator.Validate(page, brief: Brewly);

        Assert.True(report.Audit("brief-quotes") is { Applicable: true, Passed: true });
        Assert.DoesNotContain(report.Issues, i => i.Category == AuditCategories.Brief);
    }

    [Fact]
    public void WordsTheBriefNeverGaveAPersonAreFlaggedEvenUnderTheirName()
    {
        var page = Testimonials(Card("Worth every penny, I bought three.", "Sam Lee", "Barista"));

        var finding = Assert.Single(BrandValidator.Validate(page, brief: Brewly).Audit("brief-quotes").Findings);

        Assert.StartsWith("The page quotes Sam Lee saying “Worth every penny, I bought three.”", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APlaceholderCardIsFlaggedAndKeepsThePageFromReadyToPublish()
    {
        var page = Testimonials(
            "<figure class=\"card quote quote-placeholder\"><blockquote><p>Add a customer's words here: what they bought, and what changed for them.</p></blockquote>"
            + "<figcaption><span class=\"person-name\">Customer name</span> · <span class=\"muted\">Where they're from</span></figcaption></figure>");

        var report = BrandValidator.Validate(page, brief: Brewly);

        var finding = Assert.Single(report.Audit("brief-quotes").Findings);
        Assert.Equal("The testimonials are placeholders: replace them with real customers' words before publishing.", finding.Message);
        Assert.True(report.BrandScore <= 8.0, $"score {report.BrandScore}");
    }

    [Fact]
    public void AFakeReviewKeepsAnOtherwiseFlawlessPageFromReadyToPublish()
    {
        var report = BrandValidator.Validate(Testimonials(Card("Beautifully made, and it just works.", "Chloe D.", "Early customer")), brief: Brewly);

        Assert.True(report.BrandScore <= 8.0, $"score {report.BrandScore}");
    }

    [Theory]
    [InlineData("<section><h2>Gallery</h2><figure><img src=\"a.png\" alt=\"The grinder\" width=\"10\" height=\"10\"><figcaption>Brewly on a kitchen counter</figcaption></figure></section>")]
    [InlineData("<section><h2>Why Brewly</h2><p>Grind for espresso or pour-over.</p></section>")]
    public void APageWithoutQuotesLeavesTheAuditOut(string extra)
    {
        var report = BrandValidator.Validate(Pages.With(Hero + extra), brief: Brewly);

        Assert.False(report.Audit("brief-quotes").Applicable);
    }

    [Fact]
    public void WithoutABriefTheAuditDoesNotApply()
    {
        var report = BrandValidator.Validate(Testimonials(Card("It just works.", "Noah T.", "Early customer")));

        Assert.False(report.Audit("brief-quotes").Applicable);
    }

    /// <summary>Pages other models write: a bare blockquote with a dash line, review cards without a blockquote, a grid of them.</summary>
    [Theory]
    [InlineData("<blockquote><p>The best espresso grind I've had at home.</p></blockquote><p>— Priya S., home barista</p>", "Priya S.")]
    [InlineData("<div class=\"testimonial-card\"><p class=\"testimonial-text\">Quiet and fast.</p><p class=\"testimonial-author\">Marco Rossi</p></div>", "Marco Rossi")]
    [InlineData("<blockquote>Quiet and fast. <footer>— <cite>Lena W.</cite>, Berlin</footer></blockquote>", "Lena W.")]
    [InlineData("<div class=\"testimonial\"><blockquote>Quiet and fast.</blockquote><p class=\"testimonial-author\"><strong>Rosa Diaz</strong> Head barista at Blue Bottle Coffee</p></div>", "Rosa Diaz")]
    [InlineData("<ul class=\"reviews\"><li class=\"review\"><p>Quiet.</p><span class=\"review-author\">Ann Po</span></li><li class=\"review\"><p>Fast.</p><span class=\"review-author\">Sam Lee</span></li></ul>", "Ann Po")]
    public void QuotesAreFoundInTheMarkupOtherModelsWrite(string cards, string invented)
    {
        var audit = BrandValidator.Validate(Testimonials(cards), brief: Brewly).Audit("brief-quotes");

        Assert.Contains(audit.Findings, f => f.Message.StartsWith($"The page quotes {invented}, who is not in the brief", StringComparison.Ordinal));
    }

    [Fact]
    public void AnInitialStandsForTheNameTheBriefGives()
    {
        var page = Testimonials(Card("Best grinder I've owned.", "Sam L.", "Barista"));

        Assert.True(BrandValidator.Validate(page, brief: Brewly).Audit("brief-quotes").Passed);
    }
}
