namespace SiteBuilder.Validation.Tests;

public class Ciede2000Tests
{
    // Pairs from Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula: implementation notes,
    // supplementary test data, and mathematical observations", table 1.
    [Theory]
    [InlineData(50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425)]
    [InlineData(50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615)]
    [InlineData(50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412)]
    [InlineData(50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000)]
    [InlineData(50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000)]
    [InlineData(50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000)]
    [InlineData(50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669)]
    [InlineData(50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669)]
    [InlineData(50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792)]
    [InlineData(50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792)]
    [InlineData(50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195)]
    [InlineData(50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195)]
    [InlineData(50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045)]
    [InlineData(50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492)]
    [InlineData(50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977)]
    [InlineData(50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030)]
    [InlineData(50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535)]
    [InlineData(50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000)]
    [InlineData(60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644)]
    [InlineData(63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630)]
    [InlineData(22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373)]
    [InlineData(90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441)]
    [InlineData(2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082)]
    public void MatchesSharmaTestData(double l1, double a1, double b1, double l2, double a2, double b2, double expected)
    {
        var delta = Ciede2000.DeltaE(new CieLab(l1, a1, b1), new CieLab(l2, a2, b2));

        Assert.Equal(expected, Math.Round(delta, 4), precision: 4);
    }

    [Fact]
    public void DifferenceIsSymmetric() =>
        Assert.Equal(Ciede2000.DeltaE("#0066CC", "#FF6600"), Ciede2000.DeltaE("#FF6600", "#0066CC"), precision: 10);

    [Fact]
    public void IdenticalColoursAreZeroApart() => Assert.Equal(0, Ciede2000.DeltaE("#0066CC", "rgb(0, 102, 204)"), precision: 10);

    [Fact]
    public void WhiteIsLightness100AndNeutral()
    {
        var white = Ciede2000.ToLab(Rgba.White);

        Assert.Equal(100, white.L, precision: 2);
        Assert.Equal(0, white.Chroma, precision: 2);
    }

    [Fact]
    public void SRgbRedConvertsToTheReferenceLab()
    {
        // sRGB red in CIELAB (D65): L 53.24, a 80.09, b 67.20.
        var red = Ciede2000.ToLab(Rgba.Parse("#FF0000"));

        Assert.Equal(53.24, red.L, precision: 1);
        Assert.Equal(80.09, red.A, precision: 1);
        Assert.Equal(67.20, red.B, precision: 1);
    }
}
