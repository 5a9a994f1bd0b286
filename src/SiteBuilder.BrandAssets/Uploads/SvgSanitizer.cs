using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace SiteBuilder.BrandAssets.Uploads;

/// <summary>An SVG after sanitizing, with its size when the root states one.</summary>
public sealed record SanitizedSvg(string Svg, ImageSize? Size);

/// <summary>
/// Makes an uploaded SVG safe to serve: an SVG is a document that can run script and fetch other
/// resources, so only drawing survives. Removed: <c>&lt;script&gt;</c>, <c>&lt;foreignObject&gt;</c>, embedded
/// HTML and other non-SVG elements, <c>on*</c> event attributes, <c>javascript:</c> anywhere, links and
/// <c>url(…)</c> references that leave the document (anything but <c>#id</c> and <c>data:image/</c>),
/// animations that rewrite links or handlers, processing instructions and comments.
/// Rejected outright: text that is not SVG, a DOCTYPE or entity declarations (XXE, billion laughs),
/// and a file with nothing left to draw.
/// </summary>
public static partial class SvgSanitizer
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";
    private static readonly XNamespace XLinkNs = "http://www.w3.org/1999/xlink";

    private static readonly HashSet<string> RemovedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "foreignObject", "iframe", "embed", "object", "audio", "video", "canvas", "handler", "listener", "discard",
    };

    private static readonly HashSet<string> AnimationElements = new(StringComparer.OrdinalIgnoreCase) { "set", "animate", "animateMotion", "animateTransform" };

    private static readonly HashSet<string> DrawingElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "image", "use",
    };

    /// <summary>Returns the sanitized SVG; throws <see cref="AssetRejectedException"/> (for <paramref name="field"/>) when none can be made.</summary>
    public static SanitizedSvg Sanitize(string svg, string field = "file")
    {
        ArgumentNullException.ThrowIfNull(svg);
        var document = Parse(svg, field);
        var root = document.Root!;
        if (root.Name.LocalName != "svg" || (root.Name.Namespace != SvgNs && root.Name.Namespace != XNamespace.None))
        {
            throw new AssetRejectedException(AssetRejection.UnsupportedType, field,
                "This file is XML but not an SVG image. Upload a PNG, JPEG, WebP or SVG image.");
        }

        // Some tools omit the namespace; browsers render such a file as plain XML, so adopt the SVG namespace.
        foreach (var element in root.DescendantsAndSelf().Where(e => e.Name.Namespace == XNamespace.None))
        {
            element.Name = SvgNs + element.Name.LocalName;
        }

        document.DescendantNodes().Where(n => n is XComment or XProcessingInstruction or XDocumentType).ToList().ForEach(n => n.Remove());
        root.Descendants().Where(IsUnsafeElement).ToList().ForEach(e => e.Remove());
        foreach (var element in root.DescendantsAndSelf())
        {
            element.Attributes().Where(IsUnsafeAttribute).ToList().ForEach(a => a.Remove());
        }

        if (!root.Descendants().Any(e => DrawingElements.Contains(e.Name.LocalName)))
        {
            throw new AssetRejectedException(AssetRejection.UnsafeSvg, field,
                "The SVG has nothing left to draw once scripts and external content are removed. Upload the image itself, exported as plain SVG.");
        }

        return new SanitizedSvg(root.ToString(SaveOptions.DisableFormatting), SizeOf(root));
    }

    /// <summary>
    /// What in the SVG would run as script, in words for the person who sent it ("a &lt;script&gt; element",
    /// "an onload event attribute", "a javascript: link"); null when nothing would, or when the file does not parse
    /// (then <see cref="Sanitize"/> says why).
    /// </summary>
    public static string? FindScript(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        XDocument document;
        try
        {
            document = Parse(svg, "file");
        }
        catch (AssetRejectedException)
        {
            return null;
        }

        foreach (var element in document.Root!.DescendantsAndSelf().Where(e => e.Name.Namespace == XNamespace.None))
        {
            element.Name = SvgNs + element.Name.LocalName;
        }

        foreach (var element in document.Root.DescendantsAndSelf())
        {
            var name = element.Name.LocalName;
            if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("handler", StringComparison.OrdinalIgnoreCase)
                || name.Equals("listener", StringComparison.OrdinalIgnoreCase))
            {
                return $"a <{name}> element";
            }

            if (AnimationElements.Contains(name) && IsUnsafeElement(element))
            {
                return "an animation that turns a link or an event handler into script";
            }

            foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
            {
                var attributeName = attribute.Name.LocalName;
                if (attributeName.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    return $"an {attributeName} event attribute";
                }

                if (HasScriptScheme(attribute.Value))
                {
                    return "a javascript: link";
                }
            }
        }

        return null;
    }

    private static XDocument Parse(string svg, string field)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = AssetContent.MaxUploadBytes * 2L,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(svg), settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException) when (DoctypeOrEntity().IsMatch(svg))
        {
            throw new AssetRejectedException(AssetRejection.UnsafeSvg, field,
                "SVG files with a DOCTYPE or entity declarations are not accepted, because they can read files from the server. Export the SVG again as plain SVG (without a DOCTYPE).");
        }
        catch (XmlException e)
        {
            throw new AssetRejectedException(AssetRejection.MalformedSvg, field,
                $"The SVG file is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}). Export it again from your design tool.");
        }
    }

    private static bool IsUnsafeElement(XElement element)
    {
        if (element.Name.Namespace != SvgNs || RemovedElements.Contains(element.Name.LocalName))
        {
            return true;
        }

        if (AnimationElements.Contains(element.Name.LocalName))
        {
            // An animation can rewrite an attribute after sanitizing: href to javascript:, or an event handler.
            var target = (string?)element.Attribute("attributeName") ?? string.Empty;
            var values = string.Join(' ', element.Attributes().Where(a => a.Name.LocalName is "to" or "from" or "values" or "by").Select(a => a.Value));
            return target.Contains("href", StringComparison.OrdinalIgnoreCase)
                || target.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                || HasScriptScheme(values);
        }

        if (element.Name.LocalName.Equals("style", StringComparison.OrdinalIgnoreCase))
        {
            return HasScriptScheme(element.Value) || element.Value.Contains("@import", StringComparison.OrdinalIgnoreCase)
                || HasExternalUrl(element.Value);
        }

        return false;
    }

    private static bool IsUnsafeAttribute(XAttribute attribute)
    {
        if (attribute.IsNamespaceDeclaration)
        {
            return attribute.Value != SvgNs.NamespaceName && attribute.Value != XLinkNs.NamespaceName;
        }

        var ns = attribute.Name.Namespace;
        if (ns != XNamespace.None && ns != XLinkNs && ns != XNamespace.Xml)
        {
            return true;
        }

        var name = attribute.Name.LocalName;
        if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (name.Equals("href", StringComparison.OrdinalIgnoreCase))
        {
            return !IsLocalReference(attribute.Value);
        }

        return HasScriptScheme(attribute.Value) || HasExternalUrl(attribute.Value);
    }

    /// <summary>A fragment of this document, or an embedded raster image.</summary>
    private static bool IsLocalReference(string value)
    {
        var v = Normalize(value);
        return v.StartsWith('#') || v.StartsWith("data:image/", StringComparison.Ordinal);
    }

    private static bool HasScriptScheme(string value)
    {
        var v = Normalize(value);
        return v.Contains("javascript:", StringComparison.Ordinal) || v.Contains("vbscript:", StringComparison.Ordinal)
            || v.Contains("data:text/html", StringComparison.Ordinal) || v.Contains("expression(", StringComparison.Ordinal);
    }

    /// <summary><c>url(…)</c> that points outside the document, e.g. <c>fill="url(https://…#g)"</c>.</summary>
    private static bool HasExternalUrl(string value)
    {
        foreach (Match match in CssUrl().Matches(value))
        {
            if (!IsLocalReference(match.Groups["target"].Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower case without whitespace, control characters or quotes, so "java&#9;script:" is caught too.</summary>
    private static string Normalize(string value)
        => new(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c) && c is not '"' and not '\'').Select(char.ToLowerInvariant).ToArray());

    private static ImageSize? SizeOf(XElement root)
    {
        var width = Pixels((string?)root.Attribute("width"));
        var height = Pixels((string?)root.Attribute("height"));
        if (width is > 0 && height is > 0)
        {
            return new ImageSize(width.Value, height.Value);
        }

        var viewBox = ((string?)root.Attribute("viewBox"))?.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        if (viewBox is { Length: 4 }
            && double.TryParse(viewBox[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            && double.TryParse(viewBox[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var h)
            && w >= 1 && h >= 1 && w <= int.MaxValue && h <= int.MaxValue)
        {
            return new ImageSize((int)Math.Round(w), (int)Math.Round(h));
        }

        return null;
    }

    private static int? Pixels(string? length)
    {
        if (length is null)
        {
            return null;
        }

        var value = length.Trim();
        if (value.EndsWith("px", StringComparison.OrdinalIgnoreCase))
        {
            value = value[..^2];
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var px) && px is >= 1 and <= int.MaxValue
            ? (int)Math.Round(px)
            : null;
    }

    [GeneratedRegex(@"<!\s*(DOCTYPE|ENTITY)", RegexOptions.IgnoreCase)]
    private static partial Regex DoctypeOrEntity();

    [GeneratedRegex(@"url\(\s*(?<target>[^)]*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();
}
