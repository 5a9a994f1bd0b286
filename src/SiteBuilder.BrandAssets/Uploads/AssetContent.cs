using System.Buffers.Binary;
using System.Text;

namespace SiteBuilder.BrandAssets.Uploads;

/// <summary>
/// Checks for uploaded brand assets (logos, backgrounds). The type comes from the bytes, never from the
/// file name or the declared content type: an executable renamed <c>logo.png</c> is still an executable.
/// </summary>
public static class AssetContent
{
    /// <summary>2 MB: the largest upload accepted.</summary>
    public const int MaxUploadBytes = 2 * 1024 * 1024;

    /// <summary>
    /// The most pixels (width × height × frames) a raster image may declare: 25 megapixels is a 5000 × 5000 logo or
    /// background, about 100 MB once decoded. A small file can declare any size, and decoding it allocates what it declares.
    /// </summary>
    public const long MaxPixels = 25_000_000;

    private const string Accepted = "Upload a PNG, JPEG, WebP or SVG image.";

    /// <summary>How far into a text file to look for the <c>&lt;svg</c> root past declarations and comments.</summary>
    private const int SvgSniffWindow = 8 * 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The type of <paramref name="content"/> from its magic bytes, or for SVG from its XML root element.</summary>
    public static AssetType Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(PngSignature))
        {
            return AssetType.Png;
        }

        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            return AssetType.Jpeg;
        }

        if (content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return AssetType.Webp;
        }

        return HasSvgRoot(content) ? AssetType.Svg : AssetType.Unknown;
    }

    /// <summary>Program files by their magic bytes: Windows PE, ELF, Mach-O, WebAssembly and scripts with a shebang.</summary>
    public static bool LooksExecutable(ReadOnlySpan<byte> content)
    {
        if (content.Length < 2)
        {
            return false;
        }

        if ((content[0] == (byte)'M' && content[1] == (byte)'Z') || (content[0] == (byte)'#' && content[1] == (byte)'!'))
        {
            return true;
        }

        if (content.Length < 4)
        {
            return false;
        }

        var magic = BinaryPrimitives.ReadUInt32BigEndian(content);
        return magic is 0x7F454C46 // ELF
            or 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE // Mach-O, both byte orders
            or 0xCAFEBABE // Mach-O universal binary
            or 0x0061736D; // WebAssembly
    }

    /// <summary>Pixel dimensions from a PNG, JPEG or WebP header; null when the header does not say or is cut short.</summary>
    public static ImageSize? ReadSize(ReadOnlySpan<byte> content) => Sniff(content) switch
    {
        AssetType.Png => PngSize(content),
        AssetType.Jpeg => JpegSize(content),
        AssetType.Webp => WebpSize(content),
        _ => null,
    };

    /// <summary>
    /// Accepts a PNG, JPEG, WebP or SVG of at most <see cref="MaxUploadBytes"/>; SVG comes back sanitized.
    /// Throws <see cref="AssetRejectedException"/> naming <paramref name="field"/> otherwise.
    /// </summary>
    public static CheckedAsset Check(ReadOnlySpan<byte> content, string field = "file") => Check(content, field, SvgScripts.Remove);

    /// <summary>
    /// Like <see cref="Check(ReadOnlySpan{byte}, string)"/>; with <see cref="SvgScripts.Reject"/> an SVG that carries script
    /// (a <c>&lt;script&gt;</c>, an <c>on…</c> handler, a <c>javascript:</c> link) is refused instead of cleaned, so the person
    /// uploading it learns that what they sent is not what would be stored.
    /// </summary>
    public static CheckedAsset Check(ReadOnlySpan<byte> content, string field, SvgScripts scripts)
    {
        if (content.IsEmpty)
        {
            throw new AssetRejectedException(AssetRejection.Empty, field, "The file is empty. " + Accepted);
        }

        if (content.Length > MaxUploadBytes)
        {
            throw new AssetRejectedException(AssetRejection.TooLarge, field,
                $"The file is {Megabytes(content.Length)} MB; the limit is {Megabytes(MaxUploadBytes)} MB. Export a smaller image, for example at most 2000 pixels wide.");
        }

        if (LooksExecutable(content))
        {
            throw new AssetRejectedException(AssetRejection.Executable, field,
                "This file is a program, not an image, whatever its name says. " + Accepted);
        }

        var type = Sniff(content);
        switch (type)
        {
            case AssetType.Svg:
                string text;
                try
                {
                    text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
                }
                catch (DecoderFallbackException)
                {
                    throw new AssetRejectedException(AssetRejection.MalformedSvg, field, "The SVG file is not valid UTF-8 text. Export it again as SVG.");
                }

                if (scripts == SvgScripts.Reject && SvgSanitizer.FindScript(text) is { } script)
                {
                    throw new AssetRejectedException(AssetRejection.UnsafeSvg, field,
                        $"The SVG contains {script}. Scripts are not allowed in brand assets: export the image again as a plain SVG, without interactivity.");
                }

                var sanitized = SvgSanitizer.Sanitize(text, field);
                return new CheckedAsset(AssetType.Svg, Encoding.UTF8.GetBytes(sanitized.Svg), sanitized.Size);
            case AssetType.Png or AssetType.Jpeg or AssetType.Webp:
                var size = ReadSize(content);
                if (size is null)
                {
                    // Without a readable size the pixel cap cannot be checked, and a decoder would find the size on its own.
                    throw new AssetRejectedException(AssetRejection.Damaged, field,
                        $"The {type.ToString().ToUpperInvariant()} file is damaged or incomplete: its header cannot be read. Export it again.");
                }

                if (TooManyPixels(size.Value, CountFrames(content, type)) is { } problem)
                {
                    throw new AssetRejectedException(AssetRejection.TooManyPixels, field, problem);
                }

                return new CheckedAsset(type, content.ToArray(), size);
            default:
                throw new AssetRejectedException(AssetRejection.UnsupportedType, field, "This file type is not supported. " + Accepted);
        }
    }

    /// <summary>
    /// Reads at most one byte past <see cref="MaxUploadBytes"/> from <paramref name="content"/>, so an oversized
    /// upload is refused without buffering all of it, then runs <see cref="Check(ReadOnlySpan{byte}, string)"/>.
    /// </summary>
    public static Task<CheckedAsset> CheckAsync(Stream content, string field, CancellationToken ct) => CheckAsync(content, field, SvgScripts.Remove, ct);

    /// <summary>Like <see cref="CheckAsync(Stream, string, CancellationToken)"/>, with a choice of what to do about script in an SVG.</summary>
    public static async Task<CheckedAsset> CheckAsync(Stream content, string field, SvgScripts scripts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new byte[MaxUploadBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > MaxUploadBytes)
        {
            throw new AssetRejectedException(AssetRejection.TooLarge, field,
                $"The file is larger than {Megabytes(MaxUploadBytes)} MB. Export a smaller image, for example at most 2000 pixels wide.");
        }

        return Check(buffer.AsSpan(0, length), field, scripts);
    }

    /// <summary>
    /// Why an image of <paramref name="size"/> with <paramref name="frames"/> frames is over <see cref="MaxPixels"/>, or null when it is not.
    /// The same rule guards uploads, model output and decoding anything already stored.
    /// </summary>
    public static string? TooManyPixels(ImageSize size, long frames = 1)
    {
        var pixels = (long)size.Width * size.Height * Math.Max(1, frames);
        if (pixels <= MaxPixels)
        {
            return null;
        }

        var framesText = frames > 1 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" in {frames} frames") : "";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The image declares {size.Width} × {size.Height} pixels{framesText}; the limit is {MaxPixels / 1_000_000} megapixels (for example 5000 × 5000). Export a smaller image.");
    }

    /// <summary>Frames of an animated PNG (its <c>acTL</c> chunk) or WebP (its <c>ANMF</c> chunks); 1 for a still image.</summary>
    public static long CountFrames(ReadOnlySpan<byte> content, AssetType type) => type switch
    {
        AssetType.Png => PngFrames(content),
        AssetType.Webp => WebpFrames(content),
        _ => 1,
    };

    private static long PngFrames(ReadOnlySpan<byte> content)
    {
        // Chunks after the signature: length (4), type (4), data, CRC (4). acTL comes before the first IDAT.
        var at = 8;
        while (at + 8 <= content.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(content[at..]);
            var chunk = content.Slice(at + 4, 4);
            if (chunk.SequenceEqual("acTL"u8) && at + 12 <= content.Length)
            {
                return Math.Max(1, BinaryPrimitives.ReadUInt32BigEndian(content[(at + 8)..]));
            }

            if (chunk.SequenceEqual("IDAT"u8) || length > int.MaxValue - 12)
            {
                return 1;
            }

            at += 12 + (int)length;
        }

        return 1;
    }

    private static long WebpFrames(ReadOnlySpan<byte> content)
    {
        long frames = 0;
        var at = 12;
        while (at + 8 <= content.Length)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(content[(at + 4)..]);
            if (content.Slice(at, 4).SequenceEqual("ANMF"u8))
            {
                frames++;
            }

            if (length > int.MaxValue - 9)
            {
                break;
            }

            // Chunks are padded to an even length.
            at += 8 + (int)length + (int)(length & 1);
        }

        return Math.Max(1, frames);
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static ImageSize? PngSize(ReadOnlySpan<byte> content)
    {
        // Signature (8), then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4).
        if (content.Length < 24 || !content.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return Positive(BinaryPrimitives.ReadInt32BigEndian(content[16..]), BinaryPrimitives.ReadInt32BigEndian(content[20..]));
    }

    private static ImageSize? JpegSize(ReadOnlySpan<byte> content)
    {
        var i = 2;
        while (i + 4 <= content.Length)
        {
            if (content[i] != 0xFF)
            {
                return null;
            }

            var marker = content[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(content[(i + 2)..]);

            // Start-of-frame markers carry the size; C4 (Huffman), C8 (reserved) and CC (arithmetic) do not.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (i + 9 > content.Length)
                {
                    return null;
                }

                return Positive(BinaryPrimitives.ReadUInt16BigEndian(content[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(content[(i + 5)..]));
            }

            if (marker == 0xDA || length < 2)
            {
                return null;
            }

            i += 2 + length;
        }

        return null;
    }

    private static ImageSize? WebpSize(ReadOnlySpan<byte> content)
    {
        if (content.Length < 30)
        {
            return null;
        }

        var chunk = content.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
        {
            var w = 1 + (content[24] | (content[25] << 8) | (content[26] << 16));
            var h = 1 + (content[27] | (content[28] << 8) | (content[29] << 16));
            return Positive(w, h);
        }

        if (chunk.SequenceEqual("VP8 "u8) && content[23] == 0x9D && content[24] == 0x01 && content[25] == 0x2A)
        {
            return Positive(BinaryPrimitives.ReadUInt16LittleEndian(content[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(content[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8) && content[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(content[21..]);
            return Positive((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        return null;
    }

    private static ImageSize? Positive(int width, int height) => width > 0 && height > 0 ? new ImageSize(width, height) : null;

    /// <summary>Skips a BOM, XML declaration, processing instructions, comments and a DOCTYPE, then looks at the root element's name.</summary>
    private static bool HasSvgRoot(ReadOnlySpan<byte> content)
    {
        var window = content[..Math.Min(content.Length, SvgSniffWindow)];
        if (window.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            window = window[3..];
        }

        if (window.Contains((byte)0))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(window).AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (text.StartsWith("<?", StringComparison.Ordinal))
            {
                if (!SkipPast(ref text, "?>"))
                {
                    return false;
                }
            }
            else if (text.StartsWith("<!--", StringComparison.Ordinal))
            {
                if (!SkipPast(ref text, "-->"))
                {
                    return false;
                }
            }
            else if (text.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            {
                var subset = text.IndexOf('[');
                var close = text.IndexOf('>');
                if (subset >= 0 && (close < 0 || subset < close) && !SkipPast(ref text, "]"))
                {
                    return false;
                }

                if (!SkipPast(ref text, ">"))
                {
                    return false;
                }
            }
            else if (text.StartsWith("<", StringComparison.Ordinal))
            {
                var name = text[1..];
                var end = name.IndexOfAny(" \t\r\n/>");
                if (end < 0)
                {
                    return false;
                }

                name = name[..end];
                var colon = name.IndexOf(':');
                return name[(colon + 1)..].SequenceEqual("svg");
            }
            else
            {
                return false;
            }
        }
    }

    private static bool SkipPast(ref ReadOnlySpan<char> text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        text = text[(at + marker.Length)..];
        return true;
    }
}
