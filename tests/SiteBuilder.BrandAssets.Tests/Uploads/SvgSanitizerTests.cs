using System.Xml.Linq;
using SiteBuilder.BrandAssets.Uploads;

namespace SiteBuilder.BrandAssets.Tests.Uploads;

public sealed class SvgSanitizerTests
{
    private const string Open = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 200 100\">";
    private const string Drawing = "<rect id=\"r\" width=\"10\" height=\"10\" fill=\"#0066CC\"/>";
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    private static XElement Clean(string inner)
        => XElement.Parse(SvgSanitizer.Sanitize(Open + Drawing + inner + "</svg>").Svg);

    [Fact]
    public void ScriptElementsAreRemoved()
    {
        var svg = Clean("<script>alert(document.cookie)</script><script type=\"text/ecmascript\"><![CDATA[fetch('//evil')]]></script>");

        Assert.Empty(svg.Descendants(SvgNs + "script"));
        Assert.Single(svg.Descendants(SvgNs + "rect"));
    }

    [Fact]
    public void EventHandlerAttributesAreRemoved()
    {
        var svg = XElement.Parse(SvgSanitizer.Sanitize(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\" onclick=\"x()\" OnMouseOver=\"y()\" fill=\"red\"/></svg>").Svg);

        Assert.DoesNotContain(svg.DescendantsAndSelf().SelectMany(e => e.Attributes()), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("red", (string?)svg.Element(SvgNs + "rect")!.Attribute("fill"));
    }

    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\"><text>click</text></a>")]
    [InlineData("<a xlink:href=\"javascript:alert(1)\"><text>click</text></a>")]
    [InlineData("<a href=\" JaVaScRiPt:alert(1)\"><text>click</text></a>")]
    [InlineData("<a href=\"java&#x09;script:alert(1)\"><text>click</text></a>")]
    [InlineData("<a href=\"https://phishing.example/login\"><text>click</text></a>")]
    public void LinksThatRunScriptOrLeaveTheDocumentAreRemoved(string link)
    {
        var anchor = Clean(link).Descendants(SvgNs + "a").Single();

        Assert.DoesNotContain(anchor.Attributes(), a => a.Name.LocalName == "href");
        Assert.Equal("click", anchor.Value);
    }

    [Fact]
    public void ForeignObjectAndEmbeddedHtmlAreRemoved()
    {
        var svg = Clean("<foreignObject width=\"100\" height=\"100\"><body xmlns=\"http://www.w3.org/1999/xhtml\"><iframe src=\"https://evil.example\"/></body></foreignObject>");

        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "foreignObject" or "body" or "iframe");
    }

    [Fact]
    public void ExternalReferencesAreRemovedAndLocalOnesKept()
    {
        var svg = Clean(
            "<image href=\"https://tracker.example/pixel.png\" width=\"1\" height=\"1\"/>" +
            "<image href=\"data:image/png;base64,iVBORw0KGgo=\" width=\"1\" height=\"1\"/>" +
            "<use xlink:href=\"https://evil.example/sprite.svg#icon\"/>" +
            "<use xlink:href=\"#r\"/>" +
            "<circle r=\"5\" fill=\"url(https://evil.example/paint.svg#g)\"/>" +
            "<circle r=\"5\" fill=\"url(#r)\" style=\"background:url('//evil.example/x.png')\"/>");

        var hrefs = svg.Descendants().SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName == "href").Select(a => a.Value).ToList();
        Assert.Equal(["data:image/png;base64,iVBORw0KGgo=", "#r"], hrefs);
        var circles = svg.Descendants(SvgNs + "circle").ToList();
        Assert.Null(circles[0].Attribute("fill"));
        Assert.Equal("url(#r)", (string?)circles[1].Attribute("fill"));
        Assert.Null(circles[1].Attribute("style"));
    }

    [Fact]
    public void StyleSheetsThatImportOrFetchAreRemoved()
    {
        var svg = Clean("<style>@import url(https://evil.example/x.css);</style><style>rect { fill: #f60 }</style>");

        Assert.Equal(["rect { fill: #f60 }"], svg.Descendants(SvgNs + "style").Select(s => s.Value));
    }

    [Fact]
    public void AnimationsThatRewriteLinksAreRemovedAndHarmlessOnesKept()
    {
        var svg = Clean("<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><animate attributeName=\"xlink:href\" values=\"#a;javascript:alert(1)\"/><text>x</text></a>" +
            "<animate attributeName=\"opacity\" values=\"0;1\" dur=\"1s\"/>");

        Assert.Empty(svg.Descendants(SvgNs + "set"));
        Assert.Equal(["opacity"], svg.Descendants(SvgNs + "animate").Select(a => (string?)a.Attribute("attributeName")));
    }

    [Fact]
    public void ProcessingInstructionsAndCommentsAreDropped()
    {
        var result = SvgSanitizer.Sanitize("<?xml-stylesheet href=\"https://evil.example/x.css\"?><!-- hi --><svg xmlns=\"http://www.w3.org/2000/svg\">" + Drawing + "</svg>").Svg;

        Assert.DoesNotContain("xml-stylesheet", result, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--", result, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExternalEntityIsRejectedAsUnsafe()
    {
        const string Xxe = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&xxe;</text></svg>";

        var rejected = Assert.Throws<AssetRejectedException>(() => SvgSanitizer.Sanitize(Xxe, "logo"));

        Assert.Equal(AssetRejection.UnsafeSvg, rejected.Reason);
        Assert.Equal("logo", rejected.Field);
        Assert.Contains("DOCTYPE", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEntityExpansionBombIsRejected()
    {
        const string Laughs = "<!DOCTYPE svg [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>" +
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&c;</text></svg>";

        Assert.Equal(AssetRejection.UnsafeSvg, Assert.Throws<AssetRejectedException>(() => SvgSanitizer.Sanitize(Laughs)).Reason);
    }

    [Fact]
    public void AnyDoctypeIsRejected()
    {
        const string Svg11 = "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\"><svg xmlns=\"http://www.w3.org/2000/svg\">" + Drawing + "</svg>";

        Assert.Equal(AssetRejection.UnsafeSvg, Assert.Throws<AssetRejectedException>(() => SvgSanitizer.Sanitize(Svg11)).Reason);
    }

    [Fact]
    public void XmlThatIsNotSvgIsRejected()
    {
        var rejected = Assert.Throws<AssetRejectedException>(() => SvgSanitizer.Sanitize("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>"));

        Assert.Equal(AssetRejection.UnsupportedType, rejected.Reason);
        Assert.Contains("not an SVG", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextThatIsNotXmlIsRejected()
        => Assert.Equal(AssetRejection.MalformedSvg, Assert.Throws<AssetRejectedException>(() => SvgSanitizer.Sanitize("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>")).Reason);

    [Fact]
    public void AScriptOnlySvgIsRejectedBecauseNothingIsLeftToDraw()
    {
        var rejected = Assert.Throws<AssetRejectedException>(() => SvgSanitizer.Sanitize("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>"));

        Assert.Equal(AssetRejection.UnsafeSvg, rejected.Reason);
        Assert.Contains("nothing left to draw", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnSvgWithoutANamespaceIsGivenTheSvgNamespace()
    {
        var result = SvgSanitizer.Sanitize("<svg width=\"10px\" height=\"20\"><rect width=\"10\" height=\"20\"/></svg>");

        Assert.Equal(SvgNs + "rect", XElement.Parse(result.Svg).Elements().Single().Name);
        Assert.Equal(new ImageSize(10, 20), result.Size);
    }

    [Fact]
    public void TheSizeFallsBackToTheViewBox()
        => Assert.Equal(new ImageSize(200, 100), SvgSanitizer.Sanitize(Open + Drawing + "</svg>").Size);

    [Fact]
    public void ForeignNamespaceAttributesAndDeclarationsAreDropped()
    {
        var result = SvgSanitizer.Sanitize("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" inkscape:version=\"1.3\">" + Drawing + "</svg>").Svg;

        Assert.DoesNotContain("inkscape", result, StringComparison.Ordinal);
    }
}
