using System.Globalization;
using AngleSharp.Dom;
using SiteBuilder.Validation.Document;
using SiteBuilder.Validation.Styles;

namespace SiteBuilder.Validation.Audits;

/// <summary>
/// WCAG 2.2 AA text contrast (axe's <c>color-contrast</c>) from the page's own CSS. For each visible element with
/// its own text, the colours are painted the way a browser composites them: from the white canvas through every
/// ancestor's background colour and gradient, with <c>opacity</c> groups blended over what lies outside them,
/// and the text colour (with its alpha) on top. A gradient is judged by its worst stop. Text over an image (or a
/// colour this library cannot evaluate) cannot be judged and is counted as undetermined, not failed.
/// </summary>
internal sealed class ContrastAudit(PageDocument document, PageStyles styles)
{
    private const int MaxGradientLayers = 6;

    // Deeper stacks of opacity groups are not met in real pages; their text is reported as undetermined.
    private const int MaxOpacityGroups = 32;
    private const int MaxMeasurements = 200;

    private readonly List<int> _path = [];
    private readonly List<Layer> _groups = [];
    private readonly Dictionary<(ulong Foreground, ulong Background, bool Large), Group> _groupsByColors = [];

    public int Checked { get; private set; }

    public int Undetermined { get; private set; }

    public int TextElements { get; private set; }

    public IReadOnlyList<ContrastMeasurement> Run(AuditRecorder audits)
    {
        var backdrops = PaintSimpleBackdrops();
        for (var i = 0; i < document.Count; i++)
        {
            if (document.HasOwnText(i) && !backdrops.Exempt[i] && styles.IsVisible(i))
            {
                Measure(i, backdrops, audits);
            }
        }

        return Measurements();
    }

    /// <summary>
    /// Top-down, in document order: what is painted behind each element while no opacity group or gradient is
    /// involved (the common case, one composite per element); the rest takes the full path in <see cref="TryWorstCase"/>.
    /// </summary>
    private Backdrops PaintSimpleBackdrops()
    {
        var exempt = new bool[document.Count];
        var simple = new bool[document.Count];
        var backdrop = new Rgba[document.Count];
        var backdropUnknown = new bool[document.Count];
        for (var i = 0; i < document.Count; i++)
        {
            var parent = document.Parent[i];
            var style = styles.Styles[i];
            exempt[i] = (parent >= 0 && exempt[parent]) || IsExempt(document.Elements[i]);
            simple[i] = (parent < 0 || simple[parent]) && style.Opacity >= 1 && style.ImageKind != BackgroundImageKind.Gradient;
            if (!simple[i])
            {
                continue;
            }

            var (under, unknown) = parent < 0 ? (Rgba.White, false) : (backdrop[parent], backdropUnknown[parent]);
            (under, unknown) = style.BackgroundKnown ? Over(style.Background, under, unknown) : (under, true);
            backdrop[i] = under;
            backdropUnknown[i] = unknown || style.ImageKind == BackgroundImageKind.Opaque;
        }

        return new Backdrops(exempt, simple, backdrop, backdropUnknown);
    }

    /// <summary>Measures the text of element <paramref name="element"/> and adds it to its colour group; a failure is recorded.</summary>
    private void Measure(int element, Backdrops backdrops, AuditRecorder audits)
    {
        TextElements++;
        audits.Applicable(AuditCatalog.ColorContrast);
        var style = styles.Styles[element];
        Rgba foreground, background;
        double ratio;
        if (!style.ColorKnown)
        {
            Undetermined++;
            return;
        }

        if (backdrops.Simple[element])
        {
            if (backdrops.Unknown[element])
            {
                Undetermined++;
                return;
            }

            background = backdrops.Color[element];
            foreground = ContrastMath.Composite(style.Color, background);
            ratio = ContrastMath.Ratio(foreground, background);
        }
        else if (!TryWorstCase(element, out foreground, out background, out ratio))
        {
            Undetermined++;
            return;
        }

        Checked++;
        var large = ContrastMath.IsLargeText(style.FontSize, style.FontWeight);
        var required = ContrastMath.RequiredRatio(large);
        var passed = ratio >= required;
        var shown = ContrastMath.Truncate(ratio);
        var key = (ColorTally.Pack(foreground with { A = 1 }), ColorTally.Pack(background with { A = 1 }), large);
        if (!_groupsByColors.TryGetValue(key, out var group))
        {
            group = new Group(element, foreground.ToOpaqueHex(), background.ToOpaqueHex(), shown, required, passed, style.FontSize, style.FontWeight);
            _groupsByColors[key] = group;
        }

        group.Occurrences++;
        if (!passed)
        {
            audits.Fail(AuditCatalog.ColorContrast, element, string.Create(CultureInfo.InvariantCulture,
                $"Contrast {shown:0.00}:1 ({group.Foreground} on {group.Background}, {style.FontSize:0.##} px{(style.FontWeight >= ContrastMath.BoldWeight ? " bold" : "")}) is below the {required:0.0}:1 that {(large ? "large" : "normal")} text needs."));
        }
    }

    /// <summary>One row per colour group, failures first, then the most frequent.</summary>
    private IReadOnlyList<ContrastMeasurement> Measurements()
    {
        var describe = new ElementDescriber(document);
        return [.. _groupsByColors
            .OrderBy(g => g.Value.Passed)
            .ThenByDescending(g => g.Value.Occurrences)
            .Take(MaxMeasurements)
            .Select(g => new ContrastMeasurement(
                describe.Selector(g.Value.FirstElement),
                document.OwnText(g.Value.FirstElement, 80),
                g.Value.Foreground,
                g.Value.Background,
                g.Value.Ratio,
                g.Value.Required,
                g.Key.Large,
                g.Value.Passed,
                Math.Round(g.Value.FontSize, 2),
                g.Value.FontWeight,
                g.Value.Occurrences))];
    }

    /// <summary>Per element: inside an exempt subtree; on the simple path; the colour behind it there and whether it is unknown.</summary>
    private sealed record Backdrops(bool[] Exempt, bool[] Simple, Rgba[] Color, bool[] Unknown);

    /// <summary>Text WCAG 1.4.3 does not cover here (and so neither does anything inside it): SVG, form controls'
    /// option lists, and disabled controls (inactive user-interface components).</summary>
    private static bool IsExempt(IElement element)
    {
        if (element.NamespaceUri != NamespaceNames.HtmlUri)
        {
            return true;
        }

        switch (element.LocalName)
        {
            case "option" or "optgroup" or "select" or "textarea":
                return true;
            case "button" or "fieldset" or "input" when element.HasAttribute("disabled"):
                return true;
        }

        return element.Attributes.Length > 0 && string.Equals(element.GetAttribute("aria-disabled"), "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The lowest contrast over every combination of gradient stops behind the text.</summary>
    private bool TryWorstCase(int index, out Rgba foreground, out Rgba background, out double ratio)
    {
        foreground = background = default;
        ratio = double.MaxValue;
        _path.Clear();
        for (var i = index; i >= 0; i = document.Parent[i])
        {
            _path.Add(i);
        }

        _path.Reverse();

        Span<int> gradientAt = stackalloc int[MaxGradientLayers];
        var gradients = 0;
        var groups = 0;
        foreach (var element in _path)
        {
            if (styles.Styles[element].Opacity < 1 && ++groups > MaxOpacityGroups)
            {
                return false;
            }

            if (styles.Styles[element].ImageKind == BackgroundImageKind.Gradient)
            {
                if (gradients == MaxGradientLayers)
                {
                    return false;
                }

                gradientAt[gradients++] = element;
            }
        }

        // Contrast depends on luminance only, so each gradient is represented by its darkest and lightest stop.
        var worlds = 1 << gradients;
        for (var world = 0; world < worlds; world++)
        {
            if (!Paint(index, gradientAt[..gradients], world, out var text, out var behind))
            {
                return false;
            }

            var candidate = ContrastMath.Ratio(text, behind);
            if (candidate < ratio)
            {
                ratio = candidate;
                foreground = text;
                background = behind;
            }
        }

        return true;
    }

    private bool Paint(int index, ReadOnlySpan<int> gradientElements, int world, out Rgba text, out Rgba behind)
    {
        _groups.Clear();
        _groups.Add(new Layer(1, Rgba.White, Unknown: false));
        foreach (var element in _path)
        {
            var style = styles.Styles[element];
            if (style.Opacity < 1)
            {
                _groups.Add(new Layer(style.Opacity, Rgba.Transparent, Unknown: false));
            }

            var top = _groups[^1];
            var color = top.Color;
            var unknown = top.Unknown;
            if (!style.BackgroundKnown)
            {
                unknown = true;
            }
            else
            {
                (color, unknown) = Over(style.Background, color, unknown);
            }

            switch (style.ImageKind)
            {
                case BackgroundImageKind.Opaque:
                    unknown = true;
                    break;
                case BackgroundImageKind.Gradient:
                    var g = gradientElements.IndexOf(element);
                    var stop = Extreme(style.GradientStops!, lightest: ((world >> g) & 1) == 1);
                    (color, unknown) = Over(stop, color, unknown);
                    break;
            }

            _groups[^1] = top with { Color = color, Unknown = unknown };
        }

        var inner = _groups[^1];
        var (textColor, textUnknown) = Over(styles.Styles[index].Color, inner.Color, inner.Unknown);
        (text, var textStillUnknown) = Flatten(textColor, textUnknown);
        (behind, var behindUnknown) = Flatten(inner.Color, inner.Unknown);
        return !textStillUnknown && !behindUnknown;
    }

    /// <summary>Closes the open opacity groups from the innermost out: each group's content is blended at the
    /// group's opacity over the content of the group around it.</summary>
    private (Rgba Color, bool Unknown) Flatten(Rgba color, bool unknown)
    {
        for (var g = _groups.Count - 1; g >= 1; g--)
        {
            var outer = _groups[g - 1];
            var faded = color.WithAlphaMultiplied(_groups[g].Opacity);
            unknown = unknown || (!faded.IsOpaque && outer.Unknown);
            color = ContrastMath.Composite(faded, outer.Color);
        }

        return (color, unknown);
    }

    private static (Rgba Color, bool Unknown) Over(Rgba top, Rgba bottom, bool bottomUnknown)
    {
        if (top.IsOpaque)
        {
            return (top, false);
        }

        return (ContrastMath.Composite(top, bottom), bottomUnknown);
    }

    private static Rgba Extreme(Rgba[] stops, bool lightest)
    {
        var best = stops[0];
        var bestLuminance = ContrastMath.RelativeLuminance(best);
        foreach (var stop in stops)
        {
            var luminance = ContrastMath.RelativeLuminance(stop);
            if (lightest ? luminance > bestLuminance : luminance < bestLuminance)
            {
                best = stop;
                bestLuminance = luminance;
            }
        }

        return best;
    }

    private readonly record struct Layer(double Opacity, Rgba Color, bool Unknown);

    private sealed class Group(int firstElement, string foreground, string background, double ratio, double required, bool passed, double fontSize, int fontWeight)
    {
        public int FirstElement { get; } = firstElement;

        public string Foreground { get; } = foreground;

        public string Background { get; } = background;

        public double Required { get; } = required;

        public double Ratio { get; } = ratio;

        public bool Passed { get; } = passed;

        public double FontSize { get; } = fontSize;

        public int FontWeight { get; } = fontWeight;

        public int Occurrences { get; set; }
    }
}
