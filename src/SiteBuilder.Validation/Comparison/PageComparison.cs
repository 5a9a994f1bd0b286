using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DiffPlex;
using DiffPlex.Model;
using SiteBuilder.Validation.Document;

namespace SiteBuilder.Validation.Comparison;

public enum SectionStatus
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

public enum TextLineStatus
{
    Same,
    Changed,
    Added,
    Removed,
}

/// <summary>A run of words on one side of a changed line; <paramref name="Changed"/> marks what differs from the other side.</summary>
public sealed record TextSegment(string Text, bool Changed);

/// <summary>One line of visible text (a heading, a paragraph, a list item, a button) as it reads before and after.</summary>
public sealed record TextLineChange(TextLineStatus Status, IReadOnlyList<TextSegment> Before, IReadOnlyList<TextSegment> After)
{
    public string BeforeText => string.Concat(Before.Select(s => s.Text));

    public string AfterText => string.Concat(After.Select(s => s.Text));
}

/// <summary>A section of the page (by its id, else its heading) and how its visible text changed.</summary>
public sealed record SectionChange(string Key, string Name, string? Heading, SectionStatus Status, IReadOnlyList<TextLineChange> Lines)
{
    public IEnumerable<TextLineChange> ChangedLines => Lines.Where(l => l.Status != TextLineStatus.Same);
}

/// <summary>
/// What a reader of the page would notice between two versions: which sections were added, removed or changed, and
/// within a changed section which headings, paragraphs and buttons read differently, word by word. Text only: markup,
/// styles and scripts do not count, so a change of colour alone leaves every section unchanged.
/// </summary>
public sealed record PageComparison(IReadOnlyList<SectionChange> Sections)
{
    /// <summary>The pseudo-section holding the page's title, description and any text outside a section.</summary>
    public const string PageKey = "(page)";

    public static readonly PageComparison Empty = new([]);

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase) { "header", "nav", "section", "footer", "aside" };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "canvas", "select", "textarea",
    };

    // Elements whose text reads as a line of its own; inline elements (strong, span, a inside a paragraph) join their line.
    private static readonly HashSet<string> LineTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "caption", "figcaption", "blockquote",
        "summary", "label", "legend", "button", "pre", "address",
        "div", "section", "header", "footer", "nav", "aside", "article", "main", "form", "ul", "ol", "dl", "table", "tr",
        "details", "figure", "fieldset", "body",
    };

    private static readonly HashSet<string> TextLineTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "caption", "figcaption", "blockquote", "summary", "label", "button",
    };

    public int Added => Sections.Count(s => s.Status == SectionStatus.Added);

    public int Removed => Sections.Count(s => s.Status == SectionStatus.Removed);

    public int Changed => Sections.Count(s => s.Status == SectionStatus.Changed);

    public bool HasTextChanges => Sections.Any(s => s.Status != SectionStatus.Unchanged);

    public static PageComparison Between(string before, string after)
    {
        var left = Outline(before);
        var right = Outline(after);
        var byKeyLeft = left.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var byKeyRight = right.ToDictionary(s => s.Key, StringComparer.Ordinal);

        // The order of the newer version, with each removed section where it stood in the older one.
        var order = Diff(left.Select(s => s.Key).ToList(), right.Select(s => s.Key).ToList());
        var sections = new List<SectionChange>();
        foreach (var (key, _) in order)
        {
            var was = byKeyLeft.GetValueOrDefault(key);
            var now = byKeyRight.GetValueOrDefault(key);
            if (sections.Any(s => s.Key == key))
            {
                continue;
            }

            sections.Add((was, now) switch
            {
                (null, { } added) => new SectionChange(key, added.Name, added.Heading, SectionStatus.Added,
                    added.Lines.Select(l => new TextLineChange(TextLineStatus.Added, [], [new TextSegment(l, true)])).ToList()),
                ({ } removed, null) => new SectionChange(key, removed.Name, removed.Heading, SectionStatus.Removed,
                    removed.Lines.Select(l => new TextLineChange(TextLineStatus.Removed, [new TextSegment(l, true)], [])).ToList()),
                _ => Compare(was!, now!),
            });
        }

        return new PageComparison(sections);
    }

    private static SectionChange Compare(SectionText before, SectionText after)
    {
        var lines = new List<TextLineChange>();
        var a = before.Lines;
        var b = after.Lines;
        var result = Pieces(a, b);
        int i = 0, j = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; i < block.DeleteStartA; i++, j++)
            {
                lines.Add(Same(a[i]));
            }

            var paired = Math.Min(block.DeleteCountA, block.InsertCountB);
            for (var k = 0; k < paired; k++)
            {
                lines.Add(Words(a[block.DeleteStartA + k], b[block.InsertStartB + k]));
            }

            for (var k = paired; k < block.DeleteCountA; k++)
            {
                lines.Add(new TextLineChange(TextLineStatus.Removed, [new TextSegment(a[block.DeleteStartA + k], true)], []));
            }

            for (var k = paired; k < block.InsertCountB; k++)
            {
                lines.Add(new TextLineChange(TextLineStatus.Added, [], [new TextSegment(b[block.InsertStartB + k], true)]));
            }

            i = block.DeleteStartA + block.DeleteCountA;
            j = block.InsertStartB + block.InsertCountB;
        }

        for (; i < a.Count; i++)
        {
            lines.Add(Same(a[i]));
        }

        var changed = lines.Any(l => l.Status != TextLineStatus.Same);
        return new SectionChange(after.Key, after.Name, after.Heading, changed ? SectionStatus.Changed : SectionStatus.Unchanged, lines);
    }

    private static TextLineChange Same(string text) => new(TextLineStatus.Same, [new TextSegment(text, false)], [new TextSegment(text, false)]);

    /// <summary>A word-level diff of one line: the words only one side has are marked changed on that side.</summary>
    internal static TextLineChange Words(string before, string after)
    {
        var a = Tokens(before);
        var b = Tokens(after);
        var result = Pieces(a, b);
        var left = new bool[a.Count];
        var right = new bool[b.Count];
        foreach (var block in result.DiffBlocks)
        {
            for (var k = 0; k < block.DeleteCountA; k++)
            {
                left[block.DeleteStartA + k] = true;
            }

            for (var k = 0; k < block.InsertCountB; k++)
            {
                right[block.InsertStartB + k] = true;
            }
        }

        return new TextLineChange(TextLineStatus.Changed, Segments(a, left), Segments(b, right));
    }

    // Consecutive tokens with the same mark form one segment; a space between two changed words is part of the change.
    private static List<TextSegment> Segments(IReadOnlyList<string> tokens, bool[] changed)
    {
        for (var k = 1; k < tokens.Count - 1; k++)
        {
            if (!changed[k] && string.IsNullOrWhiteSpace(tokens[k]) && changed[k - 1] && changed[k + 1])
            {
                changed[k] = true;
            }
        }

        var segments = new List<TextSegment>();
        var start = 0;
        for (var k = 1; k <= tokens.Count; k++)
        {
            if (k == tokens.Count || changed[k] != changed[start])
            {
                segments.Add(new TextSegment(string.Concat(tokens.Skip(start).Take(k - start)), changed[start]));
                start = k;
            }
        }

        return segments;
    }

    internal static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        for (var k = 1; k <= text.Length; k++)
        {
            if (k == text.Length || Kind(text[k]) != Kind(text[start]) || Kind(text[k]) == 2)
            {
                tokens.Add(text[start..k]);
                start = k;
            }
        }

        return tokens;

        // 0 word character, 1 space, 2 punctuation (each its own token).
        static int Kind(char c) => char.IsLetterOrDigit(c) || c is '\'' or '’' ? 0 : char.IsWhiteSpace(c) ? 1 : 2;
    }

    private static List<(string Key, bool InAfter)> Diff(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var result = Pieces(before, after);
        var order = new List<(string, bool)>();
        var j = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; j < block.InsertStartB; j++)
            {
                order.Add((after[j], true));
            }

            for (var k = 0; k < block.DeleteCountA; k++)
            {
                order.Add((before[block.DeleteStartA + k], false));
            }

            for (var k = 0; k < block.InsertCountB; k++)
            {
                order.Add((after[block.InsertStartB + k], true));
            }

            j = block.InsertStartB + block.InsertCountB;
        }

        for (; j < after.Count; j++)
        {
            order.Add((after[j], true));
        }

        return order;
    }

    private static DiffResult Pieces(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        // DiffPlex chunks the two texts it is given; the chunker hands back the pieces already split, by which text it is asked for.
        var first = string.Join('\u0001', before);
        return Differ.Instance.CreateDiffs(first, string.Join('\u0001', after), false, false, new ListChunker(first, before, after));
    }

    private sealed record SectionText(string Key, string Name, string? Heading, IReadOnlyList<string> Lines);

    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = false, DisableElementPositionTracking = true, SkipComments = true };

    /// <summary>The page as its sections in order, each with its visible text as lines.</summary>
    private static List<SectionText> Outline(string html)
    {
        using var document = new HtmlParser(ParserOptions).ParseDocument(NestingGuard.Flatten(html ?? "", out _));
        var sections = new List<SectionText>();
        var page = new List<string>();
        if (!string.IsNullOrWhiteSpace(document.Title))
        {
            page.Add("Title: " + Normalize(document.Title));
        }

        if (document.QuerySelector("meta[name=description]")?.GetAttribute("content") is { Length: > 0 } description)
        {
            page.Add("Description: " + Normalize(description));
        }

        var body = document.Body;
        var blocks = body is null ? [] : body.Descendants<IElement>().Where(IsOutermostBlock).ToList();
        if (body is not null)
        {
            page.AddRange(Lines(body, blocks.ToHashSet()));
        }

        sections.Add(new SectionText(PageKey, "Page title and description", null, page));
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            var heading = block.QuerySelector("h1, h2, h3, h4, h5, h6") is { } h ? Normalize(h.TextContent) : null;
            var name = Name(block, heading);
            var key = string.IsNullOrWhiteSpace(block.Id) ? $"{block.LocalName}:{heading ?? name}" : "#" + block.Id;
            var count = seen[key] = seen.GetValueOrDefault(key) + 1;
            if (count > 1)
            {
                key += "#" + count;
            }

            sections.Add(new SectionText(key, name, heading, Lines(block, null)));
        }

        return sections;
    }

    private static bool IsOutermostBlock(IElement element)
    {
        if (!BlockTags.Contains(element.LocalName) || IsSkipped(element))
        {
            return false;
        }

        for (var parent = element.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            if (BlockTags.Contains(parent.LocalName))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSkipped(IElement element) =>
        Skipped.Contains(element.LocalName) || element.HasAttribute("hidden");

    private static string Name(IElement block, string? heading)
    {
        if (!string.IsNullOrWhiteSpace(block.Id) && block.LocalName == "section")
        {
            return Humanize(block.Id);
        }

        return block.LocalName switch
        {
            "header" => "Header",
            "footer" => "Footer",
            "nav" => "Navigation",
            _ => block.GetAttribute("aria-label") is { Length: > 0 } label ? Normalize(label)
                : heading ?? (string.IsNullOrWhiteSpace(block.Id) ? "Section" : Humanize(block.Id)),
        };
    }

    private static string Humanize(string id)
    {
        var words = id.Replace('_', ' ').Replace('-', ' ').Trim();
        return words.Length == 0 ? id : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>The visible text under <paramref name="root"/>, one line per paragraph, heading, item or button.</summary>
    private static List<string> Lines(IElement root, HashSet<IElement>? excluded)
    {
        var lines = new List<string>();
        IElement? owner = null;
        var text = new System.Text.StringBuilder();
        var stack = new Stack<INode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IElement element)
            {
                if (element != root && (IsSkipped(element) || excluded?.Contains(element) == true))
                {
                    continue;
                }

                for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
                {
                    stack.Push(child);
                }
            }
            else if (node.NodeType == NodeType.Text && !string.IsNullOrWhiteSpace(node.TextContent))
            {
                var lineOwner = LineOwner(node.ParentElement!, root);
                if (lineOwner != owner)
                {
                    Flush();
                    owner = lineOwner;
                }

                text.Append(node.TextContent);
            }
        }

        Flush();
        return lines;

        void Flush()
        {
            var line = Normalize(text.ToString());
            if (line.Length > 0)
            {
                lines.Add(line);
            }

            text.Clear();
        }
    }

    private static IElement LineOwner(IElement element, IElement root)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e == root || LineTags.Contains(e.LocalName))
            {
                return e;
            }

            // A link or button standing on its own (a call to action) is its own line; inside a paragraph it is part of it.
            if (e.LocalName is "a" && (e.ParentElement is null || !InTextLine(e.ParentElement, root)))
            {
                return e;
            }
        }

        return root;
    }

    private static bool InTextLine(IElement element, IElement root)
    {
        for (var e = element; e is not null && e != root; e = e.ParentElement)
        {
            if (TextLineTags.Contains(e.LocalName))
            {
                return true;
            }

            if (LineTags.Contains(e.LocalName))
            {
                return false;
            }
        }

        return false;
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Hands DiffPlex pieces that were split already (lines, words), so nothing is split twice.</summary>
    private sealed class ListChunker(string firstText, IReadOnlyList<string> first, IReadOnlyList<string> second) : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => text == firstText ? first : second;
    }
}
