using System.Globalization;
using AngleSharp.Dom;
using SiteBuilder.Validation.Document;
using SiteBuilder.Validation.Styles;

namespace SiteBuilder.Validation.Audits;

/// <summary>Brand compliance: palette (CIEDE2000), the primary colour on the key elements, the logo and fonts.</summary>
internal sealed class BrandAudits(PageDocument document, PageStyles styles, AccessibleNames names, ResolvedBrand brand, AuditRecorder audits)
{
    /// <summary>ΔE00 up to which a colour counts as the brand colour.</summary>
    public const double SameColorDeltaE = 10;

    /// <summary>A tint or shade (the brand colour mixed with white or black) within this ΔE00 is on brand.</summary>
    public const double TintShadeDeltaE = 5;

    /// <summary>Below this CIE chroma a colour is a neutral: a grey, or a cool or warm grey.</summary>
    public const double NeutralChroma = 15;

    /// <summary>Very dark (L* below 25) and very light (L* above 90) colours read as near-black and near-white up to
    /// this chroma (navy text, a pale tinted surface).</summary>
    public const double NearBlackOrWhiteChroma = 25;

    private const int RampSteps = 32;

    public const int MaxFontFamilies = 3;
    private const int MaxPaletteEntries = 50;
    private CieLab[][]? _ramps;
    private int? _headerFirstImage;

    private static readonly HashSet<string> GenericFamilies = new(StringComparer.OrdinalIgnoreCase)
    {
        "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif", "ui-sans-serif", "ui-monospace",
        "ui-rounded", "math", "emoji", "fangsong", "-apple-system", "blinkmacsystemfont",
    };

    public IReadOnlyList<ColorUsage> Run()
    {
        var palette = Palette();
        PrimaryColor();
        Logo();
        Fonts();
        return palette;
    }

    private List<ColorUsage> Palette()
    {
        var usages = new List<ColorUsage>();
        foreach (var entry in styles.Colors.Entries.OrderByDescending(e => e.Count).ThenBy(e => ColorTally.Pack(e.Color)))
        {
            var lab = Ciede2000.ToLab(entry.Color);
            var neutral = IsNeutral(lab);
            BrandColor? nearest = null;
            var nearestDelta = double.MaxValue;
            foreach (var candidate in brand.Colors)
            {
                var delta = Ciede2000.DeltaE(lab, candidate.Lab);
                if (delta < nearestDelta)
                {
                    nearestDelta = delta;
                    nearest = candidate;
                }
            }

            var onBrand = brand.Colors.Count == 0 || neutral || nearestDelta <= SameColorDeltaE || IsTintOrShade(lab);
            if (brand.Colors.Count > 0)
            {
                audits.Applicable(AuditCatalog.BrandPalette);
                if (!onBrand)
                {
                    audits.Fail(AuditCatalog.BrandPalette, entry.FirstElement, string.Create(CultureInfo.InvariantCulture,
                        $"{entry.Hex} ({string.Join(", ", entry.PropertyNames)}, {entry.Count}×) is ΔE {nearestDelta:0.0} from the nearest brand colour {nearest!.Hex} ({nearest.Name})."));
                }
            }

            if (usages.Count < MaxPaletteEntries)
            {
                usages.Add(new ColorUsage(entry.Hex, entry.Count, entry.PropertyNames, neutral, nearest?.Hex,
                    nearest is null ? null : Math.Round(nearestDelta, 2, MidpointRounding.AwayFromZero), onBrand));
            }
        }

        return usages;
    }

    public static bool IsNeutral(CieLab lab) =>
        lab.Chroma < NeutralChroma || ((lab.L < 25 || lab.L > 90) && lab.Chroma < NearBlackOrWhiteChroma);

    /// <summary>Whether the colour lies on a brand colour's tint ramp (mixed with white) or shade ramp (mixed with
    /// black): the nearest ramp step by Euclidean L*a*b* distance, then CIEDE2000 there.</summary>
    private bool IsTintOrShade(CieLab lab)
    {
        _ramps ??= [.. brand.Colors.Select(c => Ramp(c.Color))];
        foreach (var ramp in _ramps)
        {
            var nearest = ramp[0];
            var nearestDistance = double.MaxValue;
            foreach (var step in ramp)
            {
                var distance = ((step.L - lab.L) * (step.L - lab.L)) + ((step.A - lab.A) * (step.A - lab.A)) + ((step.B - lab.B) * (step.B - lab.B));
                if (distance < nearestDistance)
                {
                    nearestDistance = distance;
                    nearest = step;
                }
            }

            if (Ciede2000.DeltaE(lab, nearest) <= TintShadeDeltaE)
            {
                return true;
            }
        }

        return false;
    }

    private static CieLab[] Ramp(Rgba color)
    {
        var ramp = new CieLab[(2 * RampSteps) + 1];
        for (var step = 0; step <= RampSteps; step++)
        {
            var t = step / (double)RampSteps;
            ramp[step] = Ciede2000.ToLab(Mix(color, Rgba.White, t));
            ramp[RampSteps + step] = Ciede2000.ToLab(Mix(color, Rgba.Black, t));
        }

        return ramp;
    }

    private static Rgba Mix(Rgba from, Rgba to, double t) =>
        new(from.R + ((to.R - from.R) * t), from.G + ((to.G - from.G) * t), from.B + ((to.B - from.B) * t));

    private void PrimaryColor()
    {
        if (brand.Primary is not { } primary)
        {
            return;
        }

        var calls = new List<int>();
        var header = -1;
        for (var i = 0; i < document.Count; i++)
        {
            if (!styles.IsVisible(i))
            {
                continue;
            }

            var element = document.Elements[i];
            if (IsCallToAction(element))
            {
                calls.Add(i);
            }
            else if (header < 0 && IsPageHeader(i, element))
            {
                header = i;
            }
        }

        if (calls.Count == 0 && header < 0)
        {
            return;
        }

        audits.Applicable(AuditCatalog.BrandPrimaryColor);
        if (calls.Count > 0 && !calls.Any(c => SubtreeUses(c, primary)))
        {
            var first = styles.Styles[calls[0]];
            audits.Fail(AuditCatalog.BrandPrimaryColor, calls[0], string.Create(CultureInfo.InvariantCulture,
                $"None of the {calls.Count} calls to action uses the primary colour {primary.Hex}; this one is {first.Color.ToHex()} on {first.Background.ToHex()}."));
        }

        if (header >= 0 && !SubtreeUses(header, primary))
        {
            audits.Fail(AuditCatalog.BrandPrimaryColor, header, $"The page header does not use the primary colour {primary.Hex}.");
        }
    }

    private static bool IsCallToAction(IElement element)
    {
        switch (element.LocalName)
        {
            case "button":
                return !string.Equals(element.GetAttribute("type")?.Trim(), "reset", StringComparison.OrdinalIgnoreCase);
            case "input":
                var type = element.GetAttribute("type")?.Trim().ToLowerInvariant();
                return type is "submit" or "button";
            case "a":
                if (string.Equals(element.GetAttribute("role")?.Trim(), "button", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                var classes = element.GetAttribute("class");
                return classes is not null && (classes.Contains("btn", StringComparison.OrdinalIgnoreCase)
                    || classes.Contains("button", StringComparison.OrdinalIgnoreCase)
                    || classes.Contains("cta", StringComparison.OrdinalIgnoreCase));
            default:
                return false;
        }
    }

    /// <summary>The banner: a <c>header</c> that is not inside sectioning content, or role=banner.</summary>
    private bool IsPageHeader(int index, IElement element)
    {
        if (string.Equals(element.GetAttribute("role")?.Trim(), "banner", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (element.LocalName != "header")
        {
            return false;
        }

        for (var p = document.Parent[index]; p >= 0; p = document.Parent[p])
        {
            if (document.Elements[p].LocalName is "article" or "aside" or "main" or "nav" or "section")
            {
                return false;
            }
        }

        return true;
    }

    private bool SubtreeUses(int root, BrandColor target)
    {
        for (var i = root; i < document.SubtreeEnd[root]; i++)
        {
            if (!styles.IsVisible(i))
            {
                continue;
            }

            var style = styles.Styles[i];
            if ((style.BackgroundKnown && style.Background.A > 0 && Matches(style.Background, target))
                || (style.ColorKnown && document.HasOwnText(i) && Matches(style.Color, target))
                || (style.BorderColor is { } border && Matches(border, target))
                || (style.GradientStops?.Any(s => Matches(s, target)) ?? false))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(Rgba color, BrandColor target) => Ciede2000.DeltaE(Ciede2000.ToLab(color), target.Lab) <= SameColorDeltaE;

    private void Logo()
    {
        if (document.Count == 0)
        {
            return;
        }

        audits.Applicable(AuditCatalog.BrandLogo);
        var byUrl = -1;
        var byHeuristic = -1;
        for (var i = 0; i < document.Count && byUrl < 0; i++)
        {
            if (!styles.Rendered[i])
            {
                continue;
            }

            var element = document.Elements[i];
            var source = ImageSource(element);
            if (source is null && element.LocalName != "svg" && !string.Equals(element.GetAttribute("role")?.Trim(), "img", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (brand.LogoUrl is not null && source is not null && SameImage(source, brand.LogoUrl))
            {
                byUrl = i;
            }
            else if (byHeuristic < 0 && LooksLikeLogo(i, element, source))
            {
                byHeuristic = i;
            }
        }

        if (brand.LogoUrl is not null && byUrl < 0)
        {
            var shown = byHeuristic >= 0 ? " The page shows another logo instead." : "";
            if (byHeuristic >= 0)
            {
                audits.Fail(AuditCatalog.BrandLogo, byHeuristic, $"The brand's logo ({Shorten(brand.LogoUrl)}) is not on the page.{shown}");
            }
            else
            {
                audits.FailPage(AuditCatalog.BrandLogo, $"The brand's logo ({Shorten(brand.LogoUrl)}) is not on the page.");
            }

            return;
        }

        var logo = byUrl >= 0 ? byUrl : byHeuristic;
        if (logo < 0)
        {
            audits.FailPage(AuditCatalog.BrandLogo, "No logo found: no image named or classed \"logo\", and no image in the page header.");
            return;
        }

        if (names.Name(logo, fromContent: false).Length == 0)
        {
            audits.Fail(AuditCatalog.BrandLogo, logo, "The logo has no alt text.");
        }
    }

    private static string? ImageSource(IElement element) => element.LocalName switch
    {
        "img" => element.GetAttribute("src") ?? element.GetAttribute("srcset")?.Split(',')[0].Trim().Split(' ')[0],
        "input" when string.Equals(element.GetAttribute("type")?.Trim(), "image", StringComparison.OrdinalIgnoreCase) => element.GetAttribute("src"),
        "image" => element.GetAttribute("href") ?? element.GetAttribute("xlink:href"),
        _ => null,
    };

    private bool LooksLikeLogo(int index, IElement element, string? source)
    {
        static bool Says(string? text) => text is not null && text.Contains("logo", StringComparison.OrdinalIgnoreCase);
        if (Says(source) || Says(element.GetAttribute("alt")) || Says(element.GetAttribute("aria-label")) || Says(element.ClassName) || Says(element.Id))
        {
            return true;
        }

        var level = 0;
        for (var p = document.Parent[index]; p >= 0 && level < 3; p = document.Parent[p], level++)
        {
            var ancestor = document.Elements[p];
            if (Says(ancestor.ClassName) || Says(ancestor.Id) || (ancestor.ClassName?.Contains("brand", StringComparison.OrdinalIgnoreCase) ?? false))
            {
                return true;
            }
        }

        // Otherwise the first image of the page header is taken for the logo.
        return index == HeaderFirstImage();
    }

    private int HeaderFirstImage()
    {
        if (_headerFirstImage is { } known)
        {
            return known;
        }

        _headerFirstImage = -1;
        for (var i = 0; i < document.Count; i++)
        {
            if (IsPageHeader(i, document.Elements[i]))
            {
                for (var inner = i + 1; inner < document.SubtreeEnd[i]; inner++)
                {
                    if (document.Elements[inner].LocalName is "img" or "svg")
                    {
                        _headerFirstImage = inner;
                        break;
                    }
                }

                break;
            }
        }

        return _headerFirstImage.Value;
    }

    private static bool SameImage(string source, string logoUrl)
    {
        if (string.Equals(source.Trim(), logoUrl, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (UrlSafety.IsData(source) || UrlSafety.IsData(logoUrl))
        {
            return false;
        }

        var file = FileName(logoUrl);
        return file.Length > 0 && string.Equals(FileName(source), file, StringComparison.OrdinalIgnoreCase);
    }

    private static string FileName(string url)
    {
        var path = url.Split('?', '#')[0].TrimEnd('/');
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    private void Fonts()
    {
        var families = new Dictionary<string, (string Name, int FirstElement, int Count)>(StringComparer.OrdinalIgnoreCase);
        var firstFamilies = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Count; i++)
        {
            var style = styles.Styles[i];
            if (!style.AuthorFont || !styles.IsVisible(i) || !document.HasOwnText(i) || InCode(i))
            {
                continue;
            }

            if (!firstFamilies.TryGetValue(style.FontFamily, out var family))
            {
                family = CssText.FirstFamily(style.FontFamily);
                firstFamilies[style.FontFamily] = family;
            }

            if (family.Length == 0 || IsIconFont(family))
            {
                continue;
            }

            families[family] = families.TryGetValue(family, out var seen) ? seen with { Count = seen.Count + 1 } : (family, i, 1);
        }

        if (families.Count == 0)
        {
            return;
        }

        audits.Applicable(AuditCatalog.BrandFonts);
        if (families.Count > MaxFontFamilies)
        {
            audits.FailPage(AuditCatalog.BrandFonts, $"Text uses {families.Count} font families ({string.Join(", ", families.Values.OrderByDescending(f => f.Count).Select(f => f.Name))}); keep to {MaxFontFamilies}.");
        }

        if (brand.Fonts.Count == 0)
        {
            return;
        }

        foreach (var (name, first, count) in families.Values)
        {
            if (!brand.Fonts.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                var kind = GenericFamilies.Contains(name) ? "the generic family" : "the font";
                audits.Fail(AuditCatalog.BrandFonts, first, $"Text ({count}×) is set in {kind} \"{name}\", which is not a brand font ({string.Join(", ", brand.Fonts)}).");
            }
        }
    }

    private bool InCode(int index)
    {
        for (var i = index; i >= 0; i = document.Parent[i])
        {
            if (document.Elements[i].LocalName is "code" or "pre" or "kbd" or "samp")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIconFont(string family) =>
        family.Contains("icon", StringComparison.OrdinalIgnoreCase) || family.Contains("awesome", StringComparison.OrdinalIgnoreCase)
        || family.Contains("material symbols", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");
}
