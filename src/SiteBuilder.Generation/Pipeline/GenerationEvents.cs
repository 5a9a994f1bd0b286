using System.Text.Json;
using System.Text.Json.Serialization;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// The JSON payloads of the SSE stream (the seed's shapes). Each is sent as <c>id: n</c> + <c>data: {json}</c> with no
/// <c>event:</c> field, so <c>EventSource.onmessage</c> sees every one.
/// </summary>
public static class GenerationEvents
{
    public const string Progress = "progress";
    public const string Chunk = "chunk";
    public const string Complete = "complete";
    public const string Error = "error";
    public const string Cancelled = "cancelled";

    // Event data travels in text/event-stream, never inside HTML, so markup characters need no \u escaping: chunks stay readable and small.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ProgressData(int progress, string message, string step) =>
        JsonSerializer.Serialize(new ProgressPayload(Progress, progress, message, step), Json);

    public static string ChunkData(string content) => JsonSerializer.Serialize(new ChunkPayload(Chunk, content), Json);

    public static string CompleteData(CompletePayload payload) => JsonSerializer.Serialize(payload, Json);

    public static string ErrorData(string code, string message) => JsonSerializer.Serialize(new ErrorPayload(Error, code, message), Json);

    public static string CancelledData(string message) => JsonSerializer.Serialize(new CancelledPayload(Cancelled, message), Json);

    /// <summary>The <c>type</c> of a recorded event's data.</summary>
    public static string TypeOf(string data)
    {
        // Our own payloads start with their type, so the common case needs no parse of a chunk's kilobytes.
        const string Prefix = "{\"type\":\"";
        if (data.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var end = data.IndexOf('"', Prefix.Length);
            if (end > Prefix.Length && data.AsSpan(Prefix.Length, end - Prefix.Length).IndexOf('\\') < 0)
            {
                return data[Prefix.Length..end];
            }
        }

        using var document = JsonDocument.Parse(data);
        return document.RootElement.GetProperty("type").GetString() ?? "";
    }

    public static bool IsTerminal(string type) => type is Complete or Error or Cancelled;

    public sealed record ProgressPayload(string Type, int Progress, string Message, string Step);

    public sealed record ChunkPayload(string Type, string Content);

    public sealed record CompletePayload(
        string Type, string GenerationId, string SiteId, int Version, double BrandScore, string PreviewUrl, string ReportUrl,
        string Provider, string ModelId, long? InputTokens, long? OutputTokens, string? Note = null);

    public sealed record ErrorPayload(string Type, string Code, string Message);

    public sealed record CancelledPayload(string Type, string Message);
}
