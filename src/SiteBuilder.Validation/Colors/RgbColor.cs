using System.Globalization;

// In the root namespace: the one colour type every area (validator, theme and composer, offline image designers) shares.
namespace SiteBuilder;

/// <summary>
/// An sRGB colour with the WCAG 2.x luminance and contrast arithmetic and the HSL operations the validator, the theme,
/// the composer and the offline image designers rely on. The static channel functions serve fractional colours
/// (<see cref="Validation.Rgba"/>) too, so sRGB linearisation is written once.
/// </summary>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    /// <summary>Black with a hint of blue: reads as black but softer than #000.</summary>
    public static readonly RgbColor Ink = new(0x0B, 0x11, 0x20);
    public static readonly RgbColor White = new(0xFF, 0xFF, 0xFF);
    public static readonly RgbColor Black = new(0x00, 0x00, 0x00);

    /// <summary>Parses <c>#RRGGBB</c>, <c>#RGB</c> or the same without the hash.</summary>
    public static bool TryParse(string? text, out RgbColor color)
    {
        color = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var hex = text.Trim().TrimStart('#');
        if (hex.Length == 3 && IsHex(hex))
        {
            hex = string.Concat(hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]);
        }

        if (hex.Length != 6 || !IsHex(hex))
        {
            return false;
        }

        color = new RgbColor(
            byte.Parse(hex.AsSpan(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(hex.AsSpan(2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(hex.AsSpan(4, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        return true;
    }

    public static RgbColor Parse(string text) =>
        TryParse(text, out var color) ? color : throw new FormatException($"'{text}' is not a #RRGGBB colour.");

    private static bool IsHex(string s) => s.All(char.IsAsciiHexDigit);

    public string ToHex() => string.Create(CultureInfo.InvariantCulture, $"#{R:X2}{G:X2}{B:X2}");

    public override string ToString() => ToHex();

    /// <summary>An sRGB channel (0–255, clamped) as linear light (0–1).</summary>
    public static double ToLinear(double channel)
    {
        var c = Math.Clamp(channel, 0, 255) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    /// <summary>Linear light (clipped to 0–1, as browsers do for display) as an sRGB channel, 0–255.</summary>
    public static double FromLinear(double linear)
    {
        var c = Math.Clamp(linear, 0, 1);
        var encoded = c <= 0.0031308 ? c * 12.92 : (1.055 * Math.Pow(c, 1 / 2.4)) - 0.055;
        return encoded * 255;
    }

    /// <summary>WCAG 2.x relative luminance (0 black … 1 white) of sRGB channels 0–255.</summary>
    public static double RelativeLuminance(double r, double g, double b) =>
        (0.2126 * ToLinear(r)) + (0.7152 * ToLinear(g)) + (0.0722 * ToLinear(b));

    /// <summary>WCAG contrast ratio, 1 to 21, of two relative luminances.</summary>
    public static double ContrastRatio(double luminance, double otherLuminance) =>
        (Math.Max(luminance, otherLuminance) + 0.05) / (Math.Min(luminance, otherLuminance) + 0.05);

    /// <summary>WCAG 2.x relative luminance.</summary>
    public double Luminance => RelativeLuminance(R, G, B);

    /// <summary>WCAG contrast ratio, 1 to 21.</summary>
    public static double Contrast(RgbColor a, RgbColor b) => ContrastRatio(a.Luminance, b.Luminance);

    public bool IsDark => Luminance < 0.18;

    /// <summary>Mixes <paramref name="amount"/> (0–1) of <paramref name="other"/> into this colour.</summary>
    public RgbColor Mix(RgbColor other, double amount)
    {
        amount = Math.Clamp(amount, 0, 1);
        return new RgbColor(
            Channel(R + (other.R - R) * amount),
            Channel(G + (other.G - G) * amount),
            Channel(B + (other.B - B) * amount));
    }

    /// <summary>
    /// Mix along the shorter way round the colour wheel: blue to orange passes through magenta and red
    /// instead of the grey that a straight sRGB blend of complementary colours gives.
    /// </summary>
    public RgbColor MixHue(RgbColor other, double t)
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

    private static byte Channel(double value) => (byte)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), 0, 255);

    /// <summary>
    /// The nearest shade of this colour (mixed towards black or white, whichever helps) that reaches
    /// <paramref name="ratio"/> against every one of <paramref name="backgrounds"/>.
    /// </summary>
    public RgbColor EnsureContrast(double ratio, params ReadOnlySpan<RgbColor> backgrounds)
    {
        if (MeetsAll(this, ratio, backgrounds))
        {
            return this;
        }

        var averageLuminance = 0.0;
        foreach (var background in backgrounds)
        {
            averageLuminance += background.Luminance;
        }

        averageLuminance /= Math.Max(1, backgrounds.Length);
        var towards = averageLuminance > 0.22 ? Black : White;
        for (var step = 1; step <= 100; step++)
        {
            var candidate = Mix(towards, step / 100.0);
            if (MeetsAll(candidate, ratio, backgrounds))
            {
                return candidate;
            }
        }

        // Backgrounds that straddle mid-grey: the other extreme may still work.
        var other = towards == Black ? White : Black;
        return MeetsAll(other, ratio, backgrounds) ? other : towards;
    }

    private static bool MeetsAll(RgbColor color, double ratio, ReadOnlySpan<RgbColor> backgrounds)
    {
        foreach (var background in backgrounds)
        {
            if (Contrast(color, background) < ratio)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>White or a near-black ink, whichever reads better on this colour (one of them always reaches 4.5:1).</summary>
    public RgbColor ReadableText()
    {
        if (Contrast(White, this) >= 4.5)
        {
            return White;
        }

        // White and black contrasts multiply to 21, so when white falls short black reaches at least 4.58.
        return Contrast(Ink, this) >= 4.5 ? Ink : Black;
    }

    /// <summary>Hue 0–360, saturation and lightness 0–1.</summary>
    public (double H, double S, double L) ToHsl()
    {
        var r = R / 255.0;
        var g = G / 255.0;
        var b = B / 255.0;
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
            h = (g - b) / d + (g < b ? 6 : 0);
        }
        else if (max == g)
        {
            h = (b - r) / d + 2;
        }
        else
        {
            h = (r - g) / d + 4;
        }

        return (h * 60, s, l);
    }

    public double Hue => ToHsl().H;

    public double Saturation => ToHsl().S;

    public double Lightness => ToHsl().L;

    public RgbColor WithLightness(double l)
    {
        var (h, s, _) = ToHsl();
        return FromHsl(h, s, l);
    }

    public RgbColor WithSaturation(double s)
    {
        var (h, _, l) = ToHsl();
        return FromHsl(h, s, l);
    }

    public RgbColor Lighten(double amount) => WithLightness(Math.Clamp(Lightness + amount, 0, 1));

    public RgbColor Darken(double amount) => WithLightness(Math.Clamp(Lightness - amount, 0, 1));

    public RgbColor RotateHue(double degrees)
    {
        var (h, s, l) = ToHsl();
        return FromHsl(h + degrees, s, l);
    }

    public static RgbColor FromHsl(double h, double s, double l)
    {
        h = ((h % 360) + 360) % 360 / 360;
        s = Math.Clamp(s, 0, 1);
        l = Math.Clamp(l, 0, 1);
        if (s < 1e-9)
        {
            var grey = Channel(l * 255);
            return new RgbColor(grey, grey, grey);
        }

        var q = l < 0.5 ? l * (1 + s) : l + s - l * s;
        var p = 2 * l - q;
        return new RgbColor(
            Channel(HueToRgb(p, q, h + 1.0 / 3) * 255),
            Channel(HueToRgb(p, q, h) * 255),
            Channel(HueToRgb(p, q, h - 1.0 / 3) * 255));
    }

    private static double HueToRgb(double p, double q, double t)
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
            return p + (q - p) * 6 * t;
        }

        if (t < 1.0 / 2)
        {
            return q;
        }

        return t < 2.0 / 3 ? p + (q - p) * (2.0 / 3 - t) * 6 : p;
    }
}
