namespace SiteBuilder.TestSupport.FakeBedrock;

/// <summary>
/// What the fake Bedrock does with one <c>invoke-with-response-stream</c> request: stream a text in
/// deltas (with a time to first byte and a latency per delta), answer an HTTP error instead, send an
/// exception frame part-way, or stall part-way and keep the connection open.
/// </summary>
public sealed record FakeBedrockScript
{
    public const string DefaultPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Spring Sale</title>
        <style>:root{--primary:#0066CC;--secondary:#FF6600}body{font-family:Inter,system-ui,sans-serif;margin:0}</style></head>
        <body><header><nav aria-label="Main"><a href="#">Acme</a></nav></header>
        <main><section><h1>Spring Sale — 30% off everything</h1><p>Fresh gear for the new season.</p><a href="#">Shop now</a></section></main>
        <footer><p>© Acme</p></footer></body>
        </html>
        """;

    /// <summary>The text the model "writes"; split into <see cref="DeltaCount"/> text deltas.</summary>
    public string Text { get; init; } = DefaultPage;

    public int DeltaCount { get; init; } = 8;

    /// <summary>Delay before the response headers and the first frame.</summary>
    public TimeSpan TimeToFirstByte { get; init; }

    /// <summary>Delay before each text delta.</summary>
    public TimeSpan DeltaLatency { get; init; }

    /// <summary>Reported in <c>message_start</c>.</summary>
    public long InputTokens { get; init; } = 1850;

    /// <summary>Reported in <c>message_delta</c>; null for about one token per four characters.</summary>
    public long? OutputTokens { get; init; }

    /// <summary><c>end_turn</c>, or <c>max_tokens</c> for a page cut off at the limit.</summary>
    public string StopReason { get; init; } = "end_turn";

    /// <summary>Answer with this error status and body instead of a stream.</summary>
    public BedrockHttpError? HttpError { get; init; }

    /// <summary>Send this exception frame after <see cref="BedrockStreamError.AfterDeltas"/> deltas, then end the response.</summary>
    public BedrockStreamError? StreamError { get; init; }

    /// <summary>After this many deltas send nothing more and keep the connection open until the client gives up.</summary>
    public int? StallAfterDeltas { get; init; }

    public static FakeBedrockScript Page(string text, int deltas = 8) => new() { Text = text, DeltaCount = deltas };

    public static FakeBedrockScript Failing(BedrockHttpError error) => new() { HttpError = error };

    /// <summary>The deltas this script streams, in order; concatenated they are <see cref="Text"/>.</summary>
    public IReadOnlyList<string> Deltas() => TextDeltas.Split(Text, DeltaCount);

    internal long ReportedOutputTokens => OutputTokens ?? Math.Max(1, Text.Length / 4);
}

/// <summary>An error Bedrock answers before any stream, with its status, <c>x-amzn-ErrorType</c> and <c>{"message"}</c> body.</summary>
public sealed record BedrockHttpError(int StatusCode, string ErrorType, string Message)
{
    public static BedrockHttpError Throttling { get; } = new(429, "ThrottlingException", "Too many requests, please wait before trying again.");

    public static BedrockHttpError ServiceUnavailable { get; } = new(503, "ServiceUnavailableException", "Bedrock is unable to process your request.");

    public static BedrockHttpError ModelTimeout { get; } = new(408, "ModelTimeoutException", "Model has timed out in processing the request. Try your request again.");

    public static BedrockHttpError InternalServer { get; } = new(500, "InternalServerException", "The server encountered an internal error while processing the request.");

    public static BedrockHttpError AccessDenied { get; } = new(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.");

    public static BedrockHttpError ResourceNotFound { get; } = new(404, "ResourceNotFoundException", "Could not resolve the foundation model from the provided model identifier.");

    public static BedrockHttpError Validation(string message = "Malformed input request, please reformat your input and try again.") => new(400, "ValidationException", message);
}

/// <summary>An exception frame Bedrock sends once the stream has started (<c>:message-type</c> = <c>exception</c>).</summary>
/// <param name="ExceptionType">The <c>:exception-type</c> header, e.g. <c>throttlingException</c>.</param>
public sealed record BedrockStreamError(string ExceptionType, string Message, int AfterDeltas)
{
    public static BedrockStreamError Throttling(int afterDeltas) => new("throttlingException", "Too many tokens, please wait before trying again.", afterDeltas);

    public static BedrockStreamError ServiceUnavailable(int afterDeltas) => new("serviceUnavailableException", "Bedrock is unable to process your request.", afterDeltas);

    public static BedrockStreamError ModelTimeout(int afterDeltas) => new("modelTimeoutException", "Model has timed out in processing the request.", afterDeltas);

    public static BedrockStreamError InternalServer(int afterDeltas) => new("internalServerException", "The server encountered an internal error.", afterDeltas);

    public static BedrockStreamError ModelStreamError(int afterDeltas) => new("modelStreamErrorException", "The model encountered an error while streaming the response.", afterDeltas);

    public static BedrockStreamError Validation(int afterDeltas) => new("validationException", "Output blocked by content filtering policy.", afterDeltas);
}

/// <summary>Splits a text into a number of deltas without breaking a surrogate pair.</summary>
public static class TextDeltas
{
    public static IReadOnlyList<string> Split(string text, int count)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (text.Length == 0)
        {
            return [];
        }

        count = Math.Min(count, text.Length);
        var deltas = new List<string>(count);
        var start = 0;
        for (var i = 1; i <= count; i++)
        {
            var end = i == count ? text.Length : (int)((long)text.Length * i / count);
            if (end < text.Length && end > start && char.IsLowSurrogate(text[end]))
            {
                end++;
            }

            if (end > start)
            {
                deltas.Add(text[start..end]);
                start = end;
            }
        }

        return deltas;
    }
}
