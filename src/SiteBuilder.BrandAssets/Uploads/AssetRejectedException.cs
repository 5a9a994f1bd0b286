namespace SiteBuilder.BrandAssets.Uploads;

/// <summary>
/// An upload that is not accepted. <see cref="Field"/> names the request field it came in, and
/// <see cref="Exception.Message"/> tells the user what is wrong and what to do; the API returns both
/// as a <c>VALIDATION_ERROR</c>.
/// </summary>
public sealed class AssetRejectedException(AssetRejection reason, string field, string message)
    : Exception(message)
{
    public AssetRejection Reason { get; } = reason;

    public string Field { get; } = field;
}

public enum AssetRejection
{
    Empty,
    TooLarge,
    Executable,
    UnsupportedType,
    UnsafeSvg,
    MalformedSvg,
    Damaged,
    TooManyPixels,
}
