using System.Collections.Concurrent;
using AngleSharp.Css;
using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using SiteBuilder.Validation.Document;

namespace SiteBuilder.Validation.Styles;

internal enum SelectorKeyKind : byte
{
    Universal,
    Tag,
    Class,
    Id,
}

/// <summary>
/// One complex selector split into compounds (left to right) and the combinators between them. Compounds are
/// matched by AngleSharp; the combinators by <see cref="SelectorMatcher"/>, which memoizes so that descendant
/// combinators stay linear on deep trees. The key of the rightmost compound files the selector in an index bucket.
/// </summary>
internal sealed class ParsedSelector(Compound[] parts, char[] combinators, int specificity, SelectorKeyKind keyKind, string? key)
{
    public Compound[] Parts { get; } = parts;

    public char[] Combinators { get; } = combinators;

    /// <summary>Packed (ids, classes, types) as ids·2¹⁶ + classes·2⁸ + types.</summary>
    public int Specificity { get; } = specificity;

    public SelectorKeyKind KeyKind { get; } = keyKind;

    public string? Key { get; } = key;
}

/// <summary>
/// One compound selector. Compounds of only a type, an id and classes (most of a real stylesheet) are matched
/// here against the document's pre-split class lists; anything else (attributes, pseudo-classes) by AngleSharp.
/// </summary>
internal sealed class Compound(ISelector selector, string? type, string? id, string[] classes, bool simple)
{
    /// <summary>Matched here rather than by AngleSharp.</summary>
    public bool IsNative => simple;

    public string Text => selector.Text;

    public bool Matches(PageDocument document, int element)
    {
        var target = document.Elements[element];
        if (!simple)
        {
            return selector.Match(target, null);
        }

        if (type is not null && !string.Equals(target.LocalName, type, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (id is not null && !string.Equals(target.Id, id, StringComparison.Ordinal))
        {
            return false;
        }

        if (classes.Length > 0)
        {
            var own = document.Classes[element];
            if (own is null)
            {
                return false;
            }

            foreach (var required in classes)
            {
                if (Array.IndexOf(own, required) < 0)
                {
                    return false;
                }
            }
        }

        return true;
    }
}

/// <summary>Parses selector lists with AngleSharp and decomposes them for the cascade. Results are cached by text:
/// generated pages share most of their CSS, and parsed selectors are immutable.</summary>
internal static class SelectorCompiler
{
    private const int MaxParts = 32;
    private const int MaxCacheEntries = 20_000;
    private static readonly ConcurrentDictionary<string, ParsedSelector[]> Cache = new(StringComparer.Ordinal);
    private static readonly HashSet<string> LegacyPseudoElements = new(StringComparer.OrdinalIgnoreCase) { "before", "after", "first-line", "first-letter" };

    /// <summary>The selectors of a list that can match an element; empty when the list is invalid (browsers drop
    /// the whole rule then) or only targets pseudo-elements.</summary>
    public static ParsedSelector[] Compile(string selectorList)
    {
        if (Cache.TryGetValue(selectorList, out var cached))
        {
            return cached;
        }

        var compiled = CompileUncached(selectorList);
        if (Cache.Count >= MaxCacheEntries)
        {
            Cache.Clear();
        }

        Cache.TryAdd(selectorList, compiled);
        return compiled;
    }

    private static ParsedSelector[] CompileUncached(string selectorList)
    {
        ISelector? parsed;
        try
        {
            parsed = new CssSelectorParser().ParseSelector(selectorList);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException)
        {
            return [];
        }

        if (parsed is null)
        {
            return [];
        }

        var shape = new ShapeVisitor();
        parsed.Accept(shape);
        var items = shape.ListItems ?? [parsed];
        var result = new List<ParsedSelector>(items.Count);
        foreach (var item in items)
        {
            if (Decompose(item) is { } selector)
            {
                result.Add(selector);
            }
        }

        return [.. result];
    }

    private static ParsedSelector? Decompose(ISelector item)
    {
        var shape = new ShapeVisitor();
        item.Accept(shape);
        ISelector[] selectors;
        char[] combinators;
        if (shape.ComplexParts is { } complexParts)
        {
            if (complexParts.Count > MaxParts || shape.Symbols is null || shape.Symbols.Count != complexParts.Count - 1)
            {
                return null;
            }

            combinators = new char[shape.Symbols.Count];
            for (var i = 0; i < combinators.Length; i++)
            {
                var symbol = shape.Symbols[i].Trim();
                combinators[i] = symbol switch
                {
                    "" => ' ',
                    ">" => '>',
                    "+" => '+',
                    "~" => '~',
                    _ => '\0',
                };
                if (combinators[i] == '\0')
                {
                    return null;
                }
            }

            selectors = [.. complexParts];
        }
        else
        {
            selectors = [item];
            combinators = [];
        }

        var parts = new Compound[selectors.Length];
        ShapeVisitor rightmost = null!;
        for (var p = 0; p < selectors.Length; p++)
        {
            var partShape = new ShapeVisitor();
            selectors[p].Accept(partShape);
            if (partShape.CompoundItems is { } simples)
            {
                foreach (var simple in simples)
                {
                    simple.Accept(partShape);
                }
            }

            var type = partShape.TypeName is null or "*" ? null : partShape.TypeName;
            var simpleOnly = partShape.IsSimple && (type is null || !type.Contains('|', StringComparison.Ordinal));
            parts[p] = new Compound(selectors[p], type, partShape.IdName, [.. partShape.Classes], simpleOnly);
            rightmost = partShape;
        }

        if (rightmost.TargetsPseudoElement)
        {
            return null;
        }

        var (kind, key) = rightmost.IdName is not null ? (SelectorKeyKind.Id, rightmost.IdName)
            : rightmost.FirstClass is not null ? (SelectorKeyKind.Class, rightmost.FirstClass)
            : rightmost.TypeName is not null && rightmost.TypeName != "*" ? (SelectorKeyKind.Tag, rightmost.TypeName.ToLowerInvariant())
            : (SelectorKeyKind.Universal, (string?)null);

        var priority = item.Specificity;
        var specificity = (Math.Min((int)priority.Ids, 255) << 16) | (Math.Min((int)priority.Classes, 255) << 8) | Math.Min((int)priority.Tags, 255);
        return new ParsedSelector(parts, combinators, specificity, kind, key);
    }

    /// <summary>Records which visitor callback a selector made: the shape of list, complex and compound selectors,
    /// and the simple selectors of a compound.</summary>
    private sealed class ShapeVisitor : ISelectorVisitor
    {
        public List<ISelector>? ListItems { get; private set; }

        public List<ISelector>? ComplexParts { get; private set; }

        public List<string>? Symbols { get; private set; }

        public List<ISelector>? CompoundItems { get; private set; }

        public string? TypeName { get; private set; }

        public string? IdName { get; private set; }

        public string? FirstClass => Classes.Count > 0 ? Classes[0] : null;

        public List<string> Classes { get; } = [];

        public bool TargetsPseudoElement { get; private set; }

        /// <summary>Only type, id and class selectors were seen.</summary>
        public bool IsSimple { get; private set; } = true;

        public void Attribute(string name, string op, string? value) => IsSimple = false;

        void ISelectorVisitor.Type(string name) => TypeName ??= name;

        void ISelectorVisitor.Id(string value)
        {
            if (IdName is not null && IdName != value)
            {
                IsSimple = false;
            }

            IdName ??= value;
        }

        public void Child(string name, int step, int offset, ISelector selector) => IsSimple = false;

        public void Class(string name) => Classes.Add(name);

        public void PseudoClass(string name)
        {
            IsSimple = false;
            if (LegacyPseudoElements.Contains(name))
            {
                TargetsPseudoElement = true;
            }
        }

        public void PseudoElement(string name)
        {
            IsSimple = false;
            TargetsPseudoElement = true;
        }

        public void List(IEnumerable<ISelector> selectors)
        {
            IsSimple = false;
            ListItems = [.. selectors];
        }

        public void Combinator(IEnumerable<ISelector> selectors, IEnumerable<string> symbols)
        {
            IsSimple = false;
            ComplexParts = [.. selectors];
            Symbols = [.. symbols];
        }

        public void Many(IEnumerable<ISelector> selectors) => CompoundItems = [.. selectors];
    }
}
