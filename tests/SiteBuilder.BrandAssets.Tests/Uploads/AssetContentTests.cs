using System.Text;
using SiteBuilder.BrandAssets.Uploads;

namespace SiteBuilder.BrandAssets.Tests.Uploads;

public sealed class AssetContentTests
{
    private const string SvgWithScript =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\" onload=\"alert(1)\"><script>alert(2)</script><rect width=\"120\" height=\"40\" fill=\"#0066CC\"/></svg>";

    public static TheoryData<string, byte[], AssetType> Samples() => new()
    {
        { "png", SampleFiles.Png(), AssetType.Png },
        { "jpeg", SampleFiles.Jpeg(), AssetType.Jpeg },
        { "webp (VP8X)", SampleFiles.WebpExtended(800, 600), AssetType.Webp },
        { "webp (VP8L)", SampleFiles.WebpLossless(300, 200), AssetType.Webp },
        { "webp (VP8)", SampleFiles.WebpLossy(640, 480), AssetType.Webp },
        { "svg", SampleFiles.Text("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), AssetType.Svg },
        { "svg after declaration, comment and BOM", [0xEF, 0xBB, 0xBF, .. SampleFiles.Text("<?xml version=\"1.0\"?>\n<!-- Generator: Figma -->\n<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>")], AssetType.Svg },
        { "svg after a doctype with an internal subset", SampleFiles.Text("<!DOCTYPE svg [<!ENTITY a \"b\">]><svg/>"), AssetType.Svg },
        { "html", SampleFiles.Text("<!DOCTYPE html><html><body>hi</body></html>"), AssetType.Unknown },
        { "xml that is not svg", SampleFiles.Text("<?xml version=\"1.0\"?><rss/>"), AssetType.Unknown },
        { "gif", SampleFiles.Text("GIF89a\u0001\u0000\u0001\u0000"), AssetType.Unknown },
        { "pdf", SampleFiles.Text("%PDF-1.7\n"), AssetType.Unknown },
        { "elf", SampleFiles.Elf(), AssetType.Unknown },
        { "empty", [], AssetType.Unknown },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void TheTypeComesFromTheBytes(string sample, byte[] content, AssetType expected)
        => Assert.True(expected == AssetContent.Sniff(content), sample);

    [Theory]
    [InlineData("png", 37, 21)]
    [InlineData("jpeg", 320, 240)]
    [InlineData("webp-x", 800, 600)]
    [InlineData("webp-l", 300, 200)]
    [InlineData("webp", 640, 480)]
    public void DimensionsAreReadFromTheHeader(string format, int width, int height)
    {
        var bytes = format switch
        {
            "png" => SampleFiles.Png(width, height),
            "jpeg" => SampleFiles.Jpeg(width, height),
            "webp-x" => SampleFiles.WebpExtended(width, height),
            "webp-l" => SampleFiles.WebpLossless(width, height),
            _ => SampleFiles.WebpLossy(width, height),
        };

        Assert.Equal(new ImageSize(width, height), AssetContent.ReadSize(bytes));
        Assert.Equal(new ImageSize(width, height), AssetContent.Check(bytes).Size);
    }

    [Fact]
    public void AFileOverTwoMegabytesIsRejectedAsTooLarge()
    {
        var threeMegabytes = new byte[3 * 1024 * 1024];
        SampleFiles.Png().CopyTo(threeMegabytes, 0);

        var rejected = Assert.Throws<AssetRejectedException>(() => AssetContent.Check(threeMegabytes, "logo"));

        Assert.Equal(AssetRejection.TooLarge, rejected.Reason);
        Assert.Equal("logo", rejected.Field);
        Assert.Contains("3 MB", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("2 MB", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileOfExactlyTwoMegabytesIsAccepted()
    {
        var twoMegabytes = new byte[AssetContent.MaxUploadBytes];
        SampleFiles.Png().CopyTo(twoMegabytes, 0);

        Assert.Equal(AssetType.Png, AssetContent.Check(twoMegabytes).Type);
    }

    [Fact]
    public void AnElfExecutableRenamedPngIsRejected()
    {
        var rejected = Assert.Throws<AssetRejectedException>(() => AssetContent.Check(SampleFiles.Elf(), "logo"));

        Assert.Equal(AssetRejection.Executable, rejected.Reason);
        Assert.Contains("program, not an image", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWindowsExecutableIsRejected()
        => Assert.Equal(AssetRejection.Executable, Assert.Throws<AssetRejectedException>(() => AssetContent.Check(SampleFiles.WindowsExe())).Reason);

    [Fact]
    public void AShellScriptIsRejected()
        => Assert.Equal(AssetRejection.Executable, Assert.Throws<AssetRejectedException>(() => AssetContent.Check(SampleFiles.Text("#!/bin/sh\nrm -rf /\n"))).Reason);

    [Fact]
    public void AnUnknownTypeIsRejectedWithTheAcceptedFormats()
    {
        var rejected = Assert.Throws<AssetRejectedException>(() => AssetContent.Check(SampleFiles.Text("%PDF-1.7\n")));

        Assert.Equal(AssetRejection.UnsupportedType, rejected.Reason);
        Assert.Contains("PNG, JPEG, WebP or SVG", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyFileIsRejected()
        => Assert.Equal(AssetRejection.Empty, Assert.Throws<AssetRejectedException>(() => AssetContent.Check([])).Reason);

    [Fact]
    public void APngCutOffBeforeItsHeaderIsRejectedAsDamaged()
        => Assert.Equal(AssetRejection.Damaged, Assert.Throws<AssetRejectedException>(() => AssetContent.Check(SampleFiles.Png()[..12])).Reason);

    [Fact]
    public void AnSvgCarryingAScriptIsStoredWithoutIt()
    {
        var asset = AssetContent.Check(SampleFiles.Text(SvgWithScript));

        var stored = Encoding.UTF8.GetString(asset.Content);
        Assert.Equal(AssetType.Svg, asset.Type);
        Assert.Equal("image/svg+xml", asset.ContentType);
        Assert.DoesNotContain("script", stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload", stored, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<rect", stored, StringComparison.Ordinal);
        Assert.Equal(new ImageSize(120, 40), asset.Size);
    }

    [Fact]
    public void AScriptOnlySvgIsRejected()
    {
        var rejected = Assert.Throws<AssetRejectedException>(() =>
            AssetContent.Check(SampleFiles.Text("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>fetch('/api/keys')</script></svg>"), "logo"));

        Assert.Equal(AssetRejection.UnsafeSvg, rejected.Reason);
        Assert.Equal("logo", rejected.Field);
    }

    [Fact]
    public async Task AStreamLargerThanTheLimitIsRefusedWithoutReadingItAll()
    {
        await using var stream = new CountingStream(10 * 1024 * 1024);

        var rejected = await Assert.ThrowsAsync<AssetRejectedException>(() => AssetContent.CheckAsync(stream, "background", TestContext.Current.CancellationToken));

        Assert.Equal(AssetRejection.TooLarge, rejected.Reason);
        Assert.Equal("background", rejected.Field);
        Assert.InRange(stream.BytesRead, AssetContent.MaxUploadBytes + 1, AssetContent.MaxUploadBytes + 1);
    }

    [Fact]
    public async Task AStreamWithinTheLimitIsChecked()
    {
        await using var stream = new MemoryStream(SampleFiles.Jpeg(64, 48));

        var asset = await AssetContent.CheckAsync(stream, "logo", TestContext.Current.CancellationToken);

        Assert.Equal((AssetType.Jpeg, new ImageSize(64, 48)), (asset.Type, asset.Size));
    }

    /// <summary>An endless-looking upload that counts what is read from it.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        private long _position;

        public long BytesRead => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Fill(buffer, (byte)0x41, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
