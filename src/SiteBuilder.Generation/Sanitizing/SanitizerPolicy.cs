using System.Text.RegularExpressions;

namespace SiteBuilder.Generation.Sanitizing;

/// <summary>
/// What a generated page may contain, shared by the whole-document sanitizer and the streaming one so both keep and drop
/// exactly the same things.
/// </summary>
public static partial class SanitizerPolicy
{
    public static readonly IReadOnlySet<string> Tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "body", "title", "meta", "style",
        "header", "nav", "main", "section", "article", "aside", "footer", "address", "hgroup", "search",
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "a", "br", "hr", "wbr",
        "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "blockquote", "q", "cite", "pre", "code", "kbd", "samp", "var",
        "strong", "em", "b", "i", "u", "s", "small", "mark", "sub", "sup", "abbr", "time", "data", "del", "ins", "bdi", "bdo",
        "img", "picture", "source", "video", "audio", "track",
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
        "form", "fieldset", "legend", "label", "input", "button", "select", "option", "optgroup", "textarea", "output", "progress", "meter", "datalist",
        "details", "summary", "dialog",
        "svg", "g", "defs", "symbol", "use", "desc", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "text", "tspan",
        "lineargradient", "radialgradient", "stop", "clippath", "mask", "pattern", "filter", "fegaussianblur", "feoffset", "feblend",
        "fecolormatrix", "fecomposite", "feflood", "femerge", "femergenode", "fedropshadow", "marker",
    };

    public static readonly IReadOnlySet<string> Attributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
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
    };

    /// <summary>Attributes holding a URL; their scheme is checked.</summary>
    public static readonly IReadOnlySet<string> UrlAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "action", "formaction", "poster", "cite", "xlink:href", "background", "longdesc", "data",
    };

    /// <summary>Meta names a page may keep; every <c>http-equiv</c> meta goes (refresh, set-cookie, CSP overrides).</summary>
    public static readonly IReadOnlySet<string> MetaNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "viewport", "description", "theme-color", "color-scheme", "author", "keywords", "robots", "generator", "sitebuilder:design",
    };

    /// <summary>Elements removed together with everything inside them.</summary>
    public static readonly IReadOnlySet<string> DroppedWithContent = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "object", "embed", "frame", "frameset", "applet", "noscript", "noembed", "noframes", "template", "xmp", "plaintext",
        "math", "base", "link", "portal", "fencedframe",
    };

    /// <summary>Whether a URL may stay: web, mail and phone links, relative references, fragments; <c>data:</c> only as an image.</summary>
    public static bool IsAllowedUrl(string value, bool imageContext)
    {
        var url = new string(System.Net.WebUtility.HtmlDecode(value).Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var slash = url.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return true;
        }

        var scheme = url[..colon].ToLowerInvariant();
        return scheme switch
        {
            "http" or "https" or "mailto" or "tel" => true,
            "data" => imageContext && DataImage().IsMatch(url),
            _ => false,
        };
    }

    /// <summary>A form may submit only to the page itself (empty or a fragment).</summary>
    public static bool IsOnPageAction(string action)
    {
        var value = action.Trim();
        return value.Length == 0 || value.StartsWith('#');
    }

    /// <summary>Removes zoom blocking from a viewport.</summary>
    public static string AllowZoom(string viewport)
    {
        var parts = viewport.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(part => !part.StartsWith("user-scalable", StringComparison.OrdinalIgnoreCase)
                && !part.StartsWith("maximum-scale", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return parts.Count == 0 ? "width=device-width, initial-scale=1" : string.Join(", ", parts);
    }

    [GeneratedRegex(@"^data:image/(?:png|jpeg|jpg|gif|webp|avif|svg\+xml)[;,]", RegexOptions.IgnoreCase)]
    private static partial Regex DataImage();
}
