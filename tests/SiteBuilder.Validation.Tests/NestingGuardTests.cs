using SiteBuilder.Validation.Document;

namespace SiteBuilder.Validation.Tests;

public class NestingGuardTests
{
    [Fact]
    public void APageOfNormalDepthIsReturnedUnchanged()
    {
        var html = Pages.With(string.Concat(Enumerable.Repeat("<section><div><p>Text<ul><li>One<li>Two</ul></div></section>", 200)));

        var result = NestingGuard.Flatten(html, out var unwrapped);

        Assert.Same(html, result);
        Assert.Equal(0, unwrapped);
    }

    [Fact]
    public void ElementsBeyondTheLimitAreUnwrappedAndTheirTextKept()
    {
        var html = string.Concat(Enumerable.Repeat("<div class='x'>", 1_000)) + "Deep text" + string.Concat(Enumerable.Repeat("</div>", 1_000)) + "<p>After</p>";

        var result = NestingGuard.Flatten(html, out var unwrapped);

        Assert.Equal(1_000 - NestingGuard.MaxDepth, unwrapped);
        Assert.Equal(NestingGuard.MaxDepth, CountOf(result, "<div"));
        Assert.Equal(NestingGuard.MaxDepth, CountOf(result, "</div>"));
        Assert.Contains("Deep text", result, StringComparison.Ordinal);
        Assert.EndsWith("<p>After</p>", result, StringComparison.Ordinal);
    }

    [Fact]
    public void TagsInsideCommentsScriptsAndAttributesDoNotCount()
    {
        var noise = string.Concat(Enumerable.Repeat("<div>", 1_000));
        var html = $"<!-- {noise} --><script>var s = '{noise}';</script><textarea>{noise}</textarea><img alt=\"{noise.Replace('<', '‹')}\" title='>{noise}'>";

        var result = NestingGuard.Flatten(html, out var unwrapped);

        Assert.Equal(0, unwrapped);
        Assert.Same(html, result);
    }

    [Fact]
    public void ImpliedEndTagsAndVoidElementsDoNotDeepen()
    {
        var html = string.Concat(Enumerable.Repeat("<p>para<li>item<br><img src=x><td>cell", 2_000));

        NestingGuard.Flatten(html, out var unwrapped);

        Assert.Equal(0, unwrapped);
    }

    [Fact]
    public void SelfClosingHtmlElementsStillNestButSelfClosingSvgElementsDoNot()
    {
        NestingGuard.Flatten(string.Concat(Enumerable.Repeat("<div/>", 1_000)), out var htmlUnwrapped);
        NestingGuard.Flatten("<svg>" + string.Concat(Enumerable.Repeat("<path d='M0 0'/>", 1_000)) + "</svg>", out var svgUnwrapped);

        Assert.Equal(1_000 - NestingGuard.MaxDepth, htmlUnwrapped);
        Assert.Equal(0, svgUnwrapped);
    }

    [Fact]
    public void UnmatchedEndTagsAreIgnored()
    {
        var html = string.Concat(Enumerable.Repeat("</span>", 100_000)) + string.Concat(Enumerable.Repeat("<b>x</b>", 1_000));

        var result = NestingGuard.Flatten(html, out var unwrapped);

        Assert.Equal(0, unwrapped);
        Assert.Same(html, result);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
