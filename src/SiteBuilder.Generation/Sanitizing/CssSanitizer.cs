using System.Text;

namespace SiteBuilder.Generation.Sanitizing;

/// <summary>
/// Cleans CSS from generated pages without rewriting it: rules and declarations that are safe pass
/// through byte for byte (so grid, clamp(), custom properties and other modern CSS survive), and the ones
/// that could fetch from elsewhere or run code are dropped whole. What goes: <c>@import</c>, <c>@namespace</c>,
/// any <c>url()</c>/<c>image-set()</c> not pointing at an inline image or a fragment, <c>expression()</c>,
/// <c>behavior</c>, <c>-moz-binding</c>, <c>javascript:</c>/<c>vbscript:</c>, and comments.
/// </summary>
public static class CssSanitizer
{
    private static readonly string[] DroppedAtRules = ["@import", "@namespace", "@charset", "@document", "@-moz-document"];

    /// <summary>
    /// Blocks nested deeper than this are dropped whole. Real pages nest a few levels (@media, @supports, nesting); a model writing
    /// thousands of '{' must not recurse the sanitizer off the end of the stack and kill the process.
    /// </summary>
    public const int MaxNestingDepth = 32;

    private static readonly string[] DangerousProperties = ["behavior", "-ms-behavior", "-moz-binding", "binding"];

    /// <summary>Sanitizes a whole stylesheet (the text of a &lt;style&gt; element).</summary>
    public static string SanitizeStyleSheet(string css)
    {
        ArgumentNullException.ThrowIfNull(css);
        var text = StripComments(css);
        var output = new StringBuilder(text.Length);
        var position = 0;
        WriteItems(text, ref position, output, nested: false, depth: 0);
        return EscapeMarkup(output.ToString());
    }

    /// <summary>Sanitizes a declaration list (the value of a style attribute).</summary>
    public static string SanitizeDeclarations(string declarations)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        var text = StripComments(declarations);
        var output = new StringBuilder(text.Length);
        var position = 0;
        WriteItems(text, ref position, output, nested: true, depth: 0);
        return EscapeMarkup(output.ToString()).Trim();
    }

    /// <summary>Reads items (declarations or rules) until the end or the closing brace of the current block.</summary>
    private static void WriteItems(string css, ref int position, StringBuilder output, bool nested, int depth)
    {
        while (position < css.Length)
        {
            if (css[position] == '}')
            {
                if (nested)
                {
                    return;
                }

                // A stray closing brace at the top level: skip it rather than end the sheet.
                position++;
                continue;
            }

            var start = position;
            var end = ScanToDelimiter(css, position);
            if (end >= css.Length || css[end] == '}')
            {
                // A final declaration without a semicolon.
                var tail = css[start..end];
                if (IsSafeDeclaration(tail) || string.IsNullOrWhiteSpace(tail))
                {
                    output.Append(tail);
                    if (end >= css.Length)
                    {
                        // The sheet ends inside a string: close it, or the brace that closes the block would land inside it.
                        CloseOpenString(tail, output);
                    }
                }

                position = end;
                continue;
            }

            if (css[end] == ';')
            {
                var item = css[start..(end + 1)];
                if (IsSafeDeclaration(item[..^1]) && !IsDroppedAtRule(item))
                {
                    output.Append(item);
                }

                position = end + 1;
                continue;
            }

            // '{': a rule or at-rule with a block.
            var prelude = css[start..end];
            var blockOutput = new StringBuilder();
            position = end + 1;
            if (depth >= MaxNestingDepth)
            {
                position = SkipBlock(css, position);
                continue;
            }

            WriteItems(css, ref position, blockOutput, nested: true, depth + 1);
            var closed = position < css.Length && css[position] == '}';
            if (closed)
            {
                position++;
            }

            if (IsSafePrelude(prelude))
            {
                output.Append(prelude).Append('{').Append(blockOutput).Append('}');
            }
        }
    }

    /// <summary>The index of the next ';', '{' or '}' outside strings and parentheses.</summary>
    private static int ScanToDelimiter(string css, int position)
    {
        var depth = 0;
        for (var i = position; i < css.Length; i++)
        {
            var c = css[i];
            switch (c)
            {
                case '\\':
                    i++;
                    break;
                case '"' or '\'':
                    i = SkipString(css, i);
                    break;
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ';' or '{' or '}' when depth == 0:
                    return i;
                case '{' or '}':
                    // Braces never belong inside parentheses: treat them as structure anyway.
                    return i;
            }
        }

        return css.Length;
    }

    /// <summary>The index just past the '}' closing the block whose '{' precedes <paramref name="position"/>, without recursion.</summary>
    private static int SkipBlock(string css, int position)
    {
        var open = 1;
        for (var i = position; i < css.Length; i++)
        {
            switch (css[i])
            {
                case '"' or '\'':
                    i = SkipString(css, i);
                    break;
                case '{':
                    open++;
                    break;
                case '}' when --open == 0:
                    return i + 1;
            }
        }

        return css.Length;
    }

    private static int SkipString(string css, int start)
    {
        var quote = css[start];
        for (var i = start + 1; i < css.Length; i++)
        {
            if (css[i] == '\\')
            {
                i++;
            }
            else if (css[i] == quote || css[i] == '\n')
            {
                return i;
            }
        }

        return css.Length - 1;
    }

    private static void CloseOpenString(string text, StringBuilder output)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                if (i == text.Length - 1)
                {
                    // A dangling escape would escape the closing quote; a browser ignores it at the end.
                    output.Length--;
                }

                i++;
            }
            else if (quote == '\0')
            {
                quote = c is '"' or '\'' ? c : '\0';
            }
            else if (c == quote || c == '\n')
            {
                quote = '\0';
            }
        }

        if (quote != '\0')
        {
            output.Append(quote);
        }
    }

    private static bool IsDroppedAtRule(string item)
    {
        var normalized = Decode(item).TrimStart();
        return DroppedAtRules.Any(rule => normalized.StartsWith(rule, StringComparison.Ordinal));
    }

    private static bool IsSafePrelude(string prelude)
    {
        var normalized = Decode(prelude).Trim();
        if (DroppedAtRules.Any(rule => normalized.StartsWith(rule, StringComparison.Ordinal)))
        {
            return false;
        }

        return IsSafeValue(normalized);
    }

    private static bool IsSafeDeclaration(string declaration)
    {
        var normalized = Decode(declaration);
        var colon = normalized.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var property = normalized[..colon].Trim();
            if (DangerousProperties.Contains(property, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return !normalized.TrimStart().StartsWith('@') && IsSafeValue(normalized);
    }

    /// <summary>Rejects text that runs code or reaches outside the document.</summary>
    private static bool IsSafeValue(string normalized)
    {
        if (normalized.Contains("expression(", StringComparison.Ordinal) || normalized.Contains("javascript:", StringComparison.Ordinal)
            || normalized.Contains("vbscript:", StringComparison.Ordinal) || normalized.Contains("image-set(", StringComparison.Ordinal)
            || normalized.Contains("-moz-binding", StringComparison.Ordinal) || normalized.Contains("src(", StringComparison.Ordinal))
        {
            return false;
        }

        var index = 0;
        while ((index = normalized.IndexOf("url(", index, StringComparison.Ordinal)) >= 0)
        {
            var close = normalized.IndexOf(')', index);
            var target = (close < 0 ? normalized[(index + 4)..] : normalized[(index + 4)..close]).Trim().Trim('"', '\'').Trim();
            if (!IsInlineTarget(target))
            {
                return false;
            }

            index += 4;
        }

        return true;
    }

    /// <summary>A fragment reference (an SVG filter or gradient) or an inline image: no request leaves the page.</summary>
    private static bool IsInlineTarget(string target) =>
        target.StartsWith('#')
        || target.StartsWith("data:image/png", StringComparison.Ordinal)
        || target.StartsWith("data:image/jpeg", StringComparison.Ordinal)
        || target.StartsWith("data:image/gif", StringComparison.Ordinal)
        || target.StartsWith("data:image/webp", StringComparison.Ordinal)
        || target.StartsWith("data:image/avif", StringComparison.Ordinal)
        || target.StartsWith("data:image/svg+xml", StringComparison.Ordinal);

    /// <summary>Lower-cased text with CSS escapes resolved and whitespace removed, for matching only.</summary>
    private static string Decode(string css)
    {
        var builder = new StringBuilder(css.Length);
        for (var i = 0; i < css.Length; i++)
        {
            var c = css[i];
            if (c == '\\' && i + 1 < css.Length)
            {
                var hexLength = 0;
                while (hexLength < 6 && i + 1 + hexLength < css.Length && char.IsAsciiHexDigit(css[i + 1 + hexLength]))
                {
                    hexLength++;
                }

                if (hexLength > 0)
                {
                    var code = Convert.ToInt32(css.Substring(i + 1, hexLength), 16);
                    builder.Append(code is > 0 and < 0x110000 and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(code) : "\uFFFD");
                    i += hexLength;
                    if (i + 1 < css.Length && char.IsWhiteSpace(css[i + 1]))
                    {
                        i++;
                    }
                }
                else
                {
                    builder.Append(css[++i]);
                }

                continue;
            }

            if (!char.IsWhiteSpace(c) && c != '\0')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        // "url (" and "url(" both fetch; with whitespace gone they read the same.
        return builder.ToString();
    }

    private static string StripComments(string css)
    {
        if (!css.Contains("/*", StringComparison.Ordinal))
        {
            return css;
        }

        var builder = new StringBuilder(css.Length);
        for (var i = 0; i < css.Length; i++)
        {
            var c = css[i];
            if (c is '"' or '\'')
            {
                var end = SkipString(css, i);
                builder.Append(css, i, Math.Min(end, css.Length - 1) - i + 1);
                i = end;
                continue;
            }

            if (c == '/' && i + 1 < css.Length && css[i + 1] == '*')
            {
                var close = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? css.Length : close + 1;
                builder.Append(' ');
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>A stylesheet can never close its own &lt;style&gt; element or open markup.</summary>
    private static string EscapeMarkup(string css) => css.Contains('<', StringComparison.Ordinal) ? css.Replace("<", "\\3c ", StringComparison.Ordinal) : css;
}
