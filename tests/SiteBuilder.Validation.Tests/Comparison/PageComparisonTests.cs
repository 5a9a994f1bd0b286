using SiteBuilder.Validation.Comparison;

namespace SiteBuilder.Validation.Tests.Comparison;

/// <summary>Compare as a marketer reads it: sections added, removed and changed, and the words that changed.</summary>
public sealed class PageComparisonTests
{
    private const string Design = """{&quot;templateId&quot;:&quot;ecommerce-sale&quot;,&quot;theme&quot;:{&quot;primary&quot;:&quot;#0066CC&quot;,&quot;secondary&quot;:&quot;#FF6600&quot;,&quot;font&quot;:&quot;Inter&quot;,&quot;radius&quot;:8,&quot;padding&quot;:24}}""";

    private static string Page(string hero, string extra = "", string style = "h1{color:#123456}", string design = Design) =>
        $"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Acme summer sale</title>
        <meta name="description" content="30% off hiking gear">
        <meta name="sitebuilder:design" content="{design}">
        <style>{style}</style></head>
        <body><a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header"><a class="brand" href="#top">Acme</a><nav><ul><li><a href="#features">Features</a></li></ul></nav></header>
        <main id="main">
        <section id="hero" aria-labelledby="hero-title"><div class="container"><h1 id="hero-title">{hero}</h1>
        <p class="lead">Everything for the trail, <strong>30% off</strong> until August 31.</p>
        <div class="actions"><a class="btn" href="#offer">Shop the sale</a></div></div></section>
        <section id="features"><h2>Why Acme</h2><ul><li>Free returns</li><li>Ships in 24 hours</li></ul></section>
        {extra}
        </main>
        <footer class="site-footer"><p>© 2026 Acme. All rights reserved.</p></footer>
        <script>console.log("not text")</script>
        </body></html>
        """;

    private const string Testimonials = """<section id="testimonials"><h2>What hikers say</h2><blockquote><p>"Best boots I own."</p><footer>Sam, Denver</footer></blockquote></section>""";

    [Fact]
    public void AnAddedSectionIsReportedWithItsTextAndTheRestStaysUnchanged()
    {
        var comparison = PageComparison.Between(Page("Summer sale"), Page("Summer sale", Testimonials));

        var added = Assert.Single(comparison.Sections, s => s.Status == SectionStatus.Added);
        Assert.Equal(("#testimonials", "Testimonials", "What hikers say"), (added.Key, added.Name, added.Heading));
        Assert.Equal(["What hikers say", "\"Best boots I own.\"", "Sam, Denver"], added.Lines.Select(l => l.AfterText));
        Assert.All(added.Lines, l => Assert.Equal(TextLineStatus.Added, l.Status));
        Assert.Equal((1, 0, 0), (comparison.Added, comparison.Removed, comparison.Changed));
        // Placed where it stands in the newer version: after the features, before the footer.
        Assert.Equal(["(page)", "Header", "Hero", "Features", "Testimonials", "Footer"], comparison.Sections.Select(s => s.Name == "Page title and description" ? s.Key : s.Name));
    }

    [Fact]
    public void ARemovedSectionKeepsItsPlaceAndItsOldText()
    {
        var comparison = PageComparison.Between(Page("Summer sale", Testimonials), Page("Summer sale"));

        var removed = Assert.Single(comparison.Sections, s => s.Status == SectionStatus.Removed);
        Assert.Equal("Testimonials", removed.Name);
        Assert.Equal(["What hikers say", "\"Best boots I own.\"", "Sam, Denver"], removed.Lines.Select(l => l.BeforeText));
        Assert.Equal("Footer", comparison.Sections[^1].Name);
    }

    [Fact]
    public void AChangedHeadlineMarksOnlyTheWordsThatDiffer()
    {
        var comparison = PageComparison.Between(Page("The summer sale is on"), Page("The big summer sale starts now"));

        var hero = Assert.Single(comparison.Sections, s => s.Status == SectionStatus.Changed);
        Assert.Equal("Hero", hero.Name);
        var line = Assert.Single(hero.ChangedLines);
        Assert.Equal(TextLineStatus.Changed, line.Status);
        Assert.Equal("The summer sale is on", line.BeforeText);
        Assert.Equal("The big summer sale starts now", line.AfterText);
        Assert.Equal(["is on"], line.Before.Where(s => s.Changed).Select(s => s.Text));
        Assert.Equal(["big ", "starts now"], line.After.Where(s => s.Changed).Select(s => s.Text));
        Assert.Contains(line.After, s => !s.Changed && s.Text.Contains("summer sale", StringComparison.Ordinal));
    }

    [Fact]
    public void InlineMarkupJoinsItsParagraphAndAStandaloneLinkIsItsOwnLine()
    {
        var comparison = PageComparison.Between(Page("Sale"), Page("Sale"));

        var hero = comparison.Sections.Single(s => s.Name == "Hero");
        Assert.Equal(SectionStatus.Unchanged, hero.Status);
        Assert.Equal(["Sale", "Everything for the trail, 30% off until August 31.", "Shop the sale"], hero.Lines.Select(l => l.AfterText));
        Assert.False(comparison.HasTextChanges);
    }

    [Fact]
    public void StylesScriptsAndTheDesignRecordAreNotText()
    {
        var comparison = PageComparison.Between(Page("Sale"), Page("Sale", style: "h1{color:#000}", design: "{&quot;templateId&quot;:&quot;other&quot;}"));

        Assert.False(comparison.HasTextChanges);
        Assert.DoesNotContain(comparison.Sections.SelectMany(s => s.Lines), l => l.AfterText.Contains("console", StringComparison.Ordinal) || l.AfterText.Contains("templateId", StringComparison.Ordinal));
    }

    [Fact]
    public void TheTitleAndDescriptionAreComparedAsThePagesOwnLines()
    {
        var before = Page("Sale");
        var after = before.Replace("<title>Acme summer sale</title>", "<title>Acme winter sale</title>", StringComparison.Ordinal);

        var page = Assert.Single(PageComparison.Between(before, after).Sections, s => s.Status == SectionStatus.Changed);
        Assert.Equal(PageComparison.PageKey, page.Key);
        var line = Assert.Single(page.ChangedLines);
        Assert.Equal(["summer"], line.Before.Where(s => s.Changed).Select(s => s.Text));
        Assert.Equal(["winter"], line.After.Where(s => s.Changed).Select(s => s.Text));
    }

    [Fact]
    public void SectionsWithoutIdsAreMatchedByTheirHeading()
    {
        const string Before = "<main><section><h2>Plans</h2><p>$9 a month</p></section><section><h2>FAQ</h2><p>Cancel any time.</p></section></main>";
        const string After = "<main><section><h2>Story</h2><p>Since 1990.</p></section><section><h2>Plans</h2><p>$12 a month</p></section><section><h2>FAQ</h2><p>Cancel any time.</p></section></main>";

        var comparison = PageComparison.Between(Before, After);

        Assert.Equal([("Story", SectionStatus.Added), ("Plans", SectionStatus.Changed), ("FAQ", SectionStatus.Unchanged)],
            comparison.Sections.Where(s => s.Key != PageComparison.PageKey).Select(s => (s.Name, s.Status)));
        var price = Assert.Single(comparison.Sections.Single(s => s.Name == "Plans").ChangedLines);
        Assert.Equal(["9"], price.Before.Where(s => s.Changed).Select(s => s.Text));
        Assert.Equal(["12"], price.After.Where(s => s.Changed).Select(s => s.Text));
    }

    [Fact]
    public void EmptyOrBrokenHtmlComparesWithoutThrowing()
    {
        var comparison = PageComparison.Between("", "<section id=x><h2>Only <b>half");

        var added = Assert.Single(comparison.Sections, s => s.Status == SectionStatus.Added);
        Assert.Equal("Only half", added.Heading);
        Assert.Equal(SectionStatus.Unchanged, PageComparison.Between("", "").Sections.Single().Status);
    }

    [Fact]
    public void TheHtmlDiffShowsFormattedHtmlWithLongAttributesShortened()
    {
        var diff = HtmlDiff.Between(Page("Summer sale"), Page("Big summer sale", Testimonials, design: Design + "x"));

        var text = string.Join('\n', diff.Lines.Select(l => l.Text));
        Assert.DoesNotContain("&quot;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("templateId", text, StringComparison.Ordinal);
        Assert.Contains(diff.Lines, l => l.Kind == HtmlDiff.Kind.Removed && l.Text.Trim() == "<h1 id=\"hero-title\">Summer sale</h1>");
        Assert.Contains(diff.Lines, l => l.Kind == HtmlDiff.Kind.Added && l.Text.Trim() == "<h1 id=\"hero-title\">Big summer sale</h1>");
        Assert.Contains(diff.Lines, l => l.Kind == HtmlDiff.Kind.Added && l.Text.Contains("<section id=\"testimonials\">", StringComparison.Ordinal));
        // The design record changed length: its line shows as changed, shortened.
        Assert.Contains(diff.Lines, l => l.Kind == HtmlDiff.Kind.Added && l.Text.Contains("sitebuilder:design", StringComparison.Ordinal) && l.Text.Contains("characters", StringComparison.Ordinal));
        // One element per line, indented: no line carries the whole page.
        Assert.All(diff.Lines, l => Assert.True(l.Text.Length < 200, l.Text));
        Assert.Contains(diff.Lines, l => l.Text.StartsWith("  ", StringComparison.Ordinal));
        Assert.Contains(diff.Lines, l => l.Kind == HtmlDiff.Kind.Gap);
    }

    [Fact]
    public void IdenticalPagesHaveAnEmptyHtmlDiff()
    {
        var diff = HtmlDiff.Between(Page("Sale"), Page("Sale"));

        Assert.Equal((0, 0), (diff.Added, diff.Removed));
        Assert.All(diff.Lines, l => Assert.Equal(HtmlDiff.Kind.Gap, l.Kind));
    }

    [Fact]
    public void AChangedColourInTheStylesheetIsOneChangedLine()
    {
        var diff = HtmlDiff.Between(Page("Sale", style: "body{margin:0}h1{color:#123456;font:700 2rem/1.1 \"A;B\", serif}@media (min-width:600px){h1{background:url(data:a;b)}}"),
            Page("Sale", style: "body{margin:0}h1{color:#abcdef;font:700 2rem/1.1 \"A;B\", serif}@media (min-width:600px){h1{background:url(data:a;b)}}"));

        Assert.Equal((1, 1), (diff.Added, diff.Removed));
        Assert.Equal("color:#abcdef;", diff.Lines.Single(l => l.Kind == HtmlDiff.Kind.Added).Text.Trim());
        Assert.Equal(
            "body{\n  margin:0\n}\nh1{\n  color:#123456;\n  font:700 2rem/1.1 \"A;B\", serif\n}\n@media (min-width:600px){\n  h1{\n    background:url(data:a;b)\n  }\n}",
            HtmlDiff.FormatCss("body{margin:0}h1{color:#123456;font:700 2rem/1.1 \"A;B\", serif}@media (min-width:600px){h1{background:url(data:a;b)}}"));
    }
}
