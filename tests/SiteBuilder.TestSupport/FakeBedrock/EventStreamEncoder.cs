using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace SiteBuilder.TestSupport.FakeBedrock;

/// <summary>
/// Writes AWS event stream messages (<c>application/vnd.amazon.eventstream</c>), the binary framing of
/// Bedrock's <c>invoke-with-response-stream</c>:
/// <code>
/// [total length u32][headers length u32][prelude CRC32 u32][headers][payload][message CRC32 u32]
/// header = [name length u8][name][type u8 = 7 (string)][value length u16][value]
/// </code>
/// All integers big-endian; the prelude CRC covers the first 8 bytes, the message CRC everything before it.
/// </summary>
public static class EventStreamEncoder
{
    private const int PreludeLength = 12;
    private const int MessageCrcLength = 4;
    private const byte StringHeaderType = 7;

    // Bedrock pads every chunk with a "p" field of varying length so sizes do not leak the content.
    private const string PaddingAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>One message with string headers, in the order given.</summary>
    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var headerBytes = EncodeHeaders(headers);
        var totalLength = PreludeLength + headerBytes.Length + payload.Length + MessageCrcLength;
        var message = new byte[totalLength];
        var span = message.AsSpan();

        BinaryPrimitives.WriteUInt32BigEndian(span[0..4], (uint)totalLength);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..8], (uint)headerBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..12], Crc32.Compute(span[0..8]));
        headerBytes.CopyTo(span[PreludeLength..]);
        payload.CopyTo(span[(PreludeLength + headerBytes.Length)..]);
        var crcOffset = totalLength - MessageCrcLength;
        BinaryPrimitives.WriteUInt32BigEndian(span[crcOffset..], Crc32.Compute(span[..crcOffset]));
        return message;
    }

    /// <summary>A <c>chunk</c> event carrying one Anthropic Messages streaming event, base64 in <c>{"bytes": …}</c>.</summary>
    public static byte[] Chunk(string anthropicEventJson, int sequence = 0)
    {
        ArgumentNullException.ThrowIfNull(anthropicEventJson);
        var padding = PaddingAlphabet[..(1 + (sequence * 7 % (PaddingAlphabet.Length - 1)))];
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["bytes"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(anthropicEventJson)),
            ["p"] = padding,
        });
        return Encode(
            [
                new(":event-type", "chunk"),
                new(":content-type", "application/json"),
                new(":message-type", "event"),
            ],
            payload);
    }

    /// <summary>An exception frame, as Bedrock sends when a stream fails after it started (e.g. <c>throttlingException</c>).</summary>
    public static byte[] Exception(string exceptionType, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exceptionType);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["message"] = message });
        return Encode(
            [
                new(":exception-type", exceptionType),
                new(":content-type", "application/json"),
                new(":message-type", "exception"),
            ],
            payload);
    }

    private static byte[] EncodeHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[2];
        foreach (var (name, value) in headers)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var valueBytes = Encoding.UTF8.GetBytes(value);
            if (nameBytes.Length is 0 or > byte.MaxValue)
            {
                throw new ArgumentException($"Header name '{name}' must be 1–255 bytes.", nameof(headers));
            }

            if (valueBytes.Length > short.MaxValue)
            {
                throw new ArgumentException($"Header '{name}' value is longer than {short.MaxValue} bytes.", nameof(headers));
            }

            buffer.WriteByte((byte)nameBytes.Length);
            buffer.Write(nameBytes);
            buffer.WriteByte(StringHeaderType);
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)valueBytes.Length);
            buffer.Write(length);
            buffer.Write(valueBytes);
        }

        return buffer.ToArray();
    }
}

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of the event stream framing.</summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = (crc >> 8) ^ Table[(crc ^ b) & 0xFF];
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
