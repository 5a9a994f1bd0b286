namespace SiteBuilder.BrandAssets.Uploads;

/// <summary>Pixel dimensions of an image.</summary>
public readonly record struct ImageSize(int Width, int Height);
