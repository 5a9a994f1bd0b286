using System.Globalization;
using SiteBuilder.Validation.Colors;

namespace SiteBuilder.Validation;

/// <summary>
/// Parses CSS colour values: <c>#rgb</c>, <c>#rgba</c>, <c>#rrggbb</c>, <c>#rrggbbaa</c>, <c>rgb()</c>/<c>rgba()</c>,
/// <c>hsl()</c>/<c>hsla()</c>, <c>hwb()</c>, <c>oklab()</c>, <c>oklch()</c>, <c>color-mix()</c>, <c>light-dark()</c>
/// (light scheme), named and system colours, <c>transparent</c>. Legacy comma and modern space syntax both work.
/// </summary>
public static class CssColor
{
    private const int MaxNesting = 4;

    /// <summary>Parses a CSS colour; false for anything else, including <c>currentcolor</c>, which depends on context.</summary>
    public static bool TryParse(string? value, out Rgba color)
    {
        color = default;
        return value is not null && Classify(value.AsSpan(), out color) == CssColorKind.Color;
    }

    /// <summary>Parses a CSS colour.</summary>
    /// <exception cref="FormatException">Not a CSS colour this library understands.</exception>
    public static Rgba Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var color)
            ? color
            : throw new FormatException($"'{Shorten(value)}' is not a CSS colour (use #RRGGBB, rgb(), hsl() or a colour name).");
    }

    /// <summary>Parses and tells apart colours, <c>currentcolor</c>, colour syntax this parser does not evaluate
    /// (<c>lab()</c>, <c>lch()</c>, <c>color()</c> …) and text that is no colour at all.</summary>
    internal static CssColorKind Classify(ReadOnlySpan<char> value, out Rgba color) => Classify(value, 0, out color);

    private static CssColorKind Classify(ReadOnlySpan<char> value, int depth, out Rgba color)
    {
        color = default;
        value = value.Trim();
        if (value.IsEmpty || depth > MaxNesting)
        {
            return CssColorKind.Invalid;
        }

        if (value[0] == '#')
        {
            return TryParseHex(value[1..], out color) ? CssColorKind.Color : CssColorKind.Invalid;
        }

        var open = value.IndexOf('(');
        if (open < 0)
        {
            if (value.Equals("transparent", StringComparison.OrdinalIgnoreCase))
            {
                color = Rgba.Transparent;
                return CssColorKind.Color;
            }

            if (value.Equals("currentcolor", StringComparison.OrdinalIgnoreCase))
            {
                return CssColorKind.CurrentColor;
            }

            return NamedColors.TryGet(value, out color) ? CssColorKind.Color : CssColorKind.Invalid;
        }

        if (value[^1] != ')')
        {
            return CssColorKind.Invalid;
        }

        var name = value[..open].Trim();
        var body = value[(open + 1)..^1];
        Span<Range> parts = stackalloc Range[12];
        var count = SplitArguments(body, parts, out var hasComma, out var slashIndex);
        if (count < 0)
        {
            return CssColorKind.Invalid;
        }

        if (name.Equals("rgb", StringComparison.OrdinalIgnoreCase) || name.Equals("rgba", StringComparison.OrdinalIgnoreCase))
        {
            return ParseRgb(body, parts[..count], slashIndex, hasComma, out color);
        }

        if (name.Equals("hsl", StringComparison.OrdinalIgnoreCase) || name.Equals("hsla", StringComparison.OrdinalIgnoreCase))
        {
            return ParseHsl(body, parts[..count], slashIndex, hasComma, out color);
        }

        if (name.Equals("hwb", StringComparison.OrdinalIgnoreCase))
        {
            return ParseHwb(body, parts[..count], slashIndex, out color);
        }

        if (name.Equals("oklab", StringComparison.OrdinalIgnoreCase) || name.Equals("oklch", StringComparison.OrdinalIgnoreCase))
        {
            return ParseOk(body, parts[..count], slashIndex, polar: name.Length == 5 && char.ToLowerInvariant(name[4]) == 'h', out color);
        }

        if (name.Equals("color-mix", StringComparison.OrdinalIgnoreCase))
        {
            return ParseColorMix(body, depth, out color);
        }

        if (name.Equals("light-dark", StringComparison.OrdinalIgnoreCase))
        {
            // Generated pages are judged in the light scheme, as the contrast audit is.
            var comma = TopLevelIndexOf(body, ',');
            return comma < 0 ? CssColorKind.Invalid : Classify(body[..comma], depth + 1, out color);
        }

        if (name.Equals("lab", StringComparison.OrdinalIgnoreCase) || name.Equals("lch", StringComparison.OrdinalIgnoreCase)
            || name.Equals("color", StringComparison.OrdinalIgnoreCase) || name.Equals("device-cmyk", StringComparison.OrdinalIgnoreCase))
        {
            return CssColorKind.Unsupported;
        }

        return CssColorKind.Invalid;
    }

    private static bool TryParseHex(ReadOnlySpan<char> hex, out Rgba color)
    {
        color = default;
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        static int Nibble(char c) => c <= '9' ? c - '0' : (char.ToLowerInvariant(c) - 'a') + 10;
        static int Pair(ReadOnlySpan<char> s, int i) => (Nibble(s[i]) * 16) + Nibble(s[i + 1]);
        switch (hex.Length)
        {
            case 3:
            case 4:
                color = new Rgba(Nibble(hex[0]) * 17, Nibble(hex[1]) * 17, Nibble(hex[2]) * 17, hex.Length == 4 ? Nibble(hex[3]) * 17 / 255.0 : 1.0);
                return true;
            case 6:
            case 8:
                color = new Rgba(Pair(hex, 0), Pair(hex, 2), Pair(hex, 4), hex.Length == 8 ? Pair(hex, 6) / 255.0 : 1.0);
                return true;
            default:
                return false;
        }
    }

    private static CssColorKind ParseRgb(ReadOnlySpan<char> body, ReadOnlySpan<Range> parts, int slashIndex, bool hasComma, out Rgba color)
    {
        color = default;
        if (!ChannelsAndAlpha(parts, slashIndex, hasComma, out var channelCount, out var alphaPart))
        {
            return CssColorKind.Invalid;
        }

        if (channelCount != 3)
        {
            return CssColorKind.Invalid;
        }

        Span<double> c = stackalloc double[3];
        for (var i = 0; i < 3; i++)
        {
            if (!TryNumber(body[parts[i]], out var number, out var unit) || !(unit is "" or "%"))
            {
                return CssColorKind.Invalid;
            }

            c[i] = Math.Clamp(unit == "%" ? number * 2.55 : number, 0, 255);
        }

        if (!TryAlpha(body, parts, alphaPart, out var alpha))
        {
            return CssColorKind.Invalid;
        }

        color = new Rgba(c[0], c[1], c[2], alpha);
        return CssColorKind.Color;
    }

    private static CssColorKind ParseHsl(ReadOnlySpan<char> body, ReadOnlySpan<Range> parts, int slashIndex, bool hasComma, out Rgba color)
    {
        color = default;
        if (!ChannelsAndAlpha(parts, slashIndex, hasComma, out var channelCount, out var alphaPart) || channelCount != 3)
        {
            return CssColorKind.Invalid;
        }

        if (!TryHue(body[parts[0]], out var hue)
            || !TryPercentOrNumber(body[parts[1]], out var saturation)
            || !TryPercentOrNumber(body[parts[2]], out var lightness)
            || !TryAlpha(body, parts, alphaPart, out var alpha))
        {
            return CssColorKind.Invalid;
        }

        color = HslToRgb(hue, Math.Clamp(saturation, 0, 100) / 100, Math.Clamp(lightness, 0, 100) / 100, alpha);
        return CssColorKind.Color;
    }

    private static CssColorKind ParseHwb(ReadOnlySpan<char> body, ReadOnlySpan<Range> parts, int slashIndex, out Rgba color)
    {
        color = default;
        if (!ChannelsAndAlpha(parts, slashIndex, hasComma: false, out var channelCount, out var alphaPart) || channelCount != 3)
        {
            return CssColorKind.Invalid;
        }

        if (!TryHue(body[parts[0]], out var hue)
            || !TryPercentOrNumber(body[parts[1]], out var whiteness)
            || !TryPercentOrNumber(body[parts[2]], out var blackness)
            || !TryAlpha(body, parts, alphaPart, out var alpha))
        {
            return CssColorKind.Invalid;
        }

        var w = Math.Clamp(whiteness, 0, 100) / 100;
        var b = Math.Clamp(blackness, 0, 100) / 100;
        if (w + b >= 1)
        {
            var grey = w / (w + b) * 255;
            color = new Rgba(grey, grey, grey, alpha);
            return CssColorKind.Color;
        }

        var pure = HslToRgb(hue, 1, 0.5, 1);
        double Mix(double channel) => ((channel / 255 * (1 - w - b)) + w) * 255;
        color = new Rgba(Mix(pure.R), Mix(pure.G), Mix(pure.B), alpha);
        return CssColorKind.Color;
    }

    private static CssColorKind ParseOk(ReadOnlySpan<char> body, ReadOnlySpan<Range> parts, int slashIndex, bool polar, out Rgba color)
    {
        color = default;
        if (!ChannelsAndAlpha(parts, slashIndex, hasComma: false, out var channelCount, out var alphaPart) || channelCount != 3)
        {
            return CssColorKind.Invalid;
        }

        if (!TryNumber(body[parts[0]], out var l, out var lUnit) || !TryNumber(body[parts[1]], out var second, out var secondUnit))
        {
            return CssColorKind.Invalid;
        }

        l = lUnit == "%" ? l / 100 : l;
        second = secondUnit == "%" ? second * 0.004 : second;
        double a, b;
        if (polar)
        {
            if (!TryHue(body[parts[2]], out var hue))
            {
                return CssColorKind.Invalid;
            }

            a = second * Math.Cos(hue * Math.PI / 180);
            b = second * Math.Sin(hue * Math.PI / 180);
        }
        else
        {
            if (!TryNumber(body[parts[2]], out b, out var bUnit))
            {
                return CssColorKind.Invalid;
            }

            a = second;
            b = bUnit == "%" ? b * 0.004 : b;
        }

        if (!TryAlpha(body, parts, alphaPart, out var alpha))
        {
            return CssColorKind.Invalid;
        }

        color = OklabToRgb(Math.Clamp(l, 0, 1), a, b, alpha);
        return CssColorKind.Color;
    }

    private static CssColorKind ParseColorMix(ReadOnlySpan<char> body, int depth, out Rgba color)
    {
        color = default;
        var firstComma = TopLevelIndexOf(body, ',');
        if (firstComma < 0)
        {
            return CssColorKind.Invalid;
        }

        var space = body[..firstComma].Trim();
        var rest = body[(firstComma + 1)..];
        var secondComma = TopLevelIndexOf(rest, ',');
        if (secondComma < 0 || !space.StartsWith("in ", StringComparison.OrdinalIgnoreCase))
        {
            return CssColorKind.Invalid;
        }

        var kind1 = ParseMixComponent(rest[..secondComma], depth, out var c1, out var p1);
        var kind2 = ParseMixComponent(rest[(secondComma + 1)..], depth, out var c2, out var p2);
        if (kind1 != CssColorKind.Color || kind2 != CssColorKind.Color)
        {
            return kind1 == CssColorKind.Invalid || kind2 == CssColorKind.Invalid ? CssColorKind.Invalid : CssColorKind.Unsupported;
        }

        if (double.IsNaN(p1) && double.IsNaN(p2))
        {
            p1 = p2 = 50;
        }
        else if (double.IsNaN(p1))
        {
            p1 = 100 - p2;
        }
        else if (double.IsNaN(p2))
        {
            p2 = 100 - p1;
        }

        var sum = p1 + p2;
        if (sum <= 0)
        {
            return CssColorKind.Invalid;
        }

        var weight2 = p2 / sum;
        var alphaScale = Math.Min(1, sum / 100);
        var spaceName = space[3..].Trim();
        color = spaceName.StartsWith("srgb", StringComparison.OrdinalIgnoreCase) && !spaceName.Equals("srgb-linear", StringComparison.OrdinalIgnoreCase)
            ? MixPremultiplied(c1, c2, weight2, static c => (c.R, c.G, c.B), static (x, y, z, a) => new Rgba(x, y, z, a))
            // oklab, and the closest thing this parser has for every other space (oklch, lab, hsl …).
            : MixPremultiplied(c1, c2, weight2, RgbToOklab, static (x, y, z, a) => OklabToRgb(x, y, z, a));
        color = color with { A = color.A * alphaScale };
        return CssColorKind.Color;
    }

    private static CssColorKind ParseMixComponent(ReadOnlySpan<char> component, int depth, out Rgba color, out double percentage)
    {
        percentage = double.NaN;
        component = component.Trim();
        // The percentage may come before or after the colour: "red 40%" or "40% red".
        var lastSpace = component.LastIndexOf(' ');
        if (lastSpace > 0 && component[^1] == '%' && TopLevelIndexOf(component[lastSpace..], ')') < 0
            && double.TryParse(component[(lastSpace + 1)..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var after))
        {
            percentage = after;
            component = component[..lastSpace];
        }
        else
        {
            var firstSpace = component.IndexOf(' ');
            if (firstSpace > 0 && component[firstSpace - 1] == '%'
                && double.TryParse(component[..(firstSpace - 1)], NumberStyles.Float, CultureInfo.InvariantCulture, out var before))
            {
                percentage = before;
                component = component[(firstSpace + 1)..];
            }
        }

        return Classify(component, depth + 1, out color);
    }

    private static Rgba MixPremultiplied(Rgba c1, Rgba c2, double weight2, Func<Rgba, (double, double, double)> toSpace, Func<double, double, double, double, Rgba> fromSpace)
    {
        var (x1, y1, z1) = toSpace(c1);
        var (x2, y2, z2) = toSpace(c2);
        var alpha = (c1.A * (1 - weight2)) + (c2.A * weight2);
        if (alpha <= 0)
        {
            return Rgba.Transparent;
        }

        double Channel(double a, double b) => ((a * c1.A * (1 - weight2)) + (b * c2.A * weight2)) / alpha;
        return fromSpace(Channel(x1, x2), Channel(y1, y2), Channel(z1, z2), alpha);
    }

    private static bool ChannelsAndAlpha(ReadOnlySpan<Range> parts, int slashIndex, bool hasComma, out int channelCount, out int alphaPart)
    {
        alphaPart = -1;
        channelCount = parts.Length;
        if (slashIndex >= 0)
        {
            if (hasComma || slashIndex != parts.Length - 1)
            {
                return false;
            }

            channelCount = parts.Length - 1;
            alphaPart = parts.Length - 1;
        }
        else if (parts.Length == 4)
        {
            // Legacy rgba(r, g, b, a) and hsla(h, s, l, a).
            if (!hasComma)
            {
                return false;
            }

            channelCount = 3;
            alphaPart = 3;
        }

        return true;
    }

    private static bool TryAlpha(ReadOnlySpan<char> body, ReadOnlySpan<Range> parts, int alphaPart, out double alpha)
    {
        alpha = 1;
        if (alphaPart < 0)
        {
            return true;
        }

        if (!TryNumber(body[parts[alphaPart]], out var number, out var unit) || !(unit is "" or "%"))
        {
            return false;
        }

        alpha = Math.Clamp(unit == "%" ? number / 100 : number, 0, 1);
        return true;
    }

    private static bool TryHue(ReadOnlySpan<char> token, out double degrees)
    {
        if (!TryNumber(token, out var number, out var unit))
        {
            degrees = 0;
            return false;
        }

        degrees = unit switch
        {
            "" or "deg" => number,
            "rad" => number * 180 / Math.PI,
            "grad" => number * 0.9,
            "turn" => number * 360,
            _ => double.NaN,
        };
        if (double.IsNaN(degrees))
        {
            return false;
        }

        degrees %= 360;
        if (degrees < 0)
        {
            degrees += 360;
        }

        return true;
    }

    private static bool TryPercentOrNumber(ReadOnlySpan<char> token, out double value) =>
        TryNumber(token, out value, out var unit) && unit is "" or "%";

    /// <summary>A number with an optional unit (lower-cased). <c>none</c> is 0, as CSS Color 4 says.</summary>
    private static bool TryNumber(ReadOnlySpan<char> token, out double value, out string unit)
    {
        unit = "";
        value = 0;
        token = token.Trim();
        if (token.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var end = 0;
        while (end < token.Length && (char.IsAsciiDigit(token[end]) || token[end] is '.' or '-' or '+' or 'e' or 'E'))
        {
            // 'e' is an exponent only when followed by a digit or sign; otherwise it starts a unit ("em").
            if (token[end] is 'e' or 'E' && !(end + 1 < token.Length && (char.IsAsciiDigit(token[end + 1]) || token[end + 1] is '-' or '+')))
            {
                break;
            }

            end++;
        }

        if (end == 0 || !double.TryParse(token[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            return false;
        }

        var rest = token[end..];
        unit = rest.IsEmpty ? "" : rest.Equals("%", StringComparison.Ordinal) ? "%" : rest.ToString().ToLowerInvariant();
        return true;
    }

    /// <summary>Splits function arguments on top-level commas, whitespace and '/'. Returns -1 when malformed.</summary>
    private static int SplitArguments(ReadOnlySpan<char> body, Span<Range> parts, out bool hasComma, out int slashIndex)
    {
        hasComma = false;
        slashIndex = -1;
        var count = 0;
        var depth = 0;
        var start = -1;
        for (var i = 0; i <= body.Length; i++)
        {
            var c = i < body.Length ? body[i] : ' ';
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }

            var separator = depth == 0 && (c is ',' or '/' || char.IsWhiteSpace(c));
            if (!separator)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                if (count == parts.Length)
                {
                    return -1;
                }

                parts[count++] = new Range(start, i);
                start = -1;
            }

            if (c == ',')
            {
                hasComma = true;
            }
            else if (c == '/')
            {
                if (slashIndex >= 0)
                {
                    return -1;
                }

                slashIndex = count;
            }
        }

        return depth == 0 ? count : -1;
    }

    internal static int TopLevelIndexOf(ReadOnlySpan<char> text, char target)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == target && depth == 0)
            {
                return i;
            }

            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
        }

        return -1;
    }

    private static Rgba HslToRgb(double hue, double saturation, double lightness, double alpha)
    {
        double Channel(double n)
        {
            var k = (n + (hue / 30)) % 12;
            var a = saturation * Math.Min(lightness, 1 - lightness);
            return (lightness - (a * Math.Max(-1, Math.Min(Math.Min(k - 3, 9 - k), 1)))) * 255;
        }

        return new Rgba(Channel(0), Channel(8), Channel(4), alpha);
    }

    private static (double L, double A, double B) RgbToOklab(Rgba color)
    {
        var r = RgbColor.ToLinear(color.R);
        var g = RgbColor.ToLinear(color.G);
        var b = RgbColor.ToLinear(color.B);
        var l = Math.Cbrt((0.4122214708 * r) + (0.5363325363 * g) + (0.0514459929 * b));
        var m = Math.Cbrt((0.2119034982 * r) + (0.6806995451 * g) + (0.1073969566 * b));
        var s = Math.Cbrt((0.0883024619 * r) + (0.2817188376 * g) + (0.6299787005 * b));
        return (
            (0.2104542553 * l) + (0.7936177850 * m) - (0.0040720468 * s),
            (1.9779984951 * l) - (2.4285922050 * m) + (0.4505937099 * s),
            (0.0259040371 * l) + (0.7827717662 * m) - (0.8086757660 * s));
    }

    private static Rgba OklabToRgb(double l, double a, double b, double alpha)
    {
        var lp = l + (0.3963377774 * a) + (0.2158037573 * b);
        var mp = l - (0.1055613458 * a) - (0.0638541728 * b);
        var sp = l - (0.0894841775 * a) - (1.2914855480 * b);
        var l3 = lp * lp * lp;
        var m3 = mp * mp * mp;
        var s3 = sp * sp * sp;
        var r = (4.0767416621 * l3) - (3.3077115913 * m3) + (0.2309699292 * s3);
        var g = (-1.2684380046 * l3) + (2.6097574011 * m3) - (0.3413193965 * s3);
        var bl = (-0.0041960863 * l3) - (0.7034186147 * m3) + (1.7076147010 * s3);
        return new Rgba(RgbColor.FromLinear(r), RgbColor.FromLinear(g), RgbColor.FromLinear(bl), alpha);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}

internal enum CssColorKind
{
    Invalid,
    Color,
    CurrentColor,
    Unsupported,
}
