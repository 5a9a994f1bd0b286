using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SiteBuilder.Validation.Document;

/// <summary>
/// The parsed page as flat arrays in document (pre-)order: parent, previous element sibling, end of subtree and
/// depth per element. Every walk over the page is a loop over these arrays; nothing recurses, so 10 000 nested
/// elements cannot overflow the stack. A subtree is the contiguous range [i, SubtreeEnd[i]).
/// </summary>
internal sealed class PageDocument
{
    // The parser caps nesting (AngleSharp's default is 512 levels) so no later walk can grow without bound.
    private static readonly char[] ClassSeparators = [' ', '\t', '\n', '\r', '\f'];

    private static readonly HtmlParserOptions ParserOptions = new()
    {
        IsScripting = false,
        DisableElementPositionTracking = true,
        SkipComments = true,
    };

    private PageDocument(IHtmlDocument html, IElement[] elements, int[] parent, int[] previousSibling, int[] subtreeEnd, int[] depth, string[]?[] classes, bool[] ownText, int textLength)
    {
        Html = html;
        Elements = elements;
        Classes = classes;
        OwnTextFlags = ownText;
        Parent = parent;
        PreviousSibling = previousSibling;
        SubtreeEnd = subtreeEnd;
        Depth = depth;
        SourceLength = textLength;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < elements.Length; i++)
        {
            var id = elements[i].Id;
            if (!string.IsNullOrEmpty(id))
            {
                ids[id] = ids.GetValueOrDefault(id) + 1;
                first.TryAdd(id, i);
            }

            MaxDepth = Math.Max(MaxDepth, depth[i]);
        }

        IdCounts = ids;
        FirstById = first;
    }

    public IHtmlDocument Html { get; }

    public IElement[] Elements { get; }

    public int[] Parent { get; }

    public int[] PreviousSibling { get; }

    public int[] SubtreeEnd { get; }

    public int[] Depth { get; }

    /// <summary>Each element's class names, split once (null when it has none).</summary>
    public string[]?[] Classes { get; }

    private bool[] OwnTextFlags { get; }

    public int Count => Elements.Length;

    public int MaxDepth { get; }

    public int SourceLength { get; }

    public IReadOnlyDictionary<string, int> IdCounts { get; }

    public IReadOnlyDictionary<string, int> FirstById { get; }

    /// <summary>Start tags unwrapped by <see cref="NestingGuard"/> because they nested too deep.</summary>
    public int UnwrappedElements { get; private init; }

    public static PageDocument Parse(string html)
    {
        var parser = new HtmlParser(ParserOptions);
        var document = parser.ParseDocument(NestingGuard.Flatten(html, out var unwrapped));
        var elements = new List<IElement>(Math.Max(16, html.Length / 48));
        var parents = new List<int>(elements.Capacity);
        var previous = new List<int>(elements.Capacity);
        var depths = new List<int>(elements.Capacity);
        var lastChild = new List<int>(elements.Capacity);
        var classes = new List<string[]?>(elements.Capacity);
        var ownText = new List<bool>(elements.Capacity);

        var stack = new Stack<(IElement Element, int Parent, int Depth)>();
        if (document.DocumentElement is { } root)
        {
            stack.Push((root, -1, 0));
        }

        while (stack.Count > 0)
        {
            var (element, parent, depth) = stack.Pop();
            var index = elements.Count;
            elements.Add(element);
            parents.Add(parent);
            depths.Add(depth);
            lastChild.Add(-1);
            if (parent >= 0)
            {
                previous.Add(lastChild[parent]);
                lastChild[parent] = index;
            }
            else
            {
                previous.Add(-1);
            }

            var classAttribute = element.GetAttribute("class");
            classes.Add(string.IsNullOrWhiteSpace(classAttribute)
                ? null
                : classAttribute.Split(ClassSeparators, StringSplitOptions.RemoveEmptyEntries));

            var hasText = false;
            var children = element.ChildNodes;
            for (var j = children.Length - 1; j >= 0; j--)
            {
                var child = children[j];
                if (child is IElement childElement)
                {
                    stack.Push((childElement, index, depth + 1));
                }
                else if (!hasText && child is IText text && !string.IsNullOrWhiteSpace(text.Data))
                {
                    hasText = true;
                }
            }

            ownText.Add(hasText);
        }

        var count = elements.Count;
        var subtreeEnd = new int[count];
        for (var i = count - 1; i >= 0; i--)
        {
            subtreeEnd[i] = Math.Max(subtreeEnd[i], i + 1);
            var p = parents[i];
            if (p >= 0)
            {
                subtreeEnd[p] = Math.Max(subtreeEnd[p], subtreeEnd[i]);
            }
        }

        return new PageDocument(document, [.. elements], [.. parents], [.. previous], subtreeEnd, [.. depths], [.. classes], [.. ownText], html.Length)
        {
            UnwrappedElements = unwrapped,
        };
    }

    public bool IsDescendantOf(int index, int ancestor) => index > ancestor && index < SubtreeEnd[ancestor];

    /// <summary>The nearest ancestor (or the element itself) with one of the given local names, or -1.</summary>
    public int ClosestByName(int index, params ReadOnlySpan<string> localNames)
    {
        for (var i = index; i >= 0; i = Parent[i])
        {
            var name = Elements[i].LocalName;
            foreach (var candidate in localNames)
            {
                if (string.Equals(name, candidate, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>The element's own text: its text-node children, whitespace collapsed, at most <paramref name="max"/> chars.</summary>
    public string OwnText(int index, int max = 200)
    {
        var builder = new TextCollector(max);
        foreach (var node in Elements[index].ChildNodes)
        {
            if (node is IText text)
            {
                builder.Append(text.Data);
                if (builder.Full)
                {
                    break;
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether the element has a text-node child that is not just whitespace.</summary>
    public bool HasOwnText(int index) => OwnTextFlags[index];
}

/// <summary>Collects text with whitespace collapsed, up to a length cap.</summary>
internal sealed class TextCollector(int max)
{
    private readonly System.Text.StringBuilder _builder = new();
    private bool _pendingSpace;

    public bool Full => _builder.Length >= max;

    public bool IsEmpty => _builder.Length == 0;

    public void Append(string? text)
    {
        if (text is null)
        {
            return;
        }

        foreach (var c in text)
        {
            if (Full)
            {
                return;
            }

            if (char.IsWhiteSpace(c))
            {
                _pendingSpace = _builder.Length > 0;
                continue;
            }

            if (_pendingSpace)
            {
                _builder.Append(' ');
                _pendingSpace = false;
            }

            _builder.Append(c);
        }
    }

    /// <summary>Starts a new word: the next text is separated by a space.</summary>
    public void Break() => _pendingSpace = _builder.Length > 0;

    public override string ToString() => _builder.ToString();
}
