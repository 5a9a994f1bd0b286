namespace SiteBuilder.Validation.Tests;

/// <summary>Contrast computed from the page's own CSS: cascade, inheritance, alpha and the large-text rule.</summary>
public class ContrastAuditTests
{
    [Fact]
    public void Grey767676TextOnWhitePasses()
    {
        var report = BrandValidator.Validate(Pages.With("<p>Fine print</p>", "p { color: #767676 }"));

        var measurement = report.ContrastFor("Fine print");
        Assert.Equal(4.54, measurement.Ratio);
        Assert.True(measurement.Passed);
        Assert.True(report.Audit("color-contrast").Passed);
    }

    [Fact]
    public void Grey777777TextOnWhiteFailsAt447()
    {
        var report = BrandValidator.Validate(Pages.With("<p>Fine print</p>", "p { color: #777777 }"));

        var measurement = report.ContrastFor("Fine print");
        Assert.Equal(4.47, measurement.Ratio);
        Assert.Equal(4.5, measurement.RequiredRatio);
        Assert.False(measurement.Passed);
        var audit = report.Audit("color-contrast");
        Assert.False(audit.Passed);
        Assert.Contains("4.47:1", audit.Findings.Single().Message, StringComparison.Ordinal);
        Assert.False(report.AccessibilityPassed);
    }

    [Fact]
    public void BlackOnWhiteIs21To1()
    {
        var report = BrandValidator.Validate(Pages.With("<p>Plain</p>"));

        var measurement = report.ContrastFor("Plain");
        Assert.Equal(21, measurement.Ratio);
        Assert.Equal("#000000", measurement.Foreground);
        Assert.Equal("#FFFFFF", measurement.Background);
    }

    [Fact]
    public void BoldTextOf1866PxAt3Point2To1PassesAsLargeText()
    {
        // #8F9090 on white is 3.2012:1.
        var report = BrandValidator.Validate(Pages.With(
            "<p class='big'>Large bold</p><p class='small'>Small bold</p>",
            ".big, .small { color: #8F9090; font-weight: 700 } .big { font-size: 18.66px } .small { font-size: 18px }"));

        var big = report.ContrastFor("Large bold");
        Assert.Equal(3.2, big.Ratio);
        Assert.True(big.LargeText);
        Assert.Equal(3.0, big.RequiredRatio);
        Assert.True(big.Passed);
        var small = report.ContrastFor("Small bold");
        Assert.False(small.LargeText);
        Assert.False(small.Passed);
    }

    [Fact]
    public void ColourIsInheritedThroughAncestors()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<section class='muted'><div><article><p>Deep text</p></article></div></section>",
            ".muted { color: #999999 }"));

        Assert.Equal("#999999", report.ContrastFor("Deep text").Foreground);
        Assert.False(report.ContrastFor("Deep text").Passed);
    }

    [Fact]
    public void HigherSpecificityWinsRegardlessOfSourceOrder()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<p id='lead' class='note'>Specific</p>",
            "#lead { color: #111111 } .note { color: #AAAAAA } p { color: #BBBBBB }"));

        Assert.Equal("#111111", report.ContrastFor("Specific").Foreground);
    }

    [Fact]
    public void LaterRuleWinsAtEqualSpecificity()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<p class='a b'>Order</p>",
            ".a { color: #111111 } .b { color: #AAAAAA }"));

        Assert.Equal("#AAAAAA", report.ContrastFor("Order").Foreground);
    }

    [Fact]
    public void ImportantBeatsInlineStyleAndIds()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<p id='x' class='pale' style='color: #000000'>Important</p>",
            ".pale { color: #CCCCCC !important } #x { color: #333333 }"));

        Assert.Equal("#CCCCCC", report.ContrastFor("Important").Foreground);
    }

    [Fact]
    public void InlineImportantBeatsStylesheetImportant()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<p class='pale' style='color: #000000 !important'>Inline wins</p>",
            ".pale { color: #CCCCCC !important }"));

        Assert.Equal("#000000", report.ContrastFor("Inline wins").Foreground);
    }

    [Fact]
    public void InlineStyleBeatsIdSelector()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<p id='x' style='color: #222222'>Inline</p>",
            "#x { color: #DDDDDD }"));

        Assert.Equal("#222222", report.ContrastFor("Inline").Foreground);
    }

    [Fact]
    public void TranslucentTextIsBlendedOverItsBackground()
    {
        var report = BrandValidator.Validate(Pages.With("<p>Faded</p>", "p { color: rgba(0, 0, 0, 0.4) }"));

        var measurement = report.ContrastFor("Faded");
        Assert.Equal("#999999", measurement.Foreground);
        Assert.False(measurement.Passed);
    }

    [Fact]
    public void TranslucentBackgroundsStackOverTheirParents()
    {
        // rgba(255,255,255,.5) over #000 paints #808080; white text on it is 3.95:1.
        var report = BrandValidator.Validate(Pages.With(
            "<div class='dark'><div class='veil'><p>Veiled</p></div></div>",
            ".dark { background: #000 } .veil { background-color: rgba(255, 255, 255, .5) } p { color: #fff }"));

        var measurement = report.ContrastFor("Veiled");
        Assert.Equal("#808080", measurement.Background);
        Assert.Equal(Math.Floor(ContrastMath.Ratio(Rgba.White, new Rgba(127.5, 127.5, 127.5)) * 100) / 100, measurement.Ratio);
        Assert.False(measurement.Passed);
    }

    [Fact]
    public void OpacityOnAnAncestorFadesTheText()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<div class='ghost'><p>Ghost</p></div>",
            ".ghost { opacity: 0.5 } p { color: #000 }"));

        var measurement = report.ContrastFor("Ghost");
        Assert.Equal("#808080", measurement.Foreground);
        Assert.Equal("#FFFFFF", measurement.Background);
        Assert.False(measurement.Passed);
    }

    [Fact]
    public void OpacityGroupBlendsItsOwnBackgroundWithWhatIsBehind()
    {
        // A black box at 50 % opacity over white paints #808080; its white text paints white: 3.95:1.
        var report = BrandValidator.Validate(Pages.With(
            "<div class='box'><p>Boxed</p></div>",
            ".box { background: #000; opacity: .5 } p { color: #fff }"));

        var measurement = report.ContrastFor("Boxed");
        Assert.Equal("#808080", measurement.Background);
        Assert.Equal("#FFFFFF", measurement.Foreground);
    }

    [Fact]
    public void TextOnAGradientIsJudgedByItsWorstStop()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<section class='hero'><h2>Gradient</h2></section>",
            ".hero { background: linear-gradient(90deg, #000000, #FFFFFF) } h2 { color: #fff; font-size: 16px }"));

        var measurement = report.ContrastFor("Gradient");
        Assert.Equal("#FFFFFF", measurement.Background);
        Assert.Equal(1, measurement.Ratio);
        Assert.False(measurement.Passed);
    }

    [Fact]
    public void TextOverAnImageIsUndeterminedNotFailed()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<section class='hero'><h2>Photo</h2></section>",
            ".hero { background: url(/hero.jpg) center / cover } h2 { color: #fff }"));

        Assert.DoesNotContain(report.Contrast, c => c.Text == "Photo");
        Assert.Equal(1, report.Stats.ContrastUndetermined);
        Assert.True(report.Audit("color-contrast").Passed);
    }

    [Fact]
    public void AnOpaqueBackgroundInsideAnImageSectionIsMeasuredAgain()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<section class='hero'><div class='card'><p>On card</p></div></section>",
            ".hero { background-image: url(/hero.jpg) } .card { background: #FFFFFF } p { color: #777777 }"));

        Assert.False(report.ContrastFor("On card").Passed);
    }

    [Fact]
    public void HiddenTextIsNotMeasured()
    {
        var report = BrandValidator.Validate(Pages.With(
            """
            <p class='gone'>Gone</p><p style='visibility:hidden'>Invisible</p><p hidden>Hidden attribute</p>
            <span class='sr-only'>Screen reader only</span><details><summary>Summary</summary><p class='pale'>Closed</p></details>
            <div style='opacity:0'><p>Transparent</p></div>
            """,
            ".gone { display: none; color: #eee } p[style], p[hidden], .pale, div p { color: #eee } .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); color: #eee }"));

        Assert.True(report.Audit("color-contrast").Passed);
        Assert.Equal(["Summary"], report.Contrast.Select(c => c.Text));
    }

    [Fact]
    public void CustomPropertiesResolveWithFallbacksAndShorthands()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<div class='panel'><p class='a'>Variable</p><p class='b'>Fallback</p></div>",
            ":root { --ink: #595959; --panel: #F0F0F0 } .panel { background: var(--panel) } .a { color: var(--ink) } .b { color: var(--missing, #6B6B6B) }"));

        Assert.Equal("#595959", report.ContrastFor("Variable").Foreground);
        Assert.Equal("#F0F0F0", report.ContrastFor("Variable").Background);
        Assert.Equal("#6B6B6B", report.ContrastFor("Fallback").Foreground);
    }

    [Fact]
    public void CyclicCustomPropertiesAreInvalidAndTheColourIsInherited()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<div class='box'><p>Cycle</p></div>",
            ".box { color: #333333 } p { --a: var(--b); --b: var(--a); color: var(--a) }"));

        Assert.Equal("#333333", report.ContrastFor("Cycle").Foreground);
    }

    [Fact]
    public void MediaQueriesAreEvaluatedForAMobileViewport()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<p class='m'>Mobile</p>",
            ".m { color: #111 } @media (min-width: 768px) { .m { color: #eee } } @media print { .m { color: #eee } } @media (prefers-color-scheme: dark) { .m { color: #eee } } @media (max-width: 600px) { .m { color: #222 } }"));

        Assert.Equal("#222222", report.ContrastFor("Mobile").Foreground);
    }

    [Fact]
    public void UnlayeredStylesBeatLayeredOnesAndLaterLayersBeatEarlier()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<p id='p' class='c'>Layered</p><span class='d'>Later layer</span>",
            "@layer base, theme; p { color: #101010 } @layer base { #p { color: #EEEEEE } .d { color: #DDDDDD } } @layer theme { .d { color: #202020 } }"));

        Assert.Equal("#101010", report.ContrastFor("Layered").Foreground);
        Assert.Equal("#202020", report.ContrastFor("Later layer").Foreground);
    }

    [Fact]
    public void BackgroundShorthandResetsTheColour()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<div class='x'><p>Reset</p></div>",
            ".x { background-color: #000; color: #fff } .x { background: url(/a.png) no-repeat; background: none }"));

        // The later shorthand sets background-color back to transparent: white text on the white page.
        Assert.Equal("#FFFFFF", report.ContrastFor("Reset").Background);
        Assert.False(report.ContrastFor("Reset").Passed);
    }

    [Fact]
    public void NestedRulesApplyToTheParentSelector()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<div class='card'><p class='title'>Nested</p></div>",
            ".card { background: #000; & .title { color: #555 } }"));

        var measurement = report.ContrastFor("Nested");
        Assert.Equal("#555555", measurement.Foreground);
        Assert.Equal("#000000", measurement.Background);
    }

    [Fact]
    public void FontSizesCompoundThroughEmAndResolveCalcAndClamp()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<div class='outer'><div class='inner'><p>Compounded</p></div></div><p class='clamped'>Clamped</p>",
            ".outer { font-size: 1.5em } .inner { font-size: 1.25em } p { color: #949494 } .clamped { font-size: clamp(1rem, 2vw + 1rem, 3rem); color: #555 }"));

        Assert.Equal(30, report.ContrastFor("Compounded").FontSizePx);
        Assert.True(report.ContrastFor("Compounded").Passed);
        Assert.Equal(24.24, report.ContrastFor("Clamped").FontSizePx);
    }

    [Fact]
    public void LinksUseTheUserAgentBlueUnlessStyled()
    {
        var report = BrandValidator.Validate(Pages.With("<p>Read <a href='/more'>more</a></p>"));

        Assert.Equal("#0000EE", report.ContrastFor("more").Foreground);
    }

    [Fact]
    public void ButtonsDoNotInheritThePageColourUnlessAsked()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<button>Default</button><button class='inherits'>Inherits</button>",
            "body { color: #AAAAAA } .inherits { color: inherit; background: #fff }"));

        Assert.Equal("#000000", report.ContrastFor("Default").Foreground);
        Assert.Equal("#EFEFEF", report.ContrastFor("Default").Background);
        Assert.Equal("#AAAAAA", report.ContrastFor("Inherits").Foreground);
    }

    [Fact]
    public void MeasurementsSharingColoursAreGroupedWithACount()
    {
        var report = BrandValidator.Validate(Pages.With("<p>One</p><p>Two</p><p>Three</p>", "p { color: #333 }"));

        var measurement = Assert.Single(report.Contrast);
        Assert.Equal(3, measurement.Occurrences);
        Assert.Equal("One", measurement.Text);
    }

    [Fact]
    public void FailuresAreListedBeforePasses()
    {
        var report = BrandValidator.Validate(Pages.With("<p>Dark</p><p>Dark 2</p><p class='l'>Light</p>", "p { color: #000 } .l { color: #ddd }"));

        Assert.False(report.Contrast[0].Passed);
        Assert.True(report.Contrast[1].Passed);
    }
}
