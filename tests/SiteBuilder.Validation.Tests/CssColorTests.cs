namespace SiteBuilder.Validation.Tests;

public class CssColorTests
{
    [Theory]
    [InlineData("#0066cc", "#0066CC")]
    [InlineData("#06c", "#0066CC")]
    [InlineData("#06cf", "#0066CC")]
    [InlineData("#0066CC80", "#0066CC80")]
    [InlineData("rgb(0, 102, 204)", "#0066CC")]
    [InlineData("rgb(0 102 204)", "#0066CC")]
    [InlineData("rgb(0% 40% 80%)", "#0066CC")]
    [InlineData("rgba(0, 102, 204, 0.5)", "#0066CC80")]
    [InlineData("rgb(0 102 204 / 50%)", "#0066CC80")]
    [InlineData("hsl(210, 100%, 40%)", "#0066CC")]
    [InlineData("hsl(210deg 100% 40% / 1)", "#0066CC")]
    [InlineData("hsla(0.5833turn, 100%, 40%, 1)", "#0066CC")]
    [InlineData("hwb(210 0% 20%)", "#0066CC")]
    [InlineData("rebeccapurple", "#663399")]
    [InlineData("WhiteSmoke", "#F5F5F5")]
    [InlineData("transparent", "#00000000")]
    [InlineData("oklch(62.8% 0.2577 29.23)", "#FF0000")]
    [InlineData("oklab(0.628 0.2249 0.1258)", "#FF0000")]
    [InlineData("color-mix(in srgb, #000000 50%, #ffffff)", "#808080")]
    [InlineData("color-mix(in srgb, red, blue)", "#800080")]
    [InlineData("color-mix(in oklab, #0066CC 50%, transparent)", "#0066CC80")]
    [InlineData("light-dark(#112233, #ffffff)", "#112233")]
    [InlineData("Canvas", "#FFFFFF")]
    public void ParsesCssColourSyntax(string css, string hex)
    {
        Assert.True(CssColor.TryParse(css, out var color), css);
        Assert.Equal(hex, color.ToHex());
    }

    [Theory]
    [InlineData("")]
    [InlineData("blu")]
    [InlineData("#12345")]
    [InlineData("#GGGGGG")]
    [InlineData("rgb(1, 2)")]
    [InlineData("rgb(1 2 3 4)")]
    [InlineData("currentcolor")]
    [InlineData("lab(50% 40 59)")]
    [InlineData("url(#x)")]
    public void RejectsWhatIsNotAConcreteColour(string css) => Assert.False(CssColor.TryParse(css, out _));

    [Fact]
    public void ParseThrowsAFormatExceptionNamingTheValue()
    {
        var error = Assert.Throws<FormatException>(() => CssColor.Parse("banana"));

        Assert.Contains("banana", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedColorMixIsRejectedNotRecursedWithoutBound()
    {
        var css = string.Concat(Enumerable.Repeat("color-mix(in srgb, ", 5000)) + "red" + string.Concat(Enumerable.Repeat(", blue)", 5000));

        Assert.False(CssColor.TryParse(css, out _));
    }
}
