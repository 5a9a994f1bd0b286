namespace SiteBuilder.Validation.Audits;

/// <param name="Name"><c>primary</c>, <c>secondary</c> or <c>palette[n]</c>.</param>
/// <param name="Hex">As <c>#RRGGBB</c>.</param>
/// <param name="Color">The colour.</param>
/// <param name="Lab">Its CIE L*a*b*.</param>
internal sealed record BrandColor(string Name, string Hex, Rgba Color, CieLab Lab);

/// <summary>The brand assets, parsed and checked once.</summary>
internal sealed class ResolvedBrand
{
    private ResolvedBrand(BrandColor? primary, IReadOnlyList<BrandColor> colors, string? logoUrl, IReadOnlyList<string> fonts)
    {
        Primary = primary;
        Colors = colors;
        LogoUrl = logoUrl;
        Fonts = fonts;
    }

    public BrandColor? Primary { get; }

    public IReadOnlyList<BrandColor> Colors { get; }

    public string? LogoUrl { get; }

    public IReadOnlyList<string> Fonts { get; }

    /// <exception cref="InvalidBrandAssetException">A colour is not a CSS colour.</exception>
    public static ResolvedBrand From(BrandAssets? assets)
    {
        if (assets is null)
        {
            return new ResolvedBrand(null, [], null, []);
        }

        var colors = new List<BrandColor>();
        var primary = Parse(assets.PrimaryColor, "primary", "brandAssets.primaryColor");
        if (primary is not null)
        {
            colors.Add(primary);
        }

        if (Parse(assets.SecondaryColor, "secondary", "brandAssets.secondaryColor") is { } secondary)
        {
            colors.Add(secondary);
        }

        for (var i = 0; i < (assets.Palette?.Count ?? 0); i++)
        {
            if (Parse(assets.Palette![i], $"palette[{i}]", $"brandAssets.palette[{i}]") is { } entry)
            {
                colors.Add(entry);
            }
        }

        var fonts = (assets.FontFamilies ?? [])
            .Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(f => Styles.CssText.Unquote(f.Trim()))
            .ToList();
        return new ResolvedBrand(primary, colors, string.IsNullOrWhiteSpace(assets.LogoUrl) ? null : assets.LogoUrl.Trim(), fonts);
    }

    private static BrandColor? Parse(string? value, string name, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!CssColor.TryParse(value, out var color))
        {
            throw new InvalidBrandAssetException(field, value);
        }

        var opaque = color.IsOpaque ? color : ContrastMath.Composite(color, Rgba.White);
        return new BrandColor(name, opaque.ToOpaqueHex(), opaque, Ciede2000.ToLab(opaque));
    }
}
