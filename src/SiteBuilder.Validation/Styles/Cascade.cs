using System.Globalization;
using AngleSharp.Dom;
using SiteBuilder.Validation.Document;

namespace SiteBuilder.Validation.Styles;

/// <summary>The cascade's output for the whole page. Dispose it when the report is built: the style array (about
/// 230 bytes per element, so on the large-object heap for any real page) is pooled.</summary>
internal sealed class PageStyles(ElementStyle[] styles, bool[] rendered, double[] opacity, ColorTally colors, StyleSheet sheet) : IDisposable
{
    private ElementStyle[]? _pooled = styles;

    /// <summary>Indexed by element; may be longer than the document.</summary>
    public ElementStyle[] Styles { get; } = styles;

    public void Dispose()
    {
        if (_pooled is { } array)
        {
            _pooled = null;
            System.Buffers.ArrayPool<ElementStyle>.Shared.Return(array, clearArray: true);
        }
    }

    /// <summary>Not <c>display: none</c>, nor inside an element that is.</summary>
    public bool[] Rendered { get; } = rendered;

    /// <summary>Product of <c>opacity</c> over the element and its ancestors.</summary>
    public double[] EffectiveOpacity { get; } = opacity;

    public ColorTally Colors { get; } = colors;

    public StyleSheet Sheet { get; } = sheet;

    /// <summary>Rendered, not <c>visibility: hidden</c>, not fully transparent, not clipped away.</summary>
    public bool IsVisible(int element) =>
        Rendered[element] && !Styles[element].VisibilityHidden && EffectiveOpacity[element] > 0 && !Styles[element].VisuallyHidden;
}

/// <summary>
/// A focused CSS cascade: the user-agent sheet, the page's <c>&lt;style&gt;</c> rules (with media queries,
/// layers and nesting), presentational attributes and <c>style</c> attributes, ordered by origin and importance,
/// inline-ness, layer, specificity and source order — then inheritance, computed top-down in document order
/// (parents come first), so no step recurses.
/// </summary>
internal static class Cascade
{
    private const int PropCount = (int)Prop.Custom;
    private const int UnsetOrder = 0;

    public static PageStyles Compute(PageDocument document, ValidationDeadline deadline = default)
    {
        var sheet = new StyleSheet();
        var userAgent = UserAgentStyles.Rules;
        sheet.NextOrder = userAgent.Count == 0 ? 0 : userAgent.Max(r => r.Order) + 1;
        for (var i = 0; i < document.Count; i++)
        {
            var element = document.Elements[i];
            if (element.LocalName == "style" && IsCss(element.GetAttribute("type")))
            {
                StyleSheetParser.Parse(element.TextContent, sheet, i, MediaQuery.Matches(element.GetAttribute("media")));
            }
        }

        // One index for both origins: each element looks its buckets up once; the rule knows its origin.
        var index = SelectorIndex.Build([.. userAgent, .. sheet.Rules], firstSlot: 0);
        var run = new Run(document, sheet, index);
        return run.Execute(deadline);
    }

    private static bool IsCss(string? type) =>
        string.IsNullOrWhiteSpace(type) || type.Trim().Equals("text/css", StringComparison.OrdinalIgnoreCase);

    private static long Key(bool author, bool important, bool inline, int layerRank, int specificity, int order)
    {
        long tier = author ? (important ? 2 : 1) : (important ? 3 : 0);
        long layer = important ? StyleSheet.Unlayered - layerRank : layerRank;
        return (tier << 61) | ((inline ? 1L : 0L) << 60) | (layer << 52) | ((long)specificity << 28) | (order & 0x0FFFFFFFL);
    }

    /// <param name="ParentStyleId">The parent's computed style.</param>
    /// <param name="Slots">The selectors that matched, in matching order.</param>
    /// <param name="StyleId">The shared style's id.</param>
    /// <param name="Style">The computed style.</param>
    /// <param name="Contributions">The colours its own declarations contribute to the tally.</param>
    private sealed record SharedStyle(int ParentStyleId, int[] Slots, int StyleId, ElementStyle Style, (Rgba Color, ColorProperty Property)[] Contributions);

    private struct Winner
    {
        public long Key;
        public Declaration Declaration;
        public bool Author;
        public bool Set;
    }

    private sealed class Run(PageDocument document, StyleSheet sheet, SelectorIndex index)
    {
        private readonly Winner[] _winners = new Winner[PropCount];
        private readonly List<(string Name, long Key, string Value)> _customs = [];
        private readonly Dictionary<string, (Declaration[] Declarations, string? Hazard)> _inlineCache = new(StringComparer.Ordinal);
        private readonly List<Declaration> _hints = [];
        private readonly ElementStyle[] _styles = RentStyles(document.Count);
        private readonly bool[] _rendered = new bool[document.Count];
        private readonly double[] _opacity = new double[document.Count];
        private readonly ColorTally _colors = new();
        private readonly int[] _styleIds = new int[document.Count];
        private readonly List<int> _matchedSlots = [];
        private readonly List<(Rgba Color, ColorProperty Property)> _contributions = [];
        private readonly Dictionary<ulong, List<SharedStyle>> _shared = [];
        private SelectorMatcher _matcher = null!;
        private int _nextStyleId;

        public PageStyles Execute(ValidationDeadline deadline)
        {
            using var matcher = new SelectorMatcher(document, index.SlotCount);
            _matcher = matcher;
            for (var i = 0; i < document.Count; i++)
            {
                // Matching is the costly part of a huge page: a caller's time budget is checked every few hundred elements.
                if ((i & 255) == 0)
                {
                    deadline.ThrowIfPassed();
                }

                Array.Clear(_winners);
                _customs.Clear();
                _matchedSlots.Clear();
                _contributions.Clear();
                var element = document.Elements[i];
                Collect(element, i);
                var hinted = PresentationalHints(element);
                var inline = InlineStyle(element, i);

                // Style sharing, as browsers do it: the same parent style and the same matched selectors, with no
                // element-specific input, give the same computed style.
                var parent = document.Parent[i];
                var shareable = parent >= 0 && !hinted && !inline && !IsClosedDetailsContent(i);
                var key = shareable ? SharingKey(_styleIds[parent]) : 0;
                if (shareable && TryShare(key, _styleIds[parent], i))
                {
                    Finish(i);
                    continue;
                }

                ComputeElement(i);
                _styleIds[i] = ++_nextStyleId;
                if (shareable)
                {
                    Remember(key, _styleIds[parent], i);
                }

                Finish(i);
            }

            return new PageStyles(_styles, _rendered, _opacity, _colors, sheet);
        }

        /// <summary>Rendering flags, effective opacity and the colour tally, which depend on the element's place.</summary>
        private void Finish(int i)
        {
            var parent = document.Parent[i];
            _rendered[i] = (parent < 0 || _rendered[parent]) && !_styles[i].DisplayNone;
            _opacity[i] = _styles[i].Opacity * (parent >= 0 ? _opacity[parent] : 1);
            if (_rendered[i])
            {
                foreach (var (color, property) in _contributions)
                {
                    _colors.Add(color, property, i);
                }
            }
        }

        private ulong SharingKey(int parentStyleId)
        {
            var hash = 14695981039346656037UL ^ (ulong)parentStyleId;
            foreach (var slot in _matchedSlots)
            {
                hash = (hash ^ (ulong)slot) * 1099511628211UL;
            }

            return hash;
        }

        private bool TryShare(ulong key, int parentStyleId, int i)
        {
            if (!_shared.TryGetValue(key, out var candidates))
            {
                return false;
            }

            foreach (var candidate in candidates)
            {
                if (candidate.ParentStyleId == parentStyleId && candidate.Slots.AsSpan().SequenceEqual(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_matchedSlots)))
                {
                    _styles[i] = candidate.Style;
                    _styleIds[i] = candidate.StyleId;
                    _contributions.AddRange(candidate.Contributions);
                    return true;
                }
            }

            return false;
        }

        private void Remember(ulong key, int parentStyleId, int i)
        {
            if (!_shared.TryGetValue(key, out var candidates))
            {
                candidates = [];
                _shared[key] = candidates;
            }

            candidates.Add(new SharedStyle(parentStyleId, [.. _matchedSlots], _styleIds[i], _styles[i], [.. _contributions]));
        }

        private void Collect(IElement element, int i)
        {
            var id = element.Id;
            if (!string.IsNullOrEmpty(id))
            {
                Consider(index.ForId(id), i);
            }

            if (document.Classes[i] is { } classes)
            {
                foreach (var name in classes)
                {
                    Consider(index.ForClass(name), i);
                }
            }

            var localName = element.LocalName;
            Consider(index.ForTag(IsLower(localName) ? localName : localName.ToLowerInvariant()), i);
            Consider(index.Universal, i);
        }

        private void Consider(IndexedSelector[] candidates, int i)
        {
            foreach (ref readonly var candidate in candidates.AsSpan())
            {
                if (_matcher.Matches(candidate.Selector, candidate.Slot, i))
                {
                    _matchedSlots.Add(candidate.Slot);
                    var rule = candidate.Rule;
                    var isAuthor = !rule.IsUserAgent;
                    foreach (var declaration in rule.Declarations)
                    {
                        Offer(declaration, Key(isAuthor, declaration.Important, false, rule.LayerRank, candidate.Selector.Specificity, rule.Order), isAuthor);
                    }
                }
            }
        }

        private void Offer(in Declaration declaration, long key, bool isAuthor)
        {
            if (declaration.Property == Prop.Custom)
            {
                for (var c = 0; c < _customs.Count; c++)
                {
                    if (string.Equals(_customs[c].Name, declaration.CustomName, StringComparison.Ordinal))
                    {
                        if (key >= _customs[c].Key)
                        {
                            _customs[c] = (declaration.CustomName!, key, declaration.Value);
                        }

                        return;
                    }
                }

                _customs.Add((declaration.CustomName!, key, declaration.Value));
                return;
            }

            ref var winner = ref _winners[(int)declaration.Property];
            if (!winner.Set || key >= winner.Key)
            {
                winner.Key = key;
                winner.Declaration = declaration;
                winner.Author = isAuthor;
                winner.Set = true;
            }
        }

        /// <summary>HTML attributes that browsers map to CSS at the lowest author priority.</summary>
        private bool PresentationalHints(IElement element)
        {
            if (!element.HasAttributes())
            {
                return false;
            }

            _hints.Clear();
            var name = element.LocalName;
            switch (name)
            {
                case "img" or "svg" or "video" or "canvas" or "iframe" or "embed" or "object" or "input" or "picture" or "source":
                    DimensionHint(element, "width", Prop.Width);
                    DimensionHint(element, "height", Prop.Height);
                    break;
                case "body" or "table" or "tr" or "td" or "th":
                    if (element.GetAttribute("bgcolor") is { Length: > 0 } bgcolor)
                    {
                        _hints.Add(new Declaration(Prop.BackgroundColor, bgcolor.Trim(), false));
                    }

                    break;
                case "font":
                    if (element.GetAttribute("color") is { Length: > 0 } color)
                    {
                        _hints.Add(new Declaration(Prop.Color, color.Trim(), false));
                    }

                    break;
            }

            if (element.NamespaceUri == NamespaceNames.SvgUri)
            {
                if (element.GetAttribute("fill") is { Length: > 0 } fill)
                {
                    _hints.Add(new Declaration(Prop.Fill, fill.Trim(), false));
                }

                if (element.GetAttribute("stroke") is { Length: > 0 } stroke)
                {
                    _hints.Add(new Declaration(Prop.Stroke, stroke.Trim(), false));
                }
            }

            foreach (var hint in _hints)
            {
                Offer(hint, Key(author: true, important: false, inline: false, layerRank: 0, specificity: 0, order: UnsetOrder), isAuthor: true);
            }

            return _hints.Count > 0;
        }

        private void DimensionHint(IElement element, string attribute, Prop property)
        {
            var value = element.GetAttribute(attribute);
            if (value is not null && double.TryParse(value.Trim().TrimEnd('x', 'p'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0)
            {
                _hints.Add(new Declaration(property, number.ToString(CultureInfo.InvariantCulture) + "px", false));
            }
        }

        private bool InlineStyle(IElement element, int i)
        {
            var style = element.GetAttribute("style");
            if (string.IsNullOrWhiteSpace(style))
            {
                return false;
            }

            if (!_inlineCache.TryGetValue(style, out var cached))
            {
                var hazardsBefore = sheet.Hazards.Count;
                cached = (StyleSheetParser.ParseDeclarations(style, sheet, i), sheet.Hazards.Count > hazardsBefore ? sheet.Hazards[^1].Text : null);
                _inlineCache[style] = cached;
            }
            else if (cached.Hazard is not null)
            {
                // Parsed once per distinct text, but a hazard is reported for every element that carries it.
                sheet.Hazards.Add(new CssHazard(i, cached.Hazard));
            }

            var declarations = cached.Declarations;
            foreach (var declaration in declarations)
            {
                Offer(declaration, Key(author: true, declaration.Important, inline: true, StyleSheet.Unlayered, 0, 0x0FFFFFFF), isAuthor: true);
            }

            return true;
        }

        private void ComputeElement(int i)
        {
            var parentIndex = document.Parent[i];
            var hasParent = parentIndex >= 0;
            var parent = hasParent ? _styles[parentIndex] : RootDefaults();
            var rootFont = hasParent ? _styles[0].FontSize : Viewport.RootFontSize;
            ref var style = ref _styles[i];

            style.Variables = Variables(parent.Variables);
            var colorAuthor = InheritColor(ref style, parent);
            InheritFont(ref style, parent, rootFont);
            if (!hasParent)
            {
                rootFont = style.FontSize;
            }

            InheritVisibility(ref style, parent);

            // Not inherited from here on.
            var display = Value(Prop.Display, style.Variables, out var displayValue, out _) ? displayValue : null;
            style.DisplayNone = (display is not null && (IsKeyword(display, "none") || (IsKeyword(display, "inherit") && parent.DisplayNone)))
                || (hasParent && IsClosedDetailsContent(i));

            style.Opacity = 1;
            if (Value(Prop.Opacity, style.Variables, out var opacity, out _) && opacity is not null)
            {
                style.Opacity = ParseOpacity(opacity, parent.Opacity);
            }

            var backgroundAuthor = ComputeBackgroundColor(ref style, parent);
            ComputeBackgroundImage(ref style, parent);
            style.BorderColor = ExplicitColor(Prop.BorderColor, ref style);
            style.Fill = ExplicitColor(Prop.Fill, ref style);
            style.Stroke = ExplicitColor(Prop.Stroke, ref style);
            ComputeBox(ref style, rootFont);

            // The colours this element's own author declarations put on it (counted if it is rendered).
            TallyAuthorColors(ref style, colorAuthor, backgroundAuthor);
        }

        /// <summary>color (inherited). Returns whether an author declaration set it.</summary>
        private bool InheritColor(ref ElementStyle style, in ElementStyle parent)
        {
            style.Color = parent.Color;
            style.ColorKnown = parent.ColorKnown;
            if (Value(Prop.Color, style.Variables, out var colorValue, out var colorAuthor) && colorValue is not null && !IsInheritKeyword(colorValue))
            {
                if (IsKeyword(colorValue, "initial"))
                {
                    style.Color = Rgba.Black;
                    style.ColorKnown = true;
                }
                else
                {
                    switch (CssColor.Classify(colorValue, out var color))
                    {
                        case CssColorKind.Color:
                            style.Color = color;
                            style.ColorKnown = true;
                            break;
                        case CssColorKind.Unsupported:
                            style.ColorKnown = false;
                            break;
                    }
                }
            }

            return colorAuthor;
        }

        /// <summary>font-size, font-weight, font-family (inherited).</summary>
        private void InheritFont(ref ElementStyle style, in ElementStyle parent, double rootFont)
        {
            style.FontSize = parent.FontSize;
            if (Value(Prop.FontSize, style.Variables, out var sizeValue, out _) && sizeValue is not null
                && CssValues.FontSize(sizeValue, parent.FontSize, rootFont) is { } size)
            {
                style.FontSize = size;
            }

            style.FontWeight = parent.FontWeight;
            if (Value(Prop.FontWeight, style.Variables, out var weightValue, out _) && weightValue is not null
                && CssValues.FontWeight(weightValue, parent.FontWeight) is { } weight)
            {
                style.FontWeight = weight;
            }

            style.FontFamily = parent.FontFamily;
            style.AuthorFont = parent.AuthorFont;
            if (Value(Prop.FontFamily, style.Variables, out var familyValue, out var familyAuthor) && familyValue is not null && !IsInheritKeyword(familyValue))
            {
                style.FontFamily = IsKeyword(familyValue, "initial") ? "serif" : familyValue;
                style.AuthorFont = familyAuthor;
            }
        }

        /// <summary>visibility (inherited).</summary>
        private void InheritVisibility(ref ElementStyle style, in ElementStyle parent)
        {
            style.VisibilityHidden = parent.VisibilityHidden;
            if (Value(Prop.Visibility, style.Variables, out var visibility, out _) && visibility is not null && !IsInheritKeyword(visibility))
            {
                style.VisibilityHidden = IsKeyword(visibility, "hidden") || IsKeyword(visibility, "collapse");
            }
        }

        /// <summary>background-color. Returns whether an author declaration set it.</summary>
        private bool ComputeBackgroundColor(ref ElementStyle style, in ElementStyle parent)
        {
            style.Background = Rgba.Transparent;
            style.BackgroundKnown = true;
            if (Value(Prop.BackgroundColor, style.Variables, out var background, out var backgroundAuthor) && background is not null)
            {
                if (IsKeyword(background, "inherit"))
                {
                    style.Background = parent.Background;
                    style.BackgroundKnown = parent.BackgroundKnown;
                }
                else if (!IsKeyword(background, "initial") && !IsKeyword(background, "unset"))
                {
                    switch (CssColor.Classify(background, out var color))
                    {
                        case CssColorKind.Color:
                            style.Background = color;
                            break;
                        case CssColorKind.CurrentColor:
                            style.Background = style.Color;
                            style.BackgroundKnown = style.ColorKnown;
                            break;
                        case CssColorKind.Unsupported:
                            style.BackgroundKnown = false;
                            break;
                    }
                }
            }

            return backgroundAuthor;
        }

        private void ComputeBackgroundImage(ref ElementStyle style, in ElementStyle parent)
        {
            style.ImageKind = BackgroundImageKind.None;
            style.GradientStops = null;
            if (Value(Prop.BackgroundImage, style.Variables, out var image, out _) && image is not null)
            {
                if (IsKeyword(image, "inherit"))
                {
                    style.ImageKind = parent.ImageKind;
                    style.GradientStops = parent.GradientStops;
                }
                else
                {
                    (style.ImageKind, style.GradientStops) = BackgroundImage(image, style.Color);
                }
            }
        }

        /// <summary>Sizes, padding, box sizing and position: what the layout checks (target size, hidden content) need.</summary>
        private void ComputeBox(ref ElementStyle style, double rootFont)
        {
            var own = new CssValues.LengthContext(style.FontSize, rootFont, double.NaN);
            style.Width = Length(Prop.Width, style.Variables, own);
            style.Height = Length(Prop.Height, style.Variables, own);
            style.WidthDeclared = IsDeclaredSize(Prop.Width, style.Variables);
            style.HeightDeclared = IsDeclaredSize(Prop.Height, style.Variables);
            style.MinWidth = Length(Prop.MinWidth, style.Variables, own);
            style.MinHeight = Length(Prop.MinHeight, style.Variables, own);
            style.PaddingTop = ZeroIfUnknown(Length(Prop.PaddingTop, style.Variables, own));
            style.PaddingRight = ZeroIfUnknown(Length(Prop.PaddingRight, style.Variables, own));
            style.PaddingBottom = ZeroIfUnknown(Length(Prop.PaddingBottom, style.Variables, own));
            style.PaddingLeft = ZeroIfUnknown(Length(Prop.PaddingLeft, style.Variables, own));
            style.BorderBox = Value(Prop.BoxSizing, style.Variables, out var boxSizing, out _) && boxSizing is not null && IsKeyword(boxSizing, "border-box");
            style.HasAspectRatio = Value(Prop.AspectRatio, style.Variables, out var aspect, out _) && aspect is not null && !IsKeyword(aspect, "auto");
            var position = Value(Prop.Position, style.Variables, out var positionValue, out _) ? positionValue : null;
            style.OutOfFlow = position is not null && (IsKeyword(position, "absolute") || IsKeyword(position, "fixed"));
            style.VisuallyHidden = IsClippedAway(ref style);
        }

        private void TallyAuthorColors(ref ElementStyle style, bool colorAuthor, bool backgroundAuthor)
        {
            Tally(Prop.Color, colorAuthor, style.ColorKnown, style.Color, ColorProperty.Color);
            Tally(Prop.BackgroundColor, backgroundAuthor, style.BackgroundKnown, style.Background, ColorProperty.BackgroundColor);
            if (style.BorderColor is { } border && _winners[(int)Prop.BorderColor].Author)
            {
                _contributions.Add((border, ColorProperty.BorderColor));
            }

            if (style.Fill is { } f && _winners[(int)Prop.Fill].Author)
            {
                _contributions.Add((f, ColorProperty.Fill));
            }

            if (style.Stroke is { } s && _winners[(int)Prop.Stroke].Author)
            {
                _contributions.Add((s, ColorProperty.Stroke));
            }

            if (style.GradientStops is { } stops && _winners[(int)Prop.BackgroundImage].Author)
            {
                foreach (var stop in stops)
                {
                    _contributions.Add((stop, ColorProperty.BackgroundImage));
                }
            }
        }

        private void Tally(Prop property, bool author, bool known, Rgba color, ColorProperty name)
        {
            if (author && known && _winners[(int)property].Set)
            {
                _contributions.Add((color, name));
            }
        }

        private bool IsClosedDetailsContent(int i)
        {
            var parent = document.Elements[document.Parent[i]];
            return parent.LocalName == "details" && !parent.HasAttribute("open") && document.Elements[i].LocalName != "summary";
        }

        private static ElementStyle[] RentStyles(int count)
        {
            var array = System.Buffers.ArrayPool<ElementStyle>.Shared.Rent(Math.Max(1, count));
            Array.Clear(array, 0, count);
            return array;
        }

        private static ElementStyle RootDefaults() => new()
        {
            Color = Rgba.Black,
            ColorKnown = true,
            Background = Rgba.Transparent,
            BackgroundKnown = true,
            FontSize = Viewport.RootFontSize,
            FontWeight = 400,
            FontFamily = "serif",
            Opacity = 1,
        };

        /// <summary>The element's custom properties: the parent's, shared, unless the element sets its own.</summary>
        private IReadOnlyDictionary<string, string>? Variables(IReadOnlyDictionary<string, string>? inherited)
        {
            if (_customs.Count == 0)
            {
                return inherited;
            }

            var raw = inherited is null
                ? new Dictionary<string, string>(StringComparer.Ordinal)
                : new Dictionary<string, string>(inherited, StringComparer.Ordinal);
            foreach (var (name, _, value) in _customs)
            {
                var keyword = value.Trim();
                if (IsKeyword(keyword, "inherit") || IsKeyword(keyword, "unset"))
                {
                    if (inherited?.TryGetValue(name, out var parentValue) == true)
                    {
                        raw[name] = parentValue;
                    }
                    else
                    {
                        raw.Remove(name);
                    }
                }
                else if (IsKeyword(keyword, "initial"))
                {
                    raw.Remove(name);
                }
                else
                {
                    raw[name] = value;
                }
            }

            // Resolve references among the element's own properties; a cycle or a runaway expansion makes the
            // property invalid (guaranteed-invalid), as the spec says.
            var resolved = new Dictionary<string, string>(raw, StringComparer.Ordinal);
            foreach (var (name, _, _) in _customs)
            {
                if (!raw.TryGetValue(name, out var value) || !value.Contains("var(", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var substituted = CssValues.Substitute(value, raw);
                if (substituted is null)
                {
                    resolved.Remove(name);
                }
                else
                {
                    resolved[name] = substituted;
                }
            }

            return resolved;
        }

        /// <summary>The winning value of a longhand after <c>var()</c> substitution and shorthand splitting.
        /// True when some declaration applies; <paramref name="value"/> is null when that declaration turned out
        /// invalid at computed-value time (then the property behaves as <c>unset</c>).</summary>
        private bool Value(Prop property, IReadOnlyDictionary<string, string>? variables, out string? value, out bool author)
        {
            ref readonly var winner = ref _winners[(int)property];
            author = winner.Author;
            if (!winner.Set)
            {
                value = null;
                return false;
            }

            var declaration = winner.Declaration;
            var text = declaration.Value;
            if (declaration.HasVar)
            {
                text = CssValues.Substitute(text, variables);
                if (text is null)
                {
                    value = null;
                    return true;
                }
            }

            value = declaration.Source == Shorthand.None ? text.Trim() : PropertyTable.Longhand(declaration, text)?.Trim();
            return true;
        }

        private Rgba? ExplicitColor(Prop property, ref ElementStyle style)
        {
            if (!Value(property, style.Variables, out var value, out _) || value is null)
            {
                return null;
            }

            return CssColor.Classify(value, out var color) switch
            {
                CssColorKind.Color => color,
                CssColorKind.CurrentColor when style.ColorKnown => style.Color,
                _ => null,
            };
        }

        private double Length(Prop property, IReadOnlyDictionary<string, string>? variables, CssValues.LengthContext context) =>
            Value(property, variables, out var value, out _) && value is not null && CssValues.TryLength(value, context, out var px) ? px : double.NaN;

        private bool IsDeclaredSize(Prop property, IReadOnlyDictionary<string, string>? variables) =>
            Value(property, variables, out var value, out _) && value is not null
            && !IsKeyword(value, "auto") && !IsKeyword(value, "initial") && !IsKeyword(value, "unset") && !IsKeyword(value, "inherit");

        private bool IsClippedAway(ref ElementStyle style)
        {
            if (Value(Prop.Clip, style.Variables, out var clip, out _) && clip is not null
                && clip.StartsWith("rect(", StringComparison.OrdinalIgnoreCase) && style.OutOfFlow)
            {
                var inner = clip[5..].TrimEnd(')');
                var sides = CssText.SplitTopLevel(inner.Replace(',', ' '));
                var context = new CssValues.LengthContext(style.FontSize, Viewport.RootFontSize, double.NaN);
                if (sides.Count == 4 && sides.All(side => CssValues.TryLength(side, context, out var px) && px <= 1))
                {
                    return true;
                }
            }

            if (Value(Prop.ClipPath, style.Variables, out var clipPath, out _) && clipPath is not null
                && (clipPath.StartsWith("inset(50%", StringComparison.OrdinalIgnoreCase) || clipPath.StartsWith("inset(100%", StringComparison.OrdinalIgnoreCase)
                    || clipPath.Replace(" ", "", StringComparison.Ordinal).StartsWith("circle(0", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            var overflowHidden = Value(Prop.Overflow, style.Variables, out var overflow, out _) && overflow is not null
                && (overflow.StartsWith("hidden", StringComparison.OrdinalIgnoreCase) || overflow.StartsWith("clip", StringComparison.OrdinalIgnoreCase));
            return overflowHidden && style.Width <= 1 && style.Height <= 1;
        }

        private static (BackgroundImageKind Kind, Rgba[]? Stops) BackgroundImage(string value, Rgba currentColor)
        {
            if (IsKeyword(value, "none") || IsKeyword(value, "initial") || IsKeyword(value, "unset"))
            {
                return (BackgroundImageKind.None, null);
            }

            if (value.Contains("url(", StringComparison.OrdinalIgnoreCase) || value.Contains("image(", StringComparison.OrdinalIgnoreCase)
                || value.Contains("image-set(", StringComparison.OrdinalIgnoreCase) || value.Contains("element(", StringComparison.OrdinalIgnoreCase)
                || value.Contains("cross-fade(", StringComparison.OrdinalIgnoreCase) || value.Contains("paint(", StringComparison.OrdinalIgnoreCase))
            {
                return (BackgroundImageKind.Opaque, null);
            }

            List<Rgba>? stops = null;
            var from = 0;
            while (true)
            {
                var at = value.IndexOf("gradient(", from, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    break;
                }

                var open = at + "gradient".Length;
                var close = CssText.MatchingParen(value, open);
                if (close < 0)
                {
                    return (BackgroundImageKind.Opaque, null);
                }

                foreach (var argument in CssText.SplitTopLevel(value[(open + 1)..close], ','))
                {
                    foreach (var token in CssText.SplitTopLevel(argument))
                    {
                        switch (CssColor.Classify(token, out var color))
                        {
                            case CssColorKind.Color:
                                (stops ??= []).Add(color);
                                break;
                            case CssColorKind.CurrentColor:
                                (stops ??= []).Add(currentColor);
                                break;
                            case CssColorKind.Unsupported:
                                return (BackgroundImageKind.Opaque, null);
                        }
                    }
                }

                from = close + 1;
            }

            return stops is null ? (BackgroundImageKind.None, null) : (BackgroundImageKind.Gradient, [.. stops]);
        }

        private static double ParseOpacity(string value, double parent)
        {
            if (IsKeyword(value, "inherit"))
            {
                return parent;
            }

            var text = value.Trim();
            var percent = text.EndsWith('%');
            return double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? Math.Clamp(percent ? number / 100 : number, 0, 1)
                : 1;
        }

        private static double ZeroIfUnknown(double value) => double.IsNaN(value) ? 0 : value;

        private static bool IsInheritKeyword(string value) => IsKeyword(value, "inherit") || IsKeyword(value, "unset");

        private static bool IsKeyword(string value, string keyword) => value.Equals(keyword, StringComparison.OrdinalIgnoreCase);

        private static bool IsLower(string text)
        {
            foreach (var c in text)
            {
                if (char.IsAsciiLetterUpper(c))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
