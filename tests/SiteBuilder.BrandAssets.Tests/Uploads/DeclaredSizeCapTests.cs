using System.Buffers.Binary;
using SiteBuilder.BrandAssets.Previews;
using SiteBuilder.BrandAssets.Uploads;
using SiteBuilder.TestSupport.FakeBedrockImages;

namespace SiteBuilder.BrandAssets.Tests.Uploads;

/// <summary>A small file can declare a huge image; what it declares is capped at upload and again before any decode.</summary>
public sealed class DeclaredSizeCapTests
{
    public static TheoryData<string, byte[]> HugeDeclarations() => new()
    {
        { "png", TinyPng.Declaring(30000, 30000) },
        { "jpeg", SampleFiles.Jpeg(30000, 30000) },
        { "webp (VP8X)", SampleFiles.WebpExtended(30000, 30000) },
        { "webp (VP8L)", SampleFiles.WebpLossless(16384, 16384) },
        { "webp (VP8)", SampleFiles.WebpLossy(16000, 16000) },
        { "animated png, 40 frames of 1000 × 1000", AnimatedPng(1000, 1000, frames: 40) },
    };

    [Theory]
    [MemberData(nameof(HugeDeclarations))]
    public void AnUploadDeclaringMoreThanTheCapIsRejectedNamingTheLimit(string format, byte[] content)
    {
        Assert.True(content.Length < 4096, $"{format}: the crafted file is {content.Length} bytes");

        var rejected = Assert.Throws<AssetRejectedException>(() => AssetContent.Check(content, "logo"));

        Assert.Equal(AssetRejection.TooManyPixels, rejected.Reason);
        Assert.Equal("logo", rejected.Field);
        Assert.Contains("the limit is 25 megapixels", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageAtTheCapIsAccepted()
        => Assert.Equal(new ImageSize(5000, 5000), AssetContent.Check(SampleFiles.Jpeg(5000, 5000)).Size);

    [Fact]
    public void AJpegWhoseSizeCannotBeReadIsRejectedAsDamaged()
    {
        byte[] noFrameHeader = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 0xFF, 0xD9];

        Assert.Equal(AssetRejection.Damaged, Assert.Throws<AssetRejectedException>(() => AssetContent.Check(noFrameHeader)).Reason);
    }

    [Fact]
    public void AnImageAlreadyStoredThatDeclaresAHugeSizeIsNeverDecoded()
    {
        var crafted = TinyPng.Declaring(30000, 30000);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var refused = Assert.Throws<ImageTooLargeException>(() => ImagePreview.Thumbnail(crafted, 512));

        Assert.Contains("30000 × 30000", refused.Message, StringComparison.Ordinal);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 16 * 1024 * 1024, "the refusal allocated like a decode");
        Assert.Throws<ImageTooLargeException>(() => ImagePreview.DataUri(crafted, "image/png"));
    }

    /// <summary>A PNG whose acTL chunk announces <paramref name="frames"/> frames of the header's size.</summary>
    private static byte[] AnimatedPng(int width, int height, int frames)
    {
        var png = TinyPng.Declaring(width, height);
        var control = new byte[20];
        BinaryPrimitives.WriteInt32BigEndian(control, 8);
        "acTL"u8.CopyTo(control.AsSpan(4));
        BinaryPrimitives.WriteInt32BigEndian(control.AsSpan(8), frames);
        // The CRC is not checked by the size reader; a decoder would refuse the chunk, which is fine for this check.
        const int afterHeader = 8 + 25;
        return [.. png[..afterHeader], .. control, .. png[afterHeader..]];
    }
}
