using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SiteBuilder.Generation.Tests.Sanitizing;

/// <summary>
/// Reads sanitized HTML the way a browser would (AngleSharp's HTML5 parser, scripting on) and lists whatever could run code,
/// load a frame or plugin, change the base URL, refresh the page, post a form elsewhere or fetch CSS from elsewhere.
/// </summary>
internal static partial class BrowserView
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = true });

    private static readonly HashSet<string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link", "portal", "fencedframe", "noscript", "template",
        "animate", "set", "animatemotion", "animatetransform", "foreignobject", "math", "xmp", "plaintext", "noembed", "noframes", "isindex",
    };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "xlink:href", "src", "action", "formaction", "poster", "cite", "data", "background", "longdesc", "ping", "lowsrc", "dynsrc",
        "codebase", "manifest", "usemap", "archive", "classid", "icon",
    };

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Every dangerous thing in the page, described; empty for a safe page.</summary>
    public static List<string> Dangers(string html)
    {
        using var document = Parse(html);
        var dangers = new List<string>();
        foreach (var element in document.Descendants<IElement>())
        {
            var name = element.LocalName.ToLowerInvariant();
            if (ForbiddenElements.Contains(name))
            {
                dangers.Add($"a <{name}> element");
            }

            if (name == "meta" && element.HasAttribute("http-equiv"))
            {
                dangers.Add($"a meta http-equiv=\"{element.GetAttribute("http-equiv")}\"");
            }

            foreach (var attribute in element.Attributes)
            {
                var attributeName = attribute.Name.ToLowerInvariant();
                if (attributeName.StartsWith("on", StringComparison.Ordinal))
                {
                    dangers.Add($"the handler {attributeName} on <{name}>");
                }
                else if (UrlAttributes.Contains(attributeName) && UrlDanger(attribute.Value, ImageContext(element)) is { } danger)
                {
                    dangers.Add($"{attributeName}=\"{attribute.Value}\" on <{name}>: {danger}");
                }
                else if (attributeName is "srcset" or "imagesrcset")
                {
                    foreach (var candidate in attribute.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (UrlDanger(candidate.Split(' ', '\t', '\n')[0], imageContext: true) is { } srcsetDanger)
                        {
                            dangers.Add($"srcset candidate \"{candidate}\" on <{name}>: {srcsetDanger}");
                        }
                    }
                }
                else if (attributeName == "style" && CssDanger(attribute.Value) is { } cssDanger)
                {
                    dangers.Add($"style=\"{attribute.Value}\" on <{name}>: {cssDanger}");
                }

                if (attributeName is "action" or "formaction" && !IsOnPage(attribute.Value))
                {
                    dangers.Add($"{attributeName}=\"{attribute.Value}\" on <{name}> posts off the page");
                }

                if (name == "use" && attributeName is "href" or "xlink:href" && !attribute.Value.TrimStart().StartsWith('#'))
                {
                    dangers.Add($"<use {attributeName}=\"{attribute.Value}\"> loads another document");
                }
            }

            if (name is "a" or "area" or "form" && element.GetAttribute("target") is { } target && OpensNewContext(target)
                && !(element.GetAttribute("rel") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("noopener", StringComparer.OrdinalIgnoreCase))
            {
                dangers.Add($"<{name} target=\"{target}\"> without rel=noopener");
            }

            if (name == "style" && CssDanger(element.TextContent) is { } sheetDanger)
            {
                dangers.Add($"a stylesheet that {sheetDanger}");
            }
        }

        return dangers;
    }

    /// <summary>The URL as a browser resolves it: tabs and newlines removed, leading and trailing controls and spaces trimmed.</summary>
    private static string? UrlDanger(string value, bool imageContext)
    {
        var url = new string(value.Where(c => c is not ('\t' or '\n' or '\r')).ToArray()).Trim(Enumerable.Range(0, 0x21).Select(i => (char)i).ToArray())
            .ToLowerInvariant();
        if (url.StartsWith("javascript:", StringComparison.Ordinal) || url.StartsWith("vbscript:", StringComparison.Ordinal)
            || url.StartsWith("livescript:", StringComparison.Ordinal))
        {
            return "a script URL";
        }

        if (url.StartsWith("data:", StringComparison.Ordinal) && !(imageContext && url.StartsWith("data:image/", StringComparison.Ordinal)))
        {
            return "a data: URL that is not an image";
        }

        return null;
    }

    private static bool ImageContext(IElement element) =>
        element.LocalName is "img" or "source" or "image"
        || (element.LocalName == "input" && string.Equals(element.GetAttribute("type"), "image", StringComparison.OrdinalIgnoreCase));

    private static bool IsOnPage(string action) => action.Trim().Length == 0 || action.Trim().StartsWith('#');

    private static bool OpensNewContext(string target)
    {
        var value = target.Trim().ToLowerInvariant();
        return value.Length > 0 && value is not ("_self" or "_top" or "_parent");
    }

    /// <summary>CSS that runs code or fetches from another address, after CSS escapes, comments and whitespace are resolved.</summary>
    private static string? CssDanger(string css)
    {
        var text = CssEscape().Replace(CssComment().Replace(css, ""), m => char.ConvertFromUtf32(Math.Clamp(int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture), 1, 0x10FFFF)));
        var normalized = new StringBuilder();
        foreach (var c in text.Where(c => !char.IsWhiteSpace(c)))
        {
            normalized.Append(char.ToLowerInvariant(c));
        }

        var flat = normalized.ToString();
        foreach (var marker in new[] { "expression(", "javascript:", "vbscript:", "@import", "-moz-binding", "image-set(" })
        {
            if (flat.Contains(marker, StringComparison.Ordinal))
            {
                return $"has {marker}";
            }
        }

        if (BehaviorProperty().IsMatch(flat))
        {
            return "has a behavior property";
        }

        foreach (Match url in CssUrl().Matches(flat))
        {
            var target = url.Groups[1].Value.Trim('"', '\'');
            if (!target.StartsWith('#') && !target.StartsWith("data:image/", StringComparison.Ordinal))
            {
                return $"loads url({target})";
            }
        }

        return null;
    }

    [GeneratedRegex(@"\\([0-9a-fA-F]{1,6})\s?")]
    private static partial Regex CssEscape();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CssComment();

    /// <summary>IE's behavior property (not scroll-behavior or overscroll-behavior).</summary>
    [GeneratedRegex(@"(?:^|[;{}])(?:-ms-)?behavior:")]
    private static partial Regex BehaviorProperty();

    [GeneratedRegex(@"url\(([^)]*)\)")]
    private static partial Regex CssUrl();

    /// <summary>
    /// The page as a browser's DOM: every element (namespace, name, attributes in order of name) and every text node, in document
    /// order; two pages with the same shape read the same to a browser.
    /// </summary>
    public static List<string> Shape(string html)
    {
        using var document = Parse(html);
        var shape = new List<string>();
        Walk(document, shape);
        return shape;
    }

    private static void Walk(INode node, List<string> shape)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IElement element:
                    var attributes = element.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => $"{a.Name}=\"{a.Value}\"");
                    var prefix = element.NamespaceUri == NamespaceNames.SvgUri ? "svg:" : element.NamespaceUri == NamespaceNames.MathMlUri ? "math:" : "";
                    shape.Add($"<{prefix}{element.LocalName} {string.Join(' ', attributes)}>");
                    Walk(element, shape);
                    shape.Add($"</{element.LocalName}>");
                    break;
                case IText text:
                    shape.Add("text: " + text.Data);
                    break;
                case IComment comment:
                    shape.Add("comment: " + comment.Data);
                    break;
                case IDocumentType doctype:
                    shape.Add("doctype: " + doctype.Name);
                    break;
            }
        }
    }
}
