using System.Text;
using SiteBuilder.Generation.Sanitizing;

namespace SiteBuilder.Generation.Tests.Sanitizing;

/// <summary>Issue 13 point 6: deep '{' nesting from a model must not overflow the sanitizer's stack and kill the process.</summary>
public sealed class CssNestingDepthTests
{
    [Fact]
    public void AHundredThousandNestedBlocksAreDroppedNotAStackOverflow()
    {
        var css = new StringBuilder();
        css.Append("h1{color:#0066CC}");
        css.Insert(css.Length, "@media screen{", 100_000).Append("p{background:url(javascript:alert(1))}").Append('}', 100_000);
        css.Append("h2{color:#FF6600}");

        // On a thread with a small stack, as a request thread under load would have: recursion 100 000 deep cannot fit.
        string? sanitized = null;
        var thread = new Thread(() => sanitized = CssSanitizer.SanitizeStyleSheet(css.ToString()), maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.NotNull(sanitized);
        Assert.Contains("h1{color:#0066CC}", sanitized, StringComparison.Ordinal);
        Assert.Contains("h2{color:#FF6600}", sanitized, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", sanitized, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void NestingARealPageUsesIsKept()
    {
        var css = "@supports (display:grid){@media (min-width:600px){.grid{display:grid;gap:1rem}}}";

        Assert.Equal(css, CssSanitizer.SanitizeStyleSheet(css));
    }
}
