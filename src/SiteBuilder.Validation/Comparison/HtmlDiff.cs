using System.Text;
using AngleSharp;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using SiteBuilder.Validation.Document;

namespace SiteBuilder.Validation.Comparison;

/// <summary>
/// A line diff of two pages' HTML, each formatted first (one element per line, indented), folded to its hunks. Long
/// attribute values (the composer's design record, inline images) are shortened to their length, so a line stays
/// readable and a change in them still shows.
/// </summary>
public sealed record HtmlDiff(IReadOnlyList<HtmlDiff.Line> Lines, int Added, int Removed)
{
    public const int LongAttribute = 120;

    private const int Context = 2;

    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = false, DisableElementPositionTracking = true };

    public static readonly HtmlDiff Empty = new([], 0, 0);

    public enum Kind
    {
        Same,
        Added,
        Removed,
        Gap,
    }

    public sealed record Line(Kind Kind, string Text);

    public static HtmlDiff Between(string before, string after)
    {
        var model = InlineDiffBuilder.Diff(Format(before), Format(after), ignoreWhiteSpace: false);
        var lines = model.Lines.Select(l => new Line(l.Type switch
        {
            ChangeType.Inserted => Kind.Added,
            ChangeType.Deleted => Kind.Removed,
            _ => Kind.Same,
        }, l.Text)).ToList();

        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != Kind.Same)
            {
                for (var j = Math.Max(0, i - Context); j <= Math.Min(lines.Count - 1, i + Context); j++)
                {
                    keep[j] = true;
                }
            }
        }

        var folded = new List<Line>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i])
            {
                folded.Add(lines[i]);
            }
            else if (folded.Count == 0 || folded[^1].Kind != Kind.Gap)
            {
                folded.Add(new Line(Kind.Gap, "…"));
            }
        }

        return new HtmlDiff(folded, lines.Count(l => l.Kind == Kind.Added), lines.Count(l => l.Kind == Kind.Removed));
    }

    /// <summary>The page as indented HTML, one element per line, long attribute values replaced by their length.</summary>
    public static string Format(string html)
    {
        using var document = new HtmlParser(ParserOptions).ParseDocument(NestingGuard.Flatten(html ?? "", out _));
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes.ToList())
            {
                if (attribute.Value.Length > LongAttribute)
                {
                    element.SetAttribute(attribute.Name, $"… {attribute.Value.Length:N0} characters");
                }
            }
        }

        foreach (var style in document.QuerySelectorAll("style"))
        {
            style.TextContent = FormatCss(style.TextContent);
        }

        var text = document.ToHtml(new PrettyMarkupFormatter { Indentation = "  ", NewLine = "\n" });
        return string.Join('\n', text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0));
    }

    /// <summary>One declaration or brace per line, indented by nesting, so a changed colour is one changed line.</summary>
    internal static string FormatCss(string css)
    {
        var output = new StringBuilder(css.Length + css.Length / 8);
        var depth = 0;
        var parens = 0;
        char? quote = null;
        var lineStart = true;
        foreach (var c in css)
        {
            if (lineStart && char.IsWhiteSpace(c))
            {
                continue;
            }

            var closes = c == '}' && quote is null && parens == 0;
            if (closes && !lineStart)
            {
                output.Append('\n');
                lineStart = true;
            }

            if (lineStart)
            {
                output.Append(' ', 2 * Math.Max(0, closes ? depth - 1 : depth));
                lineStart = false;
            }

            output.Append(c);
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '(':
                    parens++;
                    break;
                case ')':
                    parens = Math.Max(0, parens - 1);
                    break;
                case '{' when parens == 0:
                    depth++;
                    output.Append('\n');
                    lineStart = true;
                    break;
                case ';' when parens == 0:
                    output.Append('\n');
                    lineStart = true;
                    break;
                case '}' when parens == 0:
                    depth = Math.Max(0, depth - 1);
                    output.Append('\n');
                    lineStart = true;
                    break;
            }
        }

        return output.ToString().TrimEnd();
    }
}
