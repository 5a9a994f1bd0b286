namespace SiteBuilder.Validation.Styles;

/// <param name="Selector">The selector.</param>
/// <param name="Rule">The rule it belongs to.</param>
/// <param name="Slot">Its memo slot in a <see cref="SelectorMatcher"/>.</param>
internal readonly record struct IndexedSelector(ParsedSelector Selector, StyleRule Rule, int Slot);

/// <summary>
/// Files each selector under the most selective key of its rightmost compound (id, else first class, else type,
/// else universal), as browsers do, so an element is tested only against selectors that could match it.
/// </summary>
internal sealed class SelectorIndex
{
    private static readonly IndexedSelector[] None = [];

    private readonly Dictionary<string, List<IndexedSelector>> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IndexedSelector>> _byClass = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IndexedSelector>> _byTag = new(StringComparer.Ordinal);
    private readonly List<IndexedSelector> _universal = [];
    private Dictionary<string, IndexedSelector[]> _ids = [];
    private Dictionary<string, IndexedSelector[]> _classes = [];
    private Dictionary<string, IndexedSelector[]> _tags = [];

    public int SlotCount { get; private set; }

    public IndexedSelector[] Universal { get; private set; } = None;

    public static SelectorIndex Build(IReadOnlyList<StyleRule> rules, int firstSlot)
    {
        var index = new SelectorIndex();
        var slot = firstSlot;
        foreach (var rule in rules)
        {
            foreach (var selector in rule.Selectors)
            {
                var entry = new IndexedSelector(selector, rule, slot++);
                switch (selector.KeyKind)
                {
                    case SelectorKeyKind.Id:
                        Add(index._byId, selector.Key!, entry);
                        break;
                    case SelectorKeyKind.Class:
                        Add(index._byClass, selector.Key!, entry);
                        break;
                    case SelectorKeyKind.Tag:
                        Add(index._byTag, selector.Key!, entry);
                        break;
                    default:
                        index._universal.Add(entry);
                        break;
                }
            }
        }

        index.SlotCount = slot;
        index._ids = index._byId.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        index._classes = index._byClass.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        index._tags = index._byTag.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        index.Universal = [.. index._universal];
        return index;
    }

    public IndexedSelector[] ForId(string id) => _ids.TryGetValue(id, out var list) ? list : None;

    public IndexedSelector[] ForClass(string name) => _classes.TryGetValue(name, out var list) ? list : None;

    public IndexedSelector[] ForTag(string localName) => _tags.TryGetValue(localName, out var list) ? list : None;

    private static void Add(Dictionary<string, List<IndexedSelector>> map, string key, IndexedSelector entry)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(entry);
    }
}
