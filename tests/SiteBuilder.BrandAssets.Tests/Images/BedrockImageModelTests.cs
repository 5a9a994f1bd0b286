using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using SiteBuilder.BrandAssets.Images;
using SiteBuilder.BrandAssets.Images.Bedrock;
using SiteBuilder.BrandAssets.Uploads;
using SiteBuilder.TestSupport;
using SiteBuilder.TestSupport.FakeBedrockImages;

namespace SiteBuilder.BrandAssets.Tests.Images;

public sealed class BedrockImageModelTests : IAsyncLifetime
{
    private static readonly string[] StabilityBodyKeys = ["aspect_ratio", "negative_prompt", "output_format", "prompt", "seed"];

    private FakeBedrockImageEndpoint _fake = null!;
    private readonly HttpClient _http = new();

    public async ValueTask InitializeAsync() => _fake = await FakeBedrockImageEndpoint.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    private BedrockImageModel Model(string modelId, AWSCredentials? credentials = null, HttpClient? http = null, string region = FakeBedrockImageEndpoint.Region)
        => new(http ?? _http, new BedrockImageOptions { ModelId = modelId, Region = region, Endpoint = _fake.BaseAddress },
            credentials ?? FakeBedrockImageEndpoint.Credentials);

    private static ImageRequest Request(ImageKind kind = ImageKind.Logo, int count = 1, int width = 1024, int height = 1024, long? seed = 100)
        => new(kind, "Logo for Acme Coffee, a modern roastery", ImageStyle.Classic, ["#0066CC", "#FF6600"], count, width, height, seed);

    [Fact]
    public async Task StableImageCoreRequestIsSignedAndShapedForStability()
    {
        var images = await Model(BedrockImageModel.StableImageCore).GenerateAsync(Request(ImageKind.Background, width: 1920, height: 1080), TestContext.Current.CancellationToken);

        var sent = Assert.Single(_fake.Requests);
        Assert.True(sent.SignatureValid, sent.SignatureError);
        Assert.Equal("/model/stability.stable-image-core-v1%3A1/invoke", sent.RawTarget);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(sent.Body)), sent.Header("x-amz-content-sha256"));
        Assert.Null(sent.Header("x-amz-security-token"));
        Assert.Contains($"/{FakeBedrockImageEndpoint.Region}/bedrock/aws4_request", sent.Header("authorization"), StringComparison.Ordinal);
        Assert.Equal(["content-type", "host", "x-amz-content-sha256", "x-amz-date"], sent.SignedHeaders);

        var body = sent.Json;
        Assert.Equal(StabilityBodyKeys, body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("16:9", body.GetProperty("aspect_ratio").GetString());
        Assert.Equal("png", body.GetProperty("output_format").GetString());
        Assert.Equal(101, body.GetProperty("seed").GetInt64());
        var prompt = body.GetProperty("prompt").GetString()!;
        Assert.Contains("Logo for Acme Coffee, a modern roastery", prompt, StringComparison.Ordinal);
        Assert.Contains("Classic", prompt, StringComparison.Ordinal);
        Assert.Contains("blue (#0066CC)", prompt, StringComparison.Ordinal);
        Assert.Contains("orange (#FF6600)", prompt, StringComparison.Ordinal);
        Assert.Contains("text", body.GetProperty("negative_prompt").GetString(), StringComparison.Ordinal);

        var image = Assert.Single(images);
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal((1344, 768), (image.Width, image.Height));
        Assert.Equal(AssetType.Png, AssetContent.Sniff(image.Content));
    }

    [Fact]
    public async Task StabilityMakesOneSignedCallPerImageWithItsOwnSeed()
    {
        var images = await Model(BedrockImageModel.StableDiffusion35Large).GenerateAsync(Request(count: 4), TestContext.Current.CancellationToken);

        Assert.Equal(4, images.Count);
        Assert.Equal(4, _fake.Requests.Count);
        Assert.All(_fake.Requests, r =>
        {
            Assert.True(r.SignatureValid, r.SignatureError);
            Assert.Equal("/model/stability.sd3-5-large-v1%3A0/invoke", r.RawTarget);
        });
        Assert.Equal([101L, 102, 103, 104], _fake.Requests.Select(r => r.Json.GetProperty("seed").GetInt64()).Order());
        Assert.Equal(["seed 101", "seed 102", "seed 103", "seed 104"], images.Select(i => i.Description.Split(':')[0].Split(", ")[1]));
    }

    [Fact]
    public async Task NovaCanvasAsksForUpToFiveImagesPerCallAtAValidSize()
    {
        var images = await Model(BedrockImageModel.NovaCanvas).GenerateAsync(Request(ImageKind.Background, count: 7, width: 1920, height: 1080), TestContext.Current.CancellationToken);

        Assert.Equal(7, images.Count);
        var sent = _fake.Requests.OrderBy(r => r.Json.GetProperty("imageGenerationConfig").GetProperty("seed").GetInt64()).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, r =>
        {
            Assert.True(r.SignatureValid, r.SignatureError);
            Assert.Equal(200, r.Status);
            Assert.Equal("/model/amazon.nova-canvas-v1%3A0/invoke", r.RawTarget);
        });
        var body = sent[0].Json;
        Assert.Equal("TEXT_IMAGE", body.GetProperty("taskType").GetString());
        Assert.Contains("Logo for Acme Coffee", body.GetProperty("textToImageParams").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("watermark", body.GetProperty("textToImageParams").GetProperty("negativeText").GetString(), StringComparison.Ordinal);
        var config = body.GetProperty("imageGenerationConfig");
        Assert.Equal([5, 2], sent.Select(r => r.Json.GetProperty("imageGenerationConfig").GetProperty("numberOfImages").GetInt32()));
        Assert.Equal((1920, 1088), (config.GetProperty("width").GetInt32(), config.GetProperty("height").GetInt32()));
        Assert.Equal(6.5, config.GetProperty("cfgScale").GetDouble());
        Assert.Equal([100L, 101], sent.Select(r => r.Json.GetProperty("imageGenerationConfig").GetProperty("seed").GetInt64()));
        Assert.All(images, i => Assert.Equal((1920, 1088), (i.Width, i.Height)));
    }

    [Fact]
    public async Task TemporaryCredentialsSendAndSignTheSecurityToken()
    {
        await Model(BedrockImageModel.NovaCanvas, FakeBedrockImageEndpoint.SessionCredentials).GenerateAsync(Request(), TestContext.Current.CancellationToken);

        var sent = Assert.Single(_fake.Requests);
        Assert.True(sent.SignatureValid, sent.SignatureError);
        Assert.Equal(FakeBedrockImageEndpoint.SessionToken, sent.Header("x-amz-security-token"));
        Assert.Contains("x-amz-security-token", sent.SignedHeaders);
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={FakeBedrockImageEndpoint.SessionAccessKeyId}/", sent.Header("authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemporaryKeysWithoutTheirTokenAreRefused()
    {
        var keysOnly = new BasicAWSCredentials(FakeBedrockImageEndpoint.SessionAccessKeyId, FakeBedrockImageEndpoint.SessionSecretAccessKey);

        var failure = await Assert.ThrowsAsync<ImageModelException>(() => Model(BedrockImageModel.NovaCanvas, keysOnly).GenerateAsync(Request(), TestContext.Current.CancellationToken));

        Assert.Equal(ImageModelFailure.Failed, failure.Failure);
        Assert.Equal(403, Assert.Single(_fake.Requests).Status);
    }

    [Theory]
    [InlineData(BedrockImageModel.StableImageCore)]
    [InlineData(BedrockImageModel.NovaCanvas)]
    public async Task ThrottlingIsReportedAsThrottledAndTransient(string modelId)
    {
        _fake.Reply = FakeImageReply.Throttled;

        var failure = await Assert.ThrowsAsync<ImageModelException>(() => Model(modelId).GenerateAsync(Request(), TestContext.Current.CancellationToken));

        Assert.Equal(ImageModelFailure.Throttled, failure.Failure);
        Assert.True(failure.IsTransient);
        Assert.Contains("ThrottlingException", failure.ProviderDetail, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceUnavailableIsReportedAsUnavailable()
    {
        _fake.Reply = FakeImageReply.Unavailable;

        var failure = await Assert.ThrowsAsync<ImageModelException>(() => Model(BedrockImageModel.StableImageCore).GenerateAsync(Request(count: 2), TestContext.Current.CancellationToken));

        Assert.Equal(ImageModelFailure.Unavailable, failure.Failure);
        Assert.True(failure.IsTransient);
    }

    [Theory]
    [InlineData(BedrockImageModel.StableImageCore)]
    [InlineData(BedrockImageModel.NovaCanvas)]
    public async Task AContentFilterValidationErrorIsReportedAsContentFilteredInPlainWords(string modelId)
    {
        _fake.Reply = FakeImageReply.ContentFilteredRequest;

        var failure = await Assert.ThrowsAsync<ImageModelException>(() => Model(modelId).GenerateAsync(Request(), TestContext.Current.CancellationToken));

        Assert.Equal(ImageModelFailure.ContentFiltered, failure.Failure);
        Assert.False(failure.IsTransient);
        Assert.StartsWith("The image request was blocked by the content filter. Try describing the logo without", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ValidationException", failure.ProviderDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStabilityFilterFinishReasonIsReportedAsContentFiltered()
    {
        _fake.Reply = FakeImageReply.FilteredOutput;

        var failure = await Assert.ThrowsAsync<ImageModelException>(() => Model(BedrockImageModel.StableImageCore).GenerateAsync(Request(ImageKind.Background), TestContext.Current.CancellationToken));

        Assert.Equal(ImageModelFailure.ContentFiltered, failure.Failure);
        Assert.Contains("Filter reason: prompt", failure.ProviderDetail, StringComparison.Ordinal);
        Assert.Contains("describing the background", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANovaContentFilterErrorIsReportedAsContentFiltered()
    {
        _fake.Reply = FakeImageReply.FilteredOutput;

        var failure = await Assert.ThrowsAsync<ImageModelException>(() => Model(BedrockImageModel.NovaCanvas).GenerateAsync(Request(), TestContext.Current.CancellationToken));

        Assert.Equal(ImageModelFailure.ContentFiltered, failure.Failure);
    }

    [Fact]
    public async Task ATamperedSignatureIsRefusedWith403()
    {
        using var http = new HttpClient(new TamperingHandler(request =>
        {
            var auth = request.Headers.Authorization!;
            var signature = auth.Parameter!;
            var last = signature[^1] == '0' ? '1' : '0';
            request.Headers.Authorization = new(auth.Scheme, signature[..^1] + last);
        }));

        var failure = await Assert.ThrowsAsync<ImageModelException>(() => Model(BedrockImageModel.StableImageCore, http: http).GenerateAsync(Request(), TestContext.Current.CancellationToken));

        var sent = Assert.Single(_fake.Requests);
        Assert.False(sent.SignatureValid);
        Assert.Equal(403, sent.Status);
        Assert.Equal(ImageModelFailure.Failed, failure.Failure);
        Assert.Contains("InvalidSignatureException", failure.ProviderDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyChangedAfterSigningIsRefused()
    {
        using var http = new HttpClient(new TamperingHandler(request =>
        {
            var body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult().Replace("Acme", "Acne", StringComparison.Ordinal);
            var contentType = request.Content.Headers.ContentType;
            request.Content = new StringContent(body);
            request.Content.Headers.ContentType = contentType;
        }));

        await Assert.ThrowsAsync<ImageModelException>(() => Model(BedrockImageModel.NovaCanvas, http: http).GenerateAsync(Request(), TestContext.Current.CancellationToken));

        Assert.Equal(403, Assert.Single(_fake.Requests).Status);
    }

    [Fact]
    public async Task AWrongSecretKeyIsRefused()
    {
        var wrong = new BasicAWSCredentials(FakeBedrockImageEndpoint.AccessKeyId, "not-the-secret");

        await Assert.ThrowsAsync<ImageModelException>(() => Model(BedrockImageModel.StableImageCore, wrong).GenerateAsync(Request(), TestContext.Current.CancellationToken));

        Assert.False(Assert.Single(_fake.Requests).SignatureValid);
    }

    [Fact]
    public async Task TheSigningRegionIsTheConfiguredBedrockRegion()
    {
        await Assert.ThrowsAsync<ImageModelException>(() => Model(BedrockImageModel.StableImageCore, region: "eu-central-1").GenerateAsync(Request(), TestContext.Current.CancellationToken));

        var sent = Assert.Single(_fake.Requests);
        Assert.Contains("/eu-central-1/bedrock/aws4_request", sent.Header("authorization"), StringComparison.Ordinal);
        Assert.Contains("region", sent.SignatureError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableEndpointIsReportedAsUnavailable()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.GetFree()}");
        var model = new BedrockImageModel(_http, new BedrockImageOptions { ModelId = BedrockImageModel.NovaCanvas, Endpoint = closed }, FakeBedrockImageEndpoint.Credentials);

        var failure = await Assert.ThrowsAsync<ImageModelException>(() => model.GenerateAsync(Request(), TestContext.Current.CancellationToken));

        Assert.Equal(ImageModelFailure.Unavailable, failure.Failure);
    }

    [Fact]
    public void AnUnsupportedModelIsRefusedAtConstruction()
    {
        var thrown = Assert.Throws<ArgumentException>(() => new BedrockImageModel(_http, new BedrockImageOptions { ModelId = "meta.llama3-70b-instruct-v1:0" }));

        Assert.Contains("not supported", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1920, 1080, 1920, 1088)]
    [InlineData(512, 512, 512, 512)]
    [InlineData(4096, 4096, 2048, 2048)]
    [InlineData(100, 3000, 320, 1280)]
    [InlineData(64, 64, 320, 320)]
    public void NovaSizesAreTheNearestSizeNovaAccepts(int width, int height, int novaWidth, int novaHeight)
    {
        var (w, h) = BedrockImageModel.NovaSize(width, height);

        Assert.Equal((novaWidth, novaHeight), (w, h));
        Assert.True(w % 16 == 0 && h % 16 == 0 && w * h <= 4_194_304 && w >= 320 && h >= 320);
    }

    [Fact]
    public async Task AnInvalidRequestIsRefusedBeforeAnyCall()
    {
        var request = Request() with { Colors = ["#12345"] };

        await Assert.ThrowsAsync<ArgumentException>(() => Model(BedrockImageModel.NovaCanvas).GenerateAsync(request, TestContext.Current.CancellationToken));

        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task ALongPromptIsShortenedToNovasLimit()
    {
        var request = Request() with { Prompt = "Logo for Acme Coffee, " + new string('x', ImageRequest.MaxPromptLength - 30) };

        await Model(BedrockImageModel.NovaCanvas).GenerateAsync(request, TestContext.Current.CancellationToken);

        var sent = Assert.Single(_fake.Requests);
        Assert.Equal(200, sent.Status);
        Assert.InRange(sent.Json.GetProperty("textToImageParams").GetProperty("text").GetString()!.Length, 900, 1024);
    }

    /// <summary>Changes a request after the model signed it, as an attacker on the path would.</summary>
    private sealed class TamperingHandler(Action<HttpRequestMessage> tamper) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            tamper(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
