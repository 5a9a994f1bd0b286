namespace SiteBuilder.Validation.Styles;

/// <summary>A style rule that can apply: its matchable selectors and the longhands it sets.</summary>
internal sealed class StyleRule(ParsedSelector[] selectors, Declaration[] declarations, int order, int layerRank)
{
    public ParsedSelector[] Selectors { get; } = selectors;

    public Declaration[] Declarations { get; } = declarations;

    /// <summary>Source order across every sheet of the page (the user-agent sheet first).</summary>
    public int Order { get; } = order;

    /// <summary>Cascade layer: 0, 1, … in order of first appearance; <see cref="StyleSheet.Unlayered"/> for none.</summary>
    public int LayerRank { get; } = layerRank;
}

/// <param name="Url">As written.</param>
/// <param name="SourceElement">The <c>&lt;style&gt;</c> element (or element with a style attribute) it came from.</param>
/// <param name="Kind"><c>import</c>, <c>image</c> or <c>font</c>.</param>
/// <param name="Active">Whether its rule applies on the judged device (media queries).</param>
internal sealed record CssReference(string Url, int SourceElement, string Kind, bool Active);

/// <param name="SourceElement">Where the CSS came from.</param>
/// <param name="Text">The offending declaration, shortened.</param>
internal sealed record CssHazard(int SourceElement, string Text);

/// <summary>Everything the parser took from the page's CSS.</summary>
internal sealed class StyleSheet
{
    public const int Unlayered = 255;

    private readonly Dictionary<string, int> _layers = new(StringComparer.Ordinal);

    public List<StyleRule> Rules { get; } = [];

    public List<CssReference> References { get; } = [];

    public List<CssHazard> Hazards { get; } = [];

    public HashSet<string> FontFaceFamilies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Style rules seen, applicable or not.</summary>
    public int RuleCount { get; set; }

    public int NextOrder { get; set; }

    public int LayerRank(string name)
    {
        if (!_layers.TryGetValue(name, out var rank))
        {
            rank = Math.Min(_layers.Count, Unlayered - 1);
            _layers[name] = rank;
        }

        return rank;
    }

    public int AnonymousLayer() => LayerRank("\0anonymous" + _layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
