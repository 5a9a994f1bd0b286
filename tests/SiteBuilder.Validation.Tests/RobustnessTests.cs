using System.Text;

namespace SiteBuilder.Validation.Tests;

/// <summary>Hostile and degenerate input gets a correct report or a clear input error; nothing recurses without
/// bound, so nothing can overflow the stack.</summary>
public class RobustnessTests
{
    [Fact]
    public void AnEmptyPageGetsAReport()
    {
        var report = BrandValidator.Validate("");

        Assert.False(report.Audit("document-title").Passed);
        Assert.False(report.Audit("html-has-lang").Passed);
        Assert.False(report.Audit("landmark-one-main").Passed);
        Assert.True(report.SecurityPassed);
        Assert.InRange(report.BrandScore, 0, 10);
        Assert.Equal(0, report.Stats.HtmlBytes);
    }

    [Fact]
    public void PlainTextIsParsedAsABodyAndMeasured()
    {
        var report = BrandValidator.Validate("Just some words, {braces}; <not a tag & stray ampersands >>");

        Assert.Equal(21, Assert.Single(report.Contrast).Ratio);
        Assert.True(report.SecurityPassed);
    }

    [Fact]
    public void BinaryGarbageGetsAReport()
    {
        var random = new Random(7);
        var garbage = new string([.. Enumerable.Range(0, 50_000).Select(_ => (char)random.Next(0, 0xD7FF))]);

        var report = BrandValidator.Validate(garbage);

        Assert.Equal(BrandValidator.Audits.Count, report.Audits.Count);
    }

    [Fact]
    public void TenThousandNestedDivsGetAReport()
    {
        var html = "<!DOCTYPE html><html lang='en'><head><title>Deep</title><style>.a div { color: #777 } div div div { background: #fff } div > div + div ~ p { color: red } :is(div, section) :not(p) div { font-size: 1.1em }</style></head><body><main class='a'>"
            + string.Concat(Enumerable.Repeat("<div>", 10_000)) + "<p>Bottom</p>" + string.Concat(Enumerable.Repeat("</div>", 10_000))
            + "</main></body></html>";

        var report = BrandValidator.Validate(html);

        // Nesting beyond 256 levels (main and 255 divs) is unwrapped before parsing; the text is kept and measured.
        Assert.Equal(10_000 - 255, report.Stats.UnwrappedElements);
        Assert.InRange(report.Stats.MaxDepth, 256, 260);
        Assert.Equal("#777777", report.ContrastFor("Bottom").Foreground);
    }

    [Fact]
    public void TenThousandNestedInlineElementsWithCompoundingSizesGetAReport()
    {
        var html = "<html lang='en'><title>x</title><style>span { font-size: 1.5em; opacity: .99 }</style><main>"
            + string.Concat(Enumerable.Repeat("<span>t", 10_000)) + string.Concat(Enumerable.Repeat("</span>", 10_000)) + "</main></html>";

        var report = BrandValidator.Validate(html);

        Assert.All(report.Contrast, c => Assert.True(double.IsFinite(c.FontSizePx)));
    }

    [Fact]
    public void DeeplyNestedCssBlocksAreParsedWithoutRecursion()
    {
        var css = string.Concat(Enumerable.Repeat("@media all { @supports (color: red) { ", 50_000)) + ".x { color: #777 }" + string.Concat(Enumerable.Repeat("} }", 50_000));

        var report = BrandValidator.Validate(Pages.With("<p class='x'>Nested</p>", css));

        Assert.Equal("#777777", report.ContrastFor("Nested").Foreground);
    }

    [Fact]
    public void DeeplyNestedStyleRulesAreSkippedPastTheCap()
    {
        // In a browser this would be ".x .x .x …" 50 000 levels deep, which no element here matches.
        var css = ".x { color: #333; " + string.Concat(Enumerable.Repeat(".x { ", 50_000)) + "color: #777" + new string('}', 50_001);

        var report = BrandValidator.Validate(Pages.With("<p class='x'>Nested rules</p>", css));

        Assert.Equal("#333333", report.ContrastFor("Nested rules").Foreground);
    }

    [Fact]
    public void UnbalancedAndBrokenCssIsSkippedLikeABrowserDoes()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<p class='ok'>Survives</p>",
            ".bad[ { color: red } .ok { color: #333; background: } ;;; }}} .ok { color: #444 } .unclosed { color: blue"));

        Assert.Equal("#444444", report.ContrastFor("Survives").Foreground);
    }

    [Fact]
    public void ExponentialCustomPropertiesAreCappedAsInvalid()
    {
        var css = new StringBuilder(":root { --v0: #123456; ");
        for (var i = 1; i < 60; i++)
        {
            css.Append($"--v{i}: var(--v{i - 1}) var(--v{i - 1}); ");
        }

        css.Append("} p { color: #222; } p { color: var(--v59); }");

        var report = BrandValidator.Validate(Pages.With("<p>Boom</p>", css.ToString()));

        // Invalid at computed-value time: the colour falls back to the inherited black.
        Assert.Equal("#000000", report.ContrastFor("Boom").Foreground);
    }

    [Fact]
    public void DeepCalcNestingIsRejectedNotRecursed()
    {
        var calc = string.Concat(Enumerable.Repeat("calc(", 20_000)) + "20px" + new string(')', 20_000);

        var report = BrandValidator.Validate(Pages.With("<p class='c'>Calc</p>", $".c {{ font-size: {calc} }}"));

        Assert.Equal(16, report.ContrastFor("Calc").FontSizePx);
    }

    [Fact]
    public void DeeplyNestedSelectorsAreDroppedOrMatchedWithoutOverflow()
    {
        var selector = string.Concat(Enumerable.Repeat(":is(", 3_000)) + "p" + new string(')', 3_000);

        var report = BrandValidator.Validate(Pages.With("<p>Selector</p>", $"{selector} {{ color: #888 }}"));

        Assert.NotNull(report.ContrastFor("Selector"));
    }

    [Fact]
    public void AFiveMegabytePageGetsAReport()
    {
        var section = """
            <section class="feature" id="s{0}"><h2>Feature {0}</h2><p class="muted">Walking shoes, fitted for the way you move, with a sole that grips wet stone.</p>
            <a class="btn" href="/p/{0}">View</a><img src="/img/{0}.jpg" alt="Shoe {0}" width="300" height="200" loading="lazy"></section>
            """;
        var body = new StringBuilder();
        var i = 0;
        while (body.Length < 5 * 1024 * 1024)
        {
            body.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, section, i++));
        }

        var report = BrandValidator.Validate(Pages.With(body.ToString(), ".muted { color: #6B7280 } .btn { background: #0066CC; color: #fff; padding: 12px }"));

        Assert.True(report.Stats.HtmlBytes > 5 * 1024 * 1024);
        Assert.False(report.Audit("total-byte-weight").Passed);
        Assert.False(report.Audit("dom-size").Passed);
        Assert.True(report.Audit("color-contrast").Passed);
        Assert.True(report.Audit("duplicate-id").Passed);
    }

    [Fact]
    public void PagesAboveTheCapAreRefusedWithAClearError()
    {
        var error = Assert.Throws<HtmlTooLargeException>(() => BrandValidator.Validate(new string('x', BrandValidator.MaxHtmlLength + 1)));

        Assert.Equal("html", error.Field);
        Assert.Equal(BrandValidator.MaxHtmlLength, error.Limit);
        Assert.IsAssignableFrom<ValidationInputException>(error);
    }

    [Fact]
    public void NullHtmlIsAnArgumentNullException() =>
        Assert.Throws<ArgumentNullException>(() => BrandValidator.Validate(null!));

    [Fact]
    public void ConcurrentValidationsGiveTheSameReports()
    {
        var pages = Enumerable.Range(0, 8).Select(i => Pages.With($"<p class='p{i}'>Text {i}</p><a class='btn' href='/x'>Go</a>", $".p{i} {{ color: #{i}{i}{i} }} .btn {{ color: #fff; background: #0066CC }}")).ToArray();
        var expected = pages.Select(p => System.Text.Json.JsonSerializer.Serialize(BrandValidator.Validate(p))).ToArray();

        var actual = new string[64];
        Parallel.For(0, actual.Length, i => actual[i] = System.Text.Json.JsonSerializer.Serialize(BrandValidator.Validate(pages[i % pages.Length])));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % pages.Length], actual[i]);
        }
    }
}
