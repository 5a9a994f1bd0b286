using SiteBuilder.BrandAssets.Uploads;
using SkiaSharp;

namespace SiteBuilder.BrandAssets.Previews;

/// <summary>
/// The small <c>data:</c> URI an agent answer carries for each image, so a client can show the options at once.
/// An SVG is its own preview (a few kilobytes, and it scales); a raster image from a model (about a megapixel,
/// one to two megabytes) is scaled down to fit <see cref="MaxSide"/> pixels: PNG when it has transparency, JPEG otherwise.
/// </summary>
public static class ImagePreview
{
    public const int MaxSide = 256;

    /// <summary>A preview as a data URI; throws <see cref="ArgumentException"/> when the image cannot be decoded.</summary>
    public static string DataUri(byte[] content, string contentType)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (contentType == "image/svg+xml")
        {
            return $"data:image/svg+xml;base64,{Convert.ToBase64String(content)}";
        }

        var (bytes, type) = Thumbnail(content);
        return $"data:{type};base64,{Convert.ToBase64String(bytes)}";
    }

    /// <summary>The raster image scaled to fit <see cref="MaxSide"/> (never enlarged), encoded as PNG or JPEG.</summary>
    public static (byte[] Content, string ContentType) Thumbnail(byte[] content) => Thumbnail(content, MaxSide);

    /// <summary>The raster image scaled to fit <paramref name="maxSide"/> (never enlarged), encoded as PNG or JPEG.</summary>
    public static (byte[] Content, string ContentType) Thumbnail(byte[] content, int maxSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        // SkiaSharp answers bytes it has no codec for with ArgumentNullException("codec") rather than null.
        using var codec = SKCodec.Create(new SKMemoryStream(content)) ?? throw new ArgumentException("The image cannot be decoded.", nameof(content));
        // The header alone says how much decoding would allocate: an image stored before the upload cap, or one that slipped
        // past it, is refused here rather than decoded.
        if (AssetContent.TooManyPixels(new ImageSize(codec.Info.Width, codec.Info.Height), Math.Max(1, codec.FrameCount)) is { } problem)
        {
            throw new ImageTooLargeException(problem);
        }

        using var decoded = SKBitmap.Decode(codec) ?? throw new ArgumentException("The image cannot be decoded.", nameof(content));
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(decoded.Width, decoded.Height));
        var width = Math.Max(1, (int)Math.Round(decoded.Width * scale));
        var height = Math.Max(1, (int)Math.Round(decoded.Height * scale));
        using var scaled = scale < 1
            ? decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell))
                ?? throw new ArgumentException("The image cannot be scaled.", nameof(content))
            : decoded.Copy();
        using var image = SKImage.FromBitmap(scaled);
        var transparent = HasTransparency(scaled);
        using var data = image.Encode(transparent ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, transparent ? 100 : 82)
            ?? throw new ArgumentException("The preview cannot be encoded.", nameof(content));
        return (data.ToArray(), transparent ? "image/png" : "image/jpeg");
    }

    private static bool HasTransparency(SKBitmap bitmap)
    {
        if (bitmap.AlphaType == SKAlphaType.Opaque)
        {
            return false;
        }

        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y).Alpha != 255)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>An image whose declared size is over <see cref="AssetContent.MaxPixels"/>: it is never decoded.</summary>
public sealed class ImageTooLargeException(string message) : ArgumentException(message);
