namespace SiteBuilder.Validation.Styles;

/// <summary>The longhand properties the audits read. Everything else in a stylesheet is skipped at parse time.</summary>
internal enum Prop : byte
{
    Color,
    BackgroundColor,
    BackgroundImage,
    FontSize,
    FontWeight,
    FontFamily,
    Display,
    Visibility,
    Opacity,
    Width,
    Height,
    MinWidth,
    MinHeight,
    AspectRatio,
    BorderColor,
    Fill,
    Stroke,
    Position,
    Overflow,
    Clip,
    ClipPath,
    PaddingTop,
    PaddingRight,
    PaddingBottom,
    PaddingLeft,
    BoxSizing,
    Custom,
}

/// <summary>Which shorthand a longhand came from when the shorthand held a <c>var()</c> and could not be split
/// until the variable is known.</summary>
internal enum Shorthand : byte
{
    None,
    Background,
    Font,
    Border,
    Padding,
}

/// <param name="Property">The longhand.</param>
/// <param name="Value">The longhand's value, or the whole shorthand value when <paramref name="Source"/> is set.</param>
/// <param name="Important">Declared <c>!important</c>.</param>
/// <param name="Source">The unsplit shorthand, if any.</param>
/// <param name="Part">For <see cref="Shorthand.Padding"/>: which side (0 top … 3 left).</param>
/// <param name="CustomName">The <c>--name</c> of a custom property.</param>
internal readonly record struct Declaration(Prop Property, string Value, bool Important, Shorthand Source = Shorthand.None, byte Part = 0, string? CustomName = null)
{
    public bool HasVar => Value.Contains("var(", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Maps property names to longhands and splits shorthands.</summary>
internal static class PropertyTable
{
    private static readonly Dictionary<string, Prop> Longhands = new(StringComparer.Ordinal)
    {
        ["color"] = Prop.Color,
        ["background-color"] = Prop.BackgroundColor,
        ["background-image"] = Prop.BackgroundImage,
        ["font-size"] = Prop.FontSize,
        ["font-weight"] = Prop.FontWeight,
        ["font-family"] = Prop.FontFamily,
        ["display"] = Prop.Display,
        ["visibility"] = Prop.Visibility,
        ["opacity"] = Prop.Opacity,
        ["width"] = Prop.Width,
        ["height"] = Prop.Height,
        ["min-width"] = Prop.MinWidth,
        ["min-height"] = Prop.MinHeight,
        ["aspect-ratio"] = Prop.AspectRatio,
        ["border-color"] = Prop.BorderColor,
        ["border-top-color"] = Prop.BorderColor,
        ["border-right-color"] = Prop.BorderColor,
        ["border-bottom-color"] = Prop.BorderColor,
        ["border-left-color"] = Prop.BorderColor,
        ["fill"] = Prop.Fill,
        ["stroke"] = Prop.Stroke,
        ["position"] = Prop.Position,
        ["overflow"] = Prop.Overflow,
        ["clip"] = Prop.Clip,
        ["clip-path"] = Prop.ClipPath,
        ["padding-top"] = Prop.PaddingTop,
        ["padding-right"] = Prop.PaddingRight,
        ["padding-bottom"] = Prop.PaddingBottom,
        ["padding-left"] = Prop.PaddingLeft,
        ["box-sizing"] = Prop.BoxSizing,
    };

    private static readonly HashSet<string> BorderShorthands = new(StringComparer.Ordinal)
    {
        "border", "border-top", "border-right", "border-bottom", "border-left", "border-block", "border-inline",
        "border-block-start", "border-block-end", "border-inline-start", "border-inline-end",
    };

    /// <summary>Adds the longhands a declaration sets; unknown properties add nothing.</summary>
    public static void Expand(string name, string value, bool important, List<Declaration> output)
    {
        if (name.StartsWith("--", StringComparison.Ordinal))
        {
            output.Add(new Declaration(Prop.Custom, value, important, CustomName: name));
            return;
        }

        if (Longhands.TryGetValue(name, out var prop))
        {
            output.Add(new Declaration(prop, value, important));
            return;
        }

        var hasVar = value.Contains("var(", StringComparison.OrdinalIgnoreCase);
        switch (name)
        {
            case "background":
                if (hasVar)
                {
                    output.Add(new Declaration(Prop.BackgroundColor, value, important, Shorthand.Background));
                }
                else
                {
                    output.Add(new Declaration(Prop.BackgroundColor, ShorthandParts.BackgroundColor(value), important));
                }

                // The image scan reads url() and gradients wherever they stand in the shorthand.
                output.Add(new Declaration(Prop.BackgroundImage, value, important));
                break;
            case "font":
                if (hasVar)
                {
                    output.Add(new Declaration(Prop.FontSize, value, important, Shorthand.Font));
                    output.Add(new Declaration(Prop.FontWeight, value, important, Shorthand.Font));
                    output.Add(new Declaration(Prop.FontFamily, value, important, Shorthand.Font));
                }
                else if (ShorthandParts.TryFont(value, out var size, out var weight, out var family))
                {
                    output.Add(new Declaration(Prop.FontSize, size, important));
                    output.Add(new Declaration(Prop.FontWeight, weight, important));
                    output.Add(new Declaration(Prop.FontFamily, family, important));
                }

                break;
            case "padding":
                for (byte side = 0; side < 4; side++)
                {
                    output.Add(hasVar
                        ? new Declaration(Prop.PaddingTop + side, value, important, Shorthand.Padding, side)
                        : new Declaration(Prop.PaddingTop + side, ShorthandParts.Side(value, side), important));
                }

                break;
            case "padding-block":
            case "padding-inline":
                var first = name == "padding-block" ? Prop.PaddingTop : Prop.PaddingLeft;
                var second = name == "padding-block" ? Prop.PaddingBottom : Prop.PaddingRight;
                var tokens = CssText.SplitTopLevel(value);
                if (tokens.Count is 1 or 2)
                {
                    output.Add(new Declaration(first, tokens[0], important));
                    output.Add(new Declaration(second, tokens[^1], important));
                }

                break;
            case "inset":
                break;
            default:
                if (BorderShorthands.Contains(name))
                {
                    output.Add(hasVar
                        ? new Declaration(Prop.BorderColor, value, important, Shorthand.Border)
                        : new Declaration(Prop.BorderColor, ShorthandParts.BorderColor(value), important));
                }

                break;
        }
    }

    /// <summary>After <c>var()</c> substitution, the longhand a shorthand declaration stands for.</summary>
    public static string? Longhand(Declaration declaration, string substituted) => declaration.Source switch
    {
        Shorthand.Background => ShorthandParts.BackgroundColor(substituted),
        Shorthand.Border => ShorthandParts.BorderColor(substituted),
        Shorthand.Padding => ShorthandParts.Side(substituted, declaration.Part),
        Shorthand.Font => ShorthandParts.TryFont(substituted, out var size, out var weight, out var family)
            ? declaration.Property switch
            {
                Prop.FontSize => size,
                Prop.FontWeight => weight,
                _ => family,
            }
            : null,
        _ => substituted,
    };
}

/// <summary>Splitting of the shorthands the audits need.</summary>
internal static class ShorthandParts
{
    private static readonly HashSet<string> FontStyleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "normal", "italic", "oblique", "small-caps", "ultra-condensed", "extra-condensed", "condensed", "semi-condensed",
        "semi-expanded", "expanded", "extra-expanded", "ultra-expanded",
    };

    private static readonly HashSet<string> FontWeightWords = new(StringComparer.OrdinalIgnoreCase) { "bold", "bolder", "lighter" };

    private static readonly HashSet<string> FontSizeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large", "smaller", "larger",
    };

    /// <summary>The colour of the final layer of a <c>background</c> shorthand; <c>transparent</c> when it has none,
    /// because the shorthand resets <c>background-color</c>.</summary>
    public static string BackgroundColor(string value)
    {
        var layers = CssText.SplitTopLevel(value, ',');
        var last = layers.Count == 0 ? value : layers[^1];
        foreach (var token in CssText.SplitTopLevel(last))
        {
            var kind = CssColor.Classify(token, out _);
            if (kind != CssColorKind.Invalid)
            {
                return token;
            }
        }

        return "transparent";
    }

    public static string BorderColor(string value)
    {
        foreach (var token in CssText.SplitTopLevel(value))
        {
            if (CssColor.Classify(token, out _) != CssColorKind.Invalid)
            {
                return token;
            }
        }

        return "currentcolor";
    }

    /// <summary>One side of a 1–4 value box shorthand (top, right, bottom, left).</summary>
    public static string Side(string value, int side)
    {
        var tokens = CssText.SplitTopLevel(value);
        return tokens.Count switch
        {
            0 => "0",
            1 => tokens[0],
            2 => tokens[side % 2],
            3 => side == 3 ? tokens[1] : tokens[side],
            _ => tokens[side],
        };
    }

    /// <summary>Splits <c>font: [style] [variant] [weight] [stretch] size[/line-height] family</c>. System fonts
    /// (<c>caption</c>, <c>menu</c> …) and CSS-wide keywords resolve to the initial values.</summary>
    public static bool TryFont(string value, out string size, out string weight, out string family)
    {
        size = "medium";
        weight = "normal";
        family = "serif";
        var tokens = CssText.SplitTopLevel(value);
        if (tokens.Count == 1)
        {
            // A system font keyword or inherit/initial: keep the keyword for the CSS-wide ones.
            var keyword = tokens[0].ToLowerInvariant();
            if (keyword is "inherit" or "initial" or "unset" or "revert")
            {
                size = weight = family = keyword;
            }
            else
            {
                family = "system-ui";
            }

            return true;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (FontStyleWords.Contains(token))
            {
                continue;
            }

            if (FontWeightWords.Contains(token) || (token.Length == 3 && char.IsAsciiDigit(token[0]) && int.TryParse(token, out _)))
            {
                weight = token;
                continue;
            }

            // The first token that is a size (possibly with "/line-height" attached) ends the prefix.
            var slash = token.IndexOf('/', StringComparison.Ordinal);
            var sizeToken = slash >= 0 ? token[..slash] : token;
            if (sizeToken.Length > 0 && (FontSizeWords.Contains(sizeToken) || char.IsAsciiDigit(sizeToken[0]) || sizeToken[0] == '.'
                || sizeToken.StartsWith("calc(", StringComparison.OrdinalIgnoreCase) || sizeToken.StartsWith("clamp(", StringComparison.OrdinalIgnoreCase)
                || sizeToken.StartsWith("min(", StringComparison.OrdinalIgnoreCase) || sizeToken.StartsWith("max(", StringComparison.OrdinalIgnoreCase)))
            {
                size = sizeToken;
                var familyStart = i + 1;
                if (slash < 0 && familyStart < tokens.Count && tokens[familyStart] == "/")
                {
                    familyStart += 2;
                }
                else if (slash < 0 && familyStart < tokens.Count && tokens[familyStart].StartsWith('/'))
                {
                    familyStart += 1;
                }

                family = familyStart < tokens.Count ? string.Join(' ', tokens.Skip(familyStart)) : "serif";
                return true;
            }

            return false;
        }

        return false;
    }
}
