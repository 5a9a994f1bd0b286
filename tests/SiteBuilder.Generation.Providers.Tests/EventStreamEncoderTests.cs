using System.Text;
using System.Text.Json;
using Amazon.Runtime.EventStreams;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.Generation.Providers.Tests;

public class EventStreamEncoderTests
{
    [Fact]
    public void Crc32OfTheStandardCheckStringIsCbf43926()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void ChunkDecodesWithTheAwsSdkDecoderToTheAnthropicEvent()
    {
        const string anthropicEvent = """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"<h1>Hé ✓</h1>"}}""";

        var frame = EventStreamEncoder.Chunk(anthropicEvent, sequence: 3);
        var decoded = EventStreamMessage.FromBuffer(frame, 0, frame.Length);

        Assert.Equal("chunk", decoded.Headers[":event-type"].AsString());
        Assert.Equal("application/json", decoded.Headers[":content-type"].AsString());
        Assert.Equal("event", decoded.Headers[":message-type"].AsString());
        using var payload = JsonDocument.Parse(decoded.Payload);
        var bytes = Convert.FromBase64String(payload.RootElement.GetProperty("bytes").GetString()!);
        Assert.Equal(anthropicEvent, Encoding.UTF8.GetString(bytes));
        Assert.False(string.IsNullOrEmpty(payload.RootElement.GetProperty("p").GetString()));
    }

    [Fact]
    public void ExceptionFrameDecodesWithItsTypeAndMessage()
    {
        var frame = EventStreamEncoder.Exception("throttlingException", "Too many tokens");
        var decoded = EventStreamMessage.FromBuffer(frame, 0, frame.Length);

        Assert.Equal("exception", decoded.Headers[":message-type"].AsString());
        Assert.Equal("throttlingException", decoded.Headers[":exception-type"].AsString());
        using var payload = JsonDocument.Parse(decoded.Payload);
        Assert.Equal("Too many tokens", payload.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void EncodingMatchesTheAwsSdkEncoderByteForByte()
    {
        var payload = """{"hello":"world"}"""u8.ToArray();
        var headers = new List<KeyValuePair<string, string>> { new(":event-type", "chunk"), new(":message-type", "event") };
        var sdkHeaders = headers.Select(h =>
        {
            var header = new EventStreamHeader(h.Key);
            header.SetString(h.Value);
            return (IEventStreamHeader)header;
        }).ToList();

        var ours = EventStreamEncoder.Encode(headers, payload);
        var theirs = new EventStreamMessage(sdkHeaders, payload).ToByteArray();

        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void CorruptedPayloadFailsTheAwsSdkChecksum()
    {
        var frame = EventStreamEncoder.Chunk("""{"type":"message_stop"}""");
        frame[^6] ^= 0x01;

        Assert.ThrowsAny<Exception>(() => EventStreamMessage.FromBuffer(frame, 0, frame.Length));
    }
}
