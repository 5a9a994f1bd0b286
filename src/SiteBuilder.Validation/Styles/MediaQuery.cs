using System.Globalization;

namespace SiteBuilder.Validation.Styles;

/// <summary>
/// Evaluates media query lists against <see cref="Viewport"/>: screen, 412 × 823, portrait, light scheme, touch,
/// no reduced-motion preference. Unknown features do not match, as in a browser that does not support them.
/// </summary>
internal static class MediaQuery
{
    public static bool Matches(string? mediaList)
    {
        if (string.IsNullOrWhiteSpace(mediaList))
        {
            return true;
        }

        foreach (var query in CssText.SplitTopLevel(mediaList, ','))
        {
            if (QueryMatches(query))
            {
                return true;
            }
        }

        return false;
    }

    private static bool QueryMatches(string query)
    {
        var text = query.Trim();
        var negate = false;
        if (text.StartsWith("not ", StringComparison.OrdinalIgnoreCase))
        {
            negate = true;
            text = text[4..].TrimStart();
        }
        else if (text.StartsWith("only ", StringComparison.OrdinalIgnoreCase))
        {
            text = text[5..].TrimStart();
        }

        var result = true;
        var anyOr = false;
        var orResult = false;
        foreach (var token in CssText.SplitTopLevel(text))
        {
            if (token.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (token.Equals("or", StringComparison.OrdinalIgnoreCase))
            {
                anyOr = true;
                orResult |= result;
                result = true;
                continue;
            }

            bool part;
            if (token.StartsWith('('))
            {
                part = FeatureMatches(token.Trim('(', ')', ' '));
            }
            else
            {
                part = token.ToLowerInvariant() is "all" or "screen";
            }

            result &= part;
        }

        if (anyOr)
        {
            result |= orResult;
        }

        return negate ? !result : result;
    }

    private static bool FeatureMatches(string feature)
    {
        if (feature.StartsWith("not ", StringComparison.OrdinalIgnoreCase))
        {
            return !FeatureMatches(feature[4..].Trim('(', ')', ' '));
        }

        // Range syntax: (width >= 600px), (400px <= width <= 700px).
        if (feature.AsSpan().IndexOfAny('<', '>') >= 0 || (feature.Contains('=', StringComparison.Ordinal) && !feature.Contains(':', StringComparison.Ordinal)))
        {
            return RangeMatches(feature);
        }

        var colon = feature.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? feature : feature[..colon]).Trim().ToLowerInvariant();
        var value = colon < 0 ? null : feature[(colon + 1)..].Trim().ToLowerInvariant();
        if (value is null)
        {
            return name is "color" or "hover" or "pointer" or "any-pointer" or "grid" or "width" or "height" or "orientation" or "prefers-color-scheme";
        }

        switch (name)
        {
            case "min-width": return TryLength(value, out var minW) && Viewport.Width >= minW;
            case "max-width": return TryLength(value, out var maxW) && Viewport.Width <= maxW;
            case "width": return TryLength(value, out var w) && Math.Abs(Viewport.Width - w) < 0.5;
            case "min-height": return TryLength(value, out var minH) && Viewport.Height >= minH;
            case "max-height": return TryLength(value, out var maxH) && Viewport.Height <= maxH;
            case "min-device-width": return TryLength(value, out var minDw) && Viewport.Width >= minDw;
            case "max-device-width": return TryLength(value, out var maxDw) && Viewport.Width <= maxDw;
            case "orientation": return value == "portrait";
            case "prefers-color-scheme": return value == "light";
            case "prefers-reduced-motion":
            case "prefers-contrast":
            case "prefers-reduced-transparency":
            case "prefers-reduced-data":
                return value == "no-preference";
            case "forced-colors": return value == "none";
            case "inverted-colors": return value == "none";
            case "hover":
            case "any-hover":
                return value == "none";
            case "pointer":
            case "any-pointer":
                return value == "coarse";
            case "display-mode": return value == "browser";
            case "scripting": return value == "none";
            case "color-gamut": return value == "srgb";
            case "min-resolution":
                return TryResolution(value, out var minR) && Viewport.DevicePixelRatio >= minR;
            case "max-resolution":
                return TryResolution(value, out var maxR) && Viewport.DevicePixelRatio <= maxR;
            case "-webkit-min-device-pixel-ratio":
            case "min--moz-device-pixel-ratio":
                return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var minDpr) && Viewport.DevicePixelRatio >= minDpr;
            case "-webkit-max-device-pixel-ratio":
                return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var maxDpr) && Viewport.DevicePixelRatio <= maxDpr;
            default:
                return false;
        }
    }

    private static bool RangeMatches(string feature)
    {
        // Tokens alternate value, operator, value [, operator, value].
        var tokens = new List<string>();
        var i = 0;
        while (i < feature.Length)
        {
            var c = feature[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is '<' or '>' or '=')
            {
                var op = c.ToString();
                if (i + 1 < feature.Length && feature[i + 1] == '=')
                {
                    op += "=";
                    i++;
                }

                tokens.Add(op);
                i++;
                continue;
            }

            var start = i;
            while (i < feature.Length && !char.IsWhiteSpace(feature[i]) && feature[i] is not ('<' or '>' or '='))
            {
                i++;
            }

            tokens.Add(feature[start..i]);
        }

        if (tokens.Count is not (3 or 5))
        {
            return false;
        }

        for (var t = 0; t + 2 < tokens.Count; t += 2)
        {
            if (!Compare(tokens[t], tokens[t + 1], tokens[t + 2]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Compare(string left, string op, string right)
    {
        if (!TryOperand(left, out var a) || !TryOperand(right, out var b))
        {
            return false;
        }

        return op switch
        {
            "<" => a < b,
            "<=" => a <= b,
            ">" => a > b,
            ">=" => a >= b,
            "=" => Math.Abs(a - b) < 0.5,
            _ => false,
        };
    }

    private static bool TryOperand(string token, out double value)
    {
        switch (token.ToLowerInvariant())
        {
            case "width":
                value = Viewport.Width;
                return true;
            case "height":
                value = Viewport.Height;
                return true;
            default:
                return TryLength(token, out value);
        }
    }

    private static bool TryLength(string value, out double px)
    {
        px = 0;
        var span = value.AsSpan().Trim();
        var end = 0;
        while (end < span.Length && (char.IsAsciiDigit(span[end]) || span[end] is '.' or '-' or '+'))
        {
            end++;
        }

        if (end == 0 || !double.TryParse(span[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var unit = span[end..].ToString().ToLowerInvariant();
        px = unit switch
        {
            "px" or "" => number,
            "em" or "rem" => number * Viewport.RootFontSize,
            "pt" => number * 96 / 72,
            "in" => number * 96,
            "cm" => number * 96 / 2.54,
            "mm" => number * 96 / 25.4,
            _ => double.NaN,
        };
        return !double.IsNaN(px);
    }

    private static bool TryResolution(string value, out double dppx)
    {
        dppx = 0;
        var span = value.AsSpan().Trim();
        var end = 0;
        while (end < span.Length && (char.IsAsciiDigit(span[end]) || span[end] == '.'))
        {
            end++;
        }

        if (end == 0 || !double.TryParse(span[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        dppx = span[end..].ToString().ToLowerInvariant() switch
        {
            "dppx" or "x" => number,
            "dpi" => number / 96,
            "dpcm" => number * 2.54 / 96,
            _ => double.NaN,
        };
        return !double.IsNaN(dppx);
    }
}
