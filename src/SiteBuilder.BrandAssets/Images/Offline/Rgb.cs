using System.Globalization;

namespace SiteBuilder.BrandAssets.Images.Offline;

/// <summary>An sRGB colour with the few operations a palette needs.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb White = new(255, 255, 255);
    public static readonly Rgb Black = new(0, 0, 0);

    public static Rgb Parse(string hex) => new(
        byte.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        byte.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        byte.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    public string Hex => $"#{R:X2}{G:X2}{B:X2}";

    public override string ToString() => Hex;

    /// <summary>Hue in degrees [0, 360), saturation and lightness in [0, 1].</summary>
    public (double H, double S, double L) ToHsl()
    {
        double r = R / 255.0, g = G / 255.0, b = B / 255.0;
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var l = (max + min) / 2;
        if (max - min < 1e-9)
        {
            return (0, 0, l);
        }

        var d = max - min;
        var s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
        double h;
        if (max == r)
        {
            h = ((g - b) / d) + (g < b ? 6 : 0);
        }
        else if (max == g)
        {
            h = ((b - r) / d) + 2;
        }
        else
        {
            h = ((r - g) / d) + 4;
        }

        return (h * 60, s, l);
    }

    public static Rgb FromHsl(double h, double s, double l)
    {
        h = ((h % 360) + 360) % 360 / 360;
        s = Math.Clamp(s, 0, 1);
        l = Math.Clamp(l, 0, 1);
        if (s < 1e-9)
        {
            var v = ToByte(l);
            return new Rgb(v, v, v);
        }

        var q = l < 0.5 ? l * (1 + s) : l + s - (l * s);
        var p = (2 * l) - q;
        return new Rgb(ToByte(HueToChannel(p, q, h + (1.0 / 3))), ToByte(HueToChannel(p, q, h)), ToByte(HueToChannel(p, q, h - (1.0 / 3))));
    }

    public double Hue => ToHsl().H;

    public double Lightness => ToHsl().L;

    public double Saturation => ToHsl().S;

    public Rgb WithLightness(double l)
    {
        var (h, s, _) = ToHsl();
        return FromHsl(h, s, l);
    }

    public Rgb WithSaturation(double s)
    {
        var (h, _, l) = ToHsl();
        return FromHsl(h, s, l);
    }

    public Rgb Lighten(double amount) => WithLightness(Math.Clamp(Lightness + amount, 0, 1));

    public Rgb Darken(double amount) => WithLightness(Math.Clamp(Lightness - amount, 0, 1));

    public Rgb RotateHue(double degrees)
    {
        var (h, s, l) = ToHsl();
        return FromHsl(h + degrees, s, l);
    }

    /// <summary>Linear mix in sRGB: 0 gives this colour, 1 gives <paramref name="other"/>.</summary>
    public Rgb Mix(Rgb other, double t) => new(
        (byte)Math.Round(R + ((other.R - R) * t)),
        (byte)Math.Round(G + ((other.G - G) * t)),
        (byte)Math.Round(B + ((other.B - B) * t)));

    /// <summary>
    /// Mix along the shorter way round the colour wheel: blue to orange passes through magenta and red
    /// instead of the grey that a straight sRGB blend of complementary colours gives.
    /// </summary>
    public Rgb MixHue(Rgb other, double t)
    {
        var (h1, s1, l1) = ToHsl();
        var (h2, s2, l2) = other.ToHsl();
        if (s1 < 0.08)
        {
            h1 = h2;
        }

        if (s2 < 0.08)
        {
            h2 = h1;
        }

        var dh = ((h2 - h1 + 540) % 360) - 180;

        // Ease saturation off mid-way so the detour round the wheel reads as a blend, not a neon rainbow.
        var s = (s1 + ((s2 - s1) * t)) * (1 - (0.3 * Math.Sin(Math.PI * t)));
        return FromHsl(h1 + (dh * t), s, l1 + ((l2 - l1) * t));
    }

    /// <summary>WCAG relative luminance.</summary>
    public double Luminance => (0.2126 * Linear(R)) + (0.7152 * Linear(G)) + (0.0722 * Linear(B));

    /// <summary>WCAG contrast ratio, 1 to 21.</summary>
    public double ContrastWith(Rgb other)
    {
        var a = Luminance;
        var b = other.Luminance;
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    /// <summary>White or a near-black ink, whichever reads better on this colour.</summary>
    public Rgb ReadableText(Rgb darkInk) => ContrastWith(White) >= Math.Min(3.2, ContrastWith(darkInk)) ? White : darkInk;

    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static double HueToChannel(double p, double q, double t)
    {
        if (t < 0)
        {
            t += 1;
        }

        if (t > 1)
        {
            t -= 1;
        }

        if (t < 1.0 / 6)
        {
            return p + ((q - p) * 6 * t);
        }

        if (t < 1.0 / 2)
        {
            return q;
        }

        return t < 2.0 / 3 ? p + ((q - p) * ((2.0 / 3) - t) * 6) : p;
    }

    private static byte ToByte(double v) => (byte)Math.Clamp(Math.Round(v * 255), 0, 255);
}
