using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SiteBuilder.Generation.Records;

/// <summary>
/// What one event of a generation says, typed: the runner makes them, the store keeps them, the SSE writer and the workspace
/// read them. They become JSON only at the edges (<see cref="GenerationEventJson"/>), in the seed's shapes with <c>type</c> first.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ProgressEvent), GenerationEventTypes.Progress)]
[JsonDerivedType(typeof(ChunkEvent), GenerationEventTypes.Chunk)]
[JsonDerivedType(typeof(CompleteEvent), GenerationEventTypes.Complete)]
[JsonDerivedType(typeof(ErrorEvent), GenerationEventTypes.Error)]
[JsonDerivedType(typeof(CancelledEvent), GenerationEventTypes.Cancelled)]
public abstract record GenerationEventData
{
    /// <summary>The wire name of the event (<c>progress</c>, <c>chunk</c>, …).</summary>
    [JsonIgnore]
    public string Type => this switch
    {
        ProgressEvent => GenerationEventTypes.Progress,
        ChunkEvent => GenerationEventTypes.Chunk,
        CompleteEvent => GenerationEventTypes.Complete,
        ErrorEvent => GenerationEventTypes.Error,
        CancelledEvent => GenerationEventTypes.Cancelled,
        _ => throw new InvalidOperationException($"{GetType().Name} has no wire type."),
    };

    /// <summary><c>complete</c>, <c>error</c> and <c>cancelled</c> end a generation's stream.</summary>
    [JsonIgnore]
    public bool IsTerminal => this is CompleteEvent or ErrorEvent or CancelledEvent;
}

/// <summary>A step of the pipeline began or advanced; <paramref name="Step"/> names the agent (or <c>start</c>, <c>store</c>).</summary>
public sealed record ProgressEvent(int Progress, string Message, string Step) : GenerationEventData;

/// <summary>The next piece of the page's HTML, already sanitized.</summary>
public sealed record ChunkEvent(string Content) : GenerationEventData;

/// <summary>The page is stored and scored. Tokens are there when the provider reported them; the note when the version has one.</summary>
public sealed record CompleteEvent(
    string GenerationId, string SiteId, int Version, double BrandScore, string PreviewUrl, string ReportUrl,
    string Provider, string ModelId, long? InputTokens, long? OutputTokens, string? Note = null) : GenerationEventData;

/// <summary>The generation failed, with the seed's error code.</summary>
public sealed record ErrorEvent(string Code, string Message) : GenerationEventData;

public sealed record CancelledEvent(string Message) : GenerationEventData;

/// <summary>The <c>type</c> values of the wire format.</summary>
public static class GenerationEventTypes
{
    public const string Progress = "progress";
    public const string Chunk = "chunk";
    public const string Complete = "complete";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// The one place events become JSON and back: for the SSE stream (<c>data: {json}</c>, no <c>event:</c> field) and for the
/// stores. One line of JSON per event, <c>type</c> first, nulls left out.
/// </summary>
public static class GenerationEventJson
{
    // Event data travels in text/event-stream, never inside HTML, so markup characters need no \u escaping: chunks stay readable and small.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(GenerationEventData data) => JsonSerializer.Serialize(data, Options);

    /// <summary>Reads an event written by <see cref="Write"/>; throws <see cref="JsonException"/> on anything else.</summary>
    public static GenerationEventData Read(string json) =>
        JsonSerializer.Deserialize<GenerationEventData>(json, Options) ?? throw new JsonException("An event's data was null.");
}
