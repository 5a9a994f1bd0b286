using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SiteBuilder.BrandAssets.Images;
using SiteBuilder.BrandAssets.Previews;
using SiteBuilder.BrandAssets.Uploads;
using SiteBuilder.Storage.Blobs;

namespace SiteBuilder.BrandAssets.Library;

/// <summary>An image an agent made and the library stored, with its small preview as a <c>data:</c> URI.</summary>
public sealed record GeneratedAsset(BrandAsset Asset, string Preview);

/// <summary>A brand kit as a person asks to save it; <see cref="BrandAssetLibrary.SaveBrandKitAsync"/> checks it.</summary>
public sealed record BrandKitChange(string? BrandName, string? PrimaryColor, string? SecondaryColor, string? LogoAssetId);

/// <summary>A brand kit change that cannot be saved, with the problems by field (JSON member names).</summary>
public sealed class BrandKitRejectedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// A tenant's brand library: the <c>logo_creator</c> and <c>background_creator</c> agents (which store what they draw),
/// uploads, listing, content, deletion and the brand kit. Callers have already decided that the user may act for the
/// tenant; every read and write here is keyed by that tenant, so one tenant's ids never reach another's assets.
/// </summary>
public sealed partial class BrandAssetLibrary(
    IImageModel model,
    IBrandAssetStore store,
    IBlobStore blobs,
    TimeProvider clock,
    AgentMetrics metrics,
    ILogger<BrandAssetLibrary> logger)
{
    /// <summary>offline or bedrock: who draws the images.</summary>
    public string Provider => model.Provider;

    /// <summary>
    /// Runs the logo or background agent and stores every image as an asset of <paramref name="tenant"/>, in order.
    /// Throws <see cref="ArgumentException"/> for an invalid request and <see cref="ImageModelException"/> for provider failures;
    /// when storing fails part way, the images already stored are removed again.
    /// </summary>
    public async Task<IReadOnlyList<GeneratedAsset>> GenerateAsync(string tenant, string user, ImageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.EnsureValid();
        var agent = request.Kind == ImageKind.Logo ? Agents.LogoCreator : Agents.BackgroundCreator;
        var started = Stopwatch.GetTimestamp();
        string? errorType = AgentMetrics.AgentCall.UnknownError;
        try
        {
            var images = await model.GenerateAsync(request, cancellationToken);
            var kind = request.Kind == ImageKind.Logo ? BrandAssetKind.Logo : BrandAssetKind.Background;
            var stored = new List<GeneratedAsset>(images.Count);
            try
            {
                foreach (var image in images)
                {
                    stored.Add(await StoreGeneratedAsync(tenant, user, kind, image, cancellationToken));
                }
            }
            catch
            {
                await RemoveAsync(tenant, stored.Select(s => s.Asset));
                throw;
            }

            errorType = null;
            logger.LogInformation("{Agent} stored {Count} {Provider} images for {Tenant}", agent, stored.Count, model.Provider, tenant);
            return stored;
        }
        catch (ImageModelException e)
        {
            errorType = e.Failure.ToString();
            logger.LogWarning("{Agent} failed for {Tenant}: {Failure} ({Detail})", agent, tenant, e.Failure, e.ProviderDetail);
            throw;
        }
        finally
        {
            metrics.Record(agent, Stopwatch.GetElapsedTime(started), errorType, model.Provider);
        }
    }

    /// <summary>
    /// Stores an uploaded image after the checks of <see cref="AssetContent"/>: PNG, JPEG, WebP or SVG judged from the bytes,
    /// at most 2 MB, no program, and no SVG carrying script. Throws <see cref="AssetRejectedException"/> with the reason.
    /// </summary>
    public async Task<BrandAsset> UploadAsync(string tenant, string user, Stream content, string? fileName, CancellationToken cancellationToken)
    {
        var checkedAsset = await AssetContent.CheckAsync(content, "file", SvgScripts.Reject, cancellationToken);
        var id = BrandAsset.NewId(BrandAssetKind.Upload);
        var asset = new BrandAsset(
            id, tenant, BrandAssetKind.Upload, checkedAsset.ContentType, checkedAsset.Content.Length, checkedAsset.Size?.Width, checkedAsset.Size?.Height,
            clock.GetUtcNow(), user, "upload", DescribeUpload(fileName, checkedAsset.Type),
            BrandAsset.BlobKeyFor(tenant, BrandAssetKind.Upload, id, checkedAsset.Type));
        await SaveAsync(asset, checkedAsset.Content, cancellationToken);
        logger.LogInformation("Stored upload {Id} ({ContentType}, {Size} bytes) for {Tenant}", id, asset.ContentType, asset.Size, tenant);
        return asset;
    }

    public Task<IReadOnlyList<BrandAsset>> ListAsync(string tenant, BrandAssetKind? kind = null, CancellationToken cancellationToken = default) =>
        store.ListAsync(tenant, kind, cancellationToken);

    /// <summary>The tenant's asset, or null for an unknown id or one of another tenant.</summary>
    public async Task<BrandAsset?> GetAsync(string tenant, string id, CancellationToken cancellationToken = default) =>
        BrandAsset.IsWellFormedId(id) ? await store.GetAsync(tenant, id, cancellationToken) : null;

    /// <summary>The asset and its bytes, or null; the bytes come from the key the tenant's own record names.</summary>
    public async Task<(BrandAsset Asset, byte[] Content)?> GetContentAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        var asset = await GetAsync(tenant, id, cancellationToken);
        if (asset is null)
        {
            return null;
        }

        var blob = await blobs.GetAsync(BlobContainer.Assets, asset.BlobKey, cancellationToken);
        if (blob is null)
        {
            logger.LogError("Asset {Id} of {Tenant} has a record but no blob at {Key}", id, tenant, asset.BlobKey);
            return null;
        }

        return (asset, blob.Content);
    }

    /// <summary>Deletes the asset and its bytes; a brand kit that used it as its logo loses the logo. False when there was none.</summary>
    public async Task<bool> DeleteAsync(string tenant, string id, string user, CancellationToken cancellationToken = default)
    {
        if (!BrandAsset.IsWellFormedId(id))
        {
            return false;
        }

        var deleted = await store.DeleteAsync(tenant, id, cancellationToken);
        if (deleted is null)
        {
            return false;
        }

        await blobs.DeleteAsync(BlobContainer.Assets, deleted.BlobKey, cancellationToken);
        var kit = await store.GetBrandKitAsync(tenant, cancellationToken);
        if (kit.LogoAssetId == id)
        {
            await store.SaveBrandKitAsync(tenant, kit with { LogoAssetId = null, UpdatedAt = clock.GetUtcNow(), UpdatedBy = user }, cancellationToken);
        }

        logger.LogInformation("Deleted asset {Id} of {Tenant}", id, tenant);
        return true;
    }

    public Task<TenantBrandKit> GetBrandKitAsync(string tenant, CancellationToken cancellationToken = default) =>
        store.GetBrandKitAsync(tenant, cancellationToken);

    /// <summary>
    /// Replaces the tenant's brand kit after checking it: colours as <c>#RRGGBB</c>, a brand name of at most 80 characters,
    /// and a logo that is an image asset of this tenant. Throws <see cref="BrandKitRejectedException"/> otherwise.
    /// </summary>
    public async Task<TenantBrandKit> SaveBrandKitAsync(string tenant, string user, BrandKitChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = string.IsNullOrWhiteSpace(change.BrandName) ? null : change.BrandName.Trim();
        if (name is { Length: > TenantBrandKit.MaxBrandNameLength })
        {
            errors["brandName"] = [$"Keep the brand name under {TenantBrandKit.MaxBrandNameLength} characters."];
        }

        var primary = Color(change.PrimaryColor, "primaryColor", errors);
        var secondary = Color(change.SecondaryColor, "secondaryColor", errors);
        var logo = string.IsNullOrWhiteSpace(change.LogoAssetId) ? null : change.LogoAssetId.Trim();
        if (logo is not null && await GetAsync(tenant, logo, cancellationToken) is null)
        {
            errors["logoAssetId"] = [$"This tenant has no asset '{logo}'. Pick a logo from the tenant's assets."];
        }

        if (errors.Count > 0)
        {
            throw new BrandKitRejectedException(errors);
        }

        var kit = new TenantBrandKit(name, primary, secondary, logo, clock.GetUtcNow(), user);
        await store.SaveBrandKitAsync(tenant, kit, cancellationToken);
        return kit;
    }

    private async Task<GeneratedAsset> StoreGeneratedAsync(string tenant, string user, BrandAssetKind kind, GeneratedImage image, CancellationToken cancellationToken)
    {
        // What a model returns is checked like an upload: the type comes from the bytes and an SVG is sanitized,
        // so nothing but drawing reaches storage whichever model made it.
        var type = AssetContent.Sniff(image.Content);
        byte[] content;
        switch (type)
        {
            case AssetType.Svg:
                content = System.Text.Encoding.UTF8.GetBytes(SvgSanitizer.Sanitize(System.Text.Encoding.UTF8.GetString(image.Content)).Svg);
                break;
            case AssetType.Png or AssetType.Jpeg or AssetType.Webp:
                if (AssetContent.ReadSize(image.Content) is not { } size || AssetContent.TooManyPixels(size, AssetContent.CountFrames(image.Content, type)) is not null)
                {
                    throw new ImageModelException(ImageModelFailure.Failed, "The image could not be generated. Try again; if it keeps failing, tell your administrator.",
                        $"The {model.Provider} model returned an image without a readable size or over {AssetContent.MaxPixels} pixels.");
                }

                content = image.Content;
                break;
            default:
                throw new ImageModelException(ImageModelFailure.Failed, "The image could not be generated. Try again; if it keeps failing, tell your administrator.",
                    $"The {model.Provider} model returned content that is not an image (declared {image.ContentType}).");
        }

        var id = BrandAsset.NewId(kind);
        var description = image.Description.Length > BrandAsset.MaxDescriptionLength ? image.Description[..(BrandAsset.MaxDescriptionLength - 1)] + "…" : image.Description;
        var asset = new BrandAsset(id, tenant, kind, type.ContentType(), content.Length, image.Width, image.Height, clock.GetUtcNow(), user, model.Provider,
            string.IsNullOrWhiteSpace(description) ? $"Generated {BrandAsset.Name(kind)}" : description,
            BrandAsset.BlobKeyFor(tenant, kind, id, type));
        var preview = ImagePreview.DataUri(content, asset.ContentType);
        await SaveAsync(asset, content, cancellationToken);
        return new GeneratedAsset(asset, preview);
    }

    /// <summary>Bytes first, then the record: a record never points at missing bytes, and a failed record write removes the bytes.</summary>
    private async Task SaveAsync(BrandAsset asset, byte[] content, CancellationToken cancellationToken)
    {
        await blobs.PutAsync(BlobContainer.Assets, asset.BlobKey, content, cancellationToken);
        try
        {
            await store.AddAsync(asset, cancellationToken);
        }
        catch
        {
            await blobs.DeleteAsync(BlobContainer.Assets, asset.BlobKey, CancellationToken.None);
            throw;
        }
    }

    private async Task RemoveAsync(string tenant, IEnumerable<BrandAsset> assets)
    {
        foreach (var asset in assets)
        {
            await store.DeleteAsync(tenant, asset.Id, CancellationToken.None);
            await blobs.DeleteAsync(BlobContainer.Assets, asset.BlobKey, CancellationToken.None);
        }
    }

    private static string? Color(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var color = value.Trim();
        if (!HexColor().IsMatch(color))
        {
            errors[field] = [$"Colours must look like #0066CC; '{color}' does not."];
            return null;
        }

        return color.ToUpperInvariant();
    }

    private static string DescribeUpload(string? fileName, AssetType type)
    {
        // Only the name: some browsers send a Windows path (C:\fakepath\logo.png) whatever the server's OS.
        var name = (fileName ?? string.Empty).Split('/', '\\')[^1].Trim();
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        if (name.Length == 0)
        {
            return $"Uploaded {type.ToString().ToUpperInvariant()} image";
        }

        return name.Length > BrandAsset.MaxDescriptionLength ? name[..BrandAsset.MaxDescriptionLength] : name;
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColor();
}
