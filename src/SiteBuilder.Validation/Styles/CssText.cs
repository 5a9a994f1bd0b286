namespace SiteBuilder.Validation.Styles;

/// <summary>Small lexical helpers for CSS values: splitting at top level, skipping strings, comments and brackets.</summary>
internal static class CssText
{
    /// <summary>Splits on whitespace (when <paramref name="separator"/> is a space) or on the separator, outside
    /// strings and brackets. Empty pieces are dropped; pieces are trimmed.</summary>
    public static List<string> SplitTopLevel(string value, char separator = ' ')
    {
        var parts = new List<string>(4);
        var depth = 0;
        var start = 0;
        char quote = '\0';
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    continue;
                case '(' or '[':
                    depth++;
                    continue;
                case ')' or ']':
                    depth = Math.Max(0, depth - 1);
                    continue;
            }

            var isSeparator = depth == 0 && (separator == ' ' ? char.IsWhiteSpace(c) : c == separator);
            if (isSeparator)
            {
                AddPart(value, start, i, parts);
                start = i + 1;
            }
        }

        AddPart(value, start, value.Length, parts);
        return parts;
    }

    private static void AddPart(string value, int start, int end, List<string> parts)
    {
        var piece = value.AsSpan(start, end - start).Trim();
        if (!piece.IsEmpty)
        {
            parts.Add(piece.ToString());
        }
    }

    /// <summary>Finds the ')' closing the '(' at <paramref name="open"/>, skipping strings; -1 when unbalanced.</summary>
    public static int MatchingParen(string text, int open)
    {
        var depth = 0;
        char quote = '\0';
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Every <c>url(...)</c> in a value, unquoted, in order.</summary>
    public static IEnumerable<string> Urls(string value)
    {
        var from = 0;
        while (true)
        {
            var at = value.IndexOf("url(", from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                yield break;
            }

            var close = MatchingParen(value, at + 3);
            if (close < 0)
            {
                yield break;
            }

            var inner = value.AsSpan(at + 4, close - at - 4).Trim();
            if (inner.Length >= 2 && inner[0] is '"' or '\'' && inner[^1] == inner[0])
            {
                inner = inner[1..^1];
            }

            yield return inner.ToString();
            from = close + 1;
        }
    }

    /// <summary>Removes one pair of surrounding quotes.</summary>
    public static string Unquote(string value)
    {
        var span = value.AsSpan().Trim();
        if (span.Length >= 2 && span[0] is '"' or '\'' && span[^1] == span[0])
        {
            span = span[1..^1];
        }

        return span.ToString();
    }

    /// <summary>The first family of a <c>font-family</c> list, unquoted.</summary>
    public static string FirstFamily(string fontFamily)
    {
        var families = SplitTopLevel(fontFamily, ',');
        return families.Count == 0 ? "" : Unquote(families[0]);
    }
}
