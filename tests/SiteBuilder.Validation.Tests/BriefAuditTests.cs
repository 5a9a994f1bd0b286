using SiteBuilder.Validation.Briefs;

namespace SiteBuilder.Validation.Tests;

/// <summary>The "matches the brief" audit: the page's visible text against the prompt it was written from.</summary>
public sealed class BriefAuditTests
{
    private const string Brewly =
        "A launch page for Brewly, a smart coffee grinder with 40 grind settings, a built-in scale and app control. Launch price $149 (regular $199) until March 31. Free shipping in the US.";

    private static string Page(string hero, string offer, string extra = "") => Pages.With(
        $"""
        <section id="hero"><h1>{hero}</h1></section>
        <section id="pricing"><h2>Pricing</h2><p>{offer}</p></section>
        {extra}
        """);

    private static readonly string Matching = Page(
        "Meet Brewly, the smart coffee grinder",
        "Launch price $149 (regular $199) until March 31. Free shipping in the US.",
        "<section id=\"features\"><h2>Details</h2><ul><li>40 grind settings</li><li>Built-in scale</li><li>App control</li></ul></section>");

    [Fact]
    public void ReadsTheNameWhatItIsAndTheFactsOfABrief()
    {
        var brief = Brief.Read(Brewly);

        Assert.Equal("Brewly", brief.Name);
        Assert.Equal("smart coffee grinder", brief.Category);
        Assert.Equal(BusinessKind.Product, brief.Kind);
        Assert.Contains(brief.Facts, f => f is { Kind: BriefFactKind.Price, Text: "$149", Label: "Launch" });
        Assert.Contains(brief.Facts, f => f is { Kind: BriefFactKind.Price, Text: "$199" });
        Assert.Contains(brief.Facts, f => f is { Kind: BriefFactKind.Date, Text: "March 31" });
        Assert.Contains(brief.Facts, f => f is { Kind: BriefFactKind.Number, Text: "40 grind settings" });
        Assert.Contains(brief.Facts, f => f is { Kind: BriefFactKind.Feature, Text: "built-in scale" });
        Assert.Contains(brief.Facts, f => f is { Kind: BriefFactKind.Offer, Text: "Free shipping" });
    }

    [Theory]
    [InlineData("Casa Lupe is a family-run taqueria in East Austin. Open 11am–10pm, closed Mondays.", "Casa Lupe", "family-run taqueria", BusinessKind.Restaurant)]
    [InlineData("A sign-up page for the Riverside Half Marathon on Sunday, October 12 in Portland.", "Riverside Half Marathon", "half marathon", BusinessKind.Event)]
    [InlineData("ShiftPilot is a scheduling tool for restaurants and retail stores.", "ShiftPilot", "scheduling tool", BusinessKind.Software)]
    [InlineData("I'm Theo Park, a freelance UX designer. Day rate £550.", "Theo Park", "freelance UX designer", BusinessKind.Portfolio)]
    [InlineData("Summer sale page with 20% off and a newsletter signup", null, null, BusinessKind.Unknown)]
    public void TellsWhatTheBriefIsAbout(string prompt, string? name, string? category, BusinessKind kind)
    {
        var brief = Brief.Read(prompt);

        Assert.Equal(name, brief.Name);
        Assert.Equal(category, brief.Category);
        Assert.Equal(kind, brief.Kind);
    }

    [Fact]
    public void APageThePromptAsksForIsThePlanNotAFact()
    {
        var brief = Brief.Read("A landing page for Flowboard, a project planning tool for small agencies: features, pricing with a free tier, testimonials and a sign-up call to action.");

        Assert.Equal("project planning tool", brief.Category);
        Assert.Equal("Sign up", brief.CallToAction);
        Assert.Contains(brief.Facts, f => f is { Kind: BriefFactKind.Offer, Text: "Free tier" });
        Assert.DoesNotContain(brief.Facts, f => f.Text.Contains("testimonials", StringComparison.OrdinalIgnoreCase) || f.Text.Contains("call to action", StringComparison.OrdinalIgnoreCase));
        Assert.All(brief.Points, p => Assert.DoesNotContain("features", p, StringComparison.OrdinalIgnoreCase));

        // A button named by its label is the call to action: "an order online button" asks for "Order online".
        Assert.Equal("Order online", Brief.Read("Marco's Pizzeria in Brooklyn: wood-fired pizza. Menu, reviews and order online button.").CallToAction);
    }

    [Theory]
    [InlineData("A launch page for Brewly, a smart coffee grinder with 40 grind settings, $149 until March 1, with features, pricing and an FAQ.", "A launch page for Brewly, a smart coffee grinder with 40 grind settings, $149 until March 1.")]
    [InlineData("Acme Outfitters: 30% off camping gear until August 31, with a product grid, free shipping over $50 and an FAQ.", "Acme Outfitters: 30% off camping gear until August 31, free shipping over $50.")]
    [InlineData("An event page for DevDays Lisbon, a developer conference on 12–13 March 2027: speakers, schedule, tickets and a venue section.", "An event page for DevDays Lisbon, a developer conference on 12–13 March 2027.")]
    [InlineData("Osteria Lume, an Italian restaurant: seasonal menu, opening hours, booking call to action and reviews.", "Osteria Lume, an Italian restaurant. Seasonal menu.")]
    [InlineData("Brewly, a grinder with 40 grind settings, a built-in scale and app control. Add an FAQ.", "Brewly, a grinder with 40 grind settings, a built-in scale and app control.")]
    [InlineData("Casa Lupe: tacos, al pastor and horchata. Menu: tacos from $3.50.", "Casa Lupe: tacos, al pastor and horchata. Menu: tacos from $3.50.")]
    [InlineData("Marco's Pizzeria in Brooklyn: wood-fired pizza. Menu, reviews and order online button.", "Marco's Pizzeria in Brooklyn: wood-fired pizza.")]
    [InlineData("Pedalworks rents e-bikes in Amsterdam. Include a pricing table and a map section.", "Pedalworks rents e-bikes in Amsterdam.")]
    public void InstructionsAreTakenOutAndTheBusinessStays(string prompt, string expected)
    {
        Assert.Equal(expected, BriefInstructions.Strip(prompt).Text);
    }

    [Fact]
    public void AnEmptyOrMissingBriefLeavesTheAuditOut()
    {
        var report = BrandValidator.Validate(Matching);

        Assert.Null(report.Brief);
        Assert.Null(report.Scores.Brief);
        Assert.All(report.Audits.Where(a => a.Category == AuditCategories.Brief), a => Assert.False(a.Applicable));
        Assert.Equal(BrandValidator.Validate(Matching, brief: "   ").BrandScore, report.BrandScore);
    }

    [Fact]
    public void APageThatShowsEveryFactMatchesItsBrief()
    {
        var report = BrandValidator.Validate(Matching, brief: Brewly);

        Assert.NotNull(report.Brief);
        Assert.True(report.Brief.NameFound);
        Assert.True(report.Brief.CategoryFound);
        Assert.Equal(1.0, report.Brief.Coverage);
        Assert.All(report.Brief.Facts, f => Assert.Equal(BriefFactStatus.Found, f.Status));
        Assert.Equal("pricing", report.Brief.Facts.Single(f => f.Text == "$149").Section);
        Assert.DoesNotContain(report.Issues, i => i.Category == AuditCategories.Brief);
        Assert.Equal(10, report.Scores.Brief);
    }

    [Fact]
    public void APriceThatDiffersFromTheBriefIsFlaggedAsAContradictionAndCapsTheScore()
    {
        var page = Page("Meet Brewly, the smart coffee grinder", "Launch price $129 (regular $199) until March 31. Free shipping in the US.",
            "<ul><li>40 grind settings</li><li>Built-in scale</li><li>App control</li></ul>");

        var report = BrandValidator.Validate(page, brief: Brewly);

        var price = report.Brief!.Facts.Single(f => f.Text == "$149");
        Assert.Equal(BriefFactStatus.Contradicted, price.Status);
        Assert.Equal("$129", price.PageValue);
        var issue = Assert.Single(report.Issues, i => i.Rule == "brief-contradictions");
        Assert.Equal(AuditCategories.Brief, issue.Category);
        Assert.Equal("error", issue.Severity);
        Assert.Contains("$149", issue.Message, StringComparison.Ordinal);
        Assert.Contains("$129", issue.Message, StringComparison.Ordinal);
        Assert.True(report.BrandScore <= 6.0, $"score {report.BrandScore}");
    }

    [Fact]
    public void ADateThatDiffersFromTheBriefIsFlagged()
    {
        var page = Page("Meet Brewly, the smart coffee grinder", "Launch price $149 (regular $199) until April 30. Free shipping in the US.",
            "<ul><li>40 grind settings</li><li>Built-in scale</li><li>App control</li></ul>");

        var report = BrandValidator.Validate(page, brief: Brewly);

        Assert.Equal(BriefFactStatus.Contradicted, report.Brief!.Facts.Single(f => f.Text == "March 31").Status);
        Assert.Contains(report.Issues, i => i.Rule == "brief-contradictions");
    }

    [Fact]
    public void APageThatMissesHalfTheFactsCannotScoreAboveSeven()
    {
        // Otherwise a flawless page: only the brief's facts are short.
        var page = Page("Meet Brewly, the smart coffee grinder", "Launch price $149 until March 31.");

        var report = BrandValidator.Validate(page, brief: Brewly);

        Assert.True(report.Brief!.Coverage <= 0.5, $"coverage {report.Brief.Coverage}");
        Assert.True(report.BrandScore <= 7.0, $"score {report.BrandScore}");
        Assert.Contains(report.Issues, i => i.Rule == "brief-facts" && i.Message.Contains("built-in scale", StringComparison.Ordinal));
        Assert.True(BrandValidator.Validate(page).BrandScore > 7.0);
    }

    [Fact]
    public void APageAboutSomethingElseIsFlaggedForTheNameAndWhatItIs()
    {
        var page = Page("Do your best work, faster", "Plans from $12 per user per month.");

        var report = BrandValidator.Validate(page, brief: Brewly);

        Assert.False(report.Brief!.NameFound);
        Assert.False(report.Brief.CategoryFound);
        Assert.Equal(2, report.Issues.Count(i => i.Rule == "brief-name"));
        Assert.True(report.BrandScore <= 4.5, $"score {report.BrandScore}");
    }

    [Fact]
    public void HiddenTextScriptsAndTheHeadDoNotCountAsShowingAFact()
    {
        var page = Pages.With(
            "<h1>Meet Brewly, the smart coffee grinder</h1><p hidden>Launch price $149</p><template><p>40 grind settings</p></template>",
            head: "<meta name=\"description\" content=\"Built-in scale, March 31\">");

        var report = BrandValidator.Validate(page, brief: Brewly);

        Assert.Equal(BriefFactStatus.Missing, report.Brief!.Facts.Single(f => f.Text == "$149").Status);
        Assert.Equal(BriefFactStatus.Missing, report.Brief.Facts.Single(f => f.Text == "40 grind settings").Status);
        Assert.Equal(BriefFactStatus.Missing, report.Brief.Facts.Single(f => f.Text == "built-in scale").Status);
    }

    [Fact]
    public void FactsAreFoundWhateverTheDashSpacingAndTimeFormat()
    {
        const string Prompt = "Casa Lupe is a family-run taqueria in East Austin. Open 11am–10pm, closed Mondays. Tacos from $3.50.";
        var page = Pages.With("<h1>Casa Lupe, a taqueria in East Austin</h1><p>Open 11 am - 10 pm every day but Monday. Tacos from $3.50.</p>");

        var report = BrandValidator.Validate(page, brief: Prompt);

        Assert.All(report.Brief!.Facts, f => Assert.Equal(BriefFactStatus.Found, f.Status));
    }
}
