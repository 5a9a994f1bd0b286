using System.Buffers.Binary;
using System.Text;
using SiteBuilder.TestSupport.FakeBedrockImages;

namespace SiteBuilder.BrandAssets.Tests.Uploads;

/// <summary>Minimal but real headers for each format, built byte by byte from the format specifications.</summary>
internal static class SampleFiles
{
    public static byte[] Png(int width = 37, int height = 21) => TinyPng.Solid(width, height, 0, 102, 204);

    /// <summary>SOI, a JFIF APP0 segment, then a baseline SOF0 frame header stating the size.</summary>
    public static byte[] Jpeg(int width = 320, int height = 240)
    {
        var bytes = new List<byte> { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 };
        bytes.AddRange("JFIF\0"u8.ToArray());
        bytes.AddRange([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        bytes.AddRange([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03]);
        bytes.AddRange([0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        bytes.AddRange([0xFF, 0xD9]);
        return [.. bytes];
    }

    public static byte[] WebpExtended(int width, int height)
    {
        var chunk = new byte[10];
        WriteUInt24(chunk.AsSpan(4), width - 1);
        WriteUInt24(chunk.AsSpan(7), height - 1);
        return Riff("VP8X", chunk);
    }

    public static byte[] WebpLossless(int width, int height)
    {
        var chunk = new byte[10];
        chunk[0] = 0x2F;
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(1), (uint)(width - 1) | ((uint)(height - 1) << 14));
        return Riff("VP8L", chunk);
    }

    public static byte[] WebpLossy(int width, int height)
    {
        var chunk = new byte[10];
        chunk[3] = 0x9D;
        chunk[4] = 0x01;
        chunk[5] = 0x2A;
        BinaryPrimitives.WriteUInt16LittleEndian(chunk.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(chunk.AsSpan(8), (ushort)height);
        return Riff("VP8 ", chunk);
    }

    /// <summary>The start of a 64-bit Linux executable.</summary>
    public static byte[] Elf() => [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00, 0x3E, 0x00];

    /// <summary>The start of a Windows executable: the DOS stub every PE file begins with.</summary>
    public static byte[] WindowsExe() => [.. "MZ"u8.ToArray(), 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, .. "This program cannot be run in DOS mode."u8.ToArray()];

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Riff(string fourCc, byte[] chunk)
    {
        var bytes = new byte[20 + chunk.Length];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        "WEBP"u8.CopyTo(bytes.AsSpan(8));
        Encoding.ASCII.GetBytes(fourCc).CopyTo(bytes, 12);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), (uint)chunk.Length);
        chunk.CopyTo(bytes, 20);
        return bytes;
    }

    private static void WriteUInt24(Span<byte> target, int value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
    }
}
