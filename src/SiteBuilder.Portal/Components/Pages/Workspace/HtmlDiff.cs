using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace SiteBuilder.Portal.Components.Pages.Workspace;

/// <summary>A line diff of two pages, one tag per line so a change reads as the element that changed, folded to its hunks.</summary>
public sealed record HtmlDiff(IReadOnlyList<HtmlDiff.Line> Lines, int Added, int Removed)
{
    private const int Context = 2;

    public static readonly HtmlDiff Empty = new([], 0, 0);

    public enum Kind
    {
        Same,
        Added,
        Removed,
        Gap,
    }

    public sealed record Line(Kind Kind, string Text);

    public static HtmlDiff Between(string left, string right)
    {
        var model = new InlineDiffBuilder(new Differ()).BuildDiffModel(OneTagPerLine(left), OneTagPerLine(right), ignoreWhitespace: true);
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

    private static string OneTagPerLine(string html) =>
        string.Join('\n', html.Replace("\r", "", StringComparison.Ordinal).Replace(">", ">\n", StringComparison.Ordinal)
            .Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
