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
public static class GeneratedHtmlSanitizer
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

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
            // One allowlist with the streaming sanitizer (SanitizerPolicy), so the stored page and the streamed one keep the same things.
            AllowedTags = new HashSet<string>(SanitizerPolicy.Tags.Where(t => !SanitizerPolicy.DroppedWithContent.Contains(t)), StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(SanitizerPolicy.Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto", "tel", "data"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(SanitizerPolicy.UrlAttributes, StringComparer.OrdinalIgnoreCase),
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
        return isImageElement && SanitizerPolicy.IsAllowedUrl(trimmed, imageContext: true) ? sanitized : null;
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
            if (name is not null && !SanitizerPolicy.MetaNames.Contains(name))
            {
                meta.Remove();
                continue;
            }

            if (string.Equals(name, "viewport", StringComparison.OrdinalIgnoreCase) && meta.GetAttribute("content") is { } viewport)
            {
                meta.SetAttribute("content", SanitizerPolicy.AllowZoom(viewport));
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
                if (value is not null && !SanitizerPolicy.IsOnPageAction(value))
                {
                    element.RemoveAttribute(attribute);
                }
            }
        }

        // An SVG <use> may only point inside the page. Its href may be in the XLink namespace (xlink:href, which serializes as
        // plain href once the sanitizer has set it again), so it is matched by local name in any namespace.
        foreach (var use in document.All.Where(e => e.LocalName == "use").ToList())
        {
            foreach (var attribute in use.Attributes.Where(a => a.LocalName == "href" && !a.Value.TrimStart().StartsWith('#')).ToList())
            {
                use.RemoveAttribute(attribute.NamespaceUri, attribute.LocalName);
            }
        }
    }
}
