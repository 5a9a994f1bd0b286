using System.Text.Json;
using SiteBuilder.Generation.Records;

namespace SiteBuilder.Generation.Tests.Records;

/// <summary>The typed events become exactly the seed's JSON: <c>type</c> first, nulls left out, markup unescaped.</summary>
public sealed class GenerationEventJsonTests
{
    public static TheoryData<GenerationEventData, string> WireShapes => new()
    {
        { new ProgressEvent(0, "Starting generation...", "start"), """{"type":"progress","progress":0,"message":"Starting generation...","step":"start"}""" },
        { new ChunkEvent("<!DOCTYPE html><p class=\"a\">Café & 'co' \n</p>"), """{"type":"chunk","content":"<!DOCTYPE html><p class=\"a\">Café & 'co' \n</p>"}""" },
        {
            new CompleteEvent("gen-01", "site-1", 2, 8.5, "/v1/sites/acme/generations/gen-01/html", "/v1/sites/acme/generations/gen-01/report", "bedrock", "global.anthropic.claude-sonnet-4-5-20250929-v1:0", 1200, 5400),
            """{"type":"complete","generationId":"gen-01","siteId":"site-1","version":2,"brandScore":8.5,"previewUrl":"/v1/sites/acme/generations/gen-01/html","reportUrl":"/v1/sites/acme/generations/gen-01/report","provider":"bedrock","modelId":"global.anthropic.claude-sonnet-4-5-20250929-v1:0","inputTokens":1200,"outputTokens":5400}"""
        },
        {
            new CompleteEvent("gen-02", "site-1", 1, 10, "/p", "/r", "offline", "offline-composer-1", null, null),
            """{"type":"complete","generationId":"gen-02","siteId":"site-1","version":1,"brandScore":10,"previewUrl":"/p","reportUrl":"/r","provider":"offline","modelId":"offline-composer-1"}"""
        },
        { new ErrorEvent("SERVICE_UNAVAILABLE", "The page model is busy."), """{"type":"error","code":"SERVICE_UNAVAILABLE","message":"The page model is busy."}""" },
        { new CancelledEvent("The generation was cancelled."), """{"type":"cancelled","message":"The generation was cancelled."}""" },
    };

    [Theory]
    [MemberData(nameof(WireShapes))]
    public void EachEventIsWrittenInTheSeedsShapeAndReadBack(GenerationEventData data, string json)
    {
        Assert.Equal(json, GenerationEventJson.Write(data));
        Assert.Equal(data, GenerationEventJson.Read(json));
    }

    [Fact]
    public void OnlyCompleteErrorAndCancelledEndAStream()
    {
        Assert.False(new ProgressEvent(5, "x", "theme_selector").IsTerminal);
        Assert.False(new ChunkEvent("x").IsTerminal);
        Assert.True(new ErrorEvent("GENERATION_FAILED", "x").IsTerminal);
        Assert.True(new CancelledEvent("x").IsTerminal);
        Assert.True(new CompleteEvent("g", "s", 1, 9, "/p", "/r", "offline", "m", null, null).IsTerminal);
    }

    [Fact]
    public void AnEventOfAnUnknownTypeIsRejected() =>
        Assert.ThrowsAny<JsonException>(() => GenerationEventJson.Read("""{"type":"surprise","x":1}"""));
}
