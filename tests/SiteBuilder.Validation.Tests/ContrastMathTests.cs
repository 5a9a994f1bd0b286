namespace SiteBuilder.Validation.Tests;

public class ContrastMathTests
{
    [Fact]
    public void Grey767676OnWhiteIs454AndPassesAA()
    {
        var ratio = ContrastMath.Ratio("#767676", "#FFFFFF");

        Assert.Equal(4.54, ContrastMath.Truncate(ratio));
        Assert.True(ContrastMath.MeetsAA(ratio, largeText: false));
    }

    [Fact]
    public void Grey777777OnWhiteIsBelow448AndFailsAA()
    {
        var ratio = ContrastMath.Ratio("#777777", "#FFFFFF");

        // 4.4781…: 4.48 when rounded, 4.47 when cut. Either way below 4.5, and the library never rounds up.
        Assert.InRange(ratio, 4.478, 4.4782);
        Assert.Equal(4.47, ContrastMath.Truncate(ratio));
        Assert.False(ContrastMath.MeetsAA(ratio, largeText: false));
    }

    [Fact]
    public void BlackOnWhiteIs21()
    {
        var ratio = ContrastMath.Ratio(Rgba.Black, Rgba.White);

        Assert.Equal(21, ContrastMath.Truncate(ratio));
        Assert.Equal(21, ratio, precision: 9);
    }

    [Fact]
    public void RatioIsSymmetricAndOneForEqualColours()
    {
        Assert.Equal(ContrastMath.Ratio("#0066CC", "#FFFFFF"), ContrastMath.Ratio("#FFFFFF", "#0066CC"), precision: 12);
        Assert.Equal(1, ContrastMath.Ratio("#123456", "#123456"), precision: 12);
    }

    [Theory]
    [InlineData(4.499, 4.49)]
    [InlineData(4.4999999, 4.49)]
    [InlineData(2.999, 2.99)]
    [InlineData(4.5, 4.5)]
    [InlineData(7.0, 7.0)]
    public void TruncateCutsToTwoDecimalsWithoutRoundingUp(double ratio, double shown) =>
        Assert.Equal(shown, ContrastMath.Truncate(ratio));

    [Fact]
    public void ARatioJustBelowTheMinimumFails() =>
        Assert.False(ContrastMath.MeetsAA(4.4999999, largeText: false));

    [Theory]
    [InlineData(24, 400, true)]
    [InlineData(23.9, 700, true)]
    [InlineData(18.66, 700, true)]
    [InlineData(18.66, 600, false)]
    [InlineData(18.65, 700, false)]
    [InlineData(23.99, 400, false)]
    public void LargeTextIs24PxOr1866PxBold(double px, int weight, bool large) =>
        Assert.Equal(large, ContrastMath.IsLargeText(px, weight));

    [Fact]
    public void BoldText1866PxAt32To1Passes()
    {
        // #949494 on white is 3.03:1; any ratio ≥ 3 passes for large text and fails for normal text.
        var ratio = 3.2;
        var large = ContrastMath.IsLargeText(18.66, 700);

        Assert.True(large);
        Assert.Equal(3.0, ContrastMath.RequiredRatio(large));
        Assert.True(ContrastMath.MeetsAA(ratio, large));
        Assert.False(ContrastMath.MeetsAA(ratio, ContrastMath.IsLargeText(18.66, 400)));
    }

    [Fact]
    public void RelativeLuminanceOfWhiteIsOneAndBlackZero()
    {
        Assert.Equal(1, ContrastMath.RelativeLuminance(Rgba.White), precision: 12);
        Assert.Equal(0, ContrastMath.RelativeLuminance(Rgba.Black), precision: 12);
    }

    [Fact]
    public void HalfTransparentBlackOverWhiteBlendsToMidGrey()
    {
        var blended = ContrastMath.Composite(new Rgba(0, 0, 0, 0.5), Rgba.White);

        Assert.Equal("#808080", blended.ToHex());
        Assert.True(blended.IsOpaque);
    }

    [Fact]
    public void CompositingTranslucentOverTranslucentAddsAlpha()
    {
        var blended = ContrastMath.Composite(new Rgba(255, 0, 0, 0.5), new Rgba(0, 0, 255, 0.5));

        Assert.Equal(0.75, blended.A, precision: 12);
        Assert.Equal(170, blended.R, precision: 6);
        Assert.Equal(85, blended.B, precision: 6);
    }

    [Fact]
    public void TranslucentForegroundIsBlendedBeforeTheRatio()
    {
        // rgba(0,0,0,.5) on white paints #808080 (3.95:1), far from black's 21:1.
        var ratio = ContrastMath.Ratio(new Rgba(0, 0, 0, 0.5), Rgba.White);

        Assert.Equal(ContrastMath.Ratio(ContrastMath.Composite(new Rgba(0, 0, 0, 0.5), Rgba.White), Rgba.White), ratio, precision: 12);
        Assert.InRange(ratio, 3.9, 4.0);
    }

    [Fact]
    public void TranslucentBackgroundIsPaintedOnWhite()
    {
        var ratio = ContrastMath.Ratio(Rgba.Black, new Rgba(0, 0, 0, 0.5));

        Assert.Equal(ContrastMath.Ratio(Rgba.Black, new Rgba(127.5, 127.5, 127.5)), ratio, precision: 12);
    }

    [Fact]
    public void UnknownColourTextIsAFormatException() =>
        Assert.Throws<FormatException>(() => ContrastMath.Ratio("not-a-colour", "#FFFFFF"));
}
