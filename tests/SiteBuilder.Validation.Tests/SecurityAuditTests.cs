namespace SiteBuilder.Validation.Tests;

public class SecurityAuditTests
{
    [Fact]
    public void ACleanPagePassesSecurity()
    {
        var report = BrandValidator.Validate(Pages.With("<p>Hello</p>"));

        Assert.True(report.SecurityPassed);
        Assert.All(report.Audits.Where(a => a.Category == "security" && a.Applicable), a => Assert.True(a.Passed, a.Id));
    }

    [Fact]
    public void APageWithAScriptFailsSecurity()
    {
        var report = BrandValidator.Validate(Pages.With("<p>Hi</p><script>alert(1)</script>"));

        Assert.False(report.SecurityPassed);
        var issue = Assert.Single(report.Issues, i => i.Rule == "no-script");
        Assert.Equal("security", issue.Category);
        Assert.Equal("error", issue.Severity);
        Assert.Equal("critical", issue.Impact);
        Assert.StartsWith("<script>", issue.Snippet, StringComparison.Ordinal);
        Assert.Equal("main > script", issue.Selector);
    }

    [Fact]
    public void AnExternalScriptFailsSecurity()
    {
        var report = BrandValidator.Validate(Pages.With("", head: "<script src='https://cdn.example.com/x.js'></script>"));

        Assert.False(report.SecurityPassed);
        Assert.Contains("cdn.example.com/x.js", report.Audit("no-script").Findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonLdDataBlocksAreNotScripts()
    {
        var report = BrandValidator.Validate(Pages.With("", head: "<script type='application/ld+json'>{\"@type\":\"Organization\"}</script>"));

        Assert.True(report.Audit("no-script").Passed);
    }

    [Fact]
    public void AnOnclickAttributeFailsSecurity()
    {
        var report = BrandValidator.Validate(Pages.With("<button onclick=\"buy()\">Buy</button>"));

        Assert.False(report.SecurityPassed);
        var finding = report.Audit("no-inline-event-handlers").Findings.Single();
        Assert.Equal("main > button", finding.Selector);
        Assert.Contains("onclick", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventHandlersOnSvgAndImagesAreFound()
    {
        var report = BrandValidator.Validate(Pages.With("<img src='x.png' alt='' width='1' height='1' onerror='steal()'><svg onload='x()'></svg>"));

        Assert.Equal(2, report.Audit("no-inline-event-handlers").FindingCount);
    }

    [Theory]
    [InlineData("<a href='javascript:alert(1)'>x</a>")]
    [InlineData("<a href=' JaVaScRiPt:alert(1)'>x</a>")]
    [InlineData("<a href='java&#9;script:alert(1)'>x</a>")]
    [InlineData("<a href='vbscript:msgbox(1)'>x</a>")]
    [InlineData("<iframe title='x' src='data:text/html,<script>alert(1)</script>'></iframe>")]
    [InlineData("<form action='javascript:go()'><button>Go</button></form>")]
    [InlineData("<button formaction='javascript:go()'>Go</button>")]
    [InlineData("<object data='data:image/svg+xml,<svg onload=alert(1)>'></object>")]
    public void ScriptUrlsFailSecurity(string body)
    {
        var report = BrandValidator.Validate(Pages.With(body));

        Assert.False(report.Audit("no-script-urls").Passed);
        Assert.False(report.SecurityPassed);
    }

    [Fact]
    public void AnSvgDataImageInAnImgIsNotAScriptUrl()
    {
        var report = BrandValidator.Validate(Pages.With("<img alt='dot' width='4' height='4' src=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E\">"));

        Assert.True(report.Audit("no-script-urls").Passed);
    }

    [Fact]
    public void CssThatCanRunScriptFails()
    {
        var report = BrandValidator.Validate(Pages.With("<p style=\"background: url('javascript:alert(1)')\">x</p>", ".y { width: expression(alert(1)) }"));

        Assert.Equal(2, report.Audit("no-script-urls").FindingCount);
    }

    [Theory]
    [InlineData("<iframe src='https://example.com' title='x'></iframe>")]
    [InlineData("<object data='movie.swf'></object>")]
    [InlineData("<embed src='movie.swf'>")]
    public void EmbeddedContentFails(string body) =>
        Assert.False(BrandValidator.Validate(Pages.With(body)).Audit("no-embedded-content").Passed);

    [Fact]
    public void BaseAndMetaRefreshFail()
    {
        var report = BrandValidator.Validate(Pages.With("<p>x</p>", head: "<base href='https://evil.example/'><meta http-equiv='refresh' content='0;url=https://evil.example'>"));

        Assert.False(report.Audit("no-base-element").Passed);
        Assert.False(report.Audit("meta-refresh").Passed);
        Assert.False(report.SecurityPassed);
    }

    [Fact]
    public void FormsMustPostToThisSiteOverHttps()
    {
        var report = BrandValidator.Validate(Pages.With(
            """
            <form action="/subscribe" method="post"><label>Email <input type="email" name="e"></label><button>Go</button></form>
            <form action="http://example.com/s"><button>Go</button></form>
            <form action="https://collector.example.net/s"><button>Go</button></form>
            """));

        var audit = report.Audit("form-action-secure");
        Assert.Equal(2, audit.FindingCount);
        Assert.Contains("plain HTTP", audit.Findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("another site", audit.Findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormActionIsNotApplicableWithoutForms() =>
        Assert.False(BrandValidator.Validate(Pages.With("<p>x</p>")).Audit("form-action-secure").Applicable);

    [Fact]
    public void TargetBlankNeedsNoopener()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<a href='https://a.example' target='_blank'>A</a><a href='https://b.example' target='_blank' rel='noopener'>B</a><a href='https://c.example' target='_blank' rel='noreferrer'>C</a>"));

        var audit = report.Audit("external-links-noopener");
        Assert.Equal(1, audit.FindingCount);
        Assert.Equal("moderate", audit.Impact);
        Assert.True(report.SecurityPassed);
    }

    [Fact]
    public void HttpSubresourcesAreMixedContent()
    {
        var report = BrandValidator.Validate(Pages.With(
            "<img src='http://img.example/a.png' alt='a' width='10' height='10'><a href='http://example.com'>plain link is fine</a>",
            ".x { background-image: url(http://img.example/bg.png) }",
            head: "<link rel='stylesheet' href='http://cdn.example/site.css'>"));

        Assert.Equal(3, report.Audit("mixed-content").FindingCount);
    }

    [Fact]
    public void RemoteCssImportsFail()
    {
        var report = BrandValidator.Validate(Pages.With("<p>x</p>", "@import url('https://fonts.example.com/css?family=Inter'); @import 'local.css';"));

        var audit = report.Audit("no-remote-css-import");
        Assert.Equal(1, audit.FindingCount);
        Assert.True(report.SecurityPassed);
    }
}
