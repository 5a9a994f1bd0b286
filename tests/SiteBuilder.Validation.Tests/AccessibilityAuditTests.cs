namespace SiteBuilder.Validation.Tests;

public class AccessibilityAuditTests
{
    [Fact]
    public void AWellFormedPagePassesAccessibility()
    {
        var report = BrandValidator.Validate(Pages.With("<h1>Title</h1><p>Text</p><img src='a.png' alt='A' width='10' height='10'>"));

        Assert.True(report.AccessibilityPassed);
        Assert.All(report.Audits.Where(a => a.Category == "accessibility" && a.Applicable), a => Assert.True(a.Passed, a.Id));
    }

    [Fact]
    public void MissingLangAndTitleFail()
    {
        var report = BrandValidator.Validate("<!DOCTYPE html><html><head></head><body><main><p>x</p></main></body></html>");

        Assert.False(report.Audit("html-has-lang").Passed);
        Assert.False(report.Audit("document-title").Passed);
        Assert.False(report.AccessibilityPassed);
    }

    [Theory]
    [InlineData("width=device-width, user-scalable=no", false)]
    [InlineData("width=device-width, user-scalable=0", false)]
    [InlineData("width=device-width, maximum-scale=1", false)]
    [InlineData("width=device-width, maximum-scale=1.5", false)]
    [InlineData("width=device-width, maximum-scale=2", true)]
    [InlineData("width=device-width, initial-scale=1, user-scalable=yes", true)]
    public void ViewportMustNotBlockZoom(string content, bool passes)
    {
        var html = $"<!DOCTYPE html><html lang='en'><head><title>t</title><meta name='viewport' content='{content}'></head><body><main>x</main></body></html>";

        var audit = BrandValidator.Validate(html).Audit("meta-viewport");

        Assert.True(audit.Applicable);
        Assert.Equal(passes, audit.Passed);
    }

    [Fact]
    public void ViewportAuditIsNotApplicableWithoutAViewportMeta() =>
        Assert.False(BrandValidator.Validate("<html lang='en'><title>t</title><main>x</main></html>").Audit("meta-viewport").Applicable);

    [Fact]
    public void ImagesNeedAltButDecorativeOnesMayBeEmpty()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<img src='a.png'><img src='b.png' alt=''><img src='c.png' role='presentation'><img src='d.png' aria-label='D'><img src='e.png' style='display:none'>"));

        var audit = report.Audit("image-alt");
        Assert.Equal(1, audit.FindingCount);
        Assert.Contains("a.png", audit.Findings[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void LinksNeedANameFromTextLabelOrImageAlt()
    {
        var report = BrandValidator.Validate(Pages.With(
            """
            <a href="/a">Text</a>
            <a href="/b" aria-label="Labelled"><svg></svg></a>
            <a href="/c"><img src="c.png" alt="Image name"></a>
            <a href="/d"><svg><title>Svg title</title></svg></a>
            <span id="lbl">Referenced</span><a href="/e" aria-labelledby="lbl"></a>
            <a href="/f"><i class="icon"></i></a>
            <a href="/g"><span aria-hidden="true">x</span></a>
            <a name="anchor"></a>
            """));

        var audit = report.Audit("link-name");
        Assert.Equal(2, audit.FindingCount);
        Assert.Contains("href=\"/f\"", audit.Findings[0].Snippet, StringComparison.Ordinal);
        Assert.Contains("href=\"/g\"", audit.Findings[1].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void ButtonsNeedANameAndSubmitHasADefault()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<button>Buy</button><button><svg></svg></button><input type='submit'><input type='button'><div role='button'>Go</div><button title='Close'></button>"));

        Assert.Equal(2, report.Audit("button-name").FindingCount);
        Assert.Equal("critical", report.Audit("button-name").Impact);
    }

    [Fact]
    public void FormFieldsNeedLabels()
    {
        var report = BrandValidator.Validate(Pages.With(
            """
            <label for="a">A</label><input id="a">
            <label>B <input></label>
            <input aria-label="C">
            <input placeholder="D">
            <input id="e"><label for="e"></label>
            <select></select>
            <textarea title="F"></textarea>
            <input type="hidden"><input type="submit">
            """));

        Assert.Equal(2, report.Audit("label").FindingCount);
    }

    [Fact]
    public void HeadingLevelsMayNotSkip()
    {
        var report = BrandValidator.Validate(Pages.With("<h1>A</h1><h2>B</h2><h4>C</h4><h2>D</h2><h3>E</h3>"));

        var audit = report.Audit("heading-order");
        Assert.Equal(1, audit.FindingCount);
        Assert.Contains("h4 follows an h2", audit.Findings[0].Message, StringComparison.Ordinal);
        Assert.True(report.AccessibilityPassed);
    }

    [Fact]
    public void APageNeedsAMainLandmark()
    {
        var report = BrandValidator.Validate("<!DOCTYPE html><html lang='en'><head><title>t</title></head><body><div>x</div></body></html>");

        Assert.False(report.Audit("landmark-one-main").Passed);
        Assert.True(BrandValidator.Validate("<html lang='en'><title>t</title><div role='main'>x</div></html>").Audit("landmark-one-main").Passed);
    }

    [Fact]
    public void DuplicateIdsAreFoundOncePerRepeat()
    {
        var report = BrandValidator.Validate(Pages.With("<p id='a'>1</p><p id='a'>2</p><p id='a'>3</p><p id='b'>4</p>"));

        var audit = report.Audit("duplicate-id");
        Assert.Equal(2, audit.FindingCount);
        Assert.Equal("minor", audit.Impact);
    }

    [Fact]
    public void TargetsSmallerThan24PxFail()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<button class='tiny'>x</button><button class='padded'>y</button><a class='chip' href='/c'>c</a><p>Text with an <a href='/i' class='tiny'>inline</a> link.</p>",
            ".tiny { width: 16px; height: 16px; padding: 0 } .padded { width: 16px; height: 16px; padding: 4px } .chip { display: inline-block; min-height: 20px; min-width: 40px; box-sizing: border-box }"));

        var audit = report.Audit("target-size");
        Assert.Equal(2, audit.FindingCount);
        Assert.Contains("16 × 16", audit.Findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("40 × 20", audit.Findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TargetSizeIsNotApplicableWhenNoTargetIsSized() =>
        Assert.False(BrandValidator.Validate(Pages.With("<button>Go</button>")).Audit("target-size").Applicable);
}
