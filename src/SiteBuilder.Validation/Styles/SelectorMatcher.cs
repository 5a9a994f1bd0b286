using System.Buffers;
using SiteBuilder.Validation.Document;

namespace SiteBuilder.Validation.Styles;

/// <summary>
/// Matches complex selectors right to left. For every (selector, compound, element) it remembers whether the
/// selector prefix ending at that compound matches there, whether some ancestor matches, and whether some earlier
/// sibling matches. Each of those is computed once, so <c>.a .b .c</c> over 10 000 nested divs costs
/// O(compounds × elements) instead of backtracking through every ancestor chain.
/// </summary>
internal sealed class SelectorMatcher : IDisposable
{
    private const byte Unknown = 0;
    private const byte No = 1;
    private const byte Yes = 2;

    private readonly PageDocument _document;
    private readonly byte[]?[]?[] _memo;
    private readonly List<int>[] _chains;
    private readonly List<byte[]> _rented = [];

    public SelectorMatcher(PageDocument document, int selectorSlots)
    {
        _document = document;
        _memo = new byte[]?[]?[selectorSlots];
        _chains = new List<int>[33];
        for (var i = 0; i < _chains.Length; i++)
        {
            _chains[i] = [];
        }
    }

    public bool Matches(ParsedSelector selector, int slot, int element)
    {
        var parts = selector.Parts;
        var last = parts.Length - 1;
        if (!parts[last].Matches(_document, element))
        {
            return false;
        }

        return last == 0 || Related(selector, slot, last - 1, selector.Combinators[last - 1], element);
    }

    public void Dispose()
    {
        foreach (var array in _rented)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _rented.Clear();
    }

    /// <summary>Whether an element related to <paramref name="element"/> by the combinator matches the prefix
    /// ending at compound <paramref name="part"/>.</summary>
    private bool Related(ParsedSelector selector, int slot, int part, char combinator, int element)
    {
        switch (combinator)
        {
            case '>':
                var parent = _document.Parent[element];
                return parent >= 0 && Prefix(selector, slot, part, parent);
            case '+':
                var previous = _document.PreviousSibling[element];
                return previous >= 0 && Prefix(selector, slot, part, previous);
            case '~':
                return Exists(selector, slot, part, element, _document.PreviousSibling, shift: 4);
            default:
                return Exists(selector, slot, part, element, _document.Parent, shift: 2);
        }
    }

    /// <summary>Does the prefix ending at compound <paramref name="part"/> match at <paramref name="element"/>?</summary>
    private bool Prefix(ParsedSelector selector, int slot, int part, int element)
    {
        var memo = Memo(selector, slot, part);
        var state = memo[element] & 3;
        if (state != Unknown)
        {
            return state == Yes;
        }

        var result = selector.Parts[part].Matches(_document, element)
            && (part == 0 || Related(selector, slot, part - 1, selector.Combinators[part - 1], element));
        memo[element] = (byte)((memo[element] & ~3) | (result ? Yes : No));
        return result;
    }

    /// <summary>Is there an element up the <paramref name="links"/> chain (ancestors or earlier siblings) where the
    /// prefix matches? Walks iteratively and fills the answer in for every element it passed.</summary>
    private bool Exists(ParsedSelector selector, int slot, int part, int element, int[] links, int shift)
    {
        var memo = Memo(selector, slot, part);
        var known = (memo[element] >> shift) & 3;
        if (known != Unknown)
        {
            return known == Yes;
        }

        var chain = _chains[part];
        var chainStart = chain.Count;
        chain.Add(element);
        var result = false;
        for (var x = links[element]; x >= 0; x = links[x])
        {
            if (Prefix(selector, slot, part, x))
            {
                result = true;
                break;
            }

            var state = (memo[x] >> shift) & 3;
            if (state != Unknown)
            {
                result = state == Yes;
                break;
            }

            chain.Add(x);
        }

        var bits = (byte)((result ? Yes : No) << shift);
        for (var i = chainStart; i < chain.Count; i++)
        {
            var at = chain[i];
            memo[at] = (byte)((memo[at] & ~(3 << shift)) | bits);
        }

        chain.RemoveRange(chainStart, chain.Count - chainStart);
        return result;
    }

    private byte[] Memo(ParsedSelector selector, int slot, int part)
    {
        var perPart = _memo[slot] ??= new byte[]?[selector.Parts.Length];
        if (perPart[part] is { } existing)
        {
            return existing;
        }

        var array = ArrayPool<byte>.Shared.Rent(_document.Count);
        Array.Clear(array, 0, _document.Count);
        _rented.Add(array);
        perPart[part] = array;
        return array;
    }
}
