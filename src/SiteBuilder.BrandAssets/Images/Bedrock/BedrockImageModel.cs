using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using SiteBuilder.Storage.Aws;
using SiteBuilder.BrandAssets.Uploads;

namespace SiteBuilder.BrandAssets.Images.Bedrock;

/// <summary>
/// Logos and backgrounds from a Bedrock image model through <c>InvokeModel</c>
/// (<c>POST /model/{modelId}/invoke</c>), signed with SigV4. Speaks two body formats: Stability
/// (Stable Image Core, SD3.5 Large; one image per call, so <c>count</c> calls run with bounded
/// parallelism) and Amazon Nova Canvas (up to five images per call).
/// </summary>
public sealed partial class BedrockImageModel : IImageModel
{
    public const string StableImageCore = "stability.stable-image-core-v1:1";
    public const string StableDiffusion35Large = "stability.sd3-5-large-v1:0";
    public const string NovaCanvas = "amazon.nova-canvas-v1:0";

    /// <summary>The SigV4 signing name of the Bedrock runtime.</summary>
    public const string SigningService = "bedrock";

    private const int NovaMaxImagesPerCall = 5;
    private const int NovaMaxPromptLength = 1024;
    private const int StabilityMaxPromptLength = 10000;
    private const long NovaMaxSeed = 2_147_483_646;
    private const long StabilityMaxSeed = 4_294_967_294;
    private const int NovaMaxPixels = 4_194_304;

    private static readonly (string Ratio, double Value)[] StabilityAspectRatios =
        [("21:9", 21 / 9.0), ("16:9", 16 / 9.0), ("3:2", 3 / 2.0), ("5:4", 5 / 4.0), ("1:1", 1), ("4:5", 4 / 5.0), ("2:3", 2 / 3.0), ("9:16", 9 / 16.0), ("9:21", 9 / 21.0)];

    private readonly HttpClient _http;
    private readonly BedrockImageOptions _options;
    private readonly AWSCredentials? _credentials;
    private readonly TimeProvider _time;
    private readonly ModelFamily _family;
    private readonly Uri _invokeUri;

    /// <param name="httpClient">Not disposed by the model.</param>
    /// <param name="options">Model, region and optional endpoint.</param>
    /// <param name="credentials">Null: the AWS default chain (environment, profile, ECS task role, instance profile).</param>
    /// <param name="timeProvider">Clock for the signature date.</param>
    public BedrockImageModel(HttpClient httpClient, BedrockImageOptions options, AWSCredentials? credentials = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region);
        _http = httpClient;
        _options = options;
        _credentials = credentials;
        _time = timeProvider ?? TimeProvider.System;
        _family = options.ModelId.Contains("stability.", StringComparison.Ordinal) ? ModelFamily.Stability
            : options.ModelId.Contains("nova-canvas", StringComparison.Ordinal) ? ModelFamily.NovaCanvas
            : throw new ArgumentException(
                $"Bedrock image model '{options.ModelId}' is not supported; use {StableImageCore}, {StableDiffusion35Large} or {NovaCanvas}.", nameof(options));
        var endpoint = options.Endpoint ?? new Uri($"https://bedrock-runtime.{options.Region}.amazonaws.com");

        // The model id is one path segment: "v1:0" travels as "v1%3A0" (and an inference-profile ARN's "/" as "%2F").
        _invokeUri = new Uri($"{endpoint.GetLeftPart(UriPartial.Authority)}{endpoint.AbsolutePath.TrimEnd('/')}/model/{Uri.EscapeDataString(options.ModelId)}/invoke");
    }

    private enum ModelFamily
    {
        Stability,
        NovaCanvas,
    }

    public string Provider => "bedrock";

    public string ModelId => _options.ModelId;

    public async Task<IReadOnlyList<GeneratedImage>> GenerateAsync(ImageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.EnsureValid();
        var credentials = await ResolveCredentialsAsync().ConfigureAwait(false);
        return _family == ModelFamily.Stability
            ? await StabilityAsync(request, credentials, ct).ConfigureAwait(false)
            : await NovaAsync(request, credentials, ct).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<GeneratedImage>> StabilityAsync(ImageRequest request, ImmutableCredentials credentials, CancellationToken ct)
    {
        var (prompt, negative) = ImagePrompt.Compose(request, StabilityMaxPromptLength);
        var aspect = StabilityAspectRatios.MinBy(r => Math.Abs(Math.Log((double)request.Width / request.Height) - Math.Log(r.Value))).Ratio;
        var results = new GeneratedImage[request.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelCalls, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, request.Count), parallel, async (i, token) =>
        {
            // Seeds run 1..max: 0 would ask Stability for a random seed and lose repeatability.
            var seed = 1 + (((request.Seed ?? Random.Shared.NextInt64(0, StabilityMaxSeed)) + i) % StabilityMaxSeed);
            var body = new JsonObject
            {
                ["prompt"] = prompt,
                ["negative_prompt"] = negative,
                ["aspect_ratio"] = aspect,
                ["seed"] = seed,
                ["output_format"] = "png",
            };
            using var answer = await InvokeAsync(body, credentials, request.Kind, token).ConfigureAwait(false);
            var root = answer.RootElement;
            if (root.TryGetProperty("finish_reasons", out var reasons) && reasons.ValueKind == JsonValueKind.Array
                && reasons.EnumerateArray().FirstOrDefault(r => r.ValueKind == JsonValueKind.String) is { ValueKind: JsonValueKind.String } reason)
            {
                var text = reason.GetString() ?? string.Empty;
                throw text.StartsWith("Filter reason", StringComparison.OrdinalIgnoreCase)
                    ? Filtered(request.Kind, $"Stability finish reason: {text}")
                    : Failed($"Stability finish reason: {text}");
            }

            var image = Images(root).FirstOrDefault() ?? throw Failed("The Stability answer has no image.");
            results[i] = Decode(image, $"{DisplayName} {Noun(request.Kind)}, seed {seed}: {Shorten(request.Prompt)}");
        }).ConfigureAwait(false);
        return results;
    }

    private async Task<IReadOnlyList<GeneratedImage>> NovaAsync(ImageRequest request, ImmutableCredentials credentials, CancellationToken ct)
    {
        var (prompt, negative) = ImagePrompt.Compose(request, NovaMaxPromptLength);
        var (width, height) = NovaSize(request.Width, request.Height);
        var firstSeed = request.Seed ?? Random.Shared.NextInt64(0, 858_993_460);
        var batches = Enumerable.Range(0, (request.Count + NovaMaxImagesPerCall - 1) / NovaMaxImagesPerCall)
            .Select(b => (Index: b, Count: Math.Min(NovaMaxImagesPerCall, request.Count - (b * NovaMaxImagesPerCall))))
            .ToList();
        var results = new GeneratedImage[request.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelCalls, CancellationToken = ct };
        await Parallel.ForEachAsync(batches, parallel, async (batch, token) =>
        {
            var seed = (firstSeed + batch.Index) % (NovaMaxSeed + 1);
            var body = new JsonObject
            {
                ["taskType"] = "TEXT_IMAGE",
                ["textToImageParams"] = new JsonObject { ["text"] = prompt, ["negativeText"] = negative },
                ["imageGenerationConfig"] = new JsonObject
                {
                    ["numberOfImages"] = batch.Count,
                    ["width"] = width,
                    ["height"] = height,
                    ["seed"] = seed,
                    ["cfgScale"] = request.Kind == ImageKind.Logo ? 8.0 : 6.5,
                },
            };
            using var answer = await InvokeAsync(body, credentials, request.Kind, token).ConfigureAwait(false);
            var root = answer.RootElement;
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String && error.GetString() is { Length: > 0 } message)
            {
                throw ContentFilter().IsMatch(message) ? Filtered(request.Kind, $"Nova Canvas error: {message}") : Failed($"Nova Canvas error: {message}");
            }

            var images = Images(root).ToList();
            if (images.Count != batch.Count)
            {
                throw Failed($"Nova Canvas returned {images.Count} images for {batch.Count} requested.");
            }

            for (var i = 0; i < images.Count; i++)
            {
                var n = (batch.Index * NovaMaxImagesPerCall) + i;
                results[n] = Decode(images[i], $"{DisplayName} {Noun(request.Kind)}, seed {seed} image {i + 1}: {Shorten(request.Prompt)}");
            }
        }).ConfigureAwait(false);
        return results;
    }

    /// <summary>
    /// Nova Canvas takes sides of 320–4096 px in steps of 16, at most 4.19 megapixels and an aspect ratio
    /// between 1:4 and 4:1; this is the nearest such size to the request.
    /// </summary>
    internal static (int Width, int Height) NovaSize(int width, int height)
    {
        var ratio = Math.Clamp((double)width / height, 0.25, 4);
        var pixels = Math.Clamp((double)width * height, 320.0 * 320, NovaMaxPixels);
        var w = Math.Sqrt(pixels * ratio);
        var h = w / ratio;
        var grow = 320 / Math.Min(w, h);
        if (grow > 1)
        {
            w *= grow;
            h *= grow;
        }

        int Snap(double side) => Math.Clamp((int)Math.Round(side / 16) * 16, 320, 4096);
        var (sw, sh) = (Snap(w), Snap(h));
        while ((long)sw * sh > NovaMaxPixels)
        {
            if (sw >= sh)
            {
                sw -= 16;
            }
            else
            {
                sh -= 16;
            }
        }

        return (sw, sh);
    }

    private async Task<ImmutableCredentials> ResolveCredentialsAsync()
    {
        try
        {
            var credentials = _credentials ?? await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null).ConfigureAwait(false);
            return await credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            throw new ImageModelException(ImageModelFailure.Failed,
                "The image service is not set up: no AWS credentials were found. Ask an administrator to check the Bedrock settings.",
                e.Message, e);
        }
    }

    private async Task<JsonDocument> InvokeAsync(JsonObject body, ImmutableCredentials credentials, ImageKind kind, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        using var message = new HttpRequestMessage(HttpMethod.Post, _invokeUri) { Content = new ByteArrayContent(bytes) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        SigV4Signer.Sign(message, bytes, credentials, _options.Region, SigningService, _time.GetUtcNow());

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.CallTimeout);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var content = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Classify(response, content, kind);
            }

            try
            {
                return JsonDocument.Parse(content);
            }
            catch (JsonException e)
            {
                throw Failed($"Bedrock answered {(int)response.StatusCode} with a body that is not JSON: {e.Message}");
            }
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ImageModelException(ImageModelFailure.Unavailable, UnavailableMessage,
                $"No answer from {_invokeUri.Host} within {_options.CallTimeout.TotalSeconds:0} s.", e);
        }
        catch (HttpRequestException e)
        {
            throw new ImageModelException(ImageModelFailure.Unavailable, UnavailableMessage, $"{_invokeUri.Host}: {e.Message}", e);
        }
    }

    /// <summary>Maps a Bedrock error answer (status, <c>x-amzn-ErrorType</c>, <c>message</c>) to a classified failure.</summary>
    private static ImageModelException Classify(HttpResponseMessage response, byte[] content, ImageKind kind)
    {
        var (type, message) = ErrorOf(response, content);
        var detail = $"Bedrock {(int)response.StatusCode} {type}: {message}";
        var status = response.StatusCode;
        if (status == HttpStatusCode.TooManyRequests || type is "ThrottlingException" or "ServiceQuotaExceededException")
        {
            return new ImageModelException(ImageModelFailure.Throttled,
                "The image service is busy right now. Wait a minute and try again.", detail);
        }

        if (status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout
            || type is "ServiceUnavailableException" or "InternalServerException" or "ModelTimeoutException" or "ModelNotReadyException")
        {
            return new ImageModelException(ImageModelFailure.Unavailable, UnavailableMessage, detail);
        }

        if (status == HttpStatusCode.BadRequest && ContentFilter().IsMatch(message))
        {
            return Filtered(kind, detail);
        }

        return Failed(detail);
    }

    private static (string Type, string Message) ErrorOf(HttpResponseMessage response, byte[] content)
    {
        var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First().Split(':')[0] : string.Empty;
        var message = string.Empty;
        try
        {
            using var json = JsonDocument.Parse(content);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.NameEquals("message") || property.NameEquals("Message"))
                {
                    message = property.Value.GetString() ?? string.Empty;
                }
                else if (property.NameEquals("__type") && type.Length == 0)
                {
                    type = (property.Value.GetString() ?? string.Empty).Split('#')[^1];
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            message = System.Text.Encoding.UTF8.GetString(content.AsSpan(0, Math.Min(content.Length, 300)));
        }

        return (type.Length == 0 ? "UnknownError" : type, message);
    }

    private static IEnumerable<string> Images(JsonElement root)
        => root.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array
            ? images.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!)
            : [];

    private static GeneratedImage Decode(string base64, string description)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw Failed("An image in the answer is not valid base64.");
        }

        var type = AssetContent.Sniff(bytes);
        var size = AssetContent.ReadSize(bytes);
        if (type is not (AssetType.Png or AssetType.Jpeg or AssetType.Webp) || size is not { } s)
        {
            throw Failed($"An image in the answer is not a readable PNG, JPEG or WebP ({type}).");
        }

        return new GeneratedImage(bytes, type.ContentType(), s.Width, s.Height, description);
    }

    private string DisplayName => _options.ModelId switch
    {
        var id when id.Contains("stable-image-core", StringComparison.Ordinal) => "Stable Image Core",
        var id when id.Contains("sd3-5-large", StringComparison.Ordinal) => "Stable Diffusion 3.5 Large",
        var id when id.Contains("nova-canvas", StringComparison.Ordinal) => "Nova Canvas",
        var id => id,
    };

    private static string Noun(ImageKind kind) => kind == ImageKind.Logo ? "logo" : "background";

    private static string Shorten(string prompt) => prompt.Length <= 120 ? prompt.Trim() : prompt[..119].TrimEnd() + "…";

    private const string UnavailableMessage = "The image service is temporarily unavailable. Try again in a few minutes.";

    private static ImageModelException Filtered(ImageKind kind, string detail) => new(ImageModelFailure.ContentFiltered,
        $"The image request was blocked by the content filter. Try describing the {Noun(kind)} without names of real people, other companies' brands or sensitive themes, and focus on shapes, colours and mood.",
        detail);

    private static ImageModelException Failed(string detail) => new(ImageModelFailure.Failed,
        "The image could not be generated. Try again; if it keeps failing, tell your administrator.", detail);

    [GeneratedRegex(@"content filter|blocked|filtered|responsible ai|moderation", RegexOptions.IgnoreCase)]
    private static partial Regex ContentFilter();
}
