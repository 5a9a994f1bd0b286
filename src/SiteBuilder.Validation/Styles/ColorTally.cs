namespace SiteBuilder.Validation.Styles;

/// <summary>Where a colour is used; a small set, kept as flags so counting costs no allocation.</summary>
[Flags]
internal enum ColorProperty : byte
{
    None = 0,
    Color = 1,
    BackgroundColor = 2,
    BackgroundImage = 4,
    BorderColor = 8,
    Fill = 16,
    Stroke = 32,
}

/// <summary>Counts the colours the page's own CSS and attributes put on rendered elements.</summary>
internal sealed class ColorTally
{
    private static readonly (ColorProperty Flag, string Name)[] Names =
    [
        (ColorProperty.BackgroundColor, "background-color"), (ColorProperty.BackgroundImage, "background-image"),
        (ColorProperty.BorderColor, "border-color"), (ColorProperty.Color, "color"), (ColorProperty.Fill, "fill"),
        (ColorProperty.Stroke, "stroke"),
    ];

    private readonly Dictionary<ulong, Entry> _entries = [];

    public IEnumerable<Entry> Entries => _entries.Values;

    public void Add(Rgba color, ColorProperty property, int element)
    {
        if (color.IsTransparent)
        {
            return;
        }

        var key = Pack(color);
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new Entry(color, element);
            _entries[key] = entry;
        }

        entry.Count++;
        entry.Properties |= property;
    }

    /// <summary>The colour rounded to bytes (alpha too), as one number: the identity <see cref="Rgba.ToHex"/> shows.</summary>
    public static ulong Pack(Rgba color) =>
        ((ulong)Byte(color.R) << 24) | ((ulong)Byte(color.G) << 16) | ((ulong)Byte(color.B) << 8) | Byte(color.A * 255);

    private static byte Byte(double channel) => (byte)Math.Round(Math.Clamp(channel, 0, 255), MidpointRounding.AwayFromZero);

    internal sealed class Entry(Rgba color, int firstElement)
    {
        public string Hex => Color.ToHex();

        public Rgba Color { get; } = color;

        public int FirstElement { get; } = firstElement;

        public int Count { get; set; }

        public ColorProperty Properties { get; set; }

        public IReadOnlyList<string> PropertyNames => [.. Names.Where(n => (Properties & n.Flag) != 0).Select(n => n.Name)];
    }
}
