namespace SiteBuilder.BrandAssets.Uploads;

/// <summary>What an upload really is, judged from its bytes.</summary>
public enum AssetType
{
    Unknown,
    Png,
    Jpeg,
    Webp,
    Svg,
}

public static class AssetTypes
{
    public static string ContentType(this AssetType type) => type switch
    {
        AssetType.Png => "image/png",
        AssetType.Jpeg => "image/jpeg",
        AssetType.Webp => "image/webp",
        AssetType.Svg => "image/svg+xml",
        _ => "application/octet-stream",
    };

    /// <summary>The file extension to store the asset under, with the dot.</summary>
    public static string Extension(this AssetType type) => type switch
    {
        AssetType.Png => ".png",
        AssetType.Jpeg => ".jpg",
        AssetType.Webp => ".webp",
        AssetType.Svg => ".svg",
        _ => ".bin",
    };
}

/// <summary>What the upload checks do with script found in an SVG.</summary>
public enum SvgScripts
{
    /// <summary>Remove it with everything else that is not drawing (images from a model).</summary>
    Remove,
    /// <summary>Refuse the file with a message that says what was found (uploads by people).</summary>
    Reject,
}
