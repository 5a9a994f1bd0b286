using SiteBuilder.BrandAssets.Uploads;

namespace SiteBuilder.BrandAssets.Tests.Uploads;

/// <summary>Uploads by people: an SVG that carries script is refused with a message that says what was found.</summary>
public sealed class SvgScriptRejectionTests
{
    private const string Drawing = "<rect width=\"10\" height=\"10\" fill=\"#0066CC\"/>";

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\">" + Drawing + "<script>alert(1)</script></svg>", "a <script> element")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">" + Drawing + "</svg>", "an onload event attribute")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"java&#9;script:alert(1)\">" + Drawing + "</a></svg>", "a javascript: link")]
    [InlineData("<svg>" + Drawing + "<script>alert(1)</script></svg>", "a <script> element")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"#x\">" + Drawing + "<set attributeName=\"href\" to=\"javascript:alert(1)\"/></a></svg>", "an animation that turns a link or an event handler into script")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></body></foreignObject>" + Drawing + "</svg>", "a <script> element")]
    public void AnUploadedSvgWithScriptIsRejectedSayingWhatWasFound(string svg, string found)
    {
        var rejected = Assert.Throws<AssetRejectedException>(() => AssetContent.Check(SampleFiles.Text(svg), "file", SvgScripts.Reject));

        Assert.Equal(AssetRejection.UnsafeSvg, rejected.Reason);
        Assert.Equal("file", rejected.Field);
        Assert.Contains(found, rejected.Message, StringComparison.Ordinal);
        Assert.Contains("plain SVG", rejected.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\">" + Drawing + "<animate attributeName=\"opacity\" from=\"0\" to=\"1\" dur=\"1s\"/></svg>")]
    [InlineData("<svg viewBox=\"0 0 10 10\">" + Drawing + "<animate attributeName=\"opacity\" from=\"0\" to=\"1\" dur=\"1s\"/></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- onload=\"x\" -->" + Drawing + "<text x=\"1\" y=\"9\">Reload the javascript course</text></svg>")]
    public void AnSvgWithoutScriptIsAcceptedWhenScriptsAreRejected(string svg)
        => Assert.Equal(AssetType.Svg, AssetContent.Check(SampleFiles.Text(svg), "file", SvgScripts.Reject).Type);

    [Fact]
    public void RemovingIsStillTheDefaultForModelOutput()
    {
        var asset = AssetContent.Check(SampleFiles.Text("<svg xmlns=\"http://www.w3.org/2000/svg\">" + Drawing + "<script>alert(1)</script></svg>"));

        Assert.DoesNotContain("script", System.Text.Encoding.UTF8.GetString(asset.Content), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheStreamCheckRejectsScriptToo()
    {
        await using var stream = new MemoryStream(SampleFiles.Text("<svg xmlns=\"http://www.w3.org/2000/svg\" onclick=\"steal()\">" + Drawing + "</svg>"));

        var rejected = await Assert.ThrowsAsync<AssetRejectedException>(() => AssetContent.CheckAsync(stream, "file", SvgScripts.Reject, TestContext.Current.CancellationToken));

        Assert.Contains("onclick", rejected.Message, StringComparison.Ordinal);
    }
}
