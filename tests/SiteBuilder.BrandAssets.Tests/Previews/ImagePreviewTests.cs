using System.Text;
using SiteBuilder.BrandAssets.Previews;
using SiteBuilder.BrandAssets.Uploads;
using SiteBuilder.TestSupport.FakeBedrockImages;
using SkiaSharp;

namespace SiteBuilder.BrandAssets.Tests.Previews;

public sealed class ImagePreviewTests
{
    [Fact]
    public void AnSvgIsItsOwnPreview()
    {
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>");

        var preview = ImagePreview.DataUri(svg, "image/svg+xml");

        Assert.Equal("data:image/svg+xml;base64," + Convert.ToBase64String(svg), preview);
    }

    [Fact]
    public void AModelSizedOpaquePngBecomesASmallJpegThatDecodes()
    {
        var png = TinyPng.Solid(1344, 768, 0, 102, 204);

        var preview = ImagePreview.DataUri(png, "image/png");

        Assert.StartsWith("data:image/jpeg;base64,", preview, StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(preview["data:image/jpeg;base64,".Length..]);
        Assert.True(bytes.Length < 20 * 1024, $"{bytes.Length} bytes");
        Assert.Equal(new ImageSize(256, 146), AssetContent.ReadSize(bytes));
        using var decoded = SKBitmap.Decode(bytes);
        var pixel = decoded.GetPixel(128, 73);
        Assert.InRange(pixel.Blue, 190, 215);
    }

    [Fact]
    public void ATransparentImageKeepsItsTransparencyAsPng()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(600, 300, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(SKColors.Transparent);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.DrawCircle(150, 150, 100, new SKPaint { Color = SKColors.OrangeRed });
        }

        using var encoded = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100);

        var (content, type) = ImagePreview.Thumbnail(encoded.ToArray());

        Assert.Equal("image/png", type);
        Assert.Equal(new ImageSize(256, 128), AssetContent.ReadSize(content));
        using var decoded = SKBitmap.Decode(content);
        Assert.Equal(0, decoded.GetPixel(250, 5).Alpha);
    }

    [Fact]
    public void ASmallImageIsNotEnlarged()
    {
        var (content, _) = ImagePreview.Thumbnail(TinyPng.Solid(40, 20, 10, 20, 30));

        Assert.Equal(new ImageSize(40, 20), AssetContent.ReadSize(content));
    }

    [Fact]
    public void BytesThatAreNotAnImageAreRefused()
        => Assert.Throws<ArgumentException>(() => ImagePreview.DataUri("not an image"u8.ToArray(), "image/png"));
}
