namespace SiteBuilder.BrandAssets.Images.Offline;

/// <summary>
/// The brand colours given, completed to a working palette for the style: colours the marketer did not
/// give are derived from the first one, so one colour is enough for a finished design.
/// </summary>
internal sealed record Palette(RgbColor Primary, RgbColor Secondary, RgbColor Accent, IReadOnlyList<RgbColor> All, RgbColor Ink, RgbColor Paper)
{
    public static Palette From(IReadOnlyList<string> colors, ImageStyle style)
    {
        var given = colors.Select(RgbColor.Parse).ToList();
        var primary = given[0];
        var (h, s, l) = primary.ToHsl();
        var vivid = Math.Max(s, 0.55);

        var secondary = given.Count > 1 ? given[1] : style switch
        {
            ImageStyle.Classic => RgbColor.FromHsl(h, s * 0.8, Math.Max(0.16, l - 0.2)),
            ImageStyle.Playful => RgbColor.FromHsl(h + 165, 0.85, 0.58),
            ImageStyle.Minimal => RgbColor.FromHsl(h, Math.Min(s, 0.3), 0.2),
            ImageStyle.Bold => RgbColor.FromHsl(h + 150, 0.9, 0.52),
            _ => RgbColor.FromHsl(h + 38, vivid, Math.Clamp(l + 0.04, 0.42, 0.62)),
        };

        var accent = given.Count > 2 ? given[2] : style switch
        {
            ImageStyle.Classic => RgbColor.FromHsl(40, 0.55, 0.55),
            ImageStyle.Playful => RgbColor.FromHsl(h + 85, 0.9, 0.6),
            ImageStyle.Minimal => RgbColor.FromHsl(h, Math.Min(s, 0.4), 0.86),
            ImageStyle.Bold => RgbColor.FromHsl(52, 1, 0.55),
            _ => RgbColor.FromHsl(h - 42, vivid, Math.Clamp(l + 0.1, 0.5, 0.7)),
        };

        var all = new List<RgbColor> { primary, secondary, accent };
        all.AddRange(given.Skip(3));

        // A given colour that is nearly black serves as the ink; otherwise a dark tone of the brand hue.
        var ink = given.FirstOrDefault(c => c.Luminance < 0.02 && c != primary);
        if (ink == default)
        {
            ink = RgbColor.FromHsl(h, Math.Min(s, 0.35), 0.13);
        }

        var paper = RgbColor.FromHsl(h, Math.Min(s, 0.4), 0.975);
        return new Palette(primary, secondary, accent, all, ink, paper);
    }

    public RgbColor OnPrimary => TextOn(Primary);

    /// <summary>White or the palette's ink, whichever reads better on <paramref name="background"/>; white wins down to 3.2:1.</summary>
    public RgbColor TextOn(RgbColor background) =>
        RgbColor.Contrast(background, RgbColor.White) >= Math.Min(3.2, RgbColor.Contrast(background, Ink)) ? RgbColor.White : Ink;

    /// <summary>
    /// The palette for large colour fields: near-black and near-white brand colours (often given as text
    /// colours) would vanish into a background, so secondary and accent come from the vivid ones.
    /// </summary>
    public Palette Vivid()
    {
        var vivid = All.Where(c => c != Primary && c.Lightness is > 0.2 and < 0.9 && c.Saturation > 0.15).Prepend(Primary).ToList();
        var (h, s, l) = Primary.ToHsl();
        for (var k = 1; vivid.Count < 3; k++)
        {
            vivid.Add(RgbColor.FromHsl(h + (k % 2 == 1 ? 40 : -40) * ((k + 1) / 2), Math.Max(s, 0.5), Math.Clamp(l + 0.08, 0.45, 0.65)));
        }

        return this with { Secondary = vivid[1], Accent = vivid[2], All = vivid };
    }

    /// <summary>Colour number <paramref name="i"/> of the palette, wrapping around.</summary>
    public RgbColor At(int i) => All[((i % All.Count) + All.Count) % All.Count];
}
