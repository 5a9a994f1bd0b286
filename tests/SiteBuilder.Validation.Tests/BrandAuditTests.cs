namespace SiteBuilder.Validation.Tests;

public class BrandAuditTests
{
    private static readonly BrandAssets Northwind = new("#0066CC", "#FF6600", ["#1B998B"], "/assets/logo.svg", ["Inter"]);

    private static string Page(string body, string style = "") => Pages.WithHeader(
        "<header class='top'><a href='/'><img src='/assets/logo.svg' alt='Northwind' width='120' height='32'></a></header>",
        body,
        "body { font-family: Inter, sans-serif } .top { background: #0066CC } .top a { color: #fff } " + style);

    [Fact]
    public void BrandAuditsNeedingAssetsDoNotApplyWithoutThem()
    {
        var report = BrandValidator.Validate(Page("<p>x</p>"));

        Assert.False(report.Audit("brand-palette").Applicable);
        Assert.False(report.Audit("brand-primary-color").Applicable);
        Assert.True(report.Audit("brand-logo").Applicable);
        Assert.All(report.Palette, usage => Assert.Null(usage.NearestBrandColor));
    }

    [Fact]
    public void BrandColoursTintsShadesAndNeutralsAreOnBrand()
    {
        var report = BrandValidator.Validate(Page(
            "<p class='a'>a</p><p class='b'>b</p><p class='c'>c</p><p class='d'>d</p><p class='e'>e</p>",
            ".a { color: #0066CC } .b { background: #E6F0FA } .c { color: #004C99 } .d { color: #1F2933 } .e { background: #FFF3EB; color: #333 }"),
            Northwind);

        Assert.True(report.Audit("brand-palette").Passed);
        var tint = report.Palette.Single(p => p.Color == "#004C99");
        Assert.Equal("#0066CC", tint.NearestBrandColor);
        Assert.True(tint.OnBrand);
        Assert.True(report.Palette.Single(p => p.Color == "#1F2933").Neutral);
    }

    [Fact]
    public void OffBrandColoursFailWithTheirNearestBrandColour()
    {
        var report = BrandValidator.Validate(Page("<p class='pink'>Pink</p>", ".pink { color: #E91E63 }"), Northwind);

        var audit = report.Audit("brand-palette");
        Assert.False(audit.Passed);
        var finding = audit.Findings.Single();
        Assert.Contains("#E91E63", finding.Message, StringComparison.Ordinal);
        Assert.Contains("#FF6600", finding.Message, StringComparison.Ordinal);
        var usage = report.Palette.Single(p => p.Color == "#E91E63");
        Assert.False(usage.OnBrand);
        Assert.True(usage.DeltaE > 10);
        Assert.Equal(["color"], usage.Properties);
    }

    [Fact]
    public void PaletteCountsRenderedUsesOnly()
    {
        var report = BrandValidator.Validate(Page(
            "<p class='x'>1</p><p class='x'>2</p><p class='x' hidden>3</p>",
            ".x { color: #1B998B } .never { color: #E91E63 }"),
            Northwind);

        Assert.Equal(2, report.Palette.Single(p => p.Color == "#1B998B").Count);
        Assert.DoesNotContain(report.Palette, p => p.Color == "#E91E63");
    }

    [Fact]
    public void ThePrimaryColourMustBeOnACallToActionAndTheHeader()
    {
        var passing = BrandValidator.Validate(Page("<a class='btn' href='/buy'>Buy</a>", ".btn { background: #0066CC; color: #fff }"), Northwind);
        var failing = BrandValidator.Validate(Page("<a class='btn' href='/buy'>Buy</a>", ".btn { background: #1B998B; color: #fff } .top { background: #fff }"), Northwind);

        Assert.True(passing.Audit("brand-primary-color").Passed);
        var audit = failing.Audit("brand-primary-color");
        Assert.Equal(2, audit.FindingCount);
        Assert.Contains("calls to action", audit.Findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("header", audit.Findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLogoMustBeTheBrandsAndHaveAltText()
    {
        Assert.True(BrandValidator.Validate(Page("<p>x</p>"), Northwind).Audit("brand-logo").Passed);

        var noAlt = BrandValidator.Validate(Pages.WithHeader("<header><img src='/cdn/logo.svg?v=2' width='10' height='10'></header>", "<p>x</p>"), Northwind);
        Assert.Contains("no alt text", noAlt.Audit("brand-logo").Findings.Single().Message, StringComparison.Ordinal);

        var other = BrandValidator.Validate(Pages.WithHeader("<header><img src='/img/other-logo.png' alt='Other' width='10' height='10'></header>", "<p>x</p>"), Northwind);
        Assert.Contains("not on the page", other.Audit("brand-logo").Findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutALogoUrlAnImageCalledLogoOrTheHeadersFirstImageCounts()
    {
        Assert.True(BrandValidator.Validate(Pages.With("<img class='site-logo' src='/a.png' alt='Acme' width='1' height='1'>")).Audit("brand-logo").Passed);
        Assert.True(BrandValidator.Validate(Pages.WithHeader("<header><svg role='img' aria-label='Acme'></svg></header>", "<p>x</p>")).Audit("brand-logo").Passed);
        Assert.False(BrandValidator.Validate(Pages.WithHeader("<header><svg></svg></header>", "<p>x</p>")).Audit("brand-logo").Passed);
        Assert.False(BrandValidator.Validate(Pages.With("<p>No logo</p>")).Audit("brand-logo").Passed);
    }

    [Fact]
    public void FontsMustBeFewAndFromTheBrand()
    {
        var report = BrandValidator.Validate(Page(
            "<h2 class='a'>A</h2><p class='b'>B</p><p class='c'>C</p><p class='d'>D</p><code>code()</code>",
            ".a { font-family: 'Playfair Display', serif } .b { font-family: Georgia } .c { font-family: 'Comic Sans MS' } .d { font-family: Arial }"),
            Northwind);

        var audit = report.Audit("brand-fonts");
        Assert.False(audit.Passed);
        // Inter is set on <body>, but no text is set in it: every text element has its own family.
        Assert.Contains(audit.Findings, f => f.Message.Contains("4 font families", StringComparison.Ordinal));
        Assert.Equal(1 + 4, audit.FindingCount);
    }

    [Fact]
    public void BrandFontsWithGenericFallbacksPass()
    {
        var report = BrandValidator.Validate(Page("<h2>A</h2><p>B</p>"), Northwind);

        Assert.True(report.Audit("brand-fonts").Passed);
    }

    [Fact]
    public void AnInvalidBrandColourIsAClearInputError()
    {
        var error = Assert.Throws<InvalidBrandAssetException>(() => BrandValidator.Validate("<p>x</p>", new BrandAssets(PrimaryColor: "bluish")));

        Assert.Equal("brandAssets.primaryColor", error.Field);
        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Equal("brandAssets.palette[1]", Assert.Throws<InvalidBrandAssetException>(
            () => BrandValidator.Validate("<p>x</p>", new BrandAssets(Palette: ["#fff", "nope"]))).Field);
    }
}
