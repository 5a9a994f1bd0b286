using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using SiteBuilder.Generation.Offline;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;

namespace SiteBuilder.Generation.Tests;

public sealed partial class OfflineComposerTests
{
    private static readonly OfflineComposer Composer = new();

    [Fact]
    public void IdentifiesItselfAsTheOfflineProvider()
    {
        Assert.Equal("offline", Composer.Provider);
        Assert.Equal("offline-composer-1", Composer.ModelId);
    }

    [Fact]
    public async Task StreamsTheHeadThenOneDeltaPerSectionThenTheClosingTags()
    {
        var request = TestPages.Request(TestPages.SummerSale, "ecommerce-sale");
        var deltas = new List<PageDelta>();
        await foreach (var delta in Composer.StreamPageAsync(request, TestContext.Current.CancellationToken))
        {
            deltas.Add(delta);
        }

        Assert.Equal(request.Layout.Sections.Count + 2, deltas.Count);
        Assert.StartsWith("<!DOCTYPE html>", deltas[0].Text, StringComparison.Ordinal);
        Assert.Contains("<style>", deltas[0].Text, StringComparison.Ordinal);
        Assert.Contains("</head>", deltas[0].Text, StringComparison.Ordinal);
        for (var i = 0; i < request.Layout.Sections.Count; i++)
        {
            var kind = request.Layout.Sections[i].Kind;
            var expected = kind == SectionKinds.Footer ? "<footer" : $"<section id=\"{kind}\"";
            Assert.Contains(expected, deltas[i + 1].Text, StringComparison.Ordinal);
        }

        Assert.EndsWith("</body></html>", deltas[^1].Text, StringComparison.Ordinal);
        Assert.Equal(OfflineComposer.Compose(request), string.Concat(deltas.Select(d => d.Text)));
    }

    [Fact]
    public async Task StopsWhenCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var delta in Composer.StreamPageAsync(TestPages.Request(TestPages.SummerSale), cancellation.Token))
            {
                received++;
                await cancellation.CancelAsync();
            }
        });
        Assert.Equal(1, received);
    }

    [Fact]
    public void TheSameRequestGivesTheSamePage() =>
        Assert.Equal(TestPages.Compose(TestPages.SummerSale), TestPages.Compose(TestPages.SummerSale));

    [Fact]
    public async Task ConcurrentStreamsProduceIdenticalPages()
    {
        var request = TestPages.Request(TestPages.SummerSale);
        var expected = OfflineComposer.Compose(request);
        var pages = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            var text = new System.Text.StringBuilder();
            await foreach (var delta in Composer.StreamPageAsync(request, TestContext.Current.CancellationToken))
            {
                text.Append(delta.Text);
            }

            return text.ToString();
        })));
        Assert.All(pages, page => Assert.Equal(expected, page));
    }

    [Fact]
    public void CopyComesFromThePrompt()
    {
        var html = TestPages.Compose(TestPages.SummerSale, "ecommerce-sale");
        using var document = TestPages.Parse(html);
        Assert.Equal("Summer Sale: 30% off all hiking gear", document.QuerySelector("h1")!.TextContent);
        Assert.Contains("Acme Outdoors", document.Title, StringComparison.Ordinal);
        Assert.Contains("Acme Outdoors", document.QuerySelector("header .brand")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("June 1–15", document.QuerySelector(".hero")!.TextContent, StringComparison.Ordinal);

        // The grid shows what is on sale at the brief's discount, and no product or price the brief did not name.
        var grid = document.QuerySelector("#product-grid")!.TextContent;
        Assert.Contains("Hiking gear", grid, StringComparison.Ordinal);
        Assert.Contains("30% off", grid, StringComparison.Ordinal);
        Assert.DoesNotContain("$", grid, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestPages.PromptPerTemplate), MemberType = typeof(TestPages))]
    public void PagesFollowTheAccessibilityRules(string templateId, string prompt)
    {
        var html = TestPages.Compose(prompt, templateId);
        using var document = TestPages.Parse(html);

        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.False(string.IsNullOrWhiteSpace(document.Title));
        var viewport = document.QuerySelector("meta[name=viewport]")!.GetAttribute("content")!;
        Assert.Equal("width=device-width, initial-scale=1", viewport);
        Assert.NotNull(document.QuerySelector("meta[charset]"));

        Assert.Single(document.QuerySelectorAll("main"));
        Assert.Single(document.QuerySelectorAll("body > header"));
        Assert.Single(document.QuerySelectorAll("body > footer"));
        Assert.NotEmpty(document.QuerySelectorAll("nav[aria-label]"));
        Assert.Single(document.QuerySelectorAll("h1"));

        // Headings never skip a level going down.
        var levels = document.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName[1] - '0').ToList();
        Assert.Equal(1, levels[0]);
        for (var i = 1; i < levels.Count; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"heading level {levels[i]} after {levels[i - 1]}");
        }

        // Every section is a labelled region whose label exists.
        foreach (var section in document.QuerySelectorAll("section"))
        {
            var labelledBy = section.GetAttribute("aria-labelledby");
            Assert.False(string.IsNullOrEmpty(labelledBy));
            Assert.NotNull(document.GetElementById(labelledBy!));
        }

        var ids = document.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());

        foreach (var link in document.QuerySelectorAll("a"))
        {
            Assert.False(string.IsNullOrWhiteSpace(link.TextContent), link.OuterHtml);
            var href = link.GetAttribute("href")!;
            Assert.StartsWith("#", href, StringComparison.Ordinal);
            Assert.True(href == "#" || document.GetElementById(href[1..]) is not null, $"{href} has no target");
            Assert.Null(link.GetAttribute("target"));
        }

        foreach (var button in document.QuerySelectorAll("button"))
        {
            Assert.False(string.IsNullOrWhiteSpace(button.TextContent));
        }

        foreach (var input in document.QuerySelectorAll("input, select, textarea"))
        {
            Assert.NotNull(document.QuerySelector($"label[for='{input.Id}']"));
        }

        foreach (var image in document.QuerySelectorAll("img"))
        {
            Assert.True(image.HasAttribute("alt"));
            Assert.True(image.HasAttribute("width") && image.HasAttribute("height"));
        }

        foreach (var svg in document.QuerySelectorAll("svg"))
        {
            Assert.Equal("true", svg.GetAttribute("aria-hidden") ?? svg.ParentElement?.Closest("[aria-hidden]")?.GetAttribute("aria-hidden"));
            Assert.True(svg.HasAttribute("width") && svg.HasAttribute("height"), svg.OuterHtml[..Math.Min(80, svg.OuterHtml.Length)]);
        }
    }

    [Theory]
    [MemberData(nameof(TestPages.PromptPerTemplate), MemberType = typeof(TestPages))]
    public void PagesAreSelfContainedAndScriptFree(string templateId, string prompt)
    {
        var html = TestPages.Compose(prompt, templateId);
        using var document = TestPages.Parse(html);

        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, link, base, frame, frameset"));
        Assert.Single(document.QuerySelectorAll("style"));
        Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(document.All, e => e.HasAttribute("style"));
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", document.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        foreach (var form in document.QuerySelectorAll("form"))
        {
            Assert.Equal("#", form.GetAttribute("action"));
        }

        Assert.True(html.Length < 64 * 1024, $"page is {html.Length} characters");
    }

    [Fact]
    public void InteractiveTargetsAreAtLeast24PixelsTall()
    {
        var html = TestPages.Compose(TestPages.SummerSale);
        var css = TestPages.Parse(html).QuerySelector("style")!.TextContent;
        foreach (var selector in new[] { ".btn{", ".btn-small{", ".site-nav a{", ".brand{", ".footer-nav a{", ".faq-item summary{", ".field input{" })
        {
            var rule = css[css.IndexOf(selector, StringComparison.Ordinal)..];
            rule = rule[..rule.IndexOf('}', StringComparison.Ordinal)];
            var height = MinHeightRegex().Match(rule);
            Assert.True(height.Success, $"{selector} sets no min-height");
            Assert.True(int.Parse(height.Groups[1].Value, CultureInfo.InvariantCulture) >= 24, selector);
        }
    }

    public static TheoryData<string, string?, string?> Brands => new()
    {
        { "ecommerce-sale", "#0066CC", "#FF6600" },
        { "ecommerce-sale", "#FFEB3B", "#FFFFFF" },
        { "saas-product", "#777777", null },
        { "event", "#000000", "#FFFFFF" },
        { "restaurant", "#FFFFFF", "#FFFF00" },
        { "portfolio", "#00E5FF", null },
        { "app-launch", "#FF6600", "#00FF00" },
        { "nonprofit", "#2E7D32", "#F9A825" },
        { "newsletter", null, null },
    };

    /// <summary>Every text colour the stylesheet uses, on every background it is drawn on, reaches WCAG AA.</summary>
    [Theory]
    [MemberData(nameof(Brands))]
    public void EveryColourPairTheComposerUsesMeetsWcagAa(string templateId, string? primary, string? secondary)
    {
        var template = TemplateCatalog.Find(templateId)!;
        foreach (var tone in ThemeSelector.Tones.All)
        {
            foreach (var dark in new[] { false, true })
            {
                var theme = ThemeSelector.Build(new BrandKit(primary, secondary), template, tone, dark);
                foreach (var hero in Enum.GetValues<HeroStyle>())
                {
                    var palette = PagePalette.From(theme, hero);
                    Assert.All(palette.TextPairs, pair => Assert.True(pair.Contrast >= 4.5, $"{pair.Name}: {pair.Foreground} on {pair.Background} is {pair.Contrast:F2} ({tone}, dark={dark}, {hero})"));
                }
            }
        }
    }

    [Fact]
    public void APaletteRepairsAThemeWhoseTextColoursFail()
    {
        var unreadable = new Theme("#FFFF00", "#FFFF66", "#FFFF99", "#FFFFFF", "#FAFAFA", "#EEEEEE", "#DDDDDD", "#FFFFFF", "serif", "serif", "calm");
        var palette = PagePalette.From(unreadable, HeroStyle.Brand);
        Assert.All(palette.TextPairs, pair => Assert.True(pair.Contrast >= 4.5, pair.Name));
    }

    /// <summary>
    /// The stylesheet's colour declarations read only the palette's variables, and every variable used for
    /// text is a foreground in <see cref="PagePalette.TextPairs"/>, with the same value the page declares.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestPages.PromptPerTemplate), MemberType = typeof(TestPages))]
    public void TheStylesheetUsesOnlyCheckedTextColours(string templateId, string prompt)
    {
        var request = TestPages.Request(prompt, templateId);
        var design = OfflineComposer.Design(request);
        var palette = PagePalette.From(design.Theme, design.Hero);
        var css = TestPages.Parse(OfflineComposer.Compose(request)).QuerySelector("style")!.TextContent;

        var declared = VariableRegex().Matches(css).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        foreach (var (name, value) in palette.CssVariables)
        {
            Assert.Equal(value.ToHex(), declared[name]);
        }

        var checkedForegrounds = palette.TextPairs.Select(p => p.Foreground.ToHex()).ToHashSet(StringComparer.Ordinal);
        foreach (Match color in TextColorRegex().Matches(css))
        {
            var value = color.Groups[1].Value;
            if (value is "inherit" or "currentColor" or "transparent")
            {
                continue;
            }

            var variable = VarRegex().Match(value);
            Assert.True(variable.Success, $"color:{value} is not a palette variable");
            Assert.Contains(declared[variable.Groups[1].Value], checkedForegrounds);
        }
    }

    [Fact]
    public void UnknownSectionKindsFromAnotherPlannerAreSkippedAndHeroAndFooterAdded()
    {
        var request = TestPages.Request(TestPages.SummerSale) with
        {
            Layout = new PageLayout([new LayoutSection("video-wall", "Watch", "x"), new LayoutSection(SectionKinds.Faq, "Questions", "y")]),
        };
        var parts = OfflineComposer.ComposeParts(request);
        Assert.Equal(5, parts.Count);
        using var document = TestPages.Parse(string.Concat(parts));
        Assert.Null(document.GetElementById("video-wall"));
        Assert.NotNull(document.QuerySelector("h1"));
        Assert.Equal("Questions", document.GetElementById("faq-title")!.TextContent);
    }

    [Fact]
    public void PromptTextIsEscaped()
    {
        var html = TestPages.Compose("A sale for <script>alert(1)</script> with the headline \"<img src=x onerror=alert(1)>\"");
        using var document = TestPages.Parse(html);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.Equal("<img src=x onerror=alert(1)>", document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public void AnInlineLogoIsUsedAndARemoteOneIsNot()
    {
        const string logo = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=";
        using var withLogo = TestPages.Parse(TestPages.Compose(TestPages.SummerSale, brand: new BrandKit("#0066CC", LogoUrl: logo)));
        Assert.Equal(logo, withLogo.QuerySelector("header img")!.GetAttribute("src"));

        using var remote = TestPages.Parse(TestPages.Compose(TestPages.SummerSale, brand: new BrandKit("#0066CC", LogoUrl: "https://cdn.example.com/logo.png")));
        Assert.Null(remote.QuerySelector("img"));
    }

    [Fact]
    public void TheBrandKitNameWinsOverThePrompt()
    {
        using var document = TestPages.Parse(TestPages.Compose(TestPages.SummerSale, brand: new BrandKit("#0066CC", BrandName: "Northwind")));
        Assert.Contains("Northwind", document.QuerySelector(".brand")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePageCarriesItsDesign()
    {
        var request = TestPages.Request(TestPages.SummerSale);
        var design = PageDesign.Read(OfflineComposer.Compose(request));
        Assert.NotNull(design);
        Assert.Equal(OfflineComposer.Design(request).ToJson(), design.ToJson());
    }

    [GeneratedRegex(@"min-height:(\d+)px")]
    private static partial Regex MinHeightRegex();

    [GeneratedRegex(@"(--[a-z-]+):(#[0-9A-F]{6});")]
    private static partial Regex VariableRegex();

    [GeneratedRegex(@"(?<![-\w])color:([^;}]+)")]
    private static partial Regex TextColorRegex();

    [GeneratedRegex(@"^var\((--[a-z-]+)\)$")]
    private static partial Regex VarRegex();
}
