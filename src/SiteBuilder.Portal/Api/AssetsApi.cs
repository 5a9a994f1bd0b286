using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using SiteBuilder.BrandAssets.Library;
using SiteBuilder.BrandAssets.Uploads;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Auth;

namespace SiteBuilder.Portal.Api;

/// <summary>One brand asset as the API lists it.</summary>
/// <param name="Kind">logo, background or upload.</param>
/// <param name="Source">offline or bedrock (generated), or upload.</param>
/// <param name="Url">Fetches the bytes with the caller's bearer token and X-Tenant-Id.</param>
public sealed record AssetResponse(
    string Id,
    string Kind,
    string ContentType,
    long Size,
    int? Width,
    int? Height,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string Source,
    string Description,
    string Url);

public sealed record AssetListResponse(IReadOnlyList<AssetResponse> Assets);

/// <summary>The body of <c>PUT /v1/brand-kit</c>; empty or missing members clear that choice.</summary>
public sealed record BrandKitRequest(string? BrandName, string? PrimaryColor, string? SecondaryColor, string? LogoAssetId);

/// <summary>The tenant's brand kit; <c>logoUrl</c> fetches the chosen logo.</summary>
public sealed record BrandKitResponse(
    string? BrandName,
    string? PrimaryColor,
    string? SecondaryColor,
    string? LogoAssetId,
    string? LogoUrl,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy);

/// <summary>
/// The brand asset store on <c>/v1/assets</c> and the brand kit on <c>/v1/brand-kit</c>, plus the cookie-authorized image route
/// the portal's pages use. Asset bytes are served by the portal to a caller of the owning tenant only; there are no public or
/// signed links, so a URL on its own never opens an asset.
/// </summary>
public static class AssetsApi
{
    /// <summary>
    /// Images never run as documents: no script, no fetches, no plugins, sandboxed even when opened in a tab. An SVG
    /// needs inline styles and may embed data: images; nothing else is allowed.
    /// </summary>
    public const string ImagePolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox";

    /// <summary>Larger bodies get 413 from the server; anything up to this reaches the checks, which say what is wrong.</summary>
    private const long MaxRequestBytes = 8L * 1024 * 1024;

    public static IEndpointRouteBuilder MapAssetsApi(this IEndpointRouteBuilder app)
    {
        var assets = app.MapV1("/assets").RequireAuthorization(Policies.BrandAssets).WithTags("Brand assets");
        assets.MapGet("/", ListAsync).WithName("ListAssets");
        assets.MapPost("/", UploadAsync).WithName("UploadAsset")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes));
        assets.MapGet("/{id}", GetAsync).WithName("GetAsset");
        assets.MapGet("/{id}/content", GetContentAsync).WithName("GetAssetContent");
        assets.MapDelete("/{id}", DeleteAsync).WithName("DeleteAsset");

        var kit = app.MapV1("/brand-kit").RequireAuthorization(Policies.BrandAssets).WithTags("Brand assets");
        kit.MapGet("/", GetBrandKitAsync).WithName("GetBrandKit");
        kit.MapPut("/", SaveBrandKitAsync).WithName("SaveBrandKit");

        // The portal's <img> tags cannot send a bearer token: the same bytes for a signed-in person, checked against their tenants.
        app.MapGet("/assets/{tenant}/{id}/content", GetPortalContentAsync)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(PortalAuthentication.CookieScheme).RequireAuthenticatedUser())
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The absolute URL of an asset's bytes on <c>/v1</c>.</summary>
    public static string ContentUrl(HttpRequest request, string id) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/v1/assets/{Uri.EscapeDataString(id)}/content";

    /// <summary>The portal's cookie-authorized URL of an asset's bytes (relative, for pages).</summary>
    public static string PortalContentUrl(string tenant, string id) => $"assets/{Uri.EscapeDataString(tenant)}/{Uri.EscapeDataString(id)}/content";

    private static async Task<Results<Ok<AssetListResponse>, ProblemHttpResult>> ListAsync(HttpContext context, BrandAssetLibrary library, string? kind = null)
    {
        var caller = ApiCaller.From(context);
        BrandAssetKind? filter = BrandAsset.TryParseKind(kind, out var k) ? k : null;
        if (kind is not null && filter is null)
        {
            return ApiProblems.Validation("kind", "Filter by logo, background or upload.");
        }

        var assets = await library.ListAsync(caller.Tenant, filter, context.RequestAborted);
        return TypedResults.Ok(new AssetListResponse([.. assets.Select(a => ToResponse(context.Request, a))]));
    }

    private static async Task<Results<Ok<AssetResponse>, ProblemHttpResult>> GetAsync(HttpContext context, BrandAssetLibrary library, string id)
    {
        var asset = await library.GetAsync(ApiCaller.From(context).Tenant, id, context.RequestAborted);
        return asset is null ? NotFound(id) : TypedResults.Ok(ToResponse(context.Request, asset));
    }

    private static async Task<IResult> GetContentAsync(HttpContext context, BrandAssetLibrary library, string id)
    {
        var found = await library.GetContentAsync(ApiCaller.From(context).Tenant, id, context.RequestAborted);
        return found is { } f ? Image(context, f.Asset, f.Content, "no-store") : NotFound(id);
    }

    private static async Task<IResult> GetPortalContentAsync(HttpContext context, BrandAssetLibrary library, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, string tenant, string id)
    {
        // Not allowed looks the same as not there: a person learns nothing about another tenant's ids.
        if (!(await authorization.AuthorizeAsync(context.User, new TenantResource(tenant), Policies.BrandAssets)).Succeeded)
        {
            return TypedResults.NotFound();
        }

        var found = await library.GetContentAsync(tenant, id, context.RequestAborted);
        return found is { } f ? Image(context, f.Asset, f.Content, "private, max-age=300") : TypedResults.NotFound();
    }

    private static async Task<Results<Created<AssetResponse>, ProblemHttpResult>> UploadAsync(HttpContext context, BrandAssetLibrary library)
    {
        var caller = ApiCaller.From(context);
        var request = context.Request;
        try
        {
            BrandAsset asset;
            if (request.HasFormContentType && request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
                if (file is null)
                {
                    return ApiProblems.Validation("file", "Send the image in a form field named file.");
                }

                await using var stream = file.OpenReadStream();
                asset = await library.UploadAsync(caller.Tenant, caller.User.UserName, stream, file.FileName, context.RequestAborted);
            }
            else
            {
                // A raw body: the type is judged from the bytes, so curl's default form content type does no harm.
                var fileName = request.Query["fileName"].FirstOrDefault()
                    ?? (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
                        ? disposition.FileNameStar.Value ?? disposition.FileName.Value?.Trim('"') : null);
                asset = await library.UploadAsync(caller.Tenant, caller.User.UserName, request.Body, fileName, context.RequestAborted);
            }

            var response = ToResponse(request, asset);
            return TypedResults.Created($"{request.PathBase}/v1/assets/{asset.Id}", response);
        }
        catch (AssetRejectedException e)
        {
            return ApiProblems.Validation(e.Field, e.Message);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext context, BrandAssetLibrary library, string id)
    {
        var caller = ApiCaller.From(context);
        return await library.DeleteAsync(caller.Tenant, id, caller.User.UserName, context.RequestAborted) ? TypedResults.NoContent() : NotFound(id);
    }

    private static async Task<Ok<BrandKitResponse>> GetBrandKitAsync(HttpContext context, BrandAssetLibrary library)
    {
        var kit = await library.GetBrandKitAsync(ApiCaller.From(context).Tenant, context.RequestAborted);
        return TypedResults.Ok(ToResponse(context.Request, kit));
    }

    private static async Task<Results<Ok<BrandKitResponse>, ProblemHttpResult>> SaveBrandKitAsync(HttpContext context, BrandAssetLibrary library)
    {
        var caller = ApiCaller.From(context);
        var (body, problem) = await ApiBody.ReadJsonAsync<BrandKitRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var kit = await library.SaveBrandKitAsync(caller.Tenant, caller.User.UserName,
                new BrandKitChange(body!.BrandName, body.PrimaryColor, body.SecondaryColor, body.LogoAssetId), context.RequestAborted);
            return TypedResults.Ok(ToResponse(context.Request, kit));
        }
        catch (BrandKitRejectedException e)
        {
            return ApiProblems.Validation(e.Errors.ToDictionary());
        }
    }

    /// <summary>The bytes with headers that keep them an image: declared type, no sniffing, no script, a download name.</summary>
    private static IResult Image(HttpContext context, BrandAsset asset, byte[] content, string cacheControl)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ImagePolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.CacheControl = cacheControl;
        var extension = Path.GetExtension(asset.BlobKey);
        headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = asset.Id + extension }.ToString();
        return TypedResults.Bytes(content, asset.ContentType);
    }

    private static ProblemHttpResult NotFound(string id) =>
        ApiProblems.NotFound($"This tenant has no asset '{id}'.");

    private static AssetResponse ToResponse(HttpRequest request, BrandAsset asset) => new(
        asset.Id, BrandAsset.Name(asset.Kind), asset.ContentType, asset.Size, asset.Width, asset.Height, asset.CreatedAt, asset.CreatedBy,
        asset.Source, asset.Description, ContentUrl(request, asset.Id));

    private static BrandKitResponse ToResponse(HttpRequest request, TenantBrandKit kit) => new(
        kit.BrandName, kit.PrimaryColor, kit.SecondaryColor, kit.LogoAssetId, kit.LogoAssetId is { } logo ? ContentUrl(request, logo) : null,
        kit.UpdatedAt, kit.UpdatedBy);
}
