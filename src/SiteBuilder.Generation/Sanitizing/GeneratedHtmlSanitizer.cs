using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace SiteBuilder.Generation.Sanitizing;

/// <summary>
/// Makes a model's HTML safe to store and preview while keeping it a whole, styled page.
/// </summary>
/// <remarks>
/// Keeps: doctype, html/head/body, &lt;style&gt; blocks (their CSS cleaned by <see cref="CssSanitizer"/>, not
/// rewritten), meta charset/viewport/description, title, semantic and form elements, inline SVG, data: image
/// URIs for images, classes, ids, aria-* and data-* attributes.
/// Removes: &lt;script&gt;, every on* handler, javascript:/vbscript:/data:text URLs, iframe/object/embed/frame/
/// frameset/base/link, http-equiv metas (refresh), remote CSS (@import, url()), form actions that post off-site.
/// Adds rel="noopener noreferrer" to links that open a new browsing context, and removes zoom blocking from
/// the viewport.
/// </remarks>
public static partial class GeneratedHtmlSanitizer
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    private static readonly string[] Tags =
    [
        "html", "head", "body", "title", "meta", "style",
        "header", "nav", "main", "section", "article", "aside", "footer", "address", "hgroup", "search",
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "a", "br", "hr", "wbr",
        "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "blockquote", "q", "cite", "pre", "code", "kbd", "samp", "var",
        "strong", "em", "b", "i", "u", "s", "small", "mark", "sub", "sup", "abbr", "time", "data", "del", "ins", "bdi", "bdo",
        "img", "picture", "source", "video", "audio", "track",
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
        "form", "fieldset", "legend", "label", "input", "button", "select", "option", "optgroup", "textarea", "output", "progress", "meter", "datalist",
        "details", "summary", "dialog",
        "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "text", "tspan",
        "lineargradient", "radialgradient", "stop", "clippath", "mask", "pattern", "filter", "fegaussianblur", "feoffset", "feblend",
        "fecolormatrix", "fecomposite", "feflood", "femerge", "femergenode", "fedropshadow", "marker",
    ];

    private static readonly string[] Attributes =
    [
        "id", "class", "style", "title", "lang", "dir", "role", "hidden", "tabindex", "translate",
        "href", "target", "rel", "hreflang", "download", "name", "content", "charset", "property", "itemprop", "itemscope", "itemtype",
        "src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "media", "type", "poster", "controls", "muted", "loop", "playsinline",
        "kind", "srclang", "label", "datetime", "cite", "value", "start", "reversed",
        "colspan", "rowspan", "headers", "scope", "span",
        "action", "method", "enctype", "autocomplete", "novalidate", "for", "placeholder", "required", "disabled", "readonly", "checked", "selected",
        "multiple", "min", "max", "step", "minlength", "maxlength", "pattern", "size", "rows", "cols", "wrap", "inputmode", "list", "form", "open",
        "high", "low", "optimum",
        "viewbox", "xmlns", "xmlns:xlink", "xlink:href", "fill", "fill-opacity", "fill-rule", "clip-rule", "stroke", "stroke-width", "stroke-linecap",
        "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "stroke-opacity", "opacity", "d", "cx", "cy", "r", "rx", "ry",
        "x", "y", "x1", "y1", "x2", "y2", "dx", "dy", "points", "transform", "preserveaspectratio", "offset", "stop-color", "stop-opacity",
        "gradientunits", "gradienttransform", "patternunits", "patterncontentunits", "clippathunits", "maskunits", "clip-path", "mask", "filter",
        "stddeviation", "in", "in2", "result", "mode", "values", "flood-color", "flood-opacity", "font-size", "font-family", "font-weight",
        "text-anchor", "dominant-baseline", "letter-spacing", "focusable", "vector-effect", "pathlength", "marker-start", "marker-mid", "marker-end",
        "refx", "refy", "markerwidth", "markerheight", "orient",
    ];

    private static readonly HashSet<string> AllowedMetaNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "viewport", "description", "theme-color", "color-scheme", "author", "keywords", "robots", "generator", "sitebuilder:design",
    };

    private static readonly HtmlSanitizer Sanitizer = Create();

    /// <summary>Sanitizes a generated document. Input that is not a whole document comes back as one.</summary>
    public static string Sanitize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = Parser.ParseDocument(html);

        // CSS is cleaned here, as text, and put back after the markup pass: HtmlSanitizer's own CSS pass
        // reserializes stylesheets and drops modern properties (grid templates, aspect-ratio, clamp()).
        var styleSheets = new List<(IElement Element, string Css)>();
        foreach (var style in document.All.Where(e => e.LocalName == "style").ToList())
        {
            styleSheets.Add((style, CssSanitizer.SanitizeStyleSheet(style.TextContent)));
            style.TextContent = string.Empty;
        }

        var inlineStyles = new List<(IElement Element, string Css)>();
        foreach (var element in document.All.Where(e => e.HasAttribute("style")).ToList())
        {
            inlineStyles.Add((element, CssSanitizer.SanitizeDeclarations(element.GetAttribute("style") ?? string.Empty)));
            element.RemoveAttribute("style");
        }

        Sanitizer.SanitizeDom(document);

        foreach (var (element, css) in styleSheets)
        {
            if (IsAttached(document, element))
            {
                element.TextContent = css;
            }
        }

        foreach (var (element, css) in inlineStyles)
        {
            if (css.Length > 0 && IsAttached(document, element))
            {
                element.SetAttribute("style", css);
            }
        }

        PostProcess(document);
        return document.ToHtml(HtmlFormatter.Instance);
    }

    private static bool IsAttached(IDocument document, IElement element) => element.GetRoot() == document;

    private static HtmlSanitizer Create()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto", "tel", "data"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src", "action", "formaction", "poster", "cite", "xlink:href", "background", "longdesc", "data"], StringComparer.OrdinalIgnoreCase),
            UriListAttributes = new HashSet<string>(["srcset"], StringComparer.OrdinalIgnoreCase),
            AllowDataAttributes = true,
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = false };

        // aria-* is open-ended; event handlers (on*) never match it.
        sanitizer.RemovingAttribute += (_, e) =>
        {
            if (e.Reason == RemoveReason.NotAllowedAttribute && e.Attribute.Name.StartsWith("aria-", StringComparison.OrdinalIgnoreCase))
            {
                e.Cancel = true;
            }
        };

        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = FilterUrl(e.Tag, e.OriginalUrl, e.SanitizedUrl);
        return sanitizer;
    }

    /// <summary>data: only as an image, and only an image type; everything else the library already screened by scheme.</summary>
    private static string? FilterUrl(IElement element, string original, string? sanitized)
    {
        if (sanitized is null)
        {
            return null;
        }

        var trimmed = sanitized.TrimStart();
        if (!trimmed.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return sanitized;
        }

        var isImageElement = element.LocalName is "img" or "source" or "image" or "use" || element.LocalName == "input" && element.GetAttribute("type") == "image";
        return isImageElement && DataImageRegex().IsMatch(trimmed) ? sanitized : null;
    }

    private static void PostProcess(IDocument document)
    {
        foreach (var meta in document.QuerySelectorAll("meta").ToList())
        {
            if (meta.HasAttribute("http-equiv"))
            {
                meta.Remove();
                continue;
            }

            var name = meta.GetAttribute("name");
            if (name is not null && !AllowedMetaNames.Contains(name))
            {
                meta.Remove();
                continue;
            }

            if (string.Equals(name, "viewport", StringComparison.OrdinalIgnoreCase) && meta.GetAttribute("content") is { } viewport)
            {
                meta.SetAttribute("content", AllowZoom(viewport));
            }
        }

        foreach (var element in document.QuerySelectorAll("[target]").ToList())
        {
            var target = element.GetAttribute("target")?.Trim() ?? string.Empty;
            if (target.Length == 0 || target.Equals("_self", StringComparison.OrdinalIgnoreCase)
                || target.Equals("_top", StringComparison.OrdinalIgnoreCase) || target.Equals("_parent", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rel = (element.GetAttribute("rel") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            foreach (var token in new[] { "noopener", "noreferrer" })
            {
                if (!rel.Contains(token, StringComparer.OrdinalIgnoreCase))
                {
                    rel.Add(token);
                }
            }

            element.SetAttribute("rel", string.Join(' ', rel));
        }

        foreach (var element in document.QuerySelectorAll("[action], [formaction]").ToList())
        {
            foreach (var attribute in new[] { "action", "formaction" })
            {
                var value = element.GetAttribute(attribute);
                if (value is not null && !IsOnPage(value))
                {
                    element.RemoveAttribute(attribute);
                }
            }
        }

        // An SVG <use> may only point inside the page.
        foreach (var use in document.All.Where(e => e.LocalName == "use").ToList())
        {
            foreach (var attribute in new[] { "href", "xlink:href" })
            {
                if (use.GetAttribute(attribute) is { } value && !value.TrimStart().StartsWith('#'))
                {
                    use.RemoveAttribute(attribute);
                }
            }
        }
    }

    /// <summary>A form may submit to the page itself (empty or a fragment), never to another address.</summary>
    private static bool IsOnPage(string action)
    {
        var value = action.Trim();
        return value.Length == 0 || value.StartsWith('#');
    }

    private static string AllowZoom(string viewport)
    {
        var parts = viewport.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(part => !part.StartsWith("user-scalable", StringComparison.OrdinalIgnoreCase)
                && !part.StartsWith("maximum-scale", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return parts.Count == 0 ? "width=device-width, initial-scale=1" : string.Join(", ", parts);
    }

    [GeneratedRegex(@"^data:image/(?:png|jpeg|jpg|gif|webp|avif|svg\+xml)[;,]", RegexOptions.IgnoreCase)]
    private static partial Regex DataImageRegex();
}
