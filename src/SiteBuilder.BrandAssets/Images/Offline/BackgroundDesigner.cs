using System.Text;
using System.Xml.Linq;
using static SiteBuilder.BrandAssets.Images.Offline.Svg;

namespace SiteBuilder.BrandAssets.Images.Offline;

internal enum BackgroundConcept
{
    LinearGradient,
    Spotlight,
    MeshBlend,
    Dots,
    Grid,
    Waves,
    DiagonalStripes,
    LowPoly,
}

internal sealed record BackgroundCanvas(int Width, int Height, StyleKit Kit, Palette Palette, SeededRandom Random, string Id)
{
    public double Min => Math.Min(Width, Height);

    public double Max => Math.Max(Width, Height);

    public string Ref(string name) => $"{Id}-{name}";

    public string Url(string name) => $"url(#{Ref(name)})";
}

/// <summary>
/// Eight background concepts for hero and section backgrounds. Each sets its own base (dark or light by style)
/// and keeps busy detail toward the edges, so a headline on top stays readable.
/// </summary>
internal static class BackgroundDesigner
{
    private static readonly Dictionary<ImageStyle, BackgroundConcept[]> Preferred = new()
    {
        [ImageStyle.Modern] = [BackgroundConcept.MeshBlend, BackgroundConcept.Grid, BackgroundConcept.LinearGradient, BackgroundConcept.Waves, BackgroundConcept.LowPoly, BackgroundConcept.Dots, BackgroundConcept.Spotlight, BackgroundConcept.DiagonalStripes],
        [ImageStyle.Classic] = [BackgroundConcept.Spotlight, BackgroundConcept.LinearGradient, BackgroundConcept.DiagonalStripes, BackgroundConcept.Waves, BackgroundConcept.Dots, BackgroundConcept.Grid, BackgroundConcept.MeshBlend, BackgroundConcept.LowPoly],
        [ImageStyle.Playful] = [BackgroundConcept.Dots, BackgroundConcept.Waves, BackgroundConcept.MeshBlend, BackgroundConcept.LowPoly, BackgroundConcept.DiagonalStripes, BackgroundConcept.LinearGradient, BackgroundConcept.Grid, BackgroundConcept.Spotlight],
        [ImageStyle.Minimal] = [BackgroundConcept.LinearGradient, BackgroundConcept.Grid, BackgroundConcept.Waves, BackgroundConcept.Dots, BackgroundConcept.MeshBlend, BackgroundConcept.Spotlight, BackgroundConcept.DiagonalStripes, BackgroundConcept.LowPoly],
        [ImageStyle.Bold] = [BackgroundConcept.DiagonalStripes, BackgroundConcept.LowPoly, BackgroundConcept.MeshBlend, BackgroundConcept.Spotlight, BackgroundConcept.Waves, BackgroundConcept.LinearGradient, BackgroundConcept.Dots, BackgroundConcept.Grid],
    };

    public static IReadOnlyList<BackgroundConcept> OrderFor(ImageStyle style) => Preferred[style];

    public static (IEnumerable<XElement> Content, string Description) Draw(BackgroundConcept concept, BackgroundCanvas c) => concept switch
    {
        BackgroundConcept.Spotlight => Spotlight(c),
        BackgroundConcept.MeshBlend => Mesh(c),
        BackgroundConcept.Dots => Dots(c),
        BackgroundConcept.Grid => Grid(c),
        BackgroundConcept.Waves => Waves(c),
        BackgroundConcept.DiagonalStripes => Stripes(c),
        BackgroundConcept.LowPoly => LowPoly(c),
        _ => Gradient(c),
    };

    /// <summary>Dark or light base for the style; the seed may flip styles that work both ways.</summary>
    private static bool IsDark(BackgroundCanvas c) => c.Kit.Style switch
    {
        ImageStyle.Minimal => false,
        ImageStyle.Playful => c.Random.Chance(0.15),
        ImageStyle.Classic => c.Random.Chance(0.65),
        ImageStyle.Bold => c.Random.Chance(0.5),
        _ => c.Random.Chance(0.7),
    };

    private static RgbColor DarkBase(Palette p) => RgbColor.FromHsl(p.Primary.Hue, Math.Min(0.55, p.Primary.Saturation), 0.1);

    private static RgbColor LightBase(Palette p) => RgbColor.FromHsl(p.Primary.Hue, Math.Min(0.5, p.Primary.Saturation), 0.965);

    private static XElement Rect(BackgroundCanvas c, object fill, params object?[] extra)
        => E("rect", [("width", c.Width), ("height", c.Height), ("fill", fill), .. extra]);

    private static (IEnumerable<XElement>, string) Gradient(BackgroundCanvas c)
    {
        var p = c.Palette;
        var angle = c.Random.Between(110, 160) * Math.PI / 180;
        var (x1, y1, x2, y2) = (0.5 - (Math.Cos(angle) / 2), 0.5 - (Math.Sin(angle) / 2), 0.5 + (Math.Cos(angle) / 2), 0.5 + (Math.Sin(angle) / 2));
        var minimal = c.Kit.Style == ImageStyle.Minimal;
        var (from, to) = minimal
            ? (LightBase(p), p.Primary.WithLightness(0.9))
            : c.Kit.Style == ImageStyle.Classic
                ? (p.Primary.Darken(0.12), p.Secondary.Darken(0.05))
                : (p.Primary, p.Secondary);
        var stops = HueStops(from, to).ToArray();
        var defs = E("defs",
            LogoDesigner.LinearGradient(c.Ref("lin"), stops, x1, y1, x2, y2),
            E("radialGradient", ("id", c.Ref("glow")), ("cx", 0.2), ("cy", 0.15), ("r", 0.7),
                E("stop", ("offset", 0), ("stop-color", "#fff"), ("stop-opacity", minimal ? 0.7 : 0.28)),
                E("stop", ("offset", 1), ("stop-color", "#fff"), ("stop-opacity", 0))),
            Grain(c));
        return ([defs, Rect(c, c.Url("lin")), Rect(c, c.Url("glow")), Rect(c, "#000", ("filter", c.Url("grain")), ("opacity", 0.06))],
            $"Smooth {Describe([from, to])} gradient with a soft highlight and fine grain ({c.Kit.Style.ToString().ToLowerInvariant()}).");
    }

    /// <summary>Gradient stops that follow <see cref="RgbColor.MixHue"/>, since SVG itself blends in sRGB.</summary>
    private static IEnumerable<(double, RgbColor)> HueStops(RgbColor from, RgbColor to, int steps = 6)
        => Enumerable.Range(0, steps + 1).Select(i => (i / (double)steps, from.MixHue(to, i / (double)steps)));

    private static XElement Grain(BackgroundCanvas c) => E("filter", ("id", c.Ref("grain")), ("x", 0), ("y", 0), ("width", "100%"), ("height", "100%"),
        E("feTurbulence", ("type", "fractalNoise"), ("baseFrequency", 0.9), ("numOctaves", 2), ("seed", c.Random.Next(1000)), ("stitchTiles", "stitch")),
        E("feColorMatrix", ("type", "saturate"), ("values", 0)));

    private static (IEnumerable<XElement>, string) Spotlight(BackgroundCanvas c)
    {
        var p = c.Palette;
        var dark = c.Kit.Style != ImageStyle.Minimal && c.Kit.Style != ImageStyle.Playful || IsDark(c);
        var baseColour = dark ? DarkBase(p) : LightBase(p);
        var (sx, sy) = (c.Random.Between(0.3, 0.7), c.Random.Between(0.15, 0.4));
        var defs = E("defs",
            E("radialGradient", ("id", c.Ref("spot")), ("gradientUnits", "userSpaceOnUse"), ("cx", c.Width * sx), ("cy", c.Height * sy), ("r", c.Max * 0.6),
                E("stop", ("offset", 0), ("stop-color", dark ? p.Primary.Lighten(0.08) : p.Primary.WithLightness(0.8)), ("stop-opacity", 0.95)),
                E("stop", ("offset", 0.55), ("stop-color", p.Primary), ("stop-opacity", dark ? 0.25 : 0.12)),
                E("stop", ("offset", 1), ("stop-color", p.Primary), ("stop-opacity", 0))),
            E("radialGradient", ("id", c.Ref("counter")), ("gradientUnits", "userSpaceOnUse"), ("cx", c.Width * (1 - sx)), ("cy", c.Height * 0.95), ("r", c.Max * 0.45),
                E("stop", ("offset", 0), ("stop-color", p.Accent), ("stop-opacity", dark ? 0.45 : 0.35)),
                E("stop", ("offset", 1), ("stop-color", p.Accent), ("stop-opacity", 0))),
            E("radialGradient", ("id", c.Ref("vignette")), ("cx", 0.5), ("cy", 0.5), ("r", 0.75),
                E("stop", ("offset", 0.55), ("stop-color", "#000"), ("stop-opacity", 0)),
                E("stop", ("offset", 1), ("stop-color", "#000"), ("stop-opacity", dark ? 0.45 : 0.08))));
        return ([defs, Rect(c, baseColour), Rect(c, c.Url("spot")), Rect(c, c.Url("counter")), Rect(c, c.Url("vignette"))],
            $"{(dark ? "Dark" : "Light")} stage lit by a {Describe([p.Primary])} spotlight with a {Describe([p.Accent])} glow below.");
    }

    private static (IEnumerable<XElement>, string) Mesh(BackgroundCanvas c)
    {
        var p = c.Palette;
        var dark = IsDark(c);
        var baseColour = dark ? DarkBase(p) : LightBase(p);
        var blur = c.Min * 0.16;
        var blobs = Group(("filter", c.Url("soft")));
        var count = 5 + c.Random.Next(3);
        var colours = p.All.ToList();
        var blobDescriptions = new List<RgbColor>();
        for (var i = 0; i < count; i++)
        {
            var colour = colours[i % colours.Count];
            if (c.Kit.Style == ImageStyle.Minimal)
            {
                colour = colour.WithLightness(Math.Max(colour.Lightness, 0.78));
            }

            blobDescriptions.Add(colour);
            var x = c.Width * (((i + 0.5) / count) + c.Random.Between(-0.12, 0.12));
            var y = c.Height * c.Random.Between(-0.1, 1.1);
            var r = c.Max * c.Random.Between(0.18, 0.34);
            blobs.Add(E("circle", ("cx", x), ("cy", y), ("r", r), ("fill", colour), ("fill-opacity", dark ? 0.85 : 0.7)));
        }

        var defs = E("defs",
            E("filter", ("id", c.Ref("soft")), ("x", "-50%"), ("y", "-50%"), ("width", "200%"), ("height", "200%"),
                E("feGaussianBlur", ("stdDeviation", blur))),
            Grain(c));
        return ([defs, Rect(c, baseColour), blobs, Rect(c, "#000", ("filter", c.Url("grain")), ("opacity", dark ? 0.08 : 0.05))],
            $"Soft mesh of blurred {Describe(blobDescriptions.Distinct())} light on a {(dark ? "dark" : "light")} base.");
    }

    private static (IEnumerable<XElement>, string) Dots(BackgroundCanvas c)
    {
        var p = c.Palette;
        var dark = IsDark(c);
        var baseColour = dark ? DarkBase(p) : LightBase(p);
        var spacing = c.Min / c.Random.Between(14, 22);
        var dot = spacing * (c.Kit.Style == ImageStyle.Playful ? 0.2 : 0.12);
        var dotColour = dark ? p.Primary.Lighten(0.1) : p.Primary;
        var (fx, fy) = c.Random.Chance(0.5) ? (0.85, 0.2) : (0.15, 0.85);
        var defs = E("defs",
            E("pattern", ("id", c.Ref("dots")), ("width", spacing), ("height", spacing), ("patternUnits", "userSpaceOnUse"),
                E("circle", ("cx", spacing / 2), ("cy", spacing / 2), ("r", dot), ("fill", dotColour))),
            E("radialGradient", ("id", c.Ref("fade")), ("cx", fx), ("cy", fy), ("r", 0.8),
                E("stop", ("offset", 0), ("stop-color", "#fff")),
                E("stop", ("offset", 1), ("stop-color", "#000"))),
            E("mask", ("id", c.Ref("fade-mask")), Rect(c, c.Url("fade"))));
        var content = new List<XElement> { defs, Rect(c, baseColour) };
        var big = c.Min * c.Random.Between(0.45, 0.6);
        content.Add(E("circle", ("cx", c.Width * fx), ("cy", c.Height * fy), ("r", big), ("fill", p.Secondary), ("fill-opacity", dark ? 0.5 : 0.35)));
        content.Add(E("circle", ("cx", c.Width * (1 - fx)), ("cy", c.Height * (1 - fy)), ("r", big * 0.45), ("fill", p.Accent), ("fill-opacity", dark ? 0.45 : 0.4)));
        content.Add(Rect(c, c.Url("dots"), ("mask", c.Url("fade-mask"))));
        return (content, $"Halftone dots in {Describe([dotColour])} fading across a {(dark ? "dark" : "light")} base, with {Describe([p.Secondary, p.Accent])} circles.");
    }

    private static (IEnumerable<XElement>, string) Grid(BackgroundCanvas c)
    {
        var p = c.Palette;
        var dark = c.Kit.Style != ImageStyle.Minimal && (c.Kit.Style != ImageStyle.Playful || IsDark(c));
        var baseColour = dark ? DarkBase(p) : LightBase(p);
        var cell = c.Min / c.Random.Between(9, 14);
        var line = dark ? RgbColor.White : p.Ink;
        var defs = E("defs",
            E("pattern", ("id", c.Ref("grid")), ("width", cell), ("height", cell), ("patternUnits", "userSpaceOnUse"),
                E("path", ("d", $"M{Num(cell)} 0 L0 0 0 {Num(cell)}"), ("fill", "none"), ("stroke", line), ("stroke-opacity", dark ? 0.3 : 0.2), ("stroke-width", Math.Max(1, cell * 0.015)))),
            E("radialGradient", ("id", c.Ref("fade")), ("cx", 0.5), ("cy", 0.3), ("r", 0.75),
                E("stop", ("offset", 0), ("stop-color", "#fff")),
                E("stop", ("offset", 0.45), ("stop-color", "#fff"), ("stop-opacity", 0.7)),
                E("stop", ("offset", 1), ("stop-color", "#000"))),
            E("mask", ("id", c.Ref("fade-mask")), Rect(c, c.Url("fade"))),
            E("filter", ("id", c.Ref("soft")), ("x", "-50%"), ("y", "-50%"), ("width", "200%"), ("height", "200%"),
                E("feGaussianBlur", ("stdDeviation", c.Min * 0.12))));
        var glow = Group(("filter", c.Url("soft")),
            E("ellipse", ("cx", c.Width * 0.42), ("cy", c.Height * 0.22), ("rx", c.Width * 0.3), ("ry", c.Height * 0.3), ("fill", p.Primary), ("fill-opacity", dark ? 0.85 : 0.4)),
            E("ellipse", ("cx", c.Width * 0.66), ("cy", c.Height * 0.3), ("rx", c.Width * 0.18), ("ry", c.Height * 0.22), ("fill", p.Secondary), ("fill-opacity", dark ? 0.7 : 0.35)),
            E("ellipse", ("cx", c.Width * 0.5), ("cy", c.Height * 1.05), ("rx", c.Width * 0.4), ("ry", c.Height * 0.15), ("fill", p.Accent), ("fill-opacity", dark ? 0.35 : 0.25)));
        return ([defs, Rect(c, baseColour), glow, Rect(c, c.Url("grid"), ("mask", c.Url("fade-mask")))],
            $"Fine grid fading out from a {Describe([p.Primary, p.Secondary])} glow on a {(dark ? "dark" : "light")} base.");
    }

    private static (IEnumerable<XElement>, string) Waves(BackgroundCanvas c)
    {
        var p = c.Palette;
        var dark = IsDark(c);
        var top = dark ? DarkBase(p) : LightBase(p);
        var defs = E("defs", LogoDesigner.LinearGradient(c.Ref("sky"), [(0, top), (1, dark ? DarkBase(p).Lighten(0.08) : p.Primary.WithLightness(0.92))], 0, 0, 0, 1));
        var content = new List<XElement> { defs, Rect(c, c.Url("sky")) };
        var layers = 4;
        var colours = new List<RgbColor>();
        for (var i = 0; i < layers; i++)
        {
            var colour = c.Kit.Style == ImageStyle.Minimal
                ? p.Primary.WithLightness(0.86 - (i * 0.06))
                : c.Kit.Style is ImageStyle.Classic or ImageStyle.Modern
                    ? p.Primary.Mix(i % 2 == 0 ? p.Secondary : p.Accent, i / (double)layers).Darken(dark ? 0.04 * i : 0)
                    : p.At(i);
            colours.Add(colour);
            var baseline = c.Height * (0.52 + (i * 0.12));
            var amplitude = c.Height * c.Random.Between(0.035, 0.065);
            var waves = c.Random.Between(0.8, 1.6) * Math.Max(1, (double)c.Width / c.Height);
            var phase = c.Random.Between(0, Math.PI * 2);
            if (c.Kit.Style == ImageStyle.Minimal)
            {
                content.Add(E("path", ("d", WavePath(c, baseline, amplitude, waves, phase, closed: false)), ("fill", "none"), ("stroke", colour.Darken(0.25)), ("stroke-opacity", 0.5), ("stroke-width", Math.Max(1.5, c.Min * 0.004))));
            }
            else
            {
                content.Add(E("path", ("d", WavePath(c, baseline, amplitude, waves, phase, closed: true)), ("fill", colour), ("fill-opacity", 0.55 + (i * 0.15))));
            }
        }

        return (content, $"{(c.Kit.Style == ImageStyle.Minimal ? "Fine wave lines" : "Layered waves")} in {Describe(colours.Distinct())} rising from the bottom.");
    }

    private static string WavePath(BackgroundCanvas c, double baseline, double amplitude, double waves, double phase, bool closed)
    {
        var crests = Math.Max(4, (int)Math.Ceiling(waves * 4));
        var points = new List<(double X, double Y)>();
        for (var i = -1; i <= crests + 1; i++)
        {
            var x = c.Width * i / (double)crests;
            var t = (i / (double)crests * waves * Math.PI * 2) + phase;
            points.Add((x, baseline + (amplitude * Math.Sin(t)) + (amplitude * 0.25 * Math.Sin((2 * t) + phase))));
        }

        var sb = new StringBuilder().Append('M').Append(Num(points[1].X)).Append(' ').Append(Num(points[1].Y));

        // Catmull-Rom through the points, written as cubic Béziers: smooth swells instead of a jagged line.
        for (var i = 1; i < points.Count - 2; i++)
        {
            var (p0, p1, p2, p3) = (points[i - 1], points[i], points[i + 1], points[i + 2]);
            sb.Append(" C").Append(Num(p1.X + ((p2.X - p0.X) / 6))).Append(' ').Append(Num(p1.Y + ((p2.Y - p0.Y) / 6)))
                .Append(' ').Append(Num(p2.X - ((p3.X - p1.X) / 6))).Append(' ').Append(Num(p2.Y - ((p3.Y - p1.Y) / 6)))
                .Append(' ').Append(Num(p2.X)).Append(' ').Append(Num(p2.Y));
        }

        if (closed)
        {
            sb.Append(" L").Append(c.Width).Append(' ').Append(c.Height).Append(" L0 ").Append(c.Height).Append(" Z");
        }

        return sb.ToString();
    }

    private static (IEnumerable<XElement>, string) Stripes(BackgroundCanvas c)
    {
        var p = c.Palette;
        var bold = c.Kit.Style is ImageStyle.Bold or ImageStyle.Playful;
        var dark = IsDark(c);
        var baseColour = bold ? (dark ? p.Ink : p.Primary) : dark ? DarkBase(p) : LightBase(p);
        var width = c.Min * (bold ? c.Random.Between(0.07, 0.11) : c.Random.Between(0.05, 0.08));
        var angle = c.Random.Pick([35.0, 45.0, -35.0, -45.0]);

        // Calm styles get tone-on-tone bands: visible at a glance, quiet behind a headline.
        var stripe = bold ? (dark ? p.Primary : p.Secondary) : dark ? baseColour.MixHue(p.Primary, 0.3).Lighten(0.05) : baseColour.MixHue(p.Primary, 0.25).Darken(0.05);
        var defs = E("defs",
            E("pattern", ("id", c.Ref("stripes")), ("width", width * 2), ("height", width * 2), ("patternUnits", "userSpaceOnUse"), ("patternTransform", $"rotate({Num(angle)})"),
                E("rect", ("width", width * (bold ? 0.9 : 1)), ("height", width * 2), ("fill", stripe))),
            LogoDesigner.LinearGradient(c.Ref("fade"), [(0, RgbColor.White), (1, RgbColor.White.Mix(RgbColor.Black, 0.8))], 0, 0, 1, 0.3),
            E("mask", ("id", c.Ref("fade-mask")), Rect(c, c.Url("fade"))),
            LogoDesigner.LinearGradient(c.Ref("base"), HueStops(baseColour, dark ? baseColour.MixHue(p.Primary, 0.35) : baseColour.MixHue(p.Accent, 0.3)), 0, 0, 1, 1));
        var content = new List<XElement> { defs, Rect(c, bold ? baseColour : c.Url("base")) };
        if (bold)
        {
            content.Add(Rect(c, c.Url("stripes")));
            var band = c.Min * 0.22;
            content.Add(E("rect", ("x", -c.Max), ("y", c.Height * 0.62), ("width", c.Max * 3), ("height", band), ("fill", p.Accent),
                ("transform", $"rotate({Num(-angle / 3)} {Num(c.Width / 2.0)} {Num(c.Height / 2.0)})")));
        }
        else
        {
            content.Add(Rect(c, c.Url("stripes"), ("mask", c.Url("fade-mask")), ("opacity", 0.9)));
            content.Add(E("rect", ("y", c.Height - (c.Min * 0.02)), ("width", c.Width), ("height", c.Min * 0.02), ("fill", p.Accent)));
        }

        return (content, bold
            ? $"Bold diagonal {Describe([stripe])} stripes on {Describe([baseColour])} with a {Describe([p.Accent])} band."
            : $"Tone-on-tone diagonal bands in {Describe([stripe])} fading across a {(dark ? "dark" : "light")} base, edged in {Describe([p.Accent])}.");
    }

    private static (IEnumerable<XElement>, string) LowPoly(BackgroundCanvas c)
    {
        var p = c.Palette;
        var columns = 9 + c.Random.Next(4);
        var rows = Math.Max(3, (int)Math.Round(columns * c.Height / (double)c.Width));
        var cw = c.Width / (double)columns;
        var rh = c.Height / (double)rows;
        var points = new (double X, double Y)[columns + 1, rows + 1];
        for (var i = 0; i <= columns; i++)
        {
            for (var j = 0; j <= rows; j++)
            {
                var jx = i is 0 || i == columns ? 0 : c.Random.Between(-0.35, 0.35) * cw;
                var jy = j is 0 || j == rows ? 0 : c.Random.Between(-0.35, 0.35) * rh;
                points[i, j] = ((i * cw) + jx, (j * rh) + jy);
            }
        }

        var from = c.Kit.Style == ImageStyle.Minimal ? p.Paper : p.Primary;
        var to = c.Kit.Style == ImageStyle.Minimal ? p.Primary.WithLightness(0.85) : p.Secondary;
        var g = Group(("stroke-linejoin", "round"));
        for (var i = 0; i < columns; i++)
        {
            for (var j = 0; j < rows; j++)
            {
                var a = points[i, j];
                var b = points[i + 1, j];
                var d = points[i, j + 1];
                var e = points[i + 1, j + 1];
                var flip = (i + j) % 2 == 0;
                var tris = flip ? new[] { new[] { a, b, e }, new[] { a, e, d } } : [[a, b, d], [b, e, d]];
                foreach (var tri in tris)
                {
                    var (mx, my) = ((tri[0].X + tri[1].X + tri[2].X) / 3, (tri[0].Y + tri[1].Y + tri[2].Y) / 3);
                    var t = Math.Clamp((mx / c.Width * 0.7) + (my / c.Height * 0.3), 0, 1);
                    var colour = from.MixHue(to, t);
                    colour = t > 0.75 && c.Kit.Style != ImageStyle.Minimal ? colour.Mix(p.Accent, (t - 0.75) * 1.6) : colour;
                    colour = colour.WithLightness(Math.Clamp(colour.Lightness + c.Random.Between(-0.06, 0.06), 0.05, 0.97));
                    g.Add(E("path", ("d", Polygon(tri)), ("fill", colour), ("stroke", colour), ("stroke-width", 0.6)));
                }
            }
        }

        return ([Rect(c, from), g], $"Faceted low-poly surface shading from {Describe([from])} to {Describe([to])}.");
    }

    private static string Describe(IEnumerable<RgbColor> colours) => string.Join(" and ", colours.Select(x => x.ToHex()));
}
