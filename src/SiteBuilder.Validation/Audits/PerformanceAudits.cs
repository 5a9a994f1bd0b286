using System.Globalization;
using SiteBuilder.Validation.Document;
using SiteBuilder.Validation.Styles;

namespace SiteBuilder.Validation.Audits;

internal static class PerformanceAudits
{
    public const long MaxTotalBytes = 1_600 * 1024;
    public const int MaxRequests = 50;
    public const long MaxInlineImageBytes = 8 * 1024;
    public const long MaxInlineImageTotalBytes = 32 * 1024;
    public const int MaxElements = 1_400;

    public static void Run(PageDocument document, PageStyles styles, PageResources resources, PerformanceEstimate estimate, AuditRecorder audits)
    {
        audits.Applicable(AuditCatalog.TotalByteWeight);
        if (estimate.TransferBytes > MaxTotalBytes)
        {
            audits.FailPage(AuditCatalog.TotalByteWeight, string.Create(CultureInfo.InvariantCulture,
                $"The page and its resources weigh about {estimate.TransferBytes / 1024:N0} KiB (budget {MaxTotalBytes / 1024:N0} KiB); that is {estimate.TransferBytes / PerformanceModel.BytesPerMs / 1000:0.0} s of transfer on slow 4G."));
        }

        audits.Applicable(AuditCatalog.RequestCount);
        if (estimate.Requests > MaxRequests)
        {
            audits.FailPage(AuditCatalog.RequestCount, FormattableString.Invariant($"The first load makes {estimate.Requests} requests besides the page (budget {MaxRequests})."));
        }

        audits.Applicable(AuditCatalog.RenderBlockingResources);
        foreach (var resource in resources.Resources)
        {
            if (resource.RenderBlocking && !resource.Deferred)
            {
                var what = resource.Kind == ResourceKind.Script ? "Synchronous script in <head>" : "Render-blocking stylesheet";
                audits.Fail(AuditCatalog.RenderBlockingResources, resource.Element, $"{what}: {Shorten(resource.Url)} delays the first paint.");
            }
        }

        long inlineTotal = 0;
        foreach (var image in resources.InlineImages)
        {
            audits.Applicable(AuditCatalog.InlineImageWeight);
            inlineTotal += image.Bytes;
            if (image.Bytes > MaxInlineImageBytes)
            {
                audits.Fail(AuditCatalog.InlineImageWeight, image.Element, FormattableString.Invariant($"An inline data: image of {image.Bytes / 1024.0:0.0} KiB ({Shorten(image.Url)})."));
            }
        }

        if (inlineTotal > MaxInlineImageTotalBytes)
        {
            audits.FailPage(AuditCatalog.InlineImageWeight, FormattableString.Invariant(
                $"Inline data: images add {inlineTotal / 1024.0:0.0} KiB to the HTML (budget {MaxInlineImageTotalBytes / 1024} KiB), and none of it can be cached."));
        }

        for (var i = 0; i < document.Count; i++)
        {
            var element = document.Elements[i];
            if (element.LocalName != "img" || !styles.Rendered[i])
            {
                continue;
            }

            audits.Applicable(AuditCatalog.UnsizedImages);
            var style = styles.Styles[i];
            var hasWidth = style.WidthDeclared;
            var hasHeight = style.HeightDeclared;
            var sized = (hasWidth && hasHeight) || ((hasWidth || hasHeight) && style.HasAspectRatio) || HasBothAttributes(element);
            if (!sized && !style.OutOfFlow)
            {
                audits.Fail(AuditCatalog.UnsizedImages, i, "The image has no width and height, so the layout shifts when it loads.");
            }
        }

        audits.Applicable(AuditCatalog.DomSize);
        if (document.Count > MaxElements)
        {
            audits.FailPage(AuditCatalog.DomSize, FormattableString.Invariant($"The page has {document.Count:N0} elements (budget {MaxElements:N0}) and {document.MaxDepth} levels of nesting."));
        }
    }

    private static bool HasBothAttributes(AngleSharp.Dom.IElement element) =>
        IsNumber(element.GetAttribute("width")) && IsNumber(element.GetAttribute("height"));

    private static bool IsNumber(string? value) =>
        value is not null && double.TryParse(value.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Shorten(string url) => url.Length <= 80 ? url : string.Concat(url.AsSpan(0, 80), "…");
}
