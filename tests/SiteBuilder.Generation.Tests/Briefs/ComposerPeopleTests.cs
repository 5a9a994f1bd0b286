using SiteBuilder.Generation.Offline;
using SiteBuilder.Validation;

namespace SiteBuilder.Generation.Tests.Briefs;

/// <summary>
/// The offline composer never attributes words to a made-up person: the testimonials are the brief's quotes, attributed as
/// it gives them, the speakers are the brief's speakers, and what the brief leaves out is a placeholder a marketer fills in.
/// </summary>
public sealed class ComposerPeopleTests
{
    private const string Brewly =
        "A launch page for Brewly, a smart coffee grinder with 40 grind settings and a built-in scale. Launch price $149 until March 31. "
        + "Include this review: \"Best grinder I've owned.\" — Sam Lee, barista. Quote from Dana (regular since 2019): \"Quiet enough for a 6am cup.\"";

    private const string BrewlyWithoutQuotes =
        "A launch page for Brewly, a smart coffee grinder with 40 grind settings and a built-in scale. Launch price $149 until March 31. Add customer reviews.";

    private const string DevDays =
        "Landing page for DevDays Lisbon, a two-day developer conference on 12–13 March 2027 at LX Factory. Speakers include Dr. Maya Chen (CERN) and Tom Ortiz. Tickets €249.";

    [Fact]
    public void TheTestimonialsAreTheBriefsQuotesAttributedAsGiven()
    {
        using var document = TestPages.Parse(TestPages.Compose(Brewly));

        var cards = document.QuerySelectorAll("#testimonials .quote");
        Assert.Equal(["“Best grinder I've owned.”", "“Quiet enough for a 6am cup.”"], cards.Select(c => c.QuerySelector("blockquote")!.TextContent.Trim()));
        Assert.Equal(["Sam Lee", "Dana"], cards.Select(c => c.QuerySelector(".person-name")!.TextContent));
        Assert.Equal(["Barista", "Regular since 2019"], cards.Select(c => c.QuerySelector("figcaption .muted")!.TextContent));

        // A rating the brief never gave is a claim too.
        Assert.Empty(document.QuerySelectorAll("#testimonials .stars, #testimonials .sr-only"));
    }

    [Fact]
    public void AQuotedReviewIsNotAlsoASellingPoint()
    {
        using var document = TestPages.Parse(TestPages.Compose(Brewly));

        var outsideTestimonials = string.Concat(document.Body!.Children.SelectMany(c => c.LocalName == "main" ? c.Children.ToArray() : [c])
            .Where(c => c.Id != "testimonials").Select(c => c.TextContent));
        Assert.DoesNotContain("grinder I've owned", outsideTestimonials, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Lee", outsideTestimonials, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutQuotesInTheBriefTheTestimonialsArePlaceholdersNotInventedCustomers()
    {
        using var document = TestPages.Parse(TestPages.Compose(BrewlyWithoutQuotes, "ecommerce-sale"));

        var cards = document.QuerySelectorAll("#testimonials .quote");
        Assert.Equal(3, cards.Length);
        Assert.All(cards, card => Assert.Contains("placeholder", card.ClassList));
        Assert.Empty(document.QuerySelectorAll("#testimonials blockquote"));
        Assert.Equal("Add a customer's words here: what they bought, and what changed for them.", cards[0].QuerySelector(".placeholder-words")!.TextContent);
        Assert.All(cards, card => Assert.Equal("Customer name", card.QuerySelector(".person-name")!.TextContent));
    }

    [Fact]
    public void TheSpeakersAreThePeopleTheBriefNames()
    {
        using var document = TestPages.Parse(TestPages.Compose(DevDays));

        var speakers = document.QuerySelectorAll("#team .card");
        Assert.Equal(["Dr. Maya Chen", "Tom Ortiz"], speakers.Select(s => s.QuerySelector("h3")!.TextContent));
        Assert.Equal("CERN", speakers[0].QuerySelector(".eyebrow")!.TextContent);
        Assert.Equal("MC", speakers[0].QuerySelector(".avatar")!.TextContent);

        // The venue ends with its sentence: the speakers that follow are not part of the place.
        Assert.Equal("A full day in LX Factory: talks, workshops and time to connect.", document.QuerySelector("#schedule .section-lead")!.TextContent);
    }

    [Fact]
    public void AnEventWhoseSpeakersAreNotNamedYetShowsSpeakersToBeAnnounced()
    {
        using var document = TestPages.Parse(TestPages.Compose("An event page for DevDays Lisbon, a two-day developer conference on 12–13 March 2027: speakers, schedule, tickets and a venue section."));

        var speakers = document.QuerySelectorAll("#team .card");
        Assert.NotEmpty(speakers);
        Assert.All(speakers, s => Assert.Equal("Speaker to be announced", s.QuerySelector("h3")!.TextContent));
        Assert.All(speakers, s => Assert.Contains("placeholder", s.ClassList));
        Assert.All(speakers, s => Assert.Equal(string.Empty, s.QuerySelector(".avatar")!.TextContent));
    }

    /// <summary>Every template, briefed or not: the brand report finds nobody quoted whom the brief does not name.</summary>
    [Theory]
    [MemberData(nameof(TestPages.PromptPerTemplate), MemberType = typeof(TestPages))]
    [InlineData("ecommerce-sale", "Sale")]
    [InlineData("saas-product", "A sale page for Globex")]
    public void NoTemplateQuotesAnyoneTheBriefDoesNotName(string templateId, string prompt)
    {
        var html = TestPages.Compose(prompt + " With testimonials and a team section.", templateId);

        var audit = BrandValidator.Validate(html, brief: prompt).Audits.Single(a => a.Id == "brief-quotes");

        Assert.True(audit.Applicable);
        Assert.DoesNotContain(audit.Findings, f => !f.Message.StartsWith("The testimonials are placeholders", StringComparison.Ordinal));
        using var document = TestPages.Parse(html);
        Assert.All(document.QuerySelectorAll("#team .card h3"), name => Assert.True(
            name.TextContent is "Speaker to be announced" or "Team member's name" || prompt.Contains(name.TextContent, StringComparison.Ordinal),
            $"{name.TextContent} is not in the brief"));
    }

    [Fact]
    public void ARefinementKeepsTheBriefsQuotesAndSpeakers()
    {
        var parent = TestPages.Compose(DevDays + " Quote from Dana (attended in 2026): \"The best two days of talks all year.\"");

        var refined = OfflineComposer.Compose(TestPages.Request("make the hero darker", parentHtml: parent));

        using var document = TestPages.Parse(refined);
        Assert.Equal("Dana", document.QuerySelector("#testimonials .person-name")!.TextContent);
        Assert.Equal(["Dr. Maya Chen", "Tom Ortiz"], document.QuerySelectorAll("#team h3").Select(h => h.TextContent));
    }

    [Fact]
    public void APlaceholderCardPassesTheContrastAndAccessibilityAudits()
    {
        var request = TestPages.Request(BrewlyWithoutQuotes, "ecommerce-sale");

        var html = OfflineComposer.Compose(request);
        using var document = TestPages.Parse(html);
        Assert.Equal(3, document.QuerySelectorAll("#testimonials .placeholder").Length);

        var report = BrandValidator.Validate(html, brief: BrewlyWithoutQuotes);

        Assert.True(report.AccessibilityPassed, string.Join("; ", report.Issues.Select(i => i.Message)));
        Assert.True(report.Audits.Single(a => a.Id == "color-contrast") is { Applicable: true, Passed: true });
        Assert.DoesNotContain(report.Contrast, c => !c.Passed);
    }
}
