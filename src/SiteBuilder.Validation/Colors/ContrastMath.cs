namespace SiteBuilder.Validation;

/// <summary>
/// WCAG 2.2 contrast arithmetic: relative luminance, contrast ratio and source-over alpha compositing.
/// Ratios are compared unrounded: 4.499:1 fails a 4.5:1 requirement, and <see cref="Truncate"/> shows it as 4.49.
/// </summary>
public static class ContrastMath
{
    /// <summary>WCAG 1.4.3 AA for normal text.</summary>
    public const double NormalTextMinimum = 4.5;

    /// <summary>WCAG 1.4.3 AA for large text.</summary>
    public const double LargeTextMinimum = 3.0;

    /// <summary>Large text: at least 18 pt (24 CSS px)…</summary>
    public const double LargeTextPx = 24.0;

    /// <summary>…or at least 14 pt (18.66 CSS px) and bold.</summary>
    public const double LargeBoldTextPx = 18.66;

    /// <summary>The weight from which text counts as bold.</summary>
    public const int BoldWeight = 700;

    /// <summary>Relative luminance (0 black … 1 white) of the colour's RGB channels; alpha is ignored.</summary>
    public static double RelativeLuminance(Rgba color) => RgbColor.RelativeLuminance(color.R, color.G, color.B);

    /// <summary>Source-over compositing of <paramref name="top"/> onto <paramref name="bottom"/>, as browsers blend
    /// (in gamma-encoded sRGB). The result is opaque when <paramref name="bottom"/> is.</summary>
    public static Rgba Composite(Rgba top, Rgba bottom)
    {
        if (top.A >= 1.0)
        {
            return top;
        }

        if (top.A <= 0.0)
        {
            return bottom;
        }

        var alpha = top.A + (bottom.A * (1 - top.A));
        if (alpha <= 0.0)
        {
            return Rgba.Transparent;
        }

        double Channel(double t, double b) => ((t * top.A) + (b * bottom.A * (1 - top.A))) / alpha;
        return new Rgba(Channel(top.R, bottom.R), Channel(top.G, bottom.G), Channel(top.B, bottom.B), Math.Min(1.0, alpha));
    }

    /// <summary>
    /// Contrast ratio (1 … 21) of a foreground over a background. A translucent background is first composited onto
    /// white (the page canvas), a translucent foreground onto the background.
    /// </summary>
    public static double Ratio(Rgba foreground, Rgba background)
    {
        var opaqueBackground = background.IsOpaque ? background : Composite(background, Rgba.White);
        var opaqueForeground = Composite(foreground, opaqueBackground);
        return RgbColor.ContrastRatio(RelativeLuminance(opaqueForeground), RelativeLuminance(opaqueBackground));
    }

    /// <summary>Contrast ratio of two CSS colours (hex, rgb(), hsl(), names …).</summary>
    /// <exception cref="FormatException">A colour is not a CSS colour this library understands.</exception>
    public static double Ratio(string foreground, string background) =>
        Ratio(CssColor.Parse(foreground), CssColor.Parse(background));

    /// <summary>The ratio cut to two decimals, never rounded up: 4.499 → 4.49.</summary>
    public static double Truncate(double ratio) =>
        // The epsilon only absorbs floating-point noise such as 20.999999999999996 for black on white.
        Math.Floor((ratio * 100) + 1e-9) / 100;

    /// <summary>WCAG's large-text rule: ≥ 24 px, or ≥ 18.66 px and bold (weight ≥ 700).</summary>
    public static bool IsLargeText(double fontSizePx, int fontWeight) =>
        fontSizePx >= LargeTextPx || (fontSizePx >= LargeBoldTextPx && fontWeight >= BoldWeight);

    /// <summary>The AA minimum for text of that size: 3.0 for large text, 4.5 otherwise.</summary>
    public static double RequiredRatio(bool largeText) => largeText ? LargeTextMinimum : NormalTextMinimum;

    /// <summary>Whether the unrounded ratio meets AA.</summary>
    public static bool MeetsAA(double ratio, bool largeText) => ratio >= RequiredRatio(largeText);
}
