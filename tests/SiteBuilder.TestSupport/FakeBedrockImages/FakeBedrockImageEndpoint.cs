using SiteBuilder.TestSupport.Aws;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SiteBuilder.TestSupport.FakeBedrockImages;

/// <summary>
/// A local Bedrock runtime for image models on a loopback port: <c>POST /model/{modelId}/invoke</c> in the
/// Stability and Nova Canvas wire formats. It verifies every SigV4 signature for real (403 when wrong),
/// validates bodies as strictly as Bedrock (400 ValidationException), records each request, and can be
/// told to throttle, be unavailable or filter content.
/// </summary>
public sealed class FakeBedrockImageEndpoint : IAsyncDisposable
{
    public const string Region = "us-west-2";
    public const string AccessKeyId = "AKIAFAKEIMAGEMODEL01";
    public const string SecretAccessKey = "fakeImageSecret/K7MDENG+bPxRfiCYFAKEKEY01";
    public const string SessionAccessKeyId = "ASIAFAKEIMAGEMODEL02";
    public const string SessionSecretAccessKey = "fakeSessionSecret/9xQw+TaskRoleFAKEKEY02";
    public const string SessionToken = "IQoJb3JpZ2luX2VjEFakeTaskRoleSessionToken//0123456789+abcdef==";

    private const string ErrorNamespace = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

    private static readonly string[] StabilityKeys = ["prompt", "negative_prompt", "aspect_ratio", "seed", "output_format", "mode"];
    private static readonly string[] NovaConfigKeys = ["numberOfImages", "width", "height", "quality", "cfgScale", "seed"];

    /// <summary>Output sizes of Stable Image Core and SD3.5 Large per aspect ratio (about one megapixel).</summary>
    private static readonly Dictionary<string, (int Width, int Height)> StabilitySizes = new(StringComparer.Ordinal)
    {
        ["1:1"] = (1024, 1024), ["16:9"] = (1344, 768), ["21:9"] = (1536, 640), ["2:3"] = (832, 1216), ["3:2"] = (1216, 832),
        ["4:5"] = (896, 1088), ["5:4"] = (1088, 896), ["9:16"] = (768, 1344), ["9:21"] = (640, 1536),
    };

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedImageRequest> _requests = new();
    private readonly FakeAwsCredentials[] _keys =
    [
        new(AccessKeyId, SecretAccessKey, null, Region),
        new(SessionAccessKeyId, SessionSecretAccessKey, SessionToken, Region),
    ];

    private int _reply = (int)FakeImageReply.Images;

    private FakeBedrockImageEndpoint(WebApplication app) => _app = app;

    /// <summary>Long-lived keys the fake accepts.</summary>
    public static AWSCredentials Credentials => new BasicAWSCredentials(AccessKeyId, SecretAccessKey);

    /// <summary>Temporary keys with a session token, like an ECS task role's; the token must be sent and signed.</summary>
    public static AWSCredentials SessionCredentials => new SessionAWSCredentials(SessionAccessKeyId, SessionSecretAccessKey, SessionToken);

    /// <summary><c>http://127.0.0.1:{port}</c>: use as the model's endpoint.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How correctly signed, well-formed requests are answered from now on.</summary>
    public FakeImageReply Reply
    {
        get => (FakeImageReply)Volatile.Read(ref _reply);
        set => Volatile.Write(ref _reply, (int)value);
    }

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<RecordedImageRequest> Requests => [.. _requests];

    public static async Task<FakeBedrockImageEndpoint> StartAsync(CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();

        // Port 0: the OS picks a free port at bind time, so parallel test runs never race for one.
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeBedrockImageEndpoint(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseAddress = new Uri(address);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();

        var segments = rawTarget.Split('?', 2)[0].Split('/');
        var modelId = segments.Length == 4 && segments[1] == "model" && segments[3] == "invoke" ? Uri.UnescapeDataString(segments[2]) : string.Empty;
        var verdict = SigV4Verifier.Verify(request, rawTarget, body, _keys, "bedrock", DateTimeOffset.UtcNow);
        var signatureError = verdict.IsValid ? null : verdict.Failure;

        var (status, type, answer) = signatureError is not null
            ? (403, signatureError.Contains("security token", StringComparison.Ordinal) ? "UnrecognizedClientException" : "InvalidSignatureException", Message(signatureError))
            : request.Method != HttpMethods.Post || modelId.Length == 0
                ? (404, "UnknownOperationException", Message("Unknown operation."))
                : Answer(modelId, body);

        _requests.Enqueue(new RecordedImageRequest(request.Method, rawTarget, modelId,
            request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(',', h.Value.ToArray()), StringComparer.Ordinal),
            body, signatureError, status));

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (type is not null)
        {
            context.Response.Headers["x-amzn-ErrorType"] = type + ErrorNamespace;
        }

        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private (int Status, string? ErrorType, JsonNode Body) Answer(string modelId, byte[] body)
    {
        var stability = modelId.Contains("stability.", StringComparison.Ordinal);
        if (!stability && !modelId.Contains("nova-canvas", StringComparison.Ordinal))
        {
            return (400, "ValidationException", Message("The provided model identifier is invalid."));
        }

        JsonObject json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return (400, "ValidationException", Message("Malformed input request, please reformat your input and try again."));
        }

        var invalid = stability ? ValidateStability(json) : ValidateNova(json);
        if (invalid is not null)
        {
            return (400, "ValidationException", Message($"Malformed input request: {invalid}, please reformat your input and try again."));
        }

        switch (Reply)
        {
            case FakeImageReply.Throttled:
                return (429, "ThrottlingException", Message("Too many requests, please wait before trying again."));
            case FakeImageReply.Unavailable:
                return (503, "ServiceUnavailableException", Message("Bedrock is unable to process your request."));
            case FakeImageReply.ContentFilteredRequest:
                return (400, "ValidationException", Message("This request has been blocked by our content filters. Please adjust your text prompt to submit a new request."));
            case FakeImageReply.FilteredOutput when stability:
                return (200, null, new JsonObject { ["finish_reasons"] = new JsonArray("Filter reason: prompt") });
            case FakeImageReply.FilteredOutput:
                return (200, null, new JsonObject
                {
                    ["images"] = new JsonArray(),
                    ["error"] = "The generated image has been blocked by our content filters. Please adjust your text prompt to submit a new request.",
                });
        }

        if (stability)
        {
            var ratio = (string?)json["aspect_ratio"] ?? "1:1";
            var (width, height) = StabilitySizes[ratio];
            var seed = json["seed"]?.GetValue<long>() is > 0 and var s ? s : Random.Shared.NextInt64(1, 4_294_967_295);
            return (200, null, new JsonObject
            {
                ["seeds"] = new JsonArray(seed),
                ["finish_reasons"] = new JsonArray((JsonNode?)null),
                ["images"] = new JsonArray(Png(width, height, seed, 0)),
            });
        }

        var config = json["imageGenerationConfig"] as JsonObject;
        var count = config?["numberOfImages"]?.GetValue<int>() ?? 1;
        var novaWidth = config?["width"]?.GetValue<int>() ?? 1024;
        var novaHeight = config?["height"]?.GetValue<int>() ?? 1024;
        var novaSeed = config?["seed"]?.GetValue<long>() ?? 12;
        var images = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            images.Add(Png(novaWidth, novaHeight, novaSeed, i));
        }

        return (200, null, new JsonObject { ["images"] = images, ["error"] = null });
    }

    private static string? ValidateStability(JsonObject json)
    {
        if (json.Select(p => p.Key).FirstOrDefault(k => !StabilityKeys.Contains(k)) is { } extra)
        {
            return $"extraneous key [{extra}] is not permitted";
        }

        if (json["prompt"] is not JsonValue prompt || !prompt.TryGetValue<string>(out var text) || text.Length is 0 or > 10000)
        {
            return "#/prompt: expected a string of 1 to 10000 characters";
        }

        if (json["negative_prompt"] is { } negative && (negative is not JsonValue nv || !nv.TryGetValue<string>(out var n) || n.Length > 10000))
        {
            return "#/negative_prompt: expected a string of at most 10000 characters";
        }

        if (json["aspect_ratio"] is { } ratio && (ratio is not JsonValue rv || !rv.TryGetValue<string>(out var r) || !StabilitySizes.ContainsKey(r)))
        {
            return "#/aspect_ratio: " + ratio.ToJsonString() + " is not a valid enum value";
        }

        if (json["seed"] is { } seed && (seed is not JsonValue sv || !sv.TryGetValue<long>(out var s) || s is < 0 or > 4_294_967_294))
        {
            return "#/seed: expected an integer from 0 to 4294967294";
        }

        if (json["output_format"] is { } format && (format is not JsonValue fv || !fv.TryGetValue<string>(out var f) || f is not ("png" or "jpeg" or "webp")))
        {
            return "#/output_format: " + format.ToJsonString() + " is not a valid enum value";
        }

        return null;
    }

    private static string? ValidateNova(JsonObject json)
    {
        if ((string?)json["taskType"] != "TEXT_IMAGE")
        {
            return "taskType: expected TEXT_IMAGE";
        }

        if (json["textToImageParams"] is not JsonObject parameters
            || parameters["text"] is not JsonValue text || !text.TryGetValue<string>(out var t) || t.Length is 0 or > 1024)
        {
            return "textToImageParams.text: expected a string of 1 to 1024 characters";
        }

        if (parameters["negativeText"] is { } negative && (negative is not JsonValue nv || !nv.TryGetValue<string>(out var n) || n.Length is 0 or > 1024))
        {
            return "textToImageParams.negativeText: expected a string of 1 to 1024 characters";
        }

        if (json["imageGenerationConfig"] is not { } node)
        {
            return null;
        }

        if (node is not JsonObject config)
        {
            return "imageGenerationConfig: expected an object";
        }

        if (config.Select(p => p.Key).FirstOrDefault(k => !NovaConfigKeys.Contains(k)) is { } extra)
        {
            return $"imageGenerationConfig: extraneous key [{extra}] is not permitted";
        }

        var count = Integer(config, "numberOfImages") ?? 1;
        var width = Integer(config, "width") ?? 1024;
        var height = Integer(config, "height") ?? 1024;
        var seed = Integer(config, "seed") ?? 12;
        if (count is < 1 or > 5)
        {
            return "numberOfImages: expected 1 to 5";
        }

        if (width is < 320 or > 4096 || height is < 320 or > 4096 || width % 16 != 0 || height % 16 != 0)
        {
            return "width and height: expected multiples of 16 from 320 to 4096";
        }

        if (width * height > 4_194_304 || width > 4 * height || height > 4 * width)
        {
            return "width and height: at most 4194304 pixels and an aspect ratio between 1:4 and 4:1";
        }

        if (seed is < 0 or > 2_147_483_646)
        {
            return "seed: expected 0 to 2147483646";
        }

        if (config["cfgScale"] is { } cfg && (cfg is not JsonValue cv || !cv.TryGetValue<double>(out var c) || c is < 1.1 or > 10))
        {
            return "cfgScale: expected 1.1 to 10";
        }

        return null;
    }

    private static long? Integer(JsonObject config, string name)
        => config[name] is JsonValue value && value.TryGetValue<long>(out var n) ? n : null;

    private static string Png(int width, int height, long seed, int index)
    {
        var hash = (uint)HashCode.Combine(seed, index);
        return Convert.ToBase64String(TinyPng.Solid(width, height, (byte)hash, (byte)(hash >> 8), (byte)(hash >> 16)));
    }

    private static JsonObject Message(string message) => new() { ["message"] = message };
}
