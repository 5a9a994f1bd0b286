using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using SiteBuilder.Generation.Records;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Portal.Api;
using SiteBuilder.Portal.Auth;

namespace SiteBuilder.Portal.Sites;

/// <summary>
/// Generated pages for signed-in members of their tenant (cookie session): a shareable preview link, and the download of a
/// version as a zip of <c>index.html</c> and its assets. Another tenant's page answers 404, as if it did not exist.
/// </summary>
internal static partial class SitePages
{
    public static IEndpointRouteBuilder MapSitePages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/portal/sites/{tenant}/{generationId}").RequireAuthorization().ExcludeFromDescription();
        group.MapGet("/preview", PreviewAsync);
        group.MapGet("/download", DownloadAsync);
        return app;
    }

    private static async Task<IResult> PreviewAsync(HttpContext context, GenerationService generations, string tenant, string generationId)
    {
        if (await FindAsync(context, generations, tenant, generationId) is not { } generation || await generations.GetHtmlAsync(generation, context.RequestAborted) is not { } html)
        {
            return Results.NotFound();
        }

        context.Response.Headers.ContentSecurityPolicy = GenerationApi.PagePolicy;
        context.Response.Headers.XFrameOptions = "SAMEORIGIN";
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.Text(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, GenerationService generations, string tenant, string generationId)
    {
        if (await FindAsync(context, generations, tenant, generationId) is not { } generation || await generations.GetHtmlAsync(generation, context.RequestAborted) is not { } html)
        {
            return Results.NotFound();
        }

        var report = await generations.GetReportJsonAsync(generation, context.RequestAborted);
        var zip = Package(html, report);
        return Results.File(zip, "application/zip", $"{generation.SiteId}-v{generation.Version}.zip");
    }

    /// <summary>
    /// The page as a folder: images embedded as <c>data:</c> URIs become files under <c>assets/</c> and the page points at them,
    /// so the download opens from disk and edits like a hand-made site.
    /// </summary>
    public static byte[] Package(string html, byte[]? report)
    {
        var assets = new List<(string Name, byte[] Content)>();
        var page = DataImage().Replace(html, match =>
        {
            var extension = match.Groups["type"].Value switch
            {
                "svg+xml" => "svg",
                "jpeg" or "jpg" => "jpg",
                var other => other,
            };
            byte[] content;
            try
            {
                content = Convert.FromBase64String(match.Groups["data"].Value);
            }
            catch (FormatException)
            {
                return match.Value;
            }

            if (extension == "svg")
            {
                // A standalone .svg opened from disk runs its scripts; inline in <img> it never did. Sanitize it like an upload.
                try
                {
                    content = Encoding.UTF8.GetBytes(SiteBuilder.BrandAssets.Uploads.SvgSanitizer.Sanitize(Encoding.UTF8.GetString(content)).Svg);
                }
                catch (SiteBuilder.BrandAssets.Uploads.AssetRejectedException)
                {
                    return match.Value;
                }
            }

            var name = $"assets/image-{assets.Count + 1}.{extension}";
            assets.Add((name, content));
            return name;
        });

        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(archive, "index.html", Encoding.UTF8.GetBytes(page));
            foreach (var (name, content) in assets)
            {
                Write(archive, name, content);
            }

            if (report is not null)
            {
                Write(archive, "brand-report.json", report);
            }
        }

        return buffer.ToArray();
    }

    private static void Write(ZipArchive archive, string name, byte[] content)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static async Task<GenerationRecord?> FindAsync(HttpContext context, GenerationService generations, string tenant, string generationId)
    {
        var authorization = context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        // The workspace's rule. Anyone else is told nothing, not even that the page exists.
        if (!(await authorization.AuthorizeAsync(context.User, new TenantResource(tenant), Policies.GeneratePages)).Succeeded || !GenerationIds.IsGenerationId(generationId))
        {
            return null;
        }

        return await generations.GetAsync(tenant, generationId, context.RequestAborted);
    }

    /// <summary>Base64 image data only: a percent-encoded SVG has no unambiguous end, so it stays inline (it works from disk too).</summary>
    [GeneratedRegex(@"data:image/(?<type>png|jpeg|jpg|gif|webp|svg\+xml);base64,(?<data>[A-Za-z0-9+/]+=*)", RegexOptions.CultureInvariant)]
    private static partial Regex DataImage();
}
