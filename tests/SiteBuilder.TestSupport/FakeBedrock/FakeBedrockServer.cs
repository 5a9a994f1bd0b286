using SiteBuilder.TestSupport.Aws;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SiteBuilder.TestSupport.FakeBedrock;

/// <summary>
/// A local Bedrock runtime that speaks the real wire format: <c>POST /model/{modelId}/invoke-with-response-stream</c>
/// answered with an <c>application/vnd.amazon.eventstream</c> of Anthropic Messages streaming events, Bedrock's
/// error statuses and bodies, and exception frames. It checks each request's SigV4 signature against
/// <see cref="Credentials"/> and records every request.
/// </summary>
/// <example>
/// <code>
/// await using var bedrock = await FakeBedrockServer.StartAsync();
/// bedrock.Enqueue(FakeBedrockScript.Failing(BedrockHttpError.Throttling), FakeBedrockScript.Page(html, deltas: 12));
/// // point the client at bedrock.BaseUrl, sign with bedrock.Credentials
/// </code>
/// </example>
public sealed class FakeBedrockServer : ScriptedFakeServer<FakeBedrockScript>
{
    public const string SigningService = "bedrock";
    private const string StreamOperation = "invoke-with-response-stream";

    /// <summary>The only <c>anthropic_version</c> Bedrock's InvokeModel accepts for Claude.</summary>
    public const string AnthropicVersion = "bedrock-2023-05-31";

    private FakeBedrockServer(FakeAwsCredentials credentials)
    {
        Credentials = credentials;
    }

    /// <summary>The credentials requests must be signed with (region included).</summary>
    public FakeAwsCredentials Credentials { get; }

    /// <summary><c>http://127.0.0.1:{port}</c>: the Bedrock base URL to give the client.</summary>
    public Uri BaseUrl => AppBaseUrl;

    /// <summary>When false, badly signed requests are recorded but still served.</summary>
    public bool RequireValidSignature { get; set; } = true;

    /// <param name="credentials">What requests must be signed with; <see cref="FakeAwsCredentials.Temporary"/> (with a session token) by default.</param>
    public static async Task<FakeBedrockServer> StartAsync(FakeAwsCredentials? credentials = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeBedrockServer(credentials ?? FakeAwsCredentials.Temporary);
        await server.StartAppAsync(cancellationToken);
        return server;
    }

    protected override string Name => "The fake Bedrock";

    protected override async Task HandleAsync(HttpContext context, RecordedRequest request, CancellationToken token)
    {
        var response = context.Response;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();

        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (context.Request.Method != HttpMethods.Post || segments.Length != 3 || segments[0] != "model" || segments[2] != StreamOperation)
        {
            await WriteErrorAsync(response, new BedrockHttpError(404, "UnknownOperationException", $"The fake Bedrock serves only POST /model/{{modelId}}/{StreamOperation}."), token);
            return;
        }

        if (RequireValidSignature && request.Signature is { IsValid: false } verdict)
        {
            var type = verdict.Failure?.Contains("security token", StringComparison.Ordinal) == true ? "UnrecognizedClientException" : "InvalidSignatureException";
            await WriteErrorAsync(response, new BedrockHttpError(403, type, verdict.Failure ?? "Invalid signature."), token);
            return;
        }

        if (ValidateBody(request.Body) is { } invalid)
        {
            await WriteErrorAsync(response, BedrockHttpError.Validation(invalid), token);
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

            await StreamAsync(response, script, modelId: segments[1], token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away (or the fake is stopping): nothing left to send.
        }
    }

    /// <summary>The checks Bedrock's Anthropic Messages schema makes that a client can get wrong; null when the body passes.</summary>
    private static string? ValidateBody(string body)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException ex)
        {
            return $"Malformed input request: {ex.Message}";
        }

        if (json is null)
        {
            return "Malformed input request: the body is not a JSON object.";
        }

        foreach (var key in new[] { "model", "stream" })
        {
            if (json.ContainsKey(key))
            {
                return $"Malformed input request: #: extraneous key [{key}] is not permitted, please reformat your input and try again.";
            }
        }

        var version = json["anthropic_version"]?.GetValueKind() == JsonValueKind.String ? json["anthropic_version"]!.GetValue<string>() : null;
        if (version != AnthropicVersion)
        {
            return $"Malformed input request: anthropic_version must be \"{AnthropicVersion}\", got {(version is null ? "none" : $"\"{version}\"")}.";
        }

        if (json["max_tokens"]?.GetValueKind() != JsonValueKind.Number || json["max_tokens"]!.GetValue<long>() < 1)
        {
            return "Malformed input request: #: required key [max_tokens] not found or not a positive integer.";
        }

        if (json["messages"] is not JsonArray { Count: > 0 })
        {
            return "Malformed input request: #: required key [messages] not found or empty.";
        }

        return null;
    }

    private static async Task StreamAsync(HttpResponse response, FakeBedrockScript script, string modelId, CancellationToken token)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/vnd.amazon.eventstream";
        response.Headers["X-Amzn-Bedrock-Content-Type"] = "application/json";

        var deltas = script.Deltas();
        var sequence = 0;
        async Task SendAsync(JsonObject anthropicEvent) =>
            await WriteFrameAsync(response, EventStreamEncoder.Chunk(anthropicEvent.ToJsonString(), sequence++), token);

        await SendAsync(MessageStart(script, modelId));
        await SendAsync(new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } });
        for (var sent = 0; ; sent++)
        {
            if (script.StreamError is { } streamError && streamError.AfterDeltas == sent)
            {
                await WriteFrameAsync(response, EventStreamEncoder.Exception(streamError.ExceptionType, streamError.Message), token);
                return;
            }

            if (script.StallAfterDeltas == sent)
            {
                // Headers and every frame so far are flushed; the connection stays open with nothing more to read.
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }

            if (sent == deltas.Count)
            {
                break;
            }

            await Task.Delay(script.DeltaLatency, token);
            await SendAsync(new JsonObject
            {
                ["type"] = "content_block_delta",
                ["index"] = 0,
                ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = deltas[sent] },
            });
        }

        await SendAsync(new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
        await SendAsync(new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = script.StopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = script.ReportedOutputTokens },
        });
        await SendAsync(new JsonObject
        {
            ["type"] = "message_stop",
            ["amazon-bedrock-invocationMetrics"] = new JsonObject
            {
                ["inputTokenCount"] = script.InputTokens,
                ["outputTokenCount"] = script.ReportedOutputTokens,
                ["invocationLatency"] = (long)(script.TimeToFirstByte + (script.DeltaLatency * deltas.Count)).TotalMilliseconds,
                ["firstByteLatency"] = (long)script.TimeToFirstByte.TotalMilliseconds,
            },
        });
    }

    private static async Task WriteFrameAsync(HttpResponse response, byte[] frame, CancellationToken token)
    {
        await response.Body.WriteAsync(frame, token);
        await response.Body.FlushAsync(token);
    }

    private static async Task WriteErrorAsync(HttpResponse response, BedrockHttpError error, CancellationToken token)
    {
        response.StatusCode = error.StatusCode;
        response.ContentType = "application/json";
        response.Headers["x-amzn-ErrorType"] = $"{error.ErrorType}:http://internal.amazon.com/coral/com.amazon.bedrock/";
        await response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = error.Message }), token);
    }

    protected override SigV4Verdict VerifySignature(HttpContext context, string rawTarget, byte[] body)
    {
        var headerPairs = context.Request.Headers
            .SelectMany(header => header.Value.Select(value => new KeyValuePair<string, string>(header.Key, value ?? string.Empty)))
            .ToList();
        return SigV4Verifier.Verify(context.Request.Method, rawTarget, headerPairs, body, Credentials, SigningService, DateTimeOffset.UtcNow);
    }

    private static JsonObject MessageStart(FakeBedrockScript script, string modelId) => new()
    {
        ["type"] = "message_start",
        ["message"] = new JsonObject
        {
            ["id"] = "msg_bdrk_" + Guid.NewGuid().ToString("N")[..24],
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = ModelName(modelId),
            ["content"] = new JsonArray(),
            ["stop_reason"] = null,
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = script.InputTokens,
                ["cache_creation_input_tokens"] = 0,
                ["cache_read_input_tokens"] = 0,
                ["output_tokens"] = 1,
            },
        },
    };

    /// <summary>Bedrock reports the model's own name (<c>claude-sonnet-4-5-20250929</c>), not the profile id.</summary>
    private static string ModelName(string modelId)
    {
        var name = modelId;
        var anthropic = name.IndexOf("anthropic.", StringComparison.Ordinal);
        if (anthropic >= 0)
        {
            name = name[(anthropic + "anthropic.".Length)..];
        }

        var version = name.LastIndexOf("-v", StringComparison.Ordinal);
        return version > 0 ? name[..version] : name;
    }

}
