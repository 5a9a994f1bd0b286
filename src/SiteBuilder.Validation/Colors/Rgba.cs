using System.Globalization;

namespace SiteBuilder.Validation;

/// <summary>
/// An sRGB colour with straight (not premultiplied) alpha: channels 0–255 (fractional after compositing),
/// alpha 0–1.
/// </summary>
public readonly record struct Rgba(double R, double G, double B, double A = 1.0)
{
    public static Rgba White { get; } = new(255, 255, 255);

    public static Rgba Black { get; } = new(0, 0, 0);

    public static Rgba Transparent { get; } = new(0, 0, 0, 0);

    public bool IsOpaque => A >= 1.0;

    public bool IsTransparent => A <= 0.0;

    /// <summary>The same colour with its alpha multiplied by <paramref name="factor"/> (e.g. an <c>opacity</c>).</summary>
    public Rgba WithAlphaMultiplied(double factor) => this with { A = Math.Clamp(A * factor, 0, 1) };

    /// <summary><c>#RRGGBB</c>, or <c>#RRGGBBAA</c> when not opaque; channels rounded to the nearest byte.</summary>
    public string ToHex()
    {
        var hex = string.Create(CultureInfo.InvariantCulture, $"#{ToByte(R):X2}{ToByte(G):X2}{ToByte(B):X2}");
        return A >= 1.0 ? hex : string.Create(CultureInfo.InvariantCulture, $"{hex}{ToByte(A * 255):X2}");
    }

    /// <summary><c>#RRGGBB</c> ignoring alpha.</summary>
    public string ToOpaqueHex() => string.Create(CultureInfo.InvariantCulture, $"#{ToByte(R):X2}{ToByte(G):X2}{ToByte(B):X2}");

    public override string ToString() => ToHex();

    /// <summary>Parses any CSS colour this library understands; see <see cref="CssColor.TryParse"/>.</summary>
    public static Rgba Parse(string cssColor) => CssColor.Parse(cssColor);

    private static int ToByte(double channel) => (int)Math.Round(Math.Clamp(channel, 0, 255), MidpointRounding.AwayFromZero);
}
