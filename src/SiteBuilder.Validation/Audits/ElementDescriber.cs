using System.Text;
using AngleSharp.Dom;
using SiteBuilder.Validation.Document;

namespace SiteBuilder.Validation.Audits;

/// <summary>Builds the selector and snippet that point a reader at an element.</summary>
internal sealed class ElementDescriber(PageDocument document)
{
    private const int MaxLevels = 6;
    private const int MaxSnippet = 200;

    /// <summary>A selector like <c>#signup &gt; form &gt; button.btn</c>: from the element up to a unique id,
    /// <c>body</c>, or six levels, with <c>:nth-of-type()</c> where siblings share a tag.</summary>
    public string Selector(int index)
    {
        var parts = new List<string>(MaxLevels);
        var current = index;
        while (current >= 0 && parts.Count < MaxLevels)
        {
            var element = document.Elements[current];
            var id = element.Id;
            if (!string.IsNullOrEmpty(id) && document.IdCounts.TryGetValue(id, out var count) && count == 1)
            {
                parts.Add("#" + CssEscape(id));
                break;
            }

            var name = element.LocalName;
            if (name is "html" or "body" or "head")
            {
                if (parts.Count == 0)
                {
                    parts.Add(name);
                }

                break;
            }

            parts.Add(Compound(current, element));
            current = document.Parent[current];
        }

        parts.Reverse();
        return string.Join(" > ", parts);
    }

    /// <summary>The opening tag (long attribute values cut), a little text, the closing tag.</summary>
    public string Snippet(int index)
    {
        var element = document.Elements[index];
        var builder = new StringBuilder(MaxSnippet + 16);
        builder.Append('<').Append(element.LocalName);
        foreach (var attribute in element.Attributes)
        {
            if (builder.Length > MaxSnippet - 20)
            {
                builder.Append(" …");
                break;
            }

            builder.Append(' ').Append(attribute.Name);
            if (attribute.Value.Length > 0)
            {
                builder.Append("=\"").Append(Cut(attribute.Value, 60).Replace("\"", "&quot;", StringComparison.Ordinal)).Append('"');
            }
        }

        builder.Append('>');
        if (element.ChildNodes.Length == 0 && IsVoid(element.LocalName))
        {
            return builder.ToString();
        }

        var text = document.OwnText(index, 60);
        if (text.Length > 0)
        {
            builder.Append(text);
        }

        if (element.ChildElementCount > 0 || text.Length >= 60)
        {
            builder.Append('…');
        }

        builder.Append("</").Append(element.LocalName).Append('>');
        return builder.ToString();
    }

    private string Compound(int index, IElement element)
    {
        var builder = new StringBuilder(element.LocalName);
        var classes = element.ClassList;
        for (var c = 0; c < classes.Length && c < 2; c++)
        {
            builder.Append('.').Append(CssEscape(classes[c]!));
        }

        var parent = document.Parent[index];
        if (parent >= 0)
        {
            var position = 1;
            for (var s = document.PreviousSibling[index]; s >= 0; s = document.PreviousSibling[s])
            {
                if (document.Elements[s].LocalName == element.LocalName)
                {
                    position++;
                }
            }

            var hasLaterTwin = false;
            for (var s = document.SubtreeEnd[index]; s < document.Count && document.Parent[s] == parent; s = document.SubtreeEnd[s])
            {
                if (document.Elements[s].LocalName == element.LocalName)
                {
                    hasLaterTwin = true;
                    break;
                }
            }

            if (position > 1 || hasLaterTwin)
            {
                builder.Append(":nth-of-type(").Append(position).Append(')');
            }
        }

        return builder.ToString();
    }

    /// <summary>CSS.escape(): identifiers as they must be written in a selector.</summary>
    internal static string CssEscape(string identifier)
    {
        var builder = new StringBuilder(identifier.Length + 4);
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (c == '\0')
            {
                builder.Append('\uFFFD');
            }
            else if (c is >= '\u0001' and <= '\u001f' or '\u007f' || (char.IsAsciiDigit(c) && (i == 0 || (i == 1 && identifier[0] == '-'))))
            {
                builder.Append('\\').Append(((int)c).ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append(' ');
            }
            else if (i == 0 && c == '-' && identifier.Length == 1)
            {
                builder.Append("\\-");
            }
            else if (c >= 0x80 || c is '-' or '_' || char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('\\').Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    private static bool IsVoid(string name) => name is "img" or "input" or "br" or "hr" or "meta" or "link" or "base" or "source" or "embed" or "area" or "col" or "wbr" or "track";
}
