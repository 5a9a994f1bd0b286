using SiteBuilder.Generation.Prompts;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;

namespace SiteBuilder.Generation.Tests;

public sealed class TemplateCatalogTests
{
    [Fact]
    public void CatalogueHasTheNineTemplatesWithSectionsAndKeywords()
    {
        string[] expected = ["ecommerce-sale", "saas-product", "event", "restaurant", "portfolio", "app-launch", "nonprofit", "newsletter", "local-business"];
        Assert.Equal(expected, TemplateCatalog.All.Select(t => t.Id));
        Assert.All(TemplateCatalog.All, template =>
        {
            Assert.False(string.IsNullOrWhiteSpace(template.Name));
            Assert.False(string.IsNullOrWhiteSpace(template.Description));
            Assert.Equal(SectionKinds.Hero, template.DefaultSections[0]);
            Assert.Equal(SectionKinds.Footer, template.DefaultSections[^1]);
            Assert.All(template.DefaultSections, kind => Assert.True(SectionKinds.IsKnown(kind), kind));
            Assert.NotEmpty(template.Keywords);
        });
    }

    [Theory]
    [InlineData("ecommerce-sale")]
    [InlineData("EVENT")]
    [InlineData(" newsletter ")]
    public void FindIgnoresCaseAndSpace(string id) => Assert.NotNull(TemplateCatalog.Find(id));

    [Fact]
    public void FindReturnsNullForUnknownIds() => Assert.Null(TemplateCatalog.Find("wedding"));

    [Theory]
    [InlineData(TestPages.SummerSale, "ecommerce-sale")]
    [InlineData("Black Friday deals: 40% off everything in our store", "ecommerce-sale")]
    [InlineData("Tickets and agenda for our annual developer conference", "event")]
    [InlineData("A cosy Italian restaurant with a seasonal menu and brunch", "restaurant")]
    [InlineData("Portfolio for a freelance photographer", "portfolio")]
    [InlineData("Join the waitlist: our iOS and Android app is launching soon", "app-launch")]
    [InlineData("Donate to our charity and volunteer with the foundation", "nonprofit")]
    [InlineData("Subscribe to our weekly newsletter", "newsletter")]
    [InlineData("A SaaS analytics dashboard for B2B teams", "saas-product")]
    [InlineData("Summer sale page with 20% off and a newsletter signup", "ecommerce-sale")]
    [InlineData("Spring clearance sale event, 50% off", "ecommerce-sale")]
    [InlineData("Bright Smile Dental is a family dentist in Naperville", "local-business")]
    [InlineData("ShiftPilot is a scheduling tool for restaurants and retail stores", "saas-product")]
    public void InferPicksTheTemplateTheKeywordsPointTo(string prompt, string expected) =>
        Assert.Equal(expected, TemplateCatalog.Infer(prompt).Id);

    [Theory]
    [InlineData("")]
    [InlineData("Something nice please")]
    public void InferFallsBackToTheDefaultTemplate(string prompt) => Assert.Equal(TemplateCatalog.DefaultId, TemplateCatalog.Infer(prompt).Id);
}

public sealed class PromptFactsTests
{
    [Fact]
    public void ReadsBrandOfferDatesAndOccasionFromASalePrompt()
    {
        var facts = PromptFacts.From(TestPages.SummerSale);
        Assert.Equal("Acme Outdoors", facts.BrandName);
        Assert.Equal("30% off", facts.Offer);
        Assert.Equal(30, facts.DiscountPercent);
        Assert.Equal("all hiking gear", facts.OfferScope);
        Assert.Equal("June 1–15", facts.Dates);
        Assert.Equal("Summer Sale", facts.Occasion);
        Assert.True(facts.FreeShipping);
    }

    [Fact]
    public void ReadsAudienceProductAndBenefit()
    {
        var facts = PromptFacts.From("Landing page for Flowboard, a project management tool for remote teams that helps them ship faster");
        Assert.Equal("Flowboard", facts.BrandName);
        Assert.Equal("project management tool", facts.Product);
        Assert.Equal("remote teams", facts.Audience);
        Assert.Equal("helps them ship faster", facts.Benefit);
    }

    [Theory]
    [InlineData("A page for a bakery called \"Crumb & Co\" in Leeds", "Crumb & Co")]
    [InlineData("Acme's Black Friday sale with up to 50% off", "Acme")]
    [InlineData("Nimbus Labs: launch page for our new app", "Nimbus Labs")]
    [InlineData("A Black Friday sale page", null)]
    public void ReadsTheBrandName(string prompt, string? expected) => Assert.Equal(expected, PromptFacts.From(prompt).BrandName);

    [Theory]
    [InlineData("Save 25% this weekend only", "Save 25%", "This weekend only")]
    [InlineData("$20 off your first order until Sunday", "$20 off", "Until Sunday")]
    [InlineData("Buy one get one free on 3 March", "Buy one, get one free", "3 March")]
    [InlineData("Up to 70% off, December 26 - January 2", "Up to 70% off", "December 26–January 2")]
    public void ReadsOffersAndDates(string prompt, string offer, string dates)
    {
        var facts = PromptFacts.From(prompt);
        Assert.Equal(offer, facts.Offer);
        Assert.Equal(dates, facts.Dates);
    }

    [Fact]
    public void ReadsEventNameAndLocation()
    {
        var facts = PromptFacts.From("Event page for DevSummit 2026 in Brooklyn on September 12-14");
        Assert.Equal("DevSummit 2026", facts.EventName);
        Assert.Equal("Brooklyn", facts.Location);
        Assert.Equal("September 12–14", facts.Dates);
    }

    [Fact]
    public void AnExplicitHeadlineIsKeptVerbatimAndNotReadAsFacts()
    {
        var facts = PromptFacts.From("Sale page with the headline \"Everything for Acme fans, 50% off\" for Northwind");
        Assert.Equal("Everything for Acme fans, 50% off", facts.Headline);
        Assert.Equal("Northwind", facts.BrandName);
        Assert.Null(facts.Offer);
    }

    [Fact]
    public void AnEmptyPromptGivesEmptyFacts() => Assert.Equal(new PromptFacts(), PromptFacts.From("  "));
}

public sealed class ThemeSelectorTests
{
    public static TheoryData<string?, string?> BrandColors => new()
    {
        { "#0066CC", "#FF6600" },
        { "#FFEB3B", null },
        { "#FFFFFF", "#000000" },
        { "#000000", "#FFFFFF" },
        { "#777777", "#888888" },
        { "#FF6600", "#00FFFF" },
        { "#00E5FF", "#FFC107" },
        { "#2E7D32", null },
        { "#E91E63", "#9C27B0" },
        { null, null },
        { "not-a-colour", "#12" },
    };

    [Theory]
    [MemberData(nameof(BrandColors))]
    public void EveryTextColourMeetsWcagAaOnItsBackgrounds(string? primary, string? secondary)
    {
        foreach (var template in TemplateCatalog.All)
        {
            foreach (var tone in ThemeSelector.Tones.All)
            {
                foreach (var dark in new[] { false, true })
                {
                    var theme = ThemeSelector.Build(new BrandKit(primary, secondary), template, tone, dark);
                    var background = RgbColor.Parse(theme.Background);
                    var surface = RgbColor.Parse(theme.Surface);
                    foreach (var text in new[] { theme.Text, theme.MutedText, theme.Accent })
                    {
                        Assert.True(RgbColor.Contrast(RgbColor.Parse(text), background) >= 4.5, $"{text} on {theme.Background} ({template.Id}, {tone}, dark={dark})");
                        Assert.True(RgbColor.Contrast(RgbColor.Parse(text), surface) >= 4.5, $"{text} on {theme.Surface} ({template.Id}, {tone}, dark={dark})");
                    }

                    Assert.True(RgbColor.Contrast(RgbColor.Parse(theme.OnPrimary), RgbColor.Parse(theme.Primary)) >= 4.5);
                    Assert.Equal(dark, ThemeSelector.IsDark(theme));
                }
            }
        }
    }

    [Fact]
    public void TheBrandColourIsKeptForLargeSurfacesAndShadedForText()
    {
        var theme = ThemeSelector.Select(new BrandKit("#FFEB3B", "#FF6600"), TemplateCatalog.Find("app-launch")!, "launch page");
        Assert.Equal("#FFEB3B", theme.Primary);
        Assert.Equal("#FF6600", theme.Secondary);
        Assert.NotEqual("#FFEB3B", theme.Accent);
        Assert.True(RgbColor.Parse(theme.Accent).Luminance < RgbColor.Parse(theme.Primary).Luminance);
    }

    [Theory]
    [InlineData("a fun, colourful page for kids", "playful")]
    [InlineData("luxury boutique hotel, elegant and refined", "elegant")]
    [InlineData("bold, punchy flash sale", "bold")]
    [InlineData("a calm, minimal yoga studio", "calm")]
    [InlineData("enterprise security platform, trustworthy", "professional")]
    [InlineData("make it more professional and less playful", "professional")]
    [InlineData("not too bold, something calm", "calm")]
    public void InfersTheToneFromThePrompt(string prompt, string tone) =>
        Assert.Equal(tone, ThemeSelector.Select(new BrandKit("#0066CC"), TemplateCatalog.Default, prompt).Tone);

    [Fact]
    public void WithoutToneWordsTheTemplateDecides()
    {
        Assert.Equal("elegant", ThemeSelector.Select(new BrandKit(), TemplateCatalog.Find("restaurant")!, "our restaurant").Tone);
        Assert.Equal("bold", ThemeSelector.Select(new BrandKit(), TemplateCatalog.Find("ecommerce-sale")!, "our sale").Tone);
    }

    [Fact]
    public void TypographyUsesSystemFontStacksOnly()
    {
        foreach (var template in TemplateCatalog.All)
        {
            foreach (var tone in ThemeSelector.Tones.All)
            {
                var theme = ThemeSelector.Build(new BrandKit("#0066CC"), template, tone, dark: false);
                Assert.Contains(theme.HeadingFont.Split(',')[^1].Trim(), new[] { "sans-serif", "serif" });
                Assert.Contains(theme.BodyFont.Split(',')[^1].Trim(), new[] { "sans-serif", "serif" });
                Assert.DoesNotContain("url(", theme.HeadingFont, StringComparison.Ordinal);
            }
        }

        Assert.NotEqual(
            ThemeSelector.Build(new BrandKit(), TemplateCatalog.Default, "elegant", false).HeadingFont,
            ThemeSelector.Build(new BrandKit(), TemplateCatalog.Default, "playful", false).HeadingFont);
    }

    [Fact]
    public void SelectionIsDeterministic()
    {
        var template = TemplateCatalog.Find("event")!;
        Assert.Equal(
            ThemeSelector.Select(new BrandKit("#123456", "#ABCDEF"), template, "a bold conference"),
            ThemeSelector.Select(new BrandKit("#123456", "#ABCDEF"), template, "a bold conference"));
    }

    [Fact]
    public void ADarkModePromptGivesADarkPage() =>
        Assert.True(ThemeSelector.IsDark(ThemeSelector.Select(new BrandKit("#F43F5E"), TemplateCatalog.Find("portfolio")!, "portfolio, dark mode")));
}

public sealed class LayoutAgentTests
{
    private static readonly Theme Theme = ThemeSelector.Build(new BrandKit("#0066CC"), TemplateCatalog.Default, "professional", false);

    private static string[] Kinds(string templateId, string prompt) =>
        LayoutAgent.Plan(TemplateCatalog.Find(templateId)!, prompt, Theme).Sections.Select(s => s.Kind).ToArray();

    [Fact]
    public void UsesTheTemplatesDefaultSectionsInOrder()
    {
        var template = TemplateCatalog.Find("ecommerce-sale")!;
        Assert.Equal(template.DefaultSections, Kinds("ecommerce-sale", "a sale page with reviews"));
    }

    /// <summary>Testimonials are the brief's quotes: a brief without any plans none unless it asks, so no page invents reviewers.</summary>
    [Fact]
    public void TestimonialsArePlannedForTheBriefsQuotesOrWhenAskedFor()
    {
        Assert.DoesNotContain(SectionKinds.Testimonials, Kinds("ecommerce-sale", "A summer sale for Acme Outfitters: 30% off hiking gear until August 31."));
        Assert.Contains(SectionKinds.Testimonials, Kinds("ecommerce-sale", "A summer sale for Acme Outfitters: 30% off hiking gear until August 31, with reviews."));
        Assert.Contains(SectionKinds.Testimonials, Kinds("ecommerce-sale", "A summer sale for Acme Outfitters: 30% off hiking gear until August 31. Include this review: \"Best boots I've owned.\" — Sam Lee, hiker"));
    }

    [Fact]
    public void AddsSectionsThePromptAsksForInTheirNaturalPlace()
    {
        var kinds = Kinds("ecommerce-sale", "a sale page with pricing, a newsletter signup and add an FAQ");
        Assert.Contains(SectionKinds.Pricing, kinds);
        Assert.Contains(SectionKinds.NewsletterSignup, kinds);
        Assert.True(Array.IndexOf(kinds, SectionKinds.Pricing) < Array.IndexOf(kinds, SectionKinds.Faq));
        Assert.Equal(SectionKinds.Hero, kinds[0]);
        Assert.Equal(SectionKinds.Footer, kinds[^1]);
    }

    [Theory]
    [InlineData("a product page with no testimonials")]
    [InlineData("a product page without testimonials or FAQ")]
    [InlineData("remove the testimonials section, and skip the faq")]
    [InlineData("don't include testimonials or faqs")]
    public void RemovesSectionsThePromptRulesOut(string prompt)
    {
        var kinds = Kinds("saas-product", prompt);
        Assert.DoesNotContain(SectionKinds.Testimonials, kinds);
        if (prompt.Contains("faq", StringComparison.OrdinalIgnoreCase))
        {
            Assert.DoesNotContain(SectionKinds.Faq, kinds);
        }
    }

    [Fact]
    public void NegationDoesNotSpillIntoTheNextRequest()
    {
        var kinds = Kinds("restaurant", "no testimonials, but with pricing and a FAQ");
        Assert.DoesNotContain(SectionKinds.Testimonials, kinds);
        Assert.Contains(SectionKinds.Pricing, kinds);
        Assert.Contains(SectionKinds.Faq, kinds);
    }

    [Fact]
    public void HeroAndFooterAlwaysStay() => Assert.Equal(
        [SectionKinds.Hero, SectionKinds.Footer],
        Kinds("newsletter", "no hero, no footer, no features, no testimonials, no faq, no newsletter signup").ToArray());

    [Fact]
    public void HeadingsComeFromThePrompt()
    {
        var layout = LayoutAgent.Plan(TemplateCatalog.Find("ecommerce-sale")!, TestPages.SummerSale, Theme);
        Assert.Equal("Summer Sale: 30% off all hiking gear", layout.Sections[0].Heading);
        Assert.Equal("Shop the Summer Sale", layout.Sections.Single(s => s.Kind == SectionKinds.ProductGrid).Heading);
        Assert.Equal("Why shop with Acme Outdoors", layout.Sections.Single(s => s.Kind == SectionKinds.Features).Heading);
        Assert.All(layout.Sections, s => Assert.False(string.IsNullOrWhiteSpace(s.Purpose)));
    }

    [Fact]
    public void AHeadlineInThePromptBecomesTheHeroHeading()
    {
        var layout = LayoutAgent.Plan(TemplateCatalog.Default, "A page for Flowboard with the headline \"Plan less, ship more\"", Theme);
        Assert.Equal("Plan less, ship more", layout.Sections[0].Heading);
    }
}
