using System.Text;

namespace SiteBuilder.Generation.Offline;

/// <summary>HTML escaping for text and attribute values that come from prompts.</summary>
internal static class Markup
{
    /// <summary>Escapes text content the way an HTML serializer does: &amp;, &lt;, &gt; and no-break spaces.</summary>
    public static string Text(string? value) => Escape(value, attribute: false);

    /// <summary>Escapes a double-quoted attribute value the way an HTML serializer does: &amp;, " and no-break spaces.</summary>
    public static string Attr(string? value) => Escape(value, attribute: true);

    private static string Escape(string? value, bool attribute)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value.AsSpan().IndexOfAny(attribute ? "&\"\u00A0" : "&<>\u00A0") < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '\u00A0': builder.Append("&nbsp;"); break;
                case '"' when attribute: builder.Append("&quot;"); break;
                case '<' when !attribute: builder.Append("&lt;"); break;
                case '>' when !attribute: builder.Append("&gt;"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    public static string Initials(string name)
    {
        // "Dr. Maya Chen" is MC: a title is not part of the name's initials.
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SkipWhile(w => w is "Dr." or "Dr" or "Prof." or "Mr." or "Mrs." or "Ms." or "Mx.")
            .ToArray();
        var letters = words.Where(w => char.IsLetterOrDigit(w[0])).Take(2).Select(w => char.ToUpperInvariant(w[0]));
        var initials = string.Concat(letters);
        return initials.Length == 0 ? "•" : initials;
    }
}
