using AngleSharp.Dom;
using SiteBuilder.Validation.Document;
using SiteBuilder.Validation.Styles;

namespace SiteBuilder.Validation.Audits;

internal enum ResourceKind
{
    Stylesheet,
    Script,
    Image,
    Font,
    Frame,
    Icon,
    Other,
}

/// <summary>A subresource the page asks the browser to fetch.</summary>
/// <param name="Url">As written.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Element">Where it is referenced (a <c>&lt;style&gt;</c> element for CSS references).</param>
/// <param name="RenderBlocking">The first paint waits for it.</param>
/// <param name="Deferred">Not fetched for the first load (<c>loading=lazy</c>, inactive media).</param>
internal sealed record PageResource(string Url, ResourceKind Kind, int Element, bool RenderBlocking, bool Deferred)
{
    public string? Origin { get; } = UrlSafety.Origin(Url);
}

/// <param name="Url">The data: URL (for the message, shortened).</param>
/// <param name="Element">Where it is used.</param>
/// <param name="Bytes">Decoded payload size.</param>
internal sealed record InlineImage(string Url, int Element, long Bytes);

/// <summary>Finds every subresource and inline image of the page, from elements and from its CSS.</summary>
internal sealed class PageResources
{
    private PageResources(List<PageResource> resources, List<InlineImage> inlineImages)
    {
        Resources = resources;
        InlineImages = inlineImages;
    }

    /// <summary>Fetched resources, one per distinct URL, in document order.</summary>
    public IReadOnlyList<PageResource> Resources { get; }

    public IReadOnlyList<InlineImage> InlineImages { get; }

    public static PageResources Find(PageDocument document, PageStyles styles)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var resources = new List<PageResource>();
        var inline = new List<InlineImage>();

        void Add(string? url, ResourceKind kind, int element, bool blocking, bool deferred)
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                return;
            }

            url = url.Trim();
            if (url.StartsWith('#') || UrlSafety.IsScriptUrl(url))
            {
                return;
            }

            if (UrlSafety.IsData(url))
            {
                if (kind is ResourceKind.Image or ResourceKind.Icon && url.StartsWith("data:image", StringComparison.OrdinalIgnoreCase))
                {
                    inline.Add(new InlineImage(url, element, UrlSafety.DataUrlPayloadBytes(url)));
                }

                return;
            }

            if (seen.Add(url))
            {
                resources.Add(new PageResource(url, kind, element, blocking, deferred));
            }
        }

        var head = FindHead(document);
        for (var i = 0; i < document.Count; i++)
        {
            var element = document.Elements[i];
            switch (element.LocalName)
            {
                case "link":
                    var rel = (element.GetAttribute("rel") ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    var href = element.GetAttribute("href");
                    if (rel.Contains("stylesheet") && !rel.Contains("alternate"))
                    {
                        var applies = MediaQuery.Matches(element.GetAttribute("media")) && !element.HasAttribute("disabled");
                        Add(href, ResourceKind.Stylesheet, i, blocking: applies, deferred: !applies);
                    }
                    else if (rel.Contains("preload") || rel.Contains("modulepreload"))
                    {
                        Add(href, PreloadKind(element.GetAttribute("as")), i, blocking: false, deferred: false);
                    }
                    else if (rel.Contains("icon") || rel.Contains("apple-touch-icon"))
                    {
                        Add(href, ResourceKind.Icon, i, blocking: false, deferred: false);
                    }
                    else if (rel.Contains("manifest"))
                    {
                        Add(href, ResourceKind.Other, i, blocking: false, deferred: false);
                    }

                    break;
                case "script":
                    if (element.GetAttribute("src") is { } src)
                    {
                        var type = (element.GetAttribute("type") ?? "").Trim().ToLowerInvariant();
                        var parserBlocking = type != "module" && !element.HasAttribute("async") && !element.HasAttribute("defer");
                        Add(src, ResourceKind.Script, i, blocking: parserBlocking && head >= 0 && document.IsDescendantOf(i, head), deferred: false);
                    }

                    break;
                case "img":
                    var lazy = string.Equals(element.GetAttribute("loading")?.Trim(), "lazy", StringComparison.OrdinalIgnoreCase);
                    Add(element.GetAttribute("src") ?? FirstSrcsetCandidate(element.GetAttribute("srcset")), ResourceKind.Image, i, blocking: false, deferred: lazy || !styles.Rendered[i]);
                    break;
                case "input" when string.Equals(element.GetAttribute("type")?.Trim(), "image", StringComparison.OrdinalIgnoreCase):
                    Add(element.GetAttribute("src"), ResourceKind.Image, i, blocking: false, deferred: false);
                    break;
                case "video":
                    Add(element.GetAttribute("poster"), ResourceKind.Image, i, blocking: false, deferred: false);
                    break;
                case "image" when element.NamespaceUri == NamespaceNames.SvgUri:
                    Add(element.GetAttribute("href") ?? element.GetAttribute("xlink:href"), ResourceKind.Image, i, blocking: false, deferred: false);
                    break;
                case "iframe" or "frame":
                    Add(element.GetAttribute("src"), ResourceKind.Frame, i, blocking: false,
                        deferred: string.Equals(element.GetAttribute("loading")?.Trim(), "lazy", StringComparison.OrdinalIgnoreCase));
                    break;
                case "embed":
                    Add(element.GetAttribute("src"), ResourceKind.Frame, i, blocking: false, deferred: false);
                    break;
                case "object":
                    Add(element.GetAttribute("data"), ResourceKind.Frame, i, blocking: false, deferred: false);
                    break;
            }
        }

        foreach (var reference in styles.Sheet.References)
        {
            var kind = reference.Kind switch
            {
                "import" => ResourceKind.Stylesheet,
                "font" => ResourceKind.Font,
                _ => ResourceKind.Image,
            };
            Add(reference.Url, kind, reference.SourceElement, blocking: reference.Kind == "import" && reference.Active, deferred: !reference.Active);
        }

        return new PageResources(resources, inline);
    }

    private static int FindHead(PageDocument document)
    {
        for (var i = 0; i < document.Count && i < 4; i++)
        {
            if (document.Elements[i].LocalName == "head")
            {
                return i;
            }
        }

        return -1;
    }

    private static ResourceKind PreloadKind(string? destination) => destination?.Trim().ToLowerInvariant() switch
    {
        "style" => ResourceKind.Stylesheet,
        "script" => ResourceKind.Script,
        "image" => ResourceKind.Image,
        "font" => ResourceKind.Font,
        _ => ResourceKind.Other,
    };

    private static string? FirstSrcsetCandidate(string? srcset)
    {
        if (string.IsNullOrWhiteSpace(srcset))
        {
            return null;
        }

        var first = srcset.Split(',')[0].Trim();
        var space = first.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? first : first[..space];
    }
}
