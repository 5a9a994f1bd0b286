namespace SiteBuilder.Validation.Styles;

internal enum BackgroundImageKind : byte
{
    None,

    /// <summary>Gradients only: the stops are known colours.</summary>
    Gradient,

    /// <summary>An image (or a colour this library cannot evaluate): what lies behind text is unknown.</summary>
    Opaque,
}

/// <summary>The computed values the audits read for one element.</summary>
internal struct ElementStyle
{
    public Rgba Color;
    public bool ColorKnown;
    public Rgba Background;
    public bool BackgroundKnown;
    public BackgroundImageKind ImageKind;
    public Rgba[]? GradientStops;
    public Rgba? BorderColor;
    public double FontSize;
    public int FontWeight;
    public string FontFamily;
    public bool AuthorFont;
    public bool DisplayNone;
    public bool VisibilityHidden;
    public double Opacity;
    public double Width;
    public double Height;

    /// <summary>A width or height the page sets (any unit, not auto), resolvable to px or not.</summary>
    public bool WidthDeclared;
    public bool HeightDeclared;
    public double MinWidth;
    public double MinHeight;
    public double PaddingTop;
    public double PaddingRight;
    public double PaddingBottom;
    public double PaddingLeft;
    public bool BorderBox;
    public bool HasAspectRatio;
    public bool OutOfFlow;
    public bool VisuallyHidden;
    public IReadOnlyDictionary<string, string>? Variables;

    /// <summary>Outer width/height when the page sets them in absolute terms, else NaN.</summary>
    public readonly double OuterWidth => Outer(Width, MinWidth, PaddingLeft + PaddingRight);

    public readonly double OuterHeight => Outer(Height, MinHeight, PaddingTop + PaddingBottom);

    private readonly double Outer(double size, double minimum, double padding)
    {
        if (double.IsNaN(size) && double.IsNaN(minimum))
        {
            return double.NaN;
        }

        var content = Math.Max(double.IsNaN(size) ? 0 : size, double.IsNaN(minimum) ? 0 : minimum);
        return BorderBox ? Math.Max(content, padding) : content + padding;
    }
}
