namespace SiteBuilder.BrandAssets.Images.Offline;

/// <summary>How a style looks in type and shape. Fonts are system stacks: nothing is fetched.</summary>
internal sealed record StyleKit(
    ImageStyle Style,
    string FontFamily,
    int FontWeight,
    double LetterSpacingEm,
    bool Uppercase,
    double CornerRatio,
    bool Outline,
    double Tilt)
{
    public const string SansStack = "Inter, 'Segoe UI', system-ui, -apple-system, Roboto, 'Helvetica Neue', Arial, sans-serif";
    public const string SerifStack = "'Iowan Old Style', 'Palatino Linotype', Palatino, 'Book Antiqua', Georgia, Cambria, 'Times New Roman', serif";
    public const string RoundedStack = "ui-rounded, 'SF Pro Rounded', 'Arial Rounded MT Bold', 'Varela Round', Nunito, 'Trebuchet MS', system-ui, sans-serif";
    public const string GeometricStack = "'Avenir Next', Montserrat, 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";
    public const string LightStack = "'Helvetica Neue', 'Segoe UI', system-ui, -apple-system, Roboto, Arial, sans-serif";

    public static StyleKit For(ImageStyle style) => style switch
    {
        ImageStyle.Classic => new(style, SerifStack, 600, 0.08, true, 0.06, false, 0),
        ImageStyle.Playful => new(style, RoundedStack, 800, 0.0, false, 0.36, false, -6),
        ImageStyle.Minimal => new(style, LightStack, 300, 0.28, true, 0.0, true, 0),
        ImageStyle.Bold => new(style, GeometricStack, 900, -0.01, true, 0.14, false, 0),
        _ => new(style, SansStack, 700, -0.02, false, 0.24, false, 0),
    };

    public string Render(string text) => Uppercase ? text.ToUpperInvariant() : text;

    /// <summary>
    /// A cautious estimate of the rendered width of <paramref name="text"/> in ems. Real metrics depend on
    /// the font the viewer has, so the estimate errs wide and text is sized to fit with room to spare.
    /// </summary>
    public double EmWidth(string text, int? weight = null, double? letterSpacingEm = null)
    {
        var em = 0.0;
        foreach (var c in text)
        {
            em += c switch
            {
                ' ' => 0.3,
                'i' or 'l' or 'j' or '\'' or '’' or '.' or ',' or '!' or '|' or 'I' => 0.3,
                'f' or 't' or 'r' => 0.4,
                'm' or 'w' => 0.9,
                'M' or 'W' => 0.96,
                '&' => 0.78,
                _ when char.IsUpper(c) => 0.74,
                _ when char.IsDigit(c) => 0.62,
                _ => 0.6,
            };
        }

        var w = weight ?? FontWeight;
        var weightFactor = w switch { <= 300 => 0.96, <= 500 => 1.0, <= 600 => 1.04, <= 700 => 1.08, <= 800 => 1.12, _ => 1.16 };
        return (em * weightFactor) + ((letterSpacingEm ?? LetterSpacingEm) * Math.Max(0, text.Length - 1));
    }

    /// <summary>The font size at which <paramref name="text"/> fits in <paramref name="width"/>, capped at <paramref name="max"/>.</summary>
    public double FitFontSize(string text, double width, double max, int? weight = null, double? letterSpacingEm = null)
        => Math.Min(max, width / Math.Max(0.5, EmWidth(text, weight, letterSpacingEm)));
}
