using System.Xml.Linq;
using static SiteBuilder.BrandAssets.Images.Offline.Svg;

namespace SiteBuilder.BrandAssets.Images.Offline;

internal enum LogoConcept
{
    MonogramBadge,
    Wordmark,
    OverlapCircles,
    HexCube,
    StripedSun,
    Chevrons,
    Emblem,
    BauhausTiles,
}

/// <summary>What every logo concept draws with.</summary>
internal sealed record LogoCanvas(int Width, int Height, BrandText Brand, StyleKit Kit, Palette Palette, SeededRandom Random, string Id)
{
    public double Min => Math.Min(Width, Height);

    public double Pad => Min * 0.08;

    /// <summary>Wide canvases put the mark beside the name; square and tall ones stack them.</summary>
    public bool Horizontal => Width >= Height * 1.45;

    public string Ref(string name) => $"{Id}-{name}";

    public string Url(string name) => $"url(#{Ref(name)})";
}

/// <summary>
/// Eight logo concepts, each drawn in the style's type, corners and colour habits. A request for n logos
/// takes n different concepts, so alternatives differ in layout and not only in detail.
/// </summary>
internal static class LogoDesigner
{
    private static readonly Dictionary<ImageStyle, LogoConcept[]> Preferred = new()
    {
        [ImageStyle.Modern] = [LogoConcept.MonogramBadge, LogoConcept.OverlapCircles, LogoConcept.Wordmark, LogoConcept.Chevrons, LogoConcept.BauhausTiles, LogoConcept.HexCube, LogoConcept.StripedSun, LogoConcept.Emblem],
        [ImageStyle.Classic] = [LogoConcept.Emblem, LogoConcept.Wordmark, LogoConcept.MonogramBadge, LogoConcept.StripedSun, LogoConcept.HexCube, LogoConcept.Chevrons, LogoConcept.OverlapCircles, LogoConcept.BauhausTiles],
        [ImageStyle.Playful] = [LogoConcept.OverlapCircles, LogoConcept.Wordmark, LogoConcept.BauhausTiles, LogoConcept.MonogramBadge, LogoConcept.StripedSun, LogoConcept.Emblem, LogoConcept.Chevrons, LogoConcept.HexCube],
        [ImageStyle.Minimal] = [LogoConcept.Wordmark, LogoConcept.MonogramBadge, LogoConcept.OverlapCircles, LogoConcept.HexCube, LogoConcept.StripedSun, LogoConcept.Chevrons, LogoConcept.BauhausTiles, LogoConcept.Emblem],
        [ImageStyle.Bold] = [LogoConcept.MonogramBadge, LogoConcept.Wordmark, LogoConcept.Chevrons, LogoConcept.BauhausTiles, LogoConcept.HexCube, LogoConcept.StripedSun, LogoConcept.OverlapCircles, LogoConcept.Emblem],
    };

    public static IReadOnlyList<LogoConcept> OrderFor(ImageStyle style) => Preferred[style];

    public static (IEnumerable<XElement> Content, string Description) Draw(LogoConcept concept, LogoCanvas c) => concept switch
    {
        LogoConcept.Wordmark => Wordmark(c),
        LogoConcept.Emblem when !c.Horizontal => Seal(c),
        _ => MarkWithName(concept, c),
    };

    private static (IEnumerable<XElement>, string) MarkWithName(LogoConcept concept, LogoCanvas c)
    {
        var defs = E("defs");
        Func<double, double, double, XElement> mark;
        string what;
        switch (concept)
        {
            case LogoConcept.MonogramBadge:
                mark = (x, y, s) => Monogram(c, defs, x, y, s);
                what = $"Monogram \"{c.Brand.Initials}\" in a {BadgeShapeName(c.Kit.Style)}";
                break;
            case LogoConcept.OverlapCircles:
                var three = c.Kit.Style == ImageStyle.Playful || c.Random.Chance(0.6);
                mark = (x, y, s) => Circles(c, x, y, s, three);
                what = three ? "Three overlapping circles" : "Two interlocking circles";
                break;
            case LogoConcept.HexCube:
                mark = (x, y, s) => HexCube(c, x, y, s);
                what = "Isometric cube in a hexagon";
                break;
            case LogoConcept.StripedSun:
                mark = (x, y, s) => StripedSun(c, defs, x, y, s);
                what = c.Kit.Outline ? "Horizon of stacked lines" : "Striped sun";
                break;
            case LogoConcept.Chevrons:
                var peaks = c.Random.Chance(0.45);
                mark = (x, y, s) => peaks ? Peaks(c, defs, x, y, s) : Chevrons(c, x, y, s);
                what = peaks ? "Mountain peaks with a sun" : "Rising chevrons";
                break;
            case LogoConcept.BauhausTiles:
                mark = (x, y, s) => Tiles(c, x, y, s);
                what = "Four geometric tiles";
                break;
            default:
                mark = (x, y, s) => SealMark(c, x, y, s);
                what = $"Round seal with \"{c.Brand.Initials}\"";
                break;
        }

        var content = new List<XElement> { defs };
        content.AddRange(Lockup(c, mark));
        var arrangement = c.Horizontal ? "beside" : "above";
        return (content, $"{what} {arrangement} the wordmark \"{c.Brand.Name}\" ({StyleName(c)}).");
    }

    /// <summary>Mark and name side by side on wide canvases, stacked on square and tall ones; the group is centred.</summary>
    private static IEnumerable<XElement> Lockup(LogoCanvas c, Func<double, double, double, XElement> mark)
    {
        var name = c.Kit.Render(c.Brand.Name);
        var tagline = c.Brand.Tagline?.ToUpperInvariant();
        if (c.Horizontal)
        {
            var markSize = Math.Min(c.Height - (2 * c.Pad), c.Width * 0.3);
            var gap = markSize * 0.24;
            var available = c.Width - (2 * c.Pad) - markSize - gap;
            var fs = c.Kit.FitFontSize(name, available, markSize * 0.46);
            var textWidth = Math.Min(available, c.Kit.EmWidth(name) * fs);
            if (tagline is not null)
            {
                textWidth = Math.Max(textWidth, Math.Min(available, TaglineWidth(c, tagline, fs)));
            }

            var x0 = (c.Width - (markSize + gap + textWidth)) / 2;
            var cy = c.Height / 2.0;
            yield return mark(x0 + (markSize / 2), cy, markSize);
            var textX = x0 + markSize + gap;
            if (tagline is null)
            {
                yield return Name(c, name, textX, cy + (fs * 0.35), fs, "start");
            }
            else
            {
                yield return Name(c, name, textX, cy + (fs * 0.12), fs, "start");
                yield return Tagline(c, tagline, textX, cy + (fs * 0.78), fs, "start", available);
            }
        }
        else
        {
            var markSize = c.Min * (tagline is null ? 0.48 : 0.44);
            var gap = markSize * 0.2;
            var fs = c.Kit.FitFontSize(name, c.Width - (2 * c.Pad), c.Min * 0.13);
            var taglineBlock = tagline is null ? 0 : fs * 0.75;
            var block = markSize + gap + (fs * 0.72) + taglineBlock;
            var top = (c.Height - block) / 2;
            yield return mark(c.Width / 2.0, top + (markSize / 2), markSize);
            var baseline = top + markSize + gap + (fs * 0.72);
            yield return Name(c, name, c.Width / 2.0, baseline, fs, "middle");
            if (tagline is not null)
            {
                yield return Tagline(c, tagline, c.Width / 2.0, baseline + taglineBlock, fs, "middle", c.Width - (2 * c.Pad));
            }
        }
    }

    private static double TaglineWidth(LogoCanvas c, string tagline, double nameSize)
        => c.Kit.EmWidth(tagline, 500, 0.3) * nameSize * 0.3;

    /// <summary>The brand name, coloured the way the style colours words.</summary>
    private static XElement Name(LogoCanvas c, string name, double x, double baseline, double fs, string anchor)
    {
        var text = TextElement(c, x, baseline, fs, anchor, c.Palette.Ink, pinTo: name);
        var words = name.Split(' ');
        switch (c.Kit.Style)
        {
            case ImageStyle.Modern when words.Length > 1:
                text.Add(E("tspan", string.Join(' ', words[..^1]) + " "), E("tspan", ("fill", Readable(c.Palette.Primary)), words[^1]));
                break;
            case ImageStyle.Playful:
                AddColourfulLetters(c, text, name);
                break;
            case ImageStyle.Bold when words.Length > 1:
                text.Add(E("tspan", words[0] + " "), E("tspan", ("fill", Readable(c.Palette.Primary)), string.Join(' ', words[1..])));
                break;
            default:
                text.Add(name);
                break;
        }

        return text;
    }

    private static XElement Tagline(LogoCanvas c, string tagline, double x, double baseline, double nameSize, string anchor, double maxWidth)
    {
        var fs = Math.Min(nameSize * 0.32, maxWidth / Math.Max(1, c.Kit.EmWidth(tagline, 500, 0.3)));
        return E("text",
            ("x", x), ("y", baseline), ("font-family", c.Kit.Style == ImageStyle.Classic ? StyleKit.SerifStack : StyleKit.SansStack),
            ("font-size", fs), ("font-weight", 500), ("letter-spacing", Num(fs * 0.3)), ("text-anchor", anchor),
            ("textLength", Num(c.Kit.EmWidth(tagline, 500, 0.3) * fs)), ("lengthAdjust", "spacing"),
            ("fill", c.Palette.Ink), ("fill-opacity", 0.72), tagline);
    }

    /// <summary>
    /// A text element whose advance is pinned to the estimated width with <c>textLength</c>: the layout then
    /// holds whichever font of the stack the viewer has, only the spacing between letters adapts.
    /// </summary>
    private static XElement TextElement(LogoCanvas c, double x, double baseline, double fs, string anchor, RgbColor fill, int? weight = null, double? letterSpacingEm = null, string? pinTo = null)
    {
        var text = E("text",
            ("x", x), ("y", baseline), ("font-family", c.Kit.FontFamily), ("font-size", fs),
            ("font-weight", weight ?? c.Kit.FontWeight), ("letter-spacing", Num(fs * (letterSpacingEm ?? c.Kit.LetterSpacingEm))),
            ("text-anchor", anchor), ("fill", fill));
        if (pinTo is { Length: > 1 })
        {
            text.SetAttributeValue("textLength", Num(c.Kit.EmWidth(pinTo, weight, letterSpacingEm) * fs));
            text.SetAttributeValue("lengthAdjust", "spacing");
        }

        return text;
    }

    private static void AddColourfulLetters(LogoCanvas c, XElement text, string name)
    {
        var i = 0;
        foreach (var ch in name)
        {
            if (ch == ' ')
            {
                text.Add(E("tspan", " "));
                continue;
            }

            text.Add(E("tspan", ("fill", Readable(c.Palette.At(i))), ch.ToString()));
            i++;
        }
    }

    /// <summary>A palette colour dark enough to read on white.</summary>
    private static RgbColor Readable(RgbColor colour)
    {
        var c = colour;
        for (var i = 0; i < 10 && RgbColor.Contrast(c, RgbColor.White) < 2.6; i++)
        {
            c = c.Darken(0.06);
        }

        return c;
    }

    private static (IEnumerable<XElement>, string) Wordmark(LogoCanvas c)
    {
        var words = c.Brand.Name.Split(' ');
        var twoLines = !c.Horizontal && words.Length > 1;
        var lines = twoLines
            ? [string.Join(' ', words[..((words.Length + 1) / 2)]), string.Join(' ', words[((words.Length + 1) / 2)..])]
            : new[] { c.Brand.Name };
        var content = new List<XElement>();
        var width = c.Width - (3 * c.Pad);
        var cx = c.Width / 2.0;
        string what;

        switch (c.Kit.Style)
        {
            case ImageStyle.Modern:
            {
                lines = lines.Select(l => l.ToLowerInvariant()).ToArray();
                lines[^1] += ".";
                var fs = lines.Min(l => c.Kit.FitFontSize(l, width, c.Height * (twoLines ? 0.26 : 0.34), 800, -0.03));
                var lead = fs * 0.98;
                var first = (c.Height / 2.0) - ((lines.Length - 1) * lead / 2) + (fs * 0.36);
                for (var i = 0; i < lines.Length; i++)
                {
                    var t = TextElement(c, cx, first + (i * lead), fs, "middle", c.Palette.Ink, 800, -0.03, lines[i]);
                    if (i == lines.Length - 1)
                    {
                        t.Add(lines[i][..^1], E("tspan", ("fill", Readable(c.Palette.Primary)), "."));
                    }
                    else
                    {
                        t.Add(lines[i]);
                    }

                    content.Add(t);
                }

                what = "Lower-case wordmark with a brand-colour full stop";
                break;
            }

            case ImageStyle.Classic:
            {
                var upper = lines.Select(l => l.ToUpperInvariant()).ToArray();
                var fs = upper.Min(l => c.Kit.FitFontSize(l, width, c.Height * (twoLines ? 0.15 : 0.18), 600, 0.16));
                var textWidth = upper.Max(l => c.Kit.EmWidth(l, 600, 0.16)) * fs;
                var lead = fs * 1.12;
                var cy = (c.Height / 2.0) - ((upper.Length - 1) * lead / 2);
                var below = cy + ((upper.Length - 1) * lead);
                var ruleHalf = Math.Min(width, textWidth) / 2;
                var gap = fs * 0.55;
                var primary = c.Palette.Primary;
                content.Add(Line(cx - ruleHalf, cy - fs * 0.36 - gap, cx + ruleHalf, cy - fs * 0.36 - gap, c.Palette.Ink, Math.Max(1, fs * 0.03)));
                content.Add(Line(cx - ruleHalf, below + fs * 0.36 + gap, cx + ruleHalf, below + fs * 0.36 + gap, c.Palette.Ink, Math.Max(1, fs * 0.03)));
                var d = fs * 0.16;
                content.Add(E("path", ("d", Polygon([(cx, cy - fs * 0.36 - gap - d), (cx + d, cy - fs * 0.36 - gap), (cx, cy - fs * 0.36 - gap + d), (cx - d, cy - fs * 0.36 - gap)])), ("fill", primary)));
                for (var i = 0; i < upper.Length; i++)
                {
                    var t = TextElement(c, cx + (fs * 0.08), cy + (i * lead) + (fs * 0.36), fs, "middle", c.Palette.Ink, 600, 0.16, upper[i]);
                    t.Add(upper[i]);
                    content.Add(t);
                }

                if (c.Brand.Tagline is { } tagline)
                {
                    content.Add(Tagline(c, tagline.ToUpperInvariant(), cx, below + fs * 0.36 + gap + fs * 0.8, fs * 1.2, "middle", width));
                }

                what = "Spaced serif wordmark between fine rules";
                break;
            }

            case ImageStyle.Playful:
            {
                var fs = lines.Min(l => c.Kit.FitFontSize(l, width, c.Height * (twoLines ? 0.24 : 0.3)));
                var lead = fs * 1.02;
                var first = (c.Height / 2.0) - ((lines.Length - 1) * lead / 2) + (fs * 0.3);
                var colour = 0;
                for (var i = 0; i < lines.Length; i++)
                {
                    var t = TextElement(c, cx, first + (i * lead), fs, "middle", c.Palette.Ink, pinTo: lines[i]);
                    foreach (var ch in lines[i])
                    {
                        if (ch == ' ')
                        {
                            t.Add(E("tspan", " "));
                            continue;
                        }

                        t.Add(E("tspan", ("fill", Readable(c.Palette.At(colour++))), ch.ToString()));
                    }

                    content.Add(t);
                }

                var lastBaseline = first + ((lines.Length - 1) * lead);
                var squiggleWidth = Math.Min(width * 0.6, c.Kit.EmWidth(lines[^1]) * fs * 0.7);
                content.Add(Squiggle(cx - squiggleWidth / 2, lastBaseline + fs * 0.32, squiggleWidth, fs * 0.09, c.Palette.Accent, fs * 0.07));
                what = "Multicoloured rounded wordmark with a squiggle underline";
                break;
            }

            case ImageStyle.Minimal:
            {
                var name = c.Brand.Name.ToUpperInvariant();
                var fs = c.Kit.FitFontSize(name, width, c.Height * (c.Horizontal ? 0.22 : 0.15), letterSpacingEm: 0.22);
                var cy = c.Height / 2.0;
                var t = TextElement(c, cx + (fs * 0.11), cy + (fs * 0.36), fs, "middle", c.Palette.Ink, letterSpacingEm: 0.22, pinTo: name);
                t.Add(name);
                content.Add(t);
                var bar = fs * 1.4;
                content.Add(Line(cx - bar / 2, cy + fs * 1.05, cx + bar / 2, cy + fs * 1.05, c.Palette.Primary, Math.Max(1.5, fs * 0.06)));
                if (c.Brand.Tagline is { } tagline)
                {
                    content.Add(Tagline(c, tagline.ToUpperInvariant(), cx, cy + fs * 1.9, fs * 1.3, "middle", width));
                }

                what = "Light, widely spaced capitals over a short brand-colour rule";
                break;
            }

            default:
            {
                var upper = lines.Select(l => l.ToUpperInvariant()).ToArray();
                var fs = upper.Min(l => c.Kit.FitFontSize(l, width * 0.9, c.Height * (twoLines ? 0.22 : 0.28)));
                var lead = fs * 1.0;
                var blockHeight = (upper.Length * lead) + (fs * 0.3);
                var textWidth = upper.Max(l => c.Kit.EmWidth(l)) * fs;
                var slabWidth = Math.Min(c.Width - (2 * c.Pad), textWidth + (fs * 0.8));
                var top = (c.Height - blockHeight) / 2;
                // Skewing about the slab's middle keeps it centred under the upright text.
                var skew = $"translate({Num(cx)} {Num(c.Height / 2.0)}) skewX(-8) translate({Num(-cx)} {Num(-c.Height / 2.0)})";
                var offset = fs * 0.14;
                content.Add(E("rect",
                    ("x", cx - slabWidth / 2 + offset), ("y", top + offset), ("width", slabWidth), ("height", blockHeight),
                    ("fill", c.Palette.Secondary), ("transform", skew)));
                content.Add(E("rect",
                    ("x", cx - slabWidth / 2), ("y", top), ("width", slabWidth), ("height", blockHeight),
                    ("fill", c.Palette.Primary), ("transform", skew)));
                for (var i = 0; i < upper.Length; i++)
                {
                    var t = TextElement(c, cx, top + (fs * 0.15) + (i * lead) + (fs * 0.86), fs, "middle", c.Palette.OnPrimary, pinTo: upper[i]);
                    t.Add(upper[i]);
                    content.Add(t);
                }

                what = "Heavy capitals reversed out of a slanted brand-colour slab";
                break;
            }
        }

        return (content, $"{what}: \"{c.Brand.Name}\" ({StyleName(c)}).");
    }

    private static XElement Line(double x1, double y1, double x2, double y2, RgbColor stroke, double width)
        => E("line", ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2), ("stroke", stroke), ("stroke-width", width), ("stroke-linecap", "round"));

    private static XElement Squiggle(double x, double y, double width, double amplitude, RgbColor stroke, double strokeWidth)
    {
        const int waves = 5;
        var step = width / (waves * 2);
        var d = $"M{Num(x)} {Num(y)}";
        for (var i = 0; i < waves * 2; i++)
        {
            var dir = i % 2 == 0 ? -1 : 1;
            d += $" q{Num(step / 2)} {Num(dir * amplitude * 2)} {Num(step)} 0";
        }

        return E("path", ("d", d), ("fill", "none"), ("stroke", stroke), ("stroke-width", strokeWidth), ("stroke-linecap", "round"), ("stroke-linejoin", "round"));
    }

    private static XElement Monogram(LogoCanvas c, XElement defs, double cx, double cy, double s)
    {
        var p = c.Palette;
        var initials = c.Brand.Initials;
        var g = Group();
        var letterColour = p.OnPrimary;
        switch (c.Kit.Style)
        {
            case ImageStyle.Classic:
                g.Add(E("circle", ("cx", cx), ("cy", cy), ("r", s / 2), ("fill", p.Primary)));
                g.Add(E("circle", ("cx", cx), ("cy", cy), ("r", s * 0.43), ("fill", "none"), ("stroke", letterColour), ("stroke-width", s * 0.014)));
                break;
            case ImageStyle.Playful:
                g.Add(E("circle", ("cx", cx + s * 0.04), ("cy", cy + s * 0.04), ("r", s * 0.46), ("fill", p.Accent)));
                g.Add(E("circle", ("cx", cx - s * 0.03), ("cy", cy - s * 0.03), ("r", s * 0.46), ("fill", p.Primary)));
                break;
            case ImageStyle.Minimal:
                letterColour = p.Ink;
                g.Add(E("circle", ("cx", cx), ("cy", cy), ("r", s * 0.47), ("fill", "none"), ("stroke", p.Ink), ("stroke-width", s * 0.018)));
                var a = Math.PI / 4;
                g.Add(E("circle", ("cx", cx + (s * 0.47 * Math.Cos(a))), ("cy", cy + (s * 0.47 * Math.Sin(a))), ("r", s * 0.05), ("fill", p.Primary)));
                break;
            case ImageStyle.Bold:
                g.Add(E("path", ("d", Polygon(RegularPolygon(cx + s * 0.04, cy + s * 0.04, s * 0.5, 6))), ("fill", p.Secondary)));
                g.Add(E("path", ("d", Polygon(RegularPolygon(cx - s * 0.02, cy - s * 0.02, s * 0.5, 6))), ("fill", p.Primary)));
                break;
            default:
                // An analogous sweep stays vivid; a blend into a complementary secondary would pass through grey.
                var sweep = p.Primary.RotateHue(-24);
                defs.Add(LinearGradient(c.Ref("badge"), [(0, sweep), (1, p.Primary)], 0, 0, 1, 1));
                g.Add(E("rect", ("x", cx - s / 2), ("y", cy - s / 2), ("width", s), ("height", s), ("rx", s * c.Kit.CornerRatio), ("fill", c.Url("badge"))));
                letterColour = p.TextOn(p.Primary.Mix(sweep, 0.5));
                break;
        }

        var weight = c.Kit.Style == ImageStyle.Minimal ? 300 : c.Kit.FontWeight;
        var spacing = c.Kit.Style == ImageStyle.Minimal ? 0.06 : -0.02;
        var fs = Math.Min(s * (initials.Length > 1 ? 0.42 : 0.56), s * 0.66 / c.Kit.EmWidth(initials, weight, spacing));
        var letters = TextElement(c, cx + (fs * spacing / 2), cy + (fs * 0.36), fs, "middle", letterColour, weight, spacing);
        letters.Add(initials);
        if (c.Kit.Tilt != 0)
        {
            letters.SetAttributeValue("transform", $"rotate({Num(c.Kit.Tilt)} {Num(cx)} {Num(cy)})");
        }

        g.Add(letters);
        return g;
    }

    private static XElement Circles(LogoCanvas c, double cx, double cy, double s, bool three)
    {
        var p = c.Palette;
        var g = Group(("style", "isolation:isolate"));
        var centres = three
            ? new[] { (-90.0, 0.19), (30.0, 0.19), (150.0, 0.19) }
            : [(180.0, 0.16), (0.0, 0.16)];
        var r = s * (three ? 0.3 : 0.33);
        var light = p.All.Take(centres.Length).All(col => col.Lightness > 0.45);
        for (var i = 0; i < centres.Length; i++)
        {
            var (angle, distance) = centres[i];
            var a = angle * Math.PI / 180;
            var x = cx + (s * distance * Math.Cos(a));
            var y = cy + (three ? s * 0.04 : 0) + (s * distance * Math.Sin(a));
            if (c.Kit.Outline)
            {
                g.Add(E("circle", ("cx", x), ("cy", y), ("r", r), ("fill", "none"), ("stroke", i == 0 ? p.Primary : p.Ink), ("stroke-width", s * 0.022)));
            }
            else
            {
                g.Add(E("circle", ("cx", x), ("cy", y), ("r", r), ("fill", p.At(i)),
                    light ? ("style", "mix-blend-mode:multiply") : ("fill-opacity", 0.86)));
            }
        }

        return g;
    }

    private static XElement HexCube(LogoCanvas c, double cx, double cy, double s)
    {
        var p = c.Palette;
        var r = s * 0.5;
        var h = r * Math.Cos(Math.PI / 6);
        (double, double) top = (cx, cy - r), upperRight = (cx + h, cy - r / 2), lowerRight = (cx + h, cy + r / 2),
            bottom = (cx, cy + r), lowerLeft = (cx - h, cy + r / 2), upperLeft = (cx - h, cy - r / 2), centre = (cx, cy);
        var g = Group(("stroke-linejoin", "round"));
        if (c.Kit.Outline)
        {
            var stroke = s * 0.022;
            g.Add(E("path", ("d", Polygon([top, upperRight, lowerRight, bottom, lowerLeft, upperLeft])), ("fill", "none"), ("stroke", p.Ink), ("stroke-width", stroke)));
            g.Add(E("path", ("d", $"M{Num(cx)} {Num(cy)} L{Num(upperLeft.Item1)} {Num(upperLeft.Item2)} M{Num(cx)} {Num(cy)} L{Num(upperRight.Item1)} {Num(upperRight.Item2)} M{Num(cx)} {Num(cy)} L{Num(cx)} {Num(bottom.Item2)}"),
                ("stroke", p.Primary), ("stroke-width", stroke), ("stroke-linecap", "round")));
            return g;
        }

        var (topFace, leftFace, rightFace) = c.Kit.Style switch
        {
            ImageStyle.Playful => (p.Accent, p.Primary, p.Secondary),
            ImageStyle.Bold => (p.Primary.Lighten(0.2), p.Primary, p.Ink),
            ImageStyle.Classic => (p.Primary.Lighten(0.18), p.Primary, p.Primary.Darken(0.16)),
            _ => (p.Primary.Lighten(0.16), p.Primary, p.Secondary),
        };
        var seam = c.Kit.Style == ImageStyle.Playful ? ("stroke", (object)RgbColor.White) : ("stroke", (object)"none");
        g.Add(E("path", ("d", Polygon([top, upperRight, centre, upperLeft])), ("fill", topFace), seam, ("stroke-width", s * 0.025)));
        g.Add(E("path", ("d", Polygon([upperLeft, centre, bottom, lowerLeft])), ("fill", leftFace), seam, ("stroke-width", s * 0.025)));
        g.Add(E("path", ("d", Polygon([centre, upperRight, lowerRight, bottom])), ("fill", rightFace), seam, ("stroke-width", s * 0.025)));
        if (c.Kit.Style == ImageStyle.Classic)
        {
            g.Add(E("path", ("d", Polygon(RegularPolygon(cx, cy, r * 1.1, 6))), ("fill", "none"), ("stroke", p.Ink), ("stroke-width", s * 0.012)));
        }

        return g;
    }

    private static XElement StripedSun(LogoCanvas c, XElement defs, double cx, double cy, double s)
    {
        var p = c.Palette;
        var r = s * 0.48;
        if (c.Kit.Outline)
        {
            var g = Group(("stroke-linecap", "round"), ("stroke-width", s * 0.05));
            var lengths = new[] { 0.5, 0.8, 1.0, 0.65 };
            for (var i = 0; i < lengths.Length; i++)
            {
                var y = cy - (s * 0.33) + (i * s * 0.22);
                var half = r * lengths[i];
                g.Add(Line(cx - half, y, cx + half, y, i == 1 ? p.Primary : p.Ink, s * 0.05));
            }

            return g;
        }

        var gradient = c.Ref("sun");
        defs.Add(LinearGradient(gradient, [(0, p.Accent), (1, p.Primary)], 0, 0, 0, 1));
        var mask = E("mask", ("id", c.Ref("sun-cut")), ("maskUnits", "userSpaceOnUse"),
            E("rect", ("x", cx - r), ("y", cy - r), ("width", 2 * r), ("height", 2 * r), ("fill", "#fff")));
        var y0 = cy + (r * 0.05);
        for (var i = 0; i < 5; i++)
        {
            var gap = s * (0.018 + (0.012 * i));
            mask.Add(E("rect", ("x", cx - r), ("y", y0 + (i * r * 0.19)), ("width", 2 * r), ("height", gap), ("fill", "#000")));
        }

        defs.Add(mask);
        var sun = Group(("mask", c.Url("sun-cut")),
            E("circle", ("cx", cx), ("cy", cy), ("r", r), ("fill", $"url(#{gradient})")));
        if (c.Kit.Style == ImageStyle.Classic)
        {
            return Group(sun, E("circle", ("cx", cx), ("cy", cy), ("r", r * 1.08), ("fill", "none"), ("stroke", p.Ink), ("stroke-width", s * 0.012)));
        }

        return sun;
    }

    private static XElement Chevrons(LogoCanvas c, double cx, double cy, double s)
    {
        var p = c.Palette;
        var g = Group(("fill", "none"), ("stroke-linecap", c.Kit.Style == ImageStyle.Playful ? "round" : "butt"),
            ("stroke-linejoin", c.Kit.Style == ImageStyle.Playful ? "round" : "miter"));
        var stroke = s * (c.Kit.Outline ? 0.05 : c.Kit.Style == ImageStyle.Bold ? 0.16 : 0.12);
        var half = s * 0.42;
        var rise = s * 0.28;
        for (var i = 0; i < 3; i++)
        {
            var apex = cy - (s * 0.36) + (i * s * 0.25);
            var colour = c.Kit.Outline ? (i == 0 ? p.Primary : p.Ink) : p.At(i);
            g.Add(E("path", ("d", $"M{Num(cx - half)} {Num(apex + rise)} L{Num(cx)} {Num(apex)} L{Num(cx + half)} {Num(apex + rise)}"),
                ("stroke", colour), ("stroke-width", stroke), ("stroke-opacity", c.Kit.Outline ? 1 : 1 - (i * 0.12))));
        }

        return g;
    }

    private static XElement Peaks(LogoCanvas c, XElement defs, double cx, double cy, double s)
    {
        var p = c.Palette;
        var baseY = cy + (s * 0.34);
        var clipId = c.Ref("peaks");
        defs.Add(E("clipPath", ("id", clipId), E("circle", ("cx", cx), ("cy", cy), ("r", s * 0.5))));
        var g = Group(("clip-path", $"url(#{clipId})"));
        if (c.Kit.Outline)
        {
            return Group(
                E("circle", ("cx", cx), ("cy", cy), ("r", s * 0.48), ("fill", "none"), ("stroke", p.Ink), ("stroke-width", s * 0.02)),
                E("path", ("d", $"M{Num(cx - s * 0.4)} {Num(baseY)} L{Num(cx - s * 0.1)} {Num(cy - s * 0.14)} L{Num(cx + s * 0.06)} {Num(cy + s * 0.06)} L{Num(cx + s * 0.18)} {Num(cy - s * 0.06)} L{Num(cx + s * 0.4)} {Num(baseY)}"),
                    ("fill", "none"), ("stroke", p.Ink), ("stroke-width", s * 0.02), ("stroke-linejoin", "round")),
                E("circle", ("cx", cx + s * 0.16), ("cy", cy - s * 0.24), ("r", s * 0.06), ("fill", p.Primary)));
        }

        g.Add(E("rect", ("x", cx - s / 2), ("y", cy - s / 2), ("width", s), ("height", s), ("fill", p.Paper.Mix(p.Accent, 0.25))));
        g.Add(E("circle", ("cx", cx + s * 0.18), ("cy", cy - s * 0.16), ("r", s * 0.12), ("fill", p.Accent)));
        g.Add(E("path", ("d", Polygon([(cx - s * 0.62, baseY), (cx - s * 0.08, cy - s * 0.2), (cx + s * 0.3, baseY)])), ("fill", p.Primary)));
        g.Add(E("path", ("d", Polygon([(cx - s * 0.2, baseY), (cx + s * 0.22, cy - s * 0.02), (cx + s * 0.65, baseY)])), ("fill", p.Secondary)));
        g.Add(E("path", ("d", Polygon([(cx - s * 0.08, cy - s * 0.2), (cx - s * 0.17, cy - s * 0.11), (cx - s * 0.1, cy - s * 0.13), (cx - s * 0.05, cy - s * 0.09), (cx + s * 0.01, cy - s * 0.13)])), ("fill", RgbColor.White)));
        g.Add(E("rect", ("x", cx - s / 2), ("y", baseY), ("width", s), ("height", s * 0.2), ("fill", p.Ink)));
        return g;
    }

    private static XElement Tiles(LogoCanvas c, double cx, double cy, double s)
    {
        var p = c.Palette;
        var gap = s * 0.05;
        var t = (s - gap) / 2;
        // Each tile gets its own colour and the four together use the whole palette, primary included.
        var colours = new List<RgbColor> { p.Primary, p.Secondary, p.Accent, p.Ink };
        for (var i = colours.Count - 1; i > 0; i--)
        {
            var j = c.Random.Next(i + 1);
            (colours[i], colours[j]) = (colours[j], colours[i]);
        }

        var shapes = new List<int> { 0, 1, 2, 3, 4, 5 };
        var g = Group();
        for (var i = 0; i < 4; i++)
        {
            var x = cx - (s / 2) + (i % 2 * (t + gap));
            var y = cy - (s / 2) + (i / 2 * (t + gap));
            var shape = shapes[c.Random.Next(shapes.Count)];
            shapes.Remove(shape);
            var colour = colours[i];
            var fill = c.Kit.Outline ? (object)"none" : colour;
            var stroke = c.Kit.Outline ? (object)colour : "none";
            var sw = c.Kit.Outline ? s * 0.02 : 0;
            var inset = c.Kit.Outline ? s * 0.01 : 0;
            var (x0, y0, size) = (x + inset, y + inset, t - (2 * inset));
            XElement tile = shape switch
            {
                0 => E("circle", ("cx", x0 + size / 2), ("cy", y0 + size / 2), ("r", size / 2)),
                1 => E("path", ("d", $"M{Num(x0)} {Num(y0 + size)} L{Num(x0)} {Num(y0)} A{Num(size)} {Num(size)} 0 0 1 {Num(x0 + size)} {Num(y0 + size)} Z")),
                2 => E("path", ("d", $"M{Num(x0)} {Num(y0 + size)} A{Num(size / 2)} {Num(size / 2)} 0 0 1 {Num(x0 + size)} {Num(y0 + size)} Z")),
                3 => E("rect", ("x", x0), ("y", y0), ("width", size), ("height", size), ("rx", size * Math.Max(c.Kit.CornerRatio, 0.08))),
                4 => E("path", ("d", Polygon([(x0, y0 + size), (x0 + size / 2, y0), (x0 + size, y0 + size)]))),
                _ => E("path", ("d", $"M{Num(x0)} {Num(y0)} L{Num(x0 + size)} {Num(y0)} A{Num(size)} {Num(size)} 0 0 1 {Num(x0)} {Num(y0 + size)} Z")),
            };
            tile.SetAttributeValue("fill", Value(fill));
            tile.SetAttributeValue("stroke", Value(stroke));
            if (sw > 0)
            {
                tile.SetAttributeValue("stroke-width", Num(sw));
            }

            g.Add(tile);
        }

        return g;
    }

    /// <summary>A round seal with the initials, for lockups beside the name.</summary>
    private static XElement SealMark(LogoCanvas c, double cx, double cy, double s)
    {
        var p = c.Palette;
        var g = Group();
        var outline = c.Kit.Outline;
        var face = outline ? p.Ink : p.Primary;
        g.Add(SealRim(c, cx, cy, s / 2, face, outline));
        var inner = outline ? p.Ink : p.OnPrimary;
        g.Add(E("circle", ("cx", cx), ("cy", cy), ("r", s * 0.38), ("fill", "none"), ("stroke", outline ? p.Primary : inner), ("stroke-width", s * 0.012)));
        var fs = Math.Min(s * 0.34, s * 0.56 / c.Kit.EmWidth(c.Brand.Initials, 600, 0));
        var letters = TextElement(c, cx, cy + (fs * 0.36), fs, "middle", inner, c.Kit.Style == ImageStyle.Minimal ? 300 : 600, 0);
        letters.SetAttributeValue("font-family", c.Kit.Style == ImageStyle.Classic ? StyleKit.SerifStack : c.Kit.FontFamily);
        letters.Add(c.Brand.Initials);
        g.Add(letters);
        return g;
    }

    private static XElement SealRim(LogoCanvas c, double cx, double cy, double r, RgbColor face, bool outline)
    {
        if (c.Kit.Style == ImageStyle.Playful)
        {
            var points = Enumerable.Range(0, 36).Select(i =>
            {
                var a = i * Math.PI * 2 / 36;
                var rr = i % 2 == 0 ? r : r * 0.93;
                return (cx + (rr * Math.Cos(a)), cy + (rr * Math.Sin(a)));
            });
            return E("path", ("d", Polygon(points)), ("fill", face), ("stroke-linejoin", "round"));
        }

        if (outline)
        {
            return E("circle", ("cx", cx), ("cy", cy), ("r", r * 0.98), ("fill", "none"), ("stroke", face), ("stroke-width", r * 0.035));
        }

        var g = Group(E("circle", ("cx", cx), ("cy", cy), ("r", r), ("fill", face)));
        if (c.Kit.Style == ImageStyle.Bold)
        {
            g.Add(E("circle", ("cx", cx), ("cy", cy), ("r", r * 0.965), ("fill", "none"), ("stroke", c.Palette.Ink), ("stroke-width", r * 0.07)));
        }

        return g;
    }

    /// <summary>A seal that carries the name around its rim: the whole logo on square canvases.</summary>
    private static (IEnumerable<XElement>, string) Seal(LogoCanvas c)
    {
        var p = c.Palette;
        var cx = c.Width / 2.0;
        var cy = c.Height / 2.0;
        var r = (c.Min / 2) - c.Pad;
        var outline = c.Kit.Outline;
        var face = outline ? p.Ink : p.Primary;
        var onFace = outline ? p.Ink : p.OnPrimary;
        var ornament = outline ? p.Primary : onFace;
        var font = c.Kit.Style == ImageStyle.Classic ? StyleKit.SerifStack : c.Kit.FontFamily;
        var weight = c.Kit.Style == ImageStyle.Minimal ? 400 : 700;
        var content = new List<XElement>();
        var defs = E("defs");
        content.Add(defs);
        content.Add(SealRim(c, cx, cy, r, face, outline));

        var band = r * 0.24;
        var ring = r - band;
        content.Add(E("circle", ("cx", cx), ("cy", cy), ("r", ring), ("fill", "none"), ("stroke", onFace), ("stroke-width", r * 0.016)));

        var name = c.Brand.Name.ToUpperInvariant();
        const double spacing = 0.14;
        var topRadius = ring + (band * 0.3);
        var arcLength = Math.PI * topRadius * 0.82;
        var fs = Math.Min(band * 0.58, arcLength / c.Kit.EmWidth(name, weight, spacing));
        var topBaseline = ring + ((band - (fs * 0.7)) / 2);
        defs.Add(E("path", ("id", c.Ref("top")), ("d", $"M{Num(cx - topBaseline)} {Num(cy)} A{Num(topBaseline)} {Num(topBaseline)} 0 0 1 {Num(cx + topBaseline)} {Num(cy)}")));
        content.Add(E("text", ("font-family", font), ("font-size", fs), ("font-weight", weight), ("letter-spacing", Num(fs * spacing)), ("fill", onFace),
            E("textPath", ("href", $"#{c.Ref("top")}"), ("startOffset", "50%"), ("text-anchor", "middle"), name)));

        if (c.Brand.Tagline is { } tagline)
        {
            var text = tagline.ToUpperInvariant();
            var bottomBaseline = r - ((band - (fs * 0.62)) / 2);
            var tfs = Math.Min(fs * 0.8, Math.PI * bottomBaseline * 0.5 / c.Kit.EmWidth(text, weight, spacing));
            defs.Add(E("path", ("id", c.Ref("bottom")), ("d", $"M{Num(cx - bottomBaseline)} {Num(cy)} A{Num(bottomBaseline)} {Num(bottomBaseline)} 0 0 0 {Num(cx + bottomBaseline)} {Num(cy)}")));
            content.Add(E("text", ("font-family", font), ("font-size", tfs), ("font-weight", weight), ("letter-spacing", Num(tfs * spacing)), ("fill", onFace),
                E("textPath", ("href", $"#{c.Ref("bottom")}"), ("startOffset", "50%"), ("text-anchor", "middle"), text)));
        }
        else
        {
            foreach (var angle in new[] { 65.0, 90.0, 115.0 })
            {
                var a = angle * Math.PI / 180;
                content.Add(E("path", ("d", Polygon(Star(cx + (ring + band / 2) * Math.Cos(a), cy + (ring + band / 2) * Math.Sin(a), band * 0.2))), ("fill", ornament)));
            }
        }

        foreach (var side in new[] { -1, 1 })
        {
            content.Add(E("circle", ("cx", cx + (side * (ring + band / 2))), ("cy", cy), ("r", band * 0.08), ("fill", ornament)));
        }

        var initials = c.Brand.Initials;
        var ifs = Math.Min(ring * 0.8, ring * 1.2 / c.Kit.EmWidth(initials, 600, 0));
        var centre = E("text", ("x", cx), ("y", cy + (ifs * 0.36)), ("font-family", font), ("font-size", ifs),
            ("font-weight", c.Kit.Style == ImageStyle.Minimal ? 300 : 600), ("text-anchor", "middle"), ("fill", onFace), initials);
        content.Add(centre);
        if (!outline)
        {
            content.Add(Line(cx - ring * 0.45, cy + ifs * 0.62, cx + ring * 0.45, cy + ifs * 0.62, RgbColor.Contrast(p.Accent, face) > 1.8 ? p.Accent : onFace, r * 0.02));
        }

        return (content, $"Round seal with \"{c.Brand.Name}\" around the rim and \"{initials}\" at the centre ({StyleName(c)}).");
    }

    private static IEnumerable<(double X, double Y)> Star(double cx, double cy, double r)
    {
        for (var i = 0; i < 10; i++)
        {
            var a = (-Math.PI / 2) + (i * Math.PI / 5);
            var rr = i % 2 == 0 ? r : r * 0.45;
            yield return (cx + (rr * Math.Cos(a)), cy + (rr * Math.Sin(a)));
        }
    }

    internal static XElement LinearGradient(string id, IEnumerable<(double Offset, RgbColor Colour)> stops, double x1, double y1, double x2, double y2)
    {
        var g = E("linearGradient", ("id", id), ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2));
        foreach (var (offset, colour) in stops)
        {
            g.Add(E("stop", ("offset", offset), ("stop-color", colour)));
        }

        return g;
    }

    private static string BadgeShapeName(ImageStyle style) => style switch
    {
        ImageStyle.Classic => "double-ringed circle",
        ImageStyle.Playful => "circle with an offset shadow",
        ImageStyle.Minimal => "fine circle outline",
        ImageStyle.Bold => "hexagon",
        _ => "rounded gradient square",
    };

    private static string StyleName(LogoCanvas c) =>
        $"{c.Kit.Style.ToString().ToLowerInvariant()}, {string.Join(", ", c.Palette.All.Take(3).Select(x => x.ToHex()))}";
}
