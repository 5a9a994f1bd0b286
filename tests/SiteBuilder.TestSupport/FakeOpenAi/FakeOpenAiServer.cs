using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.TestSupport.FakeOpenAi;

/// <summary>
/// A local OpenAI-compatible chat-completions endpoint (as Ollama, vLLM and LM Studio serve it):
/// <c>POST {base}/chat/completions</c> with <c>"stream": true</c> answers <c>text/event-stream</c> of
/// <c>chat.completion.chunk</c> objects ending in <c>data: [DONE]</c>, with a usage chunk when the request
/// asks for one (<c>stream_options.include_usage</c>). Scripted per request; records every request.
/// </summary>
public sealed class FakeOpenAiServer : ScriptedFakeServer<FakeOpenAiScript>
{
    private FakeOpenAiServer(string? requiredApiKey)
    {
        RequiredApiKey = requiredApiKey;
    }

    /// <summary>When set, requests without <c>Authorization: Bearer {key}</c> get 401.</summary>
    public string? RequiredApiKey { get; }

    /// <summary><c>http://127.0.0.1:{port}/v1</c>: the base URL to give the client.</summary>
    public Uri BaseUrl => new(AppBaseUrl, "/v1");

    public static async Task<FakeOpenAiServer> StartAsync(string? requiredApiKey = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeOpenAiServer(requiredApiKey);
        await server.StartAppAsync(cancellationToken);
        return server;
    }

    protected override string Name => "The fake endpoint";

    protected override async Task HandleAsync(HttpContext context, RecordedRequest request, CancellationToken token)
    {
        var response = context.Response;

        if (request.Method != HttpMethods.Post || !request.Path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await WriteErrorAsync(response, new OpenAiHttpError(404, "not_found_error", $"No route for {request.Method} {request.Path}."), token);
            return;
        }

        if (RequiredApiKey is not null && request.Header("Authorization") != $"Bearer {RequiredApiKey}")
        {
            await WriteErrorAsync(response, new OpenAiHttpError(401, "invalid_api_key", "Incorrect API key provided."), token);
            return;
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(request.Body);
        }
        catch (JsonException ex)
        {
            await WriteErrorAsync(response, new OpenAiHttpError(400, "invalid_request_error", $"Body is not JSON: {ex.Message}"), token);
            return;
        }

        var script = NextScript();
        try
        {
            await Task.Delay(script.TimeToFirstByte, token);
            if (script.HttpError is { } error)
            {
                await WriteErrorAsync(response, error, token);
                return;
            }

            if (body?["stream"]?.GetValue<bool>() != true)
            {
                await WriteErrorAsync(response, new OpenAiHttpError(400, "invalid_request_error", "The fake endpoint serves only \"stream\": true."), token);
                return;
            }

            var model = body["model"]?.GetValue<string>() ?? "unknown";
            var includeUsage = body["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
            await StreamAsync(response, script, model, includeUsage, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away (or the fake is stopping).
        }
    }

    private static async Task StreamAsync(HttpResponse response, FakeOpenAiScript script, string model, bool includeUsage, CancellationToken token)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";

        var id = "chatcmpl-" + Guid.NewGuid().ToString("N")[..12];
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        JsonObject Chunk(JsonObject? delta, string? finishReason) => new()
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = created,
            ["model"] = model,
            ["system_fingerprint"] = "fp_fake",
            ["choices"] = delta is null
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
        };

        await WriteEventAsync(response, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null).ToJsonString(), token);
        var deltas = script.Deltas();
        for (var sent = 0; ; sent++)
        {
            if (script.StallAfterDeltas == sent)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }

            if (sent == deltas.Count)
            {
                break;
            }

            await Task.Delay(script.DeltaLatency, token);
            await WriteEventAsync(response, Chunk(new JsonObject { ["content"] = deltas[sent] }, null).ToJsonString(), token);
        }

        await WriteEventAsync(response, Chunk(new JsonObject(), script.FinishReason).ToJsonString(), token);
        if (includeUsage)
        {
            var usage = Chunk(null, null);
            usage["usage"] = new JsonObject
            {
                ["prompt_tokens"] = script.PromptTokens,
                ["completion_tokens"] = script.ReportedCompletionTokens,
                ["total_tokens"] = script.PromptTokens + script.ReportedCompletionTokens,
            };
            await WriteEventAsync(response, usage.ToJsonString(), token);
        }

        await WriteEventAsync(response, "[DONE]", token);
    }

    private static async Task WriteEventAsync(HttpResponse response, string data, CancellationToken token)
    {
        await response.WriteAsync($"data: {data}\n\n", token);
        await response.Body.FlushAsync(token);
    }

    private static async Task WriteErrorAsync(HttpResponse response, OpenAiHttpError error, CancellationToken token)
    {
        response.StatusCode = error.StatusCode;
        response.ContentType = "application/json";
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = error.Message, ["type"] = error.Type, ["code"] = error.StatusCode },
        };
        await response.WriteAsync(body.ToJsonString(), token);
    }
}
