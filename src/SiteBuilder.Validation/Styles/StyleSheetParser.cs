namespace SiteBuilder.Validation.Styles;

/// <summary>
/// A forgiving, single-pass CSS parser. Blocks are tracked on an explicit stack, so nesting depth costs memory,
/// never call stack. It keeps style rules (with nesting, <c>@media</c>, <c>@supports</c>, <c>@layer</c>,
/// <c>@container</c>), <c>@import</c>s, <c>url()</c>s and hazards (<c>javascript:</c> URLs, <c>expression()</c>);
/// it skips <c>@keyframes</c>, <c>@page</c> and the like. Malformed input is skipped the way browsers skip it.
/// </summary>
internal static class StyleSheetParser
{
    private enum FrameKind
    {
        RuleList,
        Style,
        FontFace,
        Skip,
    }

    // Nested style rules compose their selectors (":is(parent) child"), so their text grows with depth; deeper
    // nesting, or a composed selector longer than this, is skipped.
    private const int MaxStyleNesting = 16;
    private const int MaxComposedSelectorLength = 4_096;

    private static readonly HashSet<string> UrlProperties = new(StringComparer.Ordinal)
    {
        "background", "background-image", "list-style", "list-style-image", "border-image", "border-image-source",
        "content", "cursor", "mask", "mask-image", "-webkit-mask-image",
    };

    public static void Parse(string css, StyleSheet sheet, int sourceElement, bool active)
    {
        var frames = new List<Frame> { new(FrameKind.RuleList, active, StyleSheet.Unlayered, null, null, 0) };
        var i = 0;
        while (true)
        {
            i = SkipTrivia(css, i);
            if (i >= css.Length)
            {
                break;
            }

            var frame = frames[^1];
            var c = css[i];
            if (c == '}')
            {
                if (frames.Count > 1)
                {
                    Close(frame, sheet);
                    frames.RemoveAt(frames.Count - 1);
                }

                i++;
                continue;
            }

            switch (frame.Kind)
            {
                case FrameKind.Skip:
                {
                    var stop = ScanTo(css, i);
                    if (stop < css.Length && css[stop] == '{')
                    {
                        frames.Add(new Frame(FrameKind.Skip, false, frame.LayerRank, null, null, 0));
                    }

                    i = stop < css.Length && css[stop] != '}' ? stop + 1 : stop;
                    break;
                }

                case FrameKind.FontFace:
                {
                    var stop = ScanTo(css, i);
                    if (stop < css.Length && css[stop] == '{')
                    {
                        frames.Add(new Frame(FrameKind.Skip, false, frame.LayerRank, null, null, 0));
                    }
                    else
                    {
                        FontFaceDescriptor(css.AsSpan(i, stop - i), sheet, sourceElement, frame.Active);
                    }

                    i = stop < css.Length && css[stop] != '}' ? stop + 1 : stop;
                    break;
                }

                case FrameKind.Style when c == '@':
                {
                    var (name, prelude, stop) = AtRule(css, i);
                    if (stop < css.Length && css[stop] == '{')
                    {
                        // Conditional rules nested in a style rule apply the parent's selectors.
                        var conditionHolds = Condition(name, prelude, out var layer, sheet);
                        frames.Add(conditionHolds is null
                            ? new Frame(FrameKind.Skip, false, frame.LayerRank, null, null, 0)
                            : new Frame(FrameKind.Style, frame.Active && conditionHolds.Value, layer ?? frame.LayerRank, frame.SelectorText, frame.Selectors, sheet.NextOrder++) { Nesting = frame.Nesting });
                    }

                    i = stop < css.Length && css[stop] != '}' ? stop + 1 : stop;
                    break;
                }

                case FrameKind.Style:
                {
                    var stop = ScanTo(css, i);
                    if (stop < css.Length && css[stop] == '{')
                    {
                        sheet.RuleCount++;
                        var nesting = frame.Nesting + 1;
                        var selectorText = nesting > MaxStyleNesting ? null : NestedSelector(frame.SelectorText ?? "*", css.AsSpan(i, stop - i).Trim().ToString());
                        frames.Add(selectorText is null || selectorText.Length > MaxComposedSelectorLength
                            ? new Frame(FrameKind.Skip, false, frame.LayerRank, null, null, 0)
                            : new Frame(FrameKind.Style, frame.Active, frame.LayerRank, selectorText, SelectorCompiler.Compile(selectorText), sheet.NextOrder++) { Nesting = nesting });
                        i = stop + 1;
                        break;
                    }

                    AddDeclaration(css.AsSpan(i, stop - i), frame.Declarations, sheet, sourceElement, frame.Active);
                    i = stop < css.Length && css[stop] == ';' ? stop + 1 : stop;
                    break;
                }

                default:
                {
                    if (c == '@')
                    {
                        i = RuleListAtRule(css, i, frame, frames, sheet, sourceElement);
                        break;
                    }

                    if (css.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal) || css.AsSpan(i).StartsWith("-->", StringComparison.Ordinal))
                    {
                        i += css[i] == '<' ? 4 : 3;
                        break;
                    }

                    var stop = ScanTo(css, i);
                    if (stop < css.Length && css[stop] == '{')
                    {
                        var selectorText = css.AsSpan(i, stop - i).Trim().ToString();
                        sheet.RuleCount++;
                        frames.Add(new Frame(FrameKind.Style, frame.Active, frame.LayerRank, selectorText, SelectorCompiler.Compile(selectorText), sheet.NextOrder++));
                        i = stop + 1;
                    }
                    else
                    {
                        i = stop < css.Length && css[stop] == ';' ? stop + 1 : stop;
                    }

                    break;
                }
            }
        }

        // Unclosed blocks end with the sheet, as in a browser.
        for (var f = frames.Count - 1; f > 0; f--)
        {
            Close(frames[f], sheet);
        }
    }

    /// <summary>Parses a <c>style</c> attribute's declarations.</summary>
    public static Declaration[] ParseDeclarations(string text, StyleSheet? sheet, int sourceElement)
    {
        var declarations = new List<Declaration>(4);
        var i = 0;
        while (i < text.Length)
        {
            var stop = ScanTo(text, i);
            if (stop > i)
            {
                AddDeclaration(text.AsSpan(i, stop - i), declarations, sheet, sourceElement, active: true);
            }

            if (stop < text.Length && text[stop] == '{')
            {
                // A block in a style attribute is invalid: skip to its end.
                var close = text.IndexOf('}', stop);
                i = close < 0 ? text.Length : close + 1;
                continue;
            }

            i = stop + 1;
        }

        return [.. declarations];
    }

    private static int RuleListAtRule(string css, int i, Frame frame, List<Frame> frames, StyleSheet sheet, int sourceElement)
    {
        var (name, prelude, stop) = AtRule(css, i);
        var isBlock = stop < css.Length && css[stop] == '{';
        var next = stop < css.Length && css[stop] != '}' ? stop + 1 : stop;
        if (!isBlock)
        {
            switch (name)
            {
                case "import":
                    var url = ImportUrl(prelude);
                    if (url is not null)
                    {
                        var media = ImportMedia(prelude);
                        sheet.References.Add(new CssReference(url, sourceElement, "import", frame.Active && MediaQuery.Matches(media)));
                    }

                    break;
                case "layer":
                    foreach (var layerName in CssText.SplitTopLevel(prelude, ','))
                    {
                        sheet.LayerRank(layerName);
                    }

                    break;
            }

            return next;
        }

        if (name == "font-face")
        {
            frames.Add(new Frame(FrameKind.FontFace, frame.Active, frame.LayerRank, null, null, 0));
            return next;
        }

        var holds = Condition(name, prelude, out var layer, sheet);
        frames.Add(holds is null
            ? new Frame(FrameKind.Skip, false, frame.LayerRank, null, null, 0)
            : new Frame(FrameKind.RuleList, frame.Active && holds.Value, layer ?? frame.LayerRank, null, null, 0));
        return next;
    }

    /// <summary>For a grouping at-rule: whether its condition holds on the judged device, or null for at-rules
    /// whose content is not style rules for elements (<c>@keyframes</c>, <c>@page</c>, <c>@starting-style</c> …).</summary>
    private static bool? Condition(string name, string prelude, out int? layer, StyleSheet sheet)
    {
        layer = null;
        switch (name)
        {
            case "media":
                return MediaQuery.Matches(prelude);
            case "supports":
                // Everything the audits read is supported by current browsers; a "not" test is taken as false.
                return !prelude.TrimStart().StartsWith("not", StringComparison.OrdinalIgnoreCase);
            case "container":
                return true;
            case "layer":
                layer = string.IsNullOrWhiteSpace(prelude) ? sheet.AnonymousLayer() : sheet.LayerRank(prelude.Trim());
                return true;
            default:
                return null;
        }
    }

    private static void Close(Frame frame, StyleSheet sheet)
    {
        if (frame.Kind == FrameKind.Style && frame.Active && frame.Declarations.Count > 0 && frame.Selectors is { Length: > 0 } selectors)
        {
            sheet.Rules.Add(new StyleRule(selectors, [.. frame.Declarations], frame.Order, frame.LayerRank));
        }
    }

    private static (string Name, string Prelude, int Stop) AtRule(string css, int at)
    {
        var nameEnd = at + 1;
        while (nameEnd < css.Length && (char.IsAsciiLetterOrDigit(css[nameEnd]) || css[nameEnd] == '-'))
        {
            nameEnd++;
        }

        var name = css[(at + 1)..nameEnd].ToLowerInvariant();
        if (name.StartsWith("-webkit-", StringComparison.Ordinal) || name.StartsWith("-moz-", StringComparison.Ordinal))
        {
            name = name[(name.IndexOf('-', 1) + 1)..];
        }

        var stop = ScanTo(css, nameEnd);
        return (name, css[nameEnd..stop].Trim(), stop);
    }

    private static void AddDeclaration(ReadOnlySpan<char> text, List<Declaration> target, StyleSheet? sheet, int sourceElement, bool active)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return;
        }

        var rawName = text[..colon].Trim();
        var value = text[(colon + 1)..].Trim();
        var important = false;
        var bang = value.LastIndexOf('!');
        if (bang >= 0 && value[(bang + 1)..].Trim().Equals("important", StringComparison.OrdinalIgnoreCase))
        {
            important = true;
            value = value[..bang].TrimEnd();
        }

        if (rawName.IsEmpty || value.IsEmpty && !rawName.StartsWith("--"))
        {
            return;
        }

        var name = rawName.StartsWith("--") ? rawName.ToString() : rawName.ToString().ToLowerInvariant();
        var valueText = value.ToString();
        if (sheet is not null)
        {
            Inspect(name, valueText, sheet, sourceElement, active);
        }

        if (active)
        {
            PropertyTable.Expand(name, valueText, important, target);
        }
    }

    /// <summary>Records what the security and performance audits need from a declaration.</summary>
    private static void Inspect(string name, string value, StyleSheet sheet, int sourceElement, bool active)
    {
        if (name is "behavior" or "-moz-binding"
            || value.Contains("expression(", StringComparison.OrdinalIgnoreCase)
            || (value.Contains("url(", StringComparison.OrdinalIgnoreCase) && CssText.Urls(value).Any(UrlSafety.IsScriptUrl)))
        {
            sheet.Hazards.Add(new CssHazard(sourceElement, Shorten($"{name}: {value}")));
        }

        if (UrlProperties.Contains(name) && value.Contains("url(", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var url in CssText.Urls(value))
            {
                sheet.References.Add(new CssReference(url, sourceElement, "image", active));
            }
        }
    }

    private static void FontFaceDescriptor(ReadOnlySpan<char> text, StyleSheet sheet, int sourceElement, bool active)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return;
        }

        var name = text[..colon].Trim().ToString().ToLowerInvariant();
        var value = text[(colon + 1)..].Trim().ToString();
        if (name == "font-family")
        {
            sheet.FontFaceFamilies.Add(CssText.Unquote(value));
        }
        else if (name == "src")
        {
            // Browsers fetch the first source they support; count one.
            var first = CssText.Urls(value).FirstOrDefault();
            if (first is not null)
            {
                sheet.References.Add(new CssReference(first, sourceElement, "font", active));
            }

            if (CssText.Urls(value).Any(UrlSafety.IsScriptUrl))
            {
                sheet.Hazards.Add(new CssHazard(sourceElement, Shorten($"src: {value}")));
            }
        }
    }

    /// <summary>CSS nesting: <c>&amp;</c> stands for the parent list; without it the nested selector is relative to
    /// the parent (a descendant, or after a leading combinator).</summary>
    private static string NestedSelector(string parent, string nested)
    {
        var parentIs = $":is({parent})";
        var pieces = CssText.SplitTopLevel(nested, ',');
        for (var p = 0; p < pieces.Count; p++)
        {
            var piece = pieces[p];
            pieces[p] = piece.Contains('&', StringComparison.Ordinal)
                ? piece.Replace("&", parentIs, StringComparison.Ordinal)
                : $"{parentIs} {piece}";
        }

        return string.Join(", ", pieces);
    }

    private static string? ImportUrl(string prelude)
    {
        var trimmed = prelude.TrimStart();
        if (trimmed.StartsWith("url(", StringComparison.OrdinalIgnoreCase))
        {
            return CssText.Urls(trimmed).FirstOrDefault();
        }

        if (trimmed.Length > 1 && trimmed[0] is '"' or '\'')
        {
            var close = trimmed.IndexOf(trimmed[0], 1);
            return close > 0 ? trimmed[1..close] : null;
        }

        return null;
    }

    private static string? ImportMedia(string prelude)
    {
        var trimmed = prelude.TrimStart();
        int end;
        if (trimmed.StartsWith("url(", StringComparison.OrdinalIgnoreCase))
        {
            end = CssText.MatchingParen(trimmed, 3) + 1;
        }
        else
        {
            end = trimmed.Length > 1 && trimmed[0] is '"' or '\'' ? trimmed.IndexOf(trimmed[0], 1) + 1 : 0;
        }

        if (end <= 0 || end >= trimmed.Length)
        {
            return null;
        }

        var rest = trimmed[end..].Trim();
        // Drop layer(...) and supports(...) conditions before the media list.
        while (rest.StartsWith("layer", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("supports(", StringComparison.OrdinalIgnoreCase))
        {
            var open = rest.IndexOf('(', StringComparison.Ordinal);
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (open >= 0 && (space < 0 || open < space))
            {
                var close = CssText.MatchingParen(rest, open);
                rest = close < 0 ? "" : rest[(close + 1)..].Trim();
            }
            else
            {
                rest = space < 0 ? "" : rest[space..].Trim();
            }
        }

        return rest.Length == 0 ? null : rest;
    }

    /// <summary>Skips whitespace and comments.</summary>
    private static int SkipTrivia(string css, int i)
    {
        while (i < css.Length)
        {
            if (char.IsWhiteSpace(css[i]))
            {
                i++;
            }
            else if (css[i] == '/' && i + 1 < css.Length && css[i + 1] == '*')
            {
                var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? css.Length : end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>The index of the first '{', '}' or top-level ';' from <paramref name="i"/>, skipping strings,
    /// comments, escapes and the inside of brackets; the length when there is none.</summary>
    private static int ScanTo(string css, int i)
    {
        var depth = 0;
        while (i < css.Length)
        {
            var c = css[i];
            switch (c)
            {
                case '\\':
                    i += 2;
                    continue;
                case '"' or '\'':
                    i = SkipString(css, i);
                    continue;
                case '/' when i + 1 < css.Length && css[i + 1] == '*':
                    var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? css.Length : end + 2;
                    continue;
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ';' when depth == 0:
                    return i;
                case '{' or '}':
                    // Even inside unbalanced brackets a brace ends the construct: brackets do not span blocks.
                    return i;
            }

            i++;
        }

        return css.Length;
    }

    private static int SkipString(string css, int start)
    {
        var quote = css[start];
        var i = start + 1;
        while (i < css.Length)
        {
            var c = css[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            // An unescaped newline ends a (bad) string.
            if (c == quote || c == '\n')
            {
                return i + 1;
            }

            i++;
        }

        return css.Length;
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), "…");

    private sealed class Frame(FrameKind kind, bool active, int layerRank, string? selectorText, ParsedSelector[]? selectors, int order)
    {
        public FrameKind Kind { get; } = kind;

        public bool Active { get; } = active;

        public int LayerRank { get; } = layerRank;

        public string? SelectorText { get; } = selectorText;

        public ParsedSelector[]? Selectors { get; } = selectors;

        public int Order { get; } = order;

        public List<Declaration> Declarations { get; } = [];

        /// <summary>How many style rules this one is nested in.</summary>
        public int Nesting { get; init; }
    }
}
