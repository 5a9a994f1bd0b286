using System.Security.Cryptography;
using SiteBuilder.BrandAssets.Uploads;

namespace SiteBuilder.BrandAssets.Library;

/// <summary>How an asset came into the tenant's library.</summary>
public enum BrandAssetKind
{
    /// <summary>Made by the <c>logo_creator</c> agent.</summary>
    Logo,
    /// <summary>Made by the <c>background_creator</c> agent.</summary>
    Background,
    /// <summary>Uploaded by a person.</summary>
    Upload,
}

/// <summary>
/// One image in a tenant's brand library. The bytes live in the assets bucket under <see cref="BlobKey"/>
/// (<c>{tenant}/logos/…</c>, <c>{tenant}/backgrounds/…</c>, <c>{tenant}/uploads/…</c>); this is the record that finds them.
/// </summary>
/// <param name="Id">Unique across tenants, e.g. <c>logo-3f9a0c12d4e5b6a7</c>; never reused.</param>
/// <param name="Tenant">The owner; every read is keyed by it, so another tenant's id finds nothing.</param>
/// <param name="Kind">Logo, background or upload.</param>
/// <param name="ContentType">image/png, image/jpeg, image/webp or image/svg+xml, as judged from the bytes.</param>
/// <param name="Size">Bytes stored.</param>
/// <param name="Width">Pixels (for SVG, the viewport); null when the file does not say.</param>
/// <param name="Height">Pixels (for SVG, the viewport); null when the file does not say.</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="CreatedBy">The user name of whoever generated or uploaded it.</param>
/// <param name="Source">offline, bedrock or upload.</param>
/// <param name="Description">What the image shows (alt text): the model's description, or the uploaded file's name.</param>
/// <param name="BlobKey">Where the bytes are in the assets container.</param>
public sealed record BrandAsset(
    string Id,
    string Tenant,
    BrandAssetKind Kind,
    string ContentType,
    long Size,
    int? Width,
    int? Height,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string Source,
    string Description,
    string BlobKey)
{
    public const int MaxDescriptionLength = 300;

    /// <summary>A new id for <paramref name="kind"/>: a readable prefix and 64 random bits.</summary>
    public static string NewId(BrandAssetKind kind) => $"{Prefix(kind)}-{RandomNumberGenerator.GetHexString(16, lowercase: true)}";

    /// <summary>Ids as <see cref="NewId"/> makes them; anything else cannot name an asset and is answered as not found.</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: > 17 and <= 40 } && id.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-") < 0
        && Enum.GetValues<BrandAssetKind>().Any(k => id.StartsWith(Prefix(k) + "-", StringComparison.Ordinal));

    /// <summary><c>{tenant}/logos/{id}.svg</c> and so on: DESIGN §6's layout of the assets bucket.</summary>
    public static string BlobKeyFor(string tenant, BrandAssetKind kind, string id, AssetType type) =>
        $"{tenant}/{Folder(kind)}/{id}{type.Extension()}";

    public static string Folder(BrandAssetKind kind) => kind switch
    {
        BrandAssetKind.Logo => "logos",
        BrandAssetKind.Background => "backgrounds",
        _ => "uploads",
    };

    /// <summary>The kind's name in the API: logo, background, upload.</summary>
    public static string Name(BrandAssetKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParseKind(string? value, out BrandAssetKind kind)
    {
        kind = default;
        return value is not null && !int.TryParse(value, out _) && Enum.TryParse(value.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind);
    }

    private static string Prefix(BrandAssetKind kind) => kind switch
    {
        BrandAssetKind.Logo => "logo",
        BrandAssetKind.Background => "bg",
        _ => "upload",
    };
}

/// <summary>
/// A tenant's brand kit: the choices the generation form starts from ("use in brand kit" on the assets page).
/// Colours are <c>#RRGGBB</c>; <see cref="LogoAssetId"/> names an asset of the same tenant.
/// </summary>
public sealed record TenantBrandKit(
    string? BrandName,
    string? PrimaryColor,
    string? SecondaryColor,
    string? LogoAssetId,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy)
{
    public const int MaxBrandNameLength = 80;

    /// <summary>The kit of a tenant that has saved none yet.</summary>
    public static TenantBrandKit Empty { get; } = new(null, null, null, null, null, null);
}
