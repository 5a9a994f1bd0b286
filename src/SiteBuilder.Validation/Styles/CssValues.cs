using System.Globalization;

namespace SiteBuilder.Validation.Styles;

/// <summary>Resolves lengths (with <c>calc()</c>, <c>min()</c>, <c>max()</c>, <c>clamp()</c>) and custom
/// properties. Both are bounded: expression nesting is capped and substitution stops at a size and count limit,
/// so a hostile stylesheet can neither recurse deeply nor expand exponentially.</summary>
internal static class CssValues
{
    private const int MaxExpressionDepth = 32;
    private const int MaxSubstitutions = 64;
    private const int MaxSubstitutedLength = 8_192;

    /// <summary>What relative units resolve against.</summary>
    /// <param name="Em">The font size <c>em</c> refers to (the parent's for <c>font-size</c>).</param>
    /// <param name="Rem">The root element's font size.</param>
    /// <param name="PercentBase">What 100% is, or NaN when unknown without layout.</param>
    public readonly record struct LengthContext(double Em, double Rem, double PercentBase);

    /// <summary>Resolves a length to CSS px; false for <c>auto</c>, unknown percentages and anything else.</summary>
    public static bool TryLength(string value, LengthContext context, out double px)
    {
        var parser = new ExpressionParser(value, context);
        if (parser.TryParseSum(out px) && parser.AtEnd && double.IsFinite(px))
        {
            return true;
        }

        px = double.NaN;
        return false;
    }

    /// <summary>Replaces every <c>var()</c> with the custom property's value or the fallback. Null when a variable
    /// is missing without fallback, when variables refer to each other in a cycle, or when the expansion grows too
    /// large: the value is then invalid at computed-value time.</summary>
    public static string? Substitute(string value, IReadOnlyDictionary<string, string>? variables)
    {
        var current = value;
        var from = 0;
        for (var round = 0; round < MaxSubstitutions; round++)
        {
            var at = current.IndexOf("var(", from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return current;
            }

            var close = CssText.MatchingParen(current, at + 3);
            if (close < 0)
            {
                return null;
            }

            var inner = current.AsSpan(at + 4, close - at - 4);
            var comma = inner.IndexOf(',');
            var name = (comma < 0 ? inner : inner[..comma]).Trim().ToString();
            string? replacement = null;
            if (variables is not null && variables.TryGetValue(name, out var found))
            {
                replacement = found;
            }
            else if (comma >= 0)
            {
                replacement = inner[(comma + 1)..].Trim().ToString();
            }

            if (replacement is null)
            {
                return null;
            }

            current = string.Concat(current.AsSpan(0, at), replacement, current.AsSpan(close + 1));
            if (current.Length > MaxSubstitutedLength)
            {
                return null;
            }

            // Rescan from the replacement: it may itself hold var().
            from = at;
        }

        return null;
    }

    /// <summary>Computes <c>font-size</c> in px from its value and the parent's size.</summary>
    public static double? FontSize(string value, double parentPx, double rootPx)
    {
        if (value.Length > 0 && (char.IsAsciiDigit(value[0]) || value[0] == '.'))
        {
            return TryLength(value, new LengthContext(parentPx, rootPx, parentPx), out var direct) && direct >= 0 ? Math.Min(direct, 100_000) : null;
        }

        switch (value.Trim().ToLowerInvariant())
        {
            case "xx-small": return 9;
            case "x-small": return 10;
            case "small": return 13;
            case "medium": return 16;
            case "large": return 18;
            case "x-large": return 24;
            case "xx-large": return 32;
            case "xxx-large": return 48;
            case "smaller": return parentPx / 1.2;
            case "larger": return parentPx * 1.2;
            case "inherit" or "unset": return parentPx;
            case "initial": return 16;
        }

        return TryLength(value, new LengthContext(parentPx, rootPx, parentPx), out var px) && px >= 0 ? Math.Min(px, 100_000) : null;
    }

    /// <summary>Computes <c>font-weight</c> from its value and the parent's weight.</summary>
    public static int? FontWeight(string value, int parent)
    {
        if (value.Length > 0 && char.IsAsciiDigit(value[0]))
        {
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var numeric) && numeric is >= 1 and <= 1000 ? (int)numeric : null;
        }

        var v = value.Trim().ToLowerInvariant();
        switch (v)
        {
            case "normal" or "initial": return 400;
            case "bold": return 700;
            case "inherit" or "unset": return parent;
            case "bolder": return parent < 350 ? 400 : parent < 550 ? 700 : 900;
            case "lighter": return parent < 550 ? 100 : parent < 750 ? 400 : 700;
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 1000
            ? (int)number
            : null;
    }

    /// <summary>Recursive descent over calc() grammar, with depth capped at <see cref="MaxExpressionDepth"/>.</summary>
    private ref struct ExpressionParser(string text, LengthContext context)
    {
        private readonly ReadOnlySpan<char> _text = text.AsSpan();
        private int _position;
        private int _depth;

        public readonly bool AtEnd => _position >= _text.Length || _text[_position..].IsWhiteSpace();

        /// <summary>sum := product (('+'|'-') product)*; values are (number, isLength).</summary>
        public bool TryParseSum(out double px) => TrySum(out px, out _);

        private bool TrySum(out double value, out bool isLength)
        {
            value = 0;
            if (!TryProduct(out value, out isLength))
            {
                return false;
            }

            while (true)
            {
                SkipSpace();
                if (_position >= _text.Length || _text[_position] is not ('+' or '-'))
                {
                    return true;
                }

                var sign = _text[_position] == '+' ? 1 : -1;
                _position++;
                if (!TryProduct(out var right, out var rightIsLength))
                {
                    return false;
                }

                value += sign * right;
                isLength |= rightIsLength;
            }
        }

        private bool TryProduct(out double value, out bool isLength)
        {
            if (!TryTerm(out value, out isLength))
            {
                return false;
            }

            while (true)
            {
                SkipSpace();
                if (_position >= _text.Length || _text[_position] is not ('*' or '/'))
                {
                    return true;
                }

                var multiply = _text[_position] == '*';
                _position++;
                if (!TryTerm(out var right, out var rightIsLength))
                {
                    return false;
                }

                if (multiply)
                {
                    value *= right;
                    isLength |= rightIsLength;
                }
                else
                {
                    if (rightIsLength || right == 0)
                    {
                        return false;
                    }

                    value /= right;
                }
            }
        }

        private bool TryTerm(out double value, out bool isLength)
        {
            value = 0;
            isLength = false;
            SkipSpace();
            if (_position >= _text.Length || ++_depth > MaxExpressionDepth)
            {
                return false;
            }

            try
            {
                var rest = _text[_position..];
                if (rest[0] == '(')
                {
                    _position++;
                    return TrySum(out value, out isLength) && Expect(')');
                }

                foreach (var function in (ReadOnlySpan<string>)["calc(", "min(", "max(", "clamp("])
                {
                    if (rest.StartsWith(function, StringComparison.OrdinalIgnoreCase))
                    {
                        _position += function.Length;
                        return TryFunction(function, out value, out isLength);
                    }
                }

                return TryDimension(out value, out isLength);
            }
            finally
            {
                _depth--;
            }
        }

        private bool TryFunction(string function, out double value, out bool isLength)
        {
            value = 0;
            isLength = false;
            Span<double> args = stackalloc double[8];
            var count = 0;
            while (true)
            {
                if (!TrySum(out var argument, out var argumentIsLength))
                {
                    return false;
                }

                if (count == args.Length)
                {
                    return false;
                }

                args[count++] = argument;
                isLength |= argumentIsLength;
                SkipSpace();
                if (_position < _text.Length && _text[_position] == ',')
                {
                    _position++;
                    continue;
                }

                if (!Expect(')'))
                {
                    return false;
                }

                break;
            }

            var used = args[..count];
            switch (function)
            {
                case "calc(":
                    if (count != 1)
                    {
                        return false;
                    }

                    value = used[0];
                    return true;
                case "min(":
                    value = double.MaxValue;
                    foreach (var a in used)
                    {
                        value = Math.Min(value, a);
                    }

                    return true;
                case "max(":
                    value = double.MinValue;
                    foreach (var a in used)
                    {
                        value = Math.Max(value, a);
                    }

                    return true;
                default:
                    if (count != 3)
                    {
                        return false;
                    }

                    value = Math.Max(used[0], Math.Min(used[1], used[2]));
                    return true;
            }
        }

        private bool TryDimension(out double value, out bool isLength)
        {
            value = 0;
            isLength = false;
            var start = _position;
            while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'
                || (_position == start && _text[_position] is '+' or '-')
                || (_text[_position] is 'e' or 'E' && _position + 1 < _text.Length && (char.IsAsciiDigit(_text[_position + 1]) || _text[_position + 1] == '-'))))
            {
                _position++;
            }

            if (_position == start || !double.TryParse(_text[start.._position], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = _position;
            while (_position < _text.Length && (char.IsAsciiLetter(_text[_position]) || _text[_position] == '%'))
            {
                _position++;
            }

            var unit = _text[unitStart.._position];
            if (unit.IsEmpty)
            {
                // A bare 0 is a length; any other bare number is a factor for * and /.
                value = number;
                isLength = number == 0;
                return true;
            }

            isLength = true;
            double factor;
            if (unit.Equals("px", StringComparison.OrdinalIgnoreCase))
            {
                factor = 1;
            }
            else if (unit.Equals("em", StringComparison.OrdinalIgnoreCase))
            {
                factor = context.Em;
            }
            else if (unit.Equals("rem", StringComparison.OrdinalIgnoreCase))
            {
                factor = context.Rem;
            }
            else if (unit.SequenceEqual("%"))
            {
                factor = context.PercentBase / 100;
            }
            else if (unit.Equals("pt", StringComparison.OrdinalIgnoreCase))
            {
                factor = 96.0 / 72;
            }
            else if (unit.Equals("pc", StringComparison.OrdinalIgnoreCase))
            {
                factor = 16;
            }
            else if (unit.Equals("in", StringComparison.OrdinalIgnoreCase))
            {
                factor = 96;
            }
            else if (unit.Equals("cm", StringComparison.OrdinalIgnoreCase))
            {
                factor = 96 / 2.54;
            }
            else if (unit.Equals("mm", StringComparison.OrdinalIgnoreCase))
            {
                factor = 96 / 25.4;
            }
            else if (unit.Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                factor = 96 / 101.6;
            }
            else if (unit.Equals("ex", StringComparison.OrdinalIgnoreCase) || unit.Equals("ch", StringComparison.OrdinalIgnoreCase))
            {
                factor = context.Em / 2;
            }
            else if (unit.Equals("lh", StringComparison.OrdinalIgnoreCase))
            {
                factor = context.Em * 1.2;
            }
            else if (unit.Equals("vw", StringComparison.OrdinalIgnoreCase) || unit.Equals("svw", StringComparison.OrdinalIgnoreCase)
                || unit.Equals("lvw", StringComparison.OrdinalIgnoreCase) || unit.Equals("dvw", StringComparison.OrdinalIgnoreCase)
                || unit.Equals("vi", StringComparison.OrdinalIgnoreCase))
            {
                factor = Viewport.Width / 100;
            }
            else if (unit.Equals("vh", StringComparison.OrdinalIgnoreCase) || unit.Equals("svh", StringComparison.OrdinalIgnoreCase)
                || unit.Equals("lvh", StringComparison.OrdinalIgnoreCase) || unit.Equals("dvh", StringComparison.OrdinalIgnoreCase)
                || unit.Equals("vb", StringComparison.OrdinalIgnoreCase))
            {
                factor = Viewport.Height / 100;
            }
            else if (unit.Equals("vmin", StringComparison.OrdinalIgnoreCase))
            {
                factor = Math.Min(Viewport.Width, Viewport.Height) / 100;
            }
            else if (unit.Equals("vmax", StringComparison.OrdinalIgnoreCase))
            {
                factor = Math.Max(Viewport.Width, Viewport.Height) / 100;
            }
            else
            {
                return false;
            }

            value = number * factor;
            return !double.IsNaN(value);
        }

        private bool Expect(char c)
        {
            SkipSpace();
            if (_position < _text.Length && _text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void SkipSpace()
        {
            while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }
        }
    }
}
