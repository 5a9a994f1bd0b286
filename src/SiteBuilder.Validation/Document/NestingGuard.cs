using System.Text;

namespace SiteBuilder.Validation.Document;

/// <summary>
/// Unwraps elements nested deeper than <see cref="MaxDepth"/> before the page is parsed: their start and end tags
/// are dropped, their content kept. The HTML parser checks scopes by walking the stack of open elements on many
/// start tags, so its cost grows with the square of the nesting depth (10 000 nested divs take seconds, a 2 MB
/// page of them hours). Browsers stop nesting at 512 levels; real pages stay below 60.
/// </summary>
/// <remarks>
/// A light, linear scan: comments, raw-text elements (script, style, textarea …), quoted attribute values and
/// void elements are recognised. Elements whose end tags browsers imply (p, li, td …) are not counted, because
/// the parser closes them itself. An end tag closes the nearest open element of its name, as in the parser;
/// open names are counted so that an unmatched end tag costs O(1).
/// </remarks>
internal static class NestingGuard
{
    public const int MaxDepth = 256;

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "keygen", "basefont", "bgsound", "frame", "image",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    private static readonly HashSet<string> ImpliedEnd = new(StringComparer.Ordinal)
    {
        "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
        "colgroup", "caption", "rb", "rt", "rtc", "rp",
    };

    /// <summary>The page with over-deep elements unwrapped, or the same string when none are.</summary>
    public static string Flatten(string html, out int unwrapped)
    {
        unwrapped = 0;
        if (html.Length < MaxDepth * 3)
        {
            return html;
        }

        var open = new List<(string Name, bool Dropped)>();
        var openByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var liveDepth = 0;
        var foreignDepth = 0;
        StringBuilder? output = null;
        var copiedUpTo = 0;
        var i = 0;
        while (true)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                break;
            }

            var next = html[lt + 1];
            if (next == '!' || next == '?')
            {
                i = SkipMarkupDeclaration(html, lt);
                continue;
            }

            var isEnd = next == '/';
            var nameStart = isEnd ? lt + 2 : lt + 1;
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                i = lt + 1;
                continue;
            }

            var nameEnd = nameStart;
            while (nameEnd < html.Length && !char.IsWhiteSpace(html[nameEnd]) && html[nameEnd] is not ('/' or '>'))
            {
                nameEnd++;
            }

            var name = html[nameStart..nameEnd].ToLowerInvariant();
            var (tagEnd, selfClosing) = TagEnd(html, nameEnd);
            i = tagEnd;
            if (isEnd)
            {
                if (ImpliedEnd.Contains(name) || !openByName.TryGetValue(name, out var count) || count == 0)
                {
                    continue;
                }

                var dropEnd = false;
                while (open.Count > 0)
                {
                    var (topName, dropped) = open[^1];
                    open.RemoveAt(open.Count - 1);
                    openByName[topName]--;
                    if (!dropped)
                    {
                        liveDepth--;
                    }

                    if (topName is "svg" or "math")
                    {
                        foreignDepth = Math.Max(0, foreignDepth - 1);
                    }

                    if (topName == name)
                    {
                        dropEnd = dropped;
                        break;
                    }
                }

                if (dropEnd)
                {
                    Drop(html, lt, tagEnd, ref output, ref copiedUpTo);
                }

                continue;
            }

            if (RawText.Contains(name))
            {
                i = SkipRawText(html, tagEnd, name);
                continue;
            }

            if (Void.Contains(name) || ImpliedEnd.Contains(name) || (selfClosing && foreignDepth > 0))
            {
                continue;
            }

            var drop = liveDepth >= MaxDepth;
            open.Add((name, drop));
            openByName[name] = openByName.GetValueOrDefault(name) + 1;
            if (name is "svg" or "math")
            {
                foreignDepth++;
            }

            if (drop)
            {
                unwrapped++;
                Drop(html, lt, tagEnd, ref output, ref copiedUpTo);
            }
            else
            {
                liveDepth++;
            }
        }

        if (output is null)
        {
            return html;
        }

        output.Append(html, copiedUpTo, html.Length - copiedUpTo);
        return output.ToString();
    }

    private static void Drop(string html, int start, int end, ref StringBuilder? output, ref int copiedUpTo)
    {
        output ??= new StringBuilder(html.Length);
        output.Append(html, copiedUpTo, start - copiedUpTo);
        copiedUpTo = end;
    }

    /// <summary>Index after the tag's '&gt;' (quoted attribute values may contain '&gt;'), and whether it ends "/&gt;".</summary>
    private static (int End, bool SelfClosing) TagEnd(string html, int from)
    {
        var i = from;
        while (i < html.Length)
        {
            var c = html[i];
            if (c is '"' or '\'')
            {
                var close = html.IndexOf(c, i + 1);
                i = close < 0 ? html.Length : close + 1;
                continue;
            }

            if (c == '>')
            {
                return (i + 1, i > from && html[i - 1] == '/');
            }

            i++;
        }

        return (html.Length, false);
    }

    private static int SkipMarkupDeclaration(string html, int lt)
    {
        if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
        {
            var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
            return close < 0 ? html.Length : close + 3;
        }

        var end = html.IndexOf('>', lt + 2);
        return end < 0 ? html.Length : end + 1;
    }

    private static int SkipRawText(string html, int from, string name)
    {
        if (name == "plaintext")
        {
            return html.Length;
        }

        var close = html.IndexOf("</" + name, from, StringComparison.OrdinalIgnoreCase);
        return close < 0 ? html.Length : close;
    }
}
