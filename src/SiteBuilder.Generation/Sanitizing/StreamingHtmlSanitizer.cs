using System.Net;
using System.Text;

namespace SiteBuilder.Generation.Sanitizing;

/// <summary>
/// Sanitizes a model's HTML as it streams, with the rules of <see cref="SanitizerPolicy"/>: every piece it returns is final, so
/// the chunks sent to a client concatenate to exactly the page that is stored. It tokenizes as a browser would, holds back only an
/// unfinished tag (or a <c>&lt;style&gt;</c> block until it closes), and rebuilds every tag it keeps from allowed parts with its
/// attribute values re-encoded: the output holds no markup the sanitizer did not write itself.
/// </summary>
/// <remarks>The output does not depend on how the input is split into pieces.</remarks>
public sealed class StreamingHtmlSanitizer
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "frame", "param", "keygen",
    };

    /// <summary>Dropped elements whose content is raw text: it ends only at the matching end tag.</summary>
    private static readonly HashSet<string> RawTextElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "noembed", "noframes", "xmp", "noscript", "plaintext",
    };

    private readonly StringBuilder _pending = new();
    private readonly StringBuilder _output = new();
    private string? _dropTag;
    private int _dropDepth;
    private bool _inStyle;

    /// <summary>Feeds the next piece of model output; returns the sanitized HTML that is now final.</summary>
    public string Push(string text)
    {
        foreach (var c in text)
        {
            if (c != '\0')
            {
                _pending.Append(c);
            }
        }

        Process(final: false);
        return TakeOutput();
    }

    /// <summary>Ends the stream: an unfinished tag is dropped; an unclosed style block is cleaned and closed.</summary>
    public string Complete()
    {
        Process(final: true);
        if (_inStyle)
        {
            _output.Append(CleanStyleSheet(_pending.ToString())).Append("</style>");
            _inStyle = false;
        }

        _pending.Clear();
        return TakeOutput();
    }

    /// <summary>Sanitizes a whole document in one go (the same result as streaming it).</summary>
    public static string Sanitize(string html)
    {
        var sanitizer = new StreamingHtmlSanitizer();
        return sanitizer.Push(html) + sanitizer.Complete();
    }

    private string TakeOutput()
    {
        var result = _output.ToString();
        _output.Clear();
        return result;
    }

    private void Process(bool final)
    {
        var position = 0;
        var input = _pending.ToString();
        while (position < input.Length)
        {
            int consumed;
            if (_inStyle)
            {
                consumed = ConsumeStyle(input, position);
            }
            else if (_dropTag is not null && RawTextElements.Contains(_dropTag))
            {
                consumed = ConsumeRawDrop(input, position);
            }
            else if (input[position] != '<')
            {
                var next = input.IndexOf('<', position);
                var end = next < 0 ? input.Length : next;
                if (_dropTag is null)
                {
                    _output.Append(input, position, end - position);
                }

                consumed = end - position;
            }
            else
            {
                consumed = ConsumeMarkup(input, position, final);
            }

            if (consumed == 0)
            {
                break;
            }

            position += consumed;
        }

        _pending.Remove(0, position);
    }

    /// <summary>Inside a style block: hold everything until its end tag, then emit the cleaned stylesheet.</summary>
    private int ConsumeStyle(string input, int position)
    {
        var end = FindEndTag(input, position, "style");
        if (end is not var (start, length))
        {
            return 0;
        }

        _output.Append(CleanStyleSheet(input[position..start])).Append("</style>");
        _inStyle = false;
        return start + length - position;
    }

    /// <summary>Inside a dropped raw-text element (script, iframe …): discard everything up to and including its end tag.</summary>
    private int ConsumeRawDrop(string input, int position)
    {
        if (string.Equals(_dropTag, "plaintext", StringComparison.OrdinalIgnoreCase))
        {
            return input.Length - position;
        }

        var end = FindEndTag(input, position, _dropTag!);
        if (end is not var (start, length))
        {
            // Keep a tail that could be the start of the end tag; drop the rest now.
            var keep = Math.Min(input.Length - position, _dropTag!.Length + 2);
            return input.Length - position - keep;
        }

        _dropTag = null;
        _dropDepth = 0;
        return start + length - position;
    }

    /// <summary>Consumes one markup construct starting at '&lt;'; returns 0 when it is not complete yet.</summary>
    private int ConsumeMarkup(string input, int position, bool final)
    {
        if (position + 1 >= input.Length)
        {
            return final ? Escape(1) : 0;
        }

        var next = input[position + 1];
        if (next == '!')
        {
            return ConsumeDeclaration(input, position, final);
        }

        if (next == '?')
        {
            // A bogus comment up to the next '>'.
            var close = input.IndexOf('>', position);
            return close < 0 ? (final ? input.Length - position : 0) : close + 1 - position;
        }

        if (next == '/')
        {
            if (position + 2 >= input.Length)
            {
                return final ? input.Length - position : 0;
            }

            if (!char.IsAsciiLetter(input[position + 2]))
            {
                var close = input.IndexOf('>', position);
                return close < 0 ? (final ? input.Length - position : 0) : close + 1 - position;
            }

            return ConsumeTag(input, position, isEnd: true, final);
        }

        return char.IsAsciiLetter(next) ? ConsumeTag(input, position, isEnd: false, final) : Escape(1);
    }

    private int Escape(int length)
    {
        if (_dropTag is null)
        {
            _output.Append("&lt;");
        }

        return length;
    }

    private int ConsumeDeclaration(string input, int position, bool final)
    {
        var rest = input.AsSpan(position);
        if (rest.Length < 4 && !final)
        {
            return 0;
        }

        if (rest.StartsWith("<!--"))
        {
            // Comments go; they end where a browser ends them (-->, --!>, or the empty <!--> and <!--->).
            if (rest.StartsWith("<!-->"))
            {
                return 5;
            }

            if (rest.StartsWith("<!--->"))
            {
                return 6;
            }

            var end = input.IndexOf("-->", position + 4, StringComparison.Ordinal);
            var bang = input.IndexOf("--!>", position + 4, StringComparison.Ordinal);
            var stop = (end, bang) switch
            {
                ( < 0, < 0) => -1,
                ( < 0, _) => bang + 4,
                (_, < 0) => end + 3,
                _ => Math.Min(end + 3, bang + 4),
            };
            return stop < 0 ? (final ? input.Length - position : 0) : stop - position;
        }

        var close = input.IndexOf('>', position);
        if (close < 0)
        {
            return final ? input.Length - position : 0;
        }

        if (_dropTag is null && rest.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase))
        {
            _output.Append("<!DOCTYPE html>");
        }

        return close + 1 - position;
    }

    private int ConsumeTag(string input, int position, bool isEnd, bool final)
    {
        var tag = TagReader.Read(input, position + (isEnd ? 2 : 1));
        if (tag is null)
        {
            return final ? input.Length - position : 0;
        }

        var (name, attributes, selfClosing, end) = tag.Value;
        var consumed = end - position;
        if (_dropTag is not null)
        {
            // Inside a dropped element with parsed content: count nesting of the same element only.
            if (string.Equals(name, _dropTag, StringComparison.OrdinalIgnoreCase))
            {
                _dropDepth += isEnd ? -1 : selfClosing ? 0 : 1;
                if (_dropDepth == 0)
                {
                    _dropTag = null;
                }
            }

            return consumed;
        }

        var isVoid = VoidElements.Contains(name);
        var allowed = SanitizerPolicy.Tags.Contains(name) && !SanitizerPolicy.DroppedWithContent.Contains(name);
        if (isEnd)
        {
            if (allowed && !isVoid)
            {
                _output.Append("</").Append(name).Append('>');
            }

            return consumed;
        }

        if (!allowed)
        {
            if (!isVoid && !selfClosing)
            {
                _dropTag = name;
                _dropDepth = 1;
            }

            return consumed;
        }

        if (name == "meta" && !KeepMeta(attributes))
        {
            return consumed;
        }

        WriteStartTag(name, attributes);
        if (name == "style")
        {
            _inStyle = true;
        }

        return consumed;
    }

    private static bool KeepMeta(List<KeyValuePair<string, string>> attributes)
    {
        if (attributes.Any(a => a.Key == "http-equiv"))
        {
            return false;
        }

        var name = attributes.FirstOrDefault(a => a.Key == "name").Value;
        return name is null || SanitizerPolicy.MetaNames.Contains(name);
    }

    private void WriteStartTag(string name, List<KeyValuePair<string, string>> attributes)
    {
        _output.Append('<').Append(name);
        var kept = new List<KeyValuePair<string, string>>();
        foreach (var (key, raw) in attributes)
        {
            if (kept.Any(k => k.Key == key) || !IsAllowedAttribute(key))
            {
                continue;
            }

            var value = WebUtility.HtmlDecode(raw);
            if (SanitizerPolicy.UrlAttributes.Contains(key) && !SanitizerPolicy.IsAllowedUrl(value, IsImageContext(name, attributes)))
            {
                continue;
            }

            if (key == "srcset" && value.Split(',').Any(candidate => !SanitizerPolicy.IsAllowedUrl(candidate.Trim().Split(' ')[0], imageContext: true)))
            {
                continue;
            }

            if (key is "action" or "formaction" && !SanitizerPolicy.IsOnPageAction(value))
            {
                continue;
            }

            if (name == "use" && key is "href" or "xlink:href" && !value.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (key == "style")
            {
                value = CssSanitizer.SanitizeDeclarations(value);
                if (value.Length == 0)
                {
                    continue;
                }
            }

            if (name == "meta" && key == "content" && attributes.Any(a => a.Key == "name" && string.Equals(a.Value, "viewport", StringComparison.OrdinalIgnoreCase)))
            {
                value = SanitizerPolicy.AllowZoom(value);
            }

            kept.Add(new(key, value));
        }

        var target = kept.FirstOrDefault(a => a.Key == "target").Value?.Trim();
        if (!string.IsNullOrEmpty(target) && !target.Equals("_self", StringComparison.OrdinalIgnoreCase)
            && !target.Equals("_top", StringComparison.OrdinalIgnoreCase) && !target.Equals("_parent", StringComparison.OrdinalIgnoreCase))
        {
            var rel = (kept.FirstOrDefault(a => a.Key == "rel").Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            foreach (var token in new[] { "noopener", "noreferrer" })
            {
                if (!rel.Contains(token, StringComparer.OrdinalIgnoreCase))
                {
                    rel.Add(token);
                }
            }

            kept.RemoveAll(a => a.Key == "rel");
            kept.Add(new("rel", string.Join(' ', rel)));
        }

        foreach (var (key, value) in kept)
        {
            _output.Append(' ').Append(key);
            if (value.Length > 0 || key is not ("hidden" or "required" or "disabled" or "readonly" or "checked" or "selected" or "multiple" or "open" or "controls" or "muted" or "loop" or "playsinline" or "novalidate" or "reversed" or "itemscope"))
            {
                _output.Append("=\"").Append(Encode(value)).Append('"');
            }
        }

        _output.Append('>');
    }

    private static bool IsAllowedAttribute(string key) =>
        !key.StartsWith("on", StringComparison.OrdinalIgnoreCase)
        && (SanitizerPolicy.Attributes.Contains(key) || key.StartsWith("aria-", StringComparison.Ordinal) || (key.StartsWith("data-", StringComparison.Ordinal) && key.Length > 5));

    private static bool IsImageContext(string tag, List<KeyValuePair<string, string>> attributes) =>
        tag is "img" or "source" or "image" or "use" || (tag == "input" && attributes.Any(a => a.Key == "type" && string.Equals(a.Value, "image", StringComparison.OrdinalIgnoreCase)));

    private static string Encode(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Cleans a stylesheet, and escapes '&lt;' as a CSS escape so nothing in it can read as markup (SVG styles are parsed as markup).</summary>
    private static string CleanStyleSheet(string css) =>
        CssSanitizer.SanitizeStyleSheet(css).Replace("<", "\\3c ", StringComparison.Ordinal);

    /// <summary>The position and length of the next <c>&lt;/name</c> end tag (through its '&gt;'), or null when not all of it has arrived.</summary>
    private static (int Start, int Length)? FindEndTag(string input, int from, string name)
    {
        var search = from;
        while (true)
        {
            var start = input.IndexOf("</", search, StringComparison.Ordinal);
            if (start < 0 || start + 2 + name.Length >= input.Length)
            {
                return null;
            }

            var after = input[start + 2 + name.Length];
            if (string.Compare(input, start + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (after == '>' || after == '/' || char.IsWhiteSpace(after)))
            {
                var close = input.IndexOf('>', start);
                return close < 0 ? null : (start, close + 1 - start);
            }

            search = start + 2;
        }
    }

    /// <summary>Reads a tag as the HTML tokenizer does: name up to whitespace, '/' or '&gt;'; attributes with quoted or bare values.</summary>
    private static class TagReader
    {
        public static (string Name, List<KeyValuePair<string, string>> Attributes, bool SelfClosing, int End)? Read(string input, int position)
        {
            var i = position;
            var name = new StringBuilder();
            while (i < input.Length && !char.IsWhiteSpace(input[i]) && input[i] is not ('/' or '>'))
            {
                name.Append(char.ToLowerInvariant(input[i++]));
            }

            var attributes = new List<KeyValuePair<string, string>>();
            var selfClosing = false;
            while (true)
            {
                while (i < input.Length && (char.IsWhiteSpace(input[i]) || input[i] == '/'))
                {
                    selfClosing = input[i] == '/';
                    i++;
                }

                if (i >= input.Length)
                {
                    return null;
                }

                if (input[i] == '>')
                {
                    return (name.ToString(), attributes, selfClosing, i + 1);
                }

                selfClosing = false;
                var key = new StringBuilder();
                do
                {
                    key.Append(char.ToLowerInvariant(input[i++]));
                }
                while (i < input.Length && !char.IsWhiteSpace(input[i]) && input[i] is not ('/' or '>' or '='));

                while (i < input.Length && char.IsWhiteSpace(input[i]))
                {
                    i++;
                }

                if (i >= input.Length)
                {
                    return null;
                }

                var value = "";
                if (input[i] == '=')
                {
                    i++;
                    while (i < input.Length && char.IsWhiteSpace(input[i]))
                    {
                        i++;
                    }

                    if (i >= input.Length)
                    {
                        return null;
                    }

                    if (input[i] is '"' or '\'')
                    {
                        var quote = input[i];
                        var close = input.IndexOf(quote, i + 1);
                        if (close < 0)
                        {
                            return null;
                        }

                        value = input[(i + 1)..close];
                        i = close + 1;
                    }
                    else
                    {
                        var start = i;
                        while (i < input.Length && !char.IsWhiteSpace(input[i]) && input[i] != '>')
                        {
                            i++;
                        }

                        if (i >= input.Length)
                        {
                            return null;
                        }

                        value = input[start..i];
                    }
                }

                attributes.Add(new(key.ToString(), value));
            }
        }
    }
}
