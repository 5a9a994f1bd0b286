using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.TestSupport.FakeOpenAi;

/// <summary>What the fake OpenAI-compatible endpoint does with one chat-completions request.</summary>
public sealed record FakeOpenAiScript
{
    public string Text { get; init; } = FakeBedrockScript.DefaultPage;

    public int DeltaCount { get; init; } = 8;

    public TimeSpan TimeToFirstByte { get; init; }

    public TimeSpan DeltaLatency { get; init; }

    public long PromptTokens { get; init; } = 1500;

    /// <summary>Null for about one token per four characters.</summary>
    public long? CompletionTokens { get; init; }

    /// <summary><c>stop</c>, or <c>length</c> for a reply cut off at max tokens.</summary>
    public string FinishReason { get; init; } = "stop";

    /// <summary>Answer with this status and an OpenAI-style error body instead of a stream.</summary>
    public OpenAiHttpError? HttpError { get; init; }

    /// <summary>After this many deltas send nothing more and keep the connection open.</summary>
    public int? StallAfterDeltas { get; init; }

    public static FakeOpenAiScript Page(string text, int deltas = 8) => new() { Text = text, DeltaCount = deltas };

    public static FakeOpenAiScript Failing(OpenAiHttpError error) => new() { HttpError = error };

    public IReadOnlyList<string> Deltas() => TextDeltas.Split(Text, DeltaCount);

    internal long ReportedCompletionTokens => CompletionTokens ?? Math.Max(1, Text.Length / 4);
}

/// <summary>An error answer: status and <c>{"error": {"message", "type", "code"}}</c>.</summary>
public sealed record OpenAiHttpError(int StatusCode, string Type, string Message)
{
    public static OpenAiHttpError RateLimited { get; } = new(429, "rate_limit_exceeded", "Rate limit reached, please retry later.");

    public static OpenAiHttpError Unavailable { get; } = new(503, "server_error", "The server is overloaded; the model is loading.");

    public static OpenAiHttpError BadRequest { get; } = new(400, "invalid_request_error", "max_tokens is too large for this model.");

    public static OpenAiHttpError ModelNotFound(string model) => new(404, "not_found_error", $"model \"{model}\" not found, try pulling it first");
}
