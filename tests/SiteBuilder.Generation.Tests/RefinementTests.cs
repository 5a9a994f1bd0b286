using AngleSharp.Html.Dom;
using SiteBuilder.Generation.Offline;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;

namespace SiteBuilder.Generation.Tests;

public sealed class RefinementTests
{
    private static (string Parent, PageDesign Design) Parent(string prompt = TestPages.SummerSale, string? templateId = "ecommerce-sale", BrandKit? brand = null)
    {
        var html = TestPages.Compose(prompt, templateId, brand);
        return (html, PageDesign.Read(html)!);
    }

    /// <summary>Refines the way the pipeline does: the new instruction is the prompt, the parent HTML comes along.</summary>
    private static (string Html, PageDesign Design) Refine(string parentHtml, string instruction, BrandKit? brand = null)
    {
        var request = TestPages.Request(instruction, "ecommerce-sale", brand, parentHtml);
        var html = OfflineComposer.Compose(request);
        return (html, PageDesign.Read(html)!);
    }

    private static string[] Kinds(PageDesign design) => design.Sections.Select(s => s.Kind).ToArray();

    [Fact]
    public void AnInstructionItDoesNotUnderstandKeepsThePageAsItWas()
    {
        var (parent, _) = Parent();
        var (html, _) = Refine(parent, "make it pop, you know what I mean");
        Assert.Equal(parent, html);
        Assert.True(RefinementInstruction.Parse("make it pop, you know what I mean").IsEmpty);
    }

    [Fact]
    public void UsesAHexColourAsTheNewPrimary()
    {
        var (parent, before) = Parent();
        var (html, after) = Refine(parent, "use #2E7D32 as the primary colour");
        Assert.Equal("#2E7D32", after.Theme.Primary);
        Assert.Equal(before.Theme.Secondary, after.Theme.Secondary);
        Assert.Contains("--primary:#2E7D32;", html, StringComparison.Ordinal);
        Assert.Equal(Kinds(before), Kinds(after));
        Assert.All(PagePalette.From(after.Theme, after.Hero).TextPairs, pair => Assert.True(pair.Contrast >= 4.5, pair.Name));
    }

    [Fact]
    public void AssignsEachColourToTheRoleNamedNextToIt()
    {
        var instruction = RefinementInstruction.Parse("make the primary colour #112233 and the accent #FFAA00");
        Assert.Equal("#112233", instruction.PrimaryColor);
        Assert.Equal("#FFAA00", instruction.SecondaryColor);
    }

    [Fact]
    public void UnderstandsColourNames()
    {
        var (parent, _) = Parent();
        var (_, after) = Refine(parent, "make it green");
        var (h, s, _) = RgbColor.Parse(after.Theme.Primary).ToHsl();
        Assert.InRange(h, 90, 150);
        Assert.True(s > 0.3);
    }

    [Fact]
    public void MakesTheHeroDarker()
    {
        var (parent, before) = Parent();
        Assert.Equal(HeroStyle.Brand, before.Hero);
        var (html, after) = Refine(parent, "make the hero darker");
        Assert.Equal(HeroStyle.Dark, after.Hero);
        Assert.Contains("class=\"hero hero-dark\"", html, StringComparison.Ordinal);
        Assert.Equal(before.Theme, after.Theme);
    }

    [Fact]
    public void MakesTheHeroLighter()
    {
        var (parent, _) = Parent();
        var (_, after) = Refine(parent, "Can you make the banner lighter?");
        Assert.Equal(HeroStyle.Light, after.Hero);
    }

    [Fact]
    public void SwitchesTheWholePageToDarkMode()
    {
        var (parent, _) = Parent();
        var (_, after) = Refine(parent, "switch to a dark theme");
        Assert.True(ThemeSelector.IsDark(after.Theme));
        Assert.All(PagePalette.From(after.Theme, after.Hero).TextPairs, pair => Assert.True(pair.Contrast >= 4.5, pair.Name));
    }

    [Fact]
    public void AddsAPricingSection()
    {
        var (parent, before) = Parent();
        Assert.DoesNotContain(SectionKinds.Pricing, Kinds(before));
        var (html, after) = Refine(parent, "add a pricing section");
        Assert.Contains(SectionKinds.Pricing, Kinds(after));
        Assert.Equal(SectionKinds.Footer, Kinds(after)[^1]);
        Assert.NotNull(TestPages.Parse(html).GetElementById("pricing"));
    }

    [Fact]
    public void RemovesTestimonials()
    {
        var (parent, _) = Parent();
        var (html, after) = Refine(parent, "remove testimonials");
        Assert.DoesNotContain(SectionKinds.Testimonials, Kinds(after));
        Assert.Null(TestPages.Parse(html).GetElementById("testimonials"));
    }

    [Fact]
    public void MovesASection()
    {
        var (parent, _) = Parent();
        var (_, after) = Refine(parent, "move the FAQ above the product grid");
        var kinds = Kinds(after);
        Assert.True(Array.IndexOf(kinds, SectionKinds.Faq) < Array.IndexOf(kinds, SectionKinds.ProductGrid));
        Assert.Equal(SectionKinds.Hero, kinds[0]);
    }

    [Theory]
    [InlineData("change the headline to \"Gear up for summer\"")]
    [InlineData("Change the headline to Gear up for summer.")]
    [InlineData("headline: Gear up for summer")]
    public void ChangesTheHeadline(string instruction)
    {
        var (parent, _) = Parent();
        var (html, after) = Refine(parent, instruction);
        Assert.Equal("Gear up for summer", after.Sections[0].Heading);
        using var document = TestPages.Parse(html);
        Assert.Equal("Gear up for summer", document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public void WordsInsideANewHeadlineAreNotReadAsInstructions()
    {
        var (parent, before) = Parent();
        var (_, after) = Refine(parent, "change the headline to \"Pricing so good, no testimonials needed\"");
        Assert.Equal(Kinds(before), Kinds(after));
    }

    [Fact]
    public void MakesItMorePlayful()
    {
        var (parent, before) = Parent();
        Assert.Equal("bold", before.Theme.Tone);
        var (html, after) = Refine(parent, "make it more playful");
        Assert.Equal("playful", after.Theme.Tone);
        Assert.Equal(before.Theme.Primary, after.Theme.Primary);
        Assert.NotEqual(before.Theme.HeadingFont, after.Theme.HeadingFont);
        Assert.Contains("--button-radius:999px", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangesTheOfferAndTheCopyFollows()
    {
        var (parent, _) = Parent();
        var (html, after) = Refine(parent, "change the discount to 40% off");
        Assert.Equal(40, after.Facts.DiscountPercent);
        Assert.Equal("Summer Sale: 40% off all hiking gear", after.Sections[0].Heading);
        var grid = TestPages.Parse(html).GetElementById("product-grid")!.TextContent;
        Assert.Contains("40% off", grid, StringComparison.Ordinal);

        // No line written from the brief still says the old discount.
        Assert.DoesNotContain("30%", TestPages.Parse(html).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangesTheButtonLabelAndTheBrandName()
    {
        var (parent, _) = Parent();
        var (html, _) = Refine(parent, "change the button text to \"Grab the deal\"");
        using var document = TestPages.Parse(html);
        Assert.Equal("Grab the deal", document.QuerySelector(".hero .btn-primary")!.TextContent);

        var (renamed, design) = Refine(html, "rename the brand to Northwind Outfitters");
        Assert.Equal("Northwind Outfitters", design.Facts.BrandName);
        Assert.Contains("Northwind Outfitters", TestPages.Parse(renamed).QuerySelector(".brand")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Grab the deal", design.CtaLabel);
    }

    [Fact]
    public void ChangesAccumulateOverSeveralRefinements()
    {
        var (html, _) = Parent();
        (html, _) = Refine(html, "add a pricing section");
        (html, _) = Refine(html, "use #2E7D32 as the primary colour");
        var (_, design) = Refine(html, "remove testimonials and make the hero darker");
        Assert.Contains(SectionKinds.Pricing, Kinds(design));
        Assert.DoesNotContain(SectionKinds.Testimonials, Kinds(design));
        Assert.Equal("#2E7D32", design.Theme.Primary);
        Assert.Equal(HeroStyle.Dark, design.Hero);
    }

    [Fact]
    public void RecoversWhatItCanFromAPageItDidNotWrite()
    {
        const string modelPage = """
            <!DOCTYPE html><html lang="en"><head><title>Winter Warmers | Northwind</title>
            <style>:root{--primary:#8B0000}</style></head><body>
            <section id="hero"><h1>Winter Warmers are here</h1></section>
            <section id="features"><h2>Why Northwind</h2></section>
            <section id="testimonials"><h2>Happy customers</h2></section>
            <footer>Northwind</footer></body></html>
            """;
        var (html, design) = Refine(modelPage, "remove testimonials");
        Assert.Equal("Winter Warmers are here", design.Sections[0].Heading);
        Assert.Equal([SectionKinds.Hero, SectionKinds.Features, SectionKinds.Footer], Kinds(design));
        Assert.Equal("Why Northwind", design.Sections[1].Heading);
        Assert.Equal("#8B0000", design.Theme.Primary);
        Assert.Equal("Northwind", design.Facts.BrandName);
        using IHtmlDocument document = TestPages.Parse(html);
        Assert.NotNull(document.QuerySelector("meta[name='sitebuilder:design']"));
    }
}
