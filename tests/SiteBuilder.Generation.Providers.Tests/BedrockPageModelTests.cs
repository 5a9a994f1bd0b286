using SiteBuilder.TestSupport.Aws;
using System.Text.Json;
using Amazon.Runtime;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Providers.Bedrock;
using SiteBuilder.TestSupport;
using SiteBuilder.TestSupport.FakeBedrock;
using static SiteBuilder.Generation.Providers.Tests.PageRequests;

namespace SiteBuilder.Generation.Providers.Tests;

/// <summary>Through the real Anthropic.Bedrock SDK, against a fake Bedrock that speaks the event stream wire format.</summary>
public class BedrockPageModelTests
{
    [Fact]
    public async Task StreamedPageArrivesAsDeltasWhoseConcatenationIsTheScriptedText()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        bedrock.Enqueue(FakeBedrockScript.Page(FakeBedrockScript.DefaultPage, deltas: 12));
        using var model = ModelFor(bedrock);

        var deltas = await ReadAllAsync(model, SpringSale());

        Assert.Equal(FakeBedrockScript.DefaultPage, deltas.Text());
        Assert.True(deltas.Count(d => d.Text.Length > 0) >= 12);
    }

    [Fact]
    public async Task UsageIsReportedOnTheLastDelta()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        bedrock.Enqueue(FakeBedrockScript.Page(FakeBedrockScript.DefaultPage) with { InputTokens = 2345, OutputTokens = 678 });
        using var model = ModelFor(bedrock);

        var deltas = await ReadAllAsync(model, SpringSale());

        Assert.Equal(new TokenUsage(2345, 678), deltas[^1].Usage);
        Assert.All(deltas[..^1], d => Assert.Null(d.Usage));
    }

    [Fact]
    public async Task RequestGoesToTheStreamingRouteOfTheConfiguredModel()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var model = ModelFor(bedrock, o => o.ModelId = "us.anthropic.claude-sonnet-4-5-20250929-v1:0");

        await ReadAllAsync(model, SpringSale());

        var request = bedrock.LastRequest;
        Assert.Equal("/model/us.anthropic.claude-sonnet-4-5-20250929-v1:0/invoke-with-response-stream", request.Path);
        Assert.True(request.Signature!.IsValid, request.Signature.Failure);
        Assert.Equal("bedrock", model.Provider);
        Assert.Equal("us.anthropic.claude-sonnet-4-5-20250929-v1:0", model.ModelId);
    }

    [Fact]
    public async Task RequestBodyHasTheSystemPromptThemeAndLayoutInOrder()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var model = ModelFor(bedrock);

        await ReadAllAsync(model, SpringSale());

        var body = bedrock.LastRequest.Json();
        Assert.Equal("bedrock-2023-05-31", body.GetProperty("anthropic_version").GetString());
        Assert.Equal(16000, body.GetProperty("max_tokens").GetInt32());
        Assert.False(body.TryGetProperty("model", out _));
        Assert.False(body.TryGetProperty("temperature", out _));
        Assert.Equal(PagePrompt.System, body.GetProperty("system").GetString());
        var message = body.GetProperty("messages").EnumerateArray().Single();
        Assert.Equal("user", message.GetProperty("role").GetString());
        var user = message.GetProperty("content").GetString()!;
        Assert.Contains("A spring sale page for Acme outdoor gear", user, StringComparison.Ordinal);
        foreach (var expected in new[] { "#0066CC", "#FF6600", "#22AA88", "Montserrat", "Source Sans 3", "energetic", "https://assets.example.test/acme/logo.svg" })
        {
            Assert.Contains(expected, user, StringComparison.Ordinal);
        }

        var hero = user.IndexOf("1. hero — heading \"Spring into the outdoors\"", StringComparison.Ordinal);
        var grid = user.IndexOf("2. product-grid", StringComparison.Ordinal);
        var faq = user.IndexOf("3. faq", StringComparison.Ordinal);
        var footer = user.IndexOf("4. footer", StringComparison.Ordinal);
        Assert.True(hero >= 0 && hero < grid && grid < faq && faq < footer, user);
        Assert.DoesNotContain("<current_page>", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefinementSendsTheParentHtmlAndTheInstruction()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var model = ModelFor(bedrock);
        const string parent = "<!DOCTYPE html><html><body><h1>Spring Sale v1</h1></body></html>";

        await ReadAllAsync(model, SpringSale(parentHtml: parent, prompt: "Make the hero headline shorter and add a countdown banner."));

        var user = bedrock.LastRequest.Json().GetProperty("messages")[0].GetProperty("content").GetString()!;
        Assert.Contains("<current_page>\n" + parent + "\n</current_page>", user, StringComparison.Ordinal);
        Assert.Contains("<change_request>\nMake the hero headline shorter and add a countdown banner.\n</change_request>", user, StringComparison.Ordinal);
        Assert.Contains("Return the complete revised HTML document", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredTemperatureAndMaxTokensAreSent()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var model = ModelFor(bedrock, o =>
        {
            o.Temperature = 0.4;
            o.MaxTokens = 9000;
        });

        await ReadAllAsync(model, SpringSale());

        var body = bedrock.LastRequest.Json();
        Assert.Equal(0.4, body.GetProperty("temperature").GetDouble(), 6);
        Assert.Equal(9000, body.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task SignedRequestCarriesTheSessionTokenAndItsSignatureVerifies()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(FakeAwsCredentials.Temporary, TestContext.Current.CancellationToken);
        using var model = ModelFor(bedrock);

        await ReadAllAsync(model, SpringSale());

        var request = bedrock.LastRequest;
        Assert.Equal(FakeAwsCredentials.Temporary.SessionToken, request.Header("x-amz-security-token"));
        Assert.NotNull(request.Signature);
        Assert.True(request.Signature.IsValid, request.Signature.Failure);
        Assert.Contains("x-amz-security-token", request.Signature.SignedHeaders);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=" + FakeAwsCredentials.Temporary.AccessKeyId + "/", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongTermKeysAreSignedWithoutASessionToken()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(FakeAwsCredentials.LongTerm, TestContext.Current.CancellationToken);
        using var model = ModelFor(bedrock);

        var deltas = await ReadAllAsync(model, SpringSale());

        Assert.Equal(FakeBedrockScript.DefaultPage, deltas.Text());
        Assert.Null(bedrock.LastRequest.Header("x-amz-security-token"));
        Assert.True(bedrock.LastRequest.Signature!.IsValid, bedrock.LastRequest.Signature.Failure);
    }

    [Fact]
    public async Task TemporaryCredentialsSignedWithoutTheirTokenAreRefused()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(FakeAwsCredentials.Temporary, TestContext.Current.CancellationToken);
        var withoutToken = FakeAwsCredentials.Temporary with { SessionToken = null };
        using var model = ModelFor(bedrock, signWith: withoutToken);

        var (failure, received) = await FailureAsync(model, SpringSale());

        Assert.Equal(PageModelFailure.Failed, failure.Failure);
        Assert.Contains("security token", failure.Message, StringComparison.Ordinal);
        Assert.Empty(received);
    }

    [Fact]
    public async Task WrongSecretKeyFailsWithTheSignatureMismatch()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var model = ModelFor(bedrock, signWith: FakeAwsCredentials.Temporary with { SecretAccessKey = "not-the-secret" });

        var (failure, _) = await FailureAsync(model, SpringSale());

        Assert.Equal(PageModelFailure.Failed, failure.Failure);
        Assert.Contains("signature we calculated does not match", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, PageModelFailure.Throttled, "ThrottlingException")]
    [InlineData(503, PageModelFailure.Unavailable, "ServiceUnavailableException")]
    [InlineData(500, PageModelFailure.Unavailable, "InternalServerException")]
    [InlineData(408, PageModelFailure.Timeout, "ModelTimeoutException")]
    [InlineData(400, PageModelFailure.Failed, "ValidationException")]
    [InlineData(403, PageModelFailure.Failed, "model access not granted")]
    [InlineData(404, PageModelFailure.Failed, "was not found in us-east-1")]
    public async Task HttpErrorBeforeTheStreamIsClassified(int status, PageModelFailure expected, string messagePart)
    {
        var error = status switch
        {
            429 => BedrockHttpError.Throttling,
            503 => BedrockHttpError.ServiceUnavailable,
            500 => BedrockHttpError.InternalServer,
            408 => BedrockHttpError.ModelTimeout,
            400 => BedrockHttpError.Validation("max_tokens: 90000 > 64000, which is the maximum allowed number of output tokens"),
            403 => BedrockHttpError.AccessDenied,
            _ => BedrockHttpError.ResourceNotFound,
        };
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        bedrock.Enqueue(FakeBedrockScript.Failing(error));
        using var model = ModelFor(bedrock);

        var (failure, received) = await FailureAsync(model, SpringSale());

        Assert.Equal(expected, failure.Failure);
        Assert.Contains(messagePart, failure.Message, StringComparison.Ordinal);
        Assert.Contains(error.Message, failure.Message, StringComparison.Ordinal);
        Assert.Empty(received);
        Assert.Single(bedrock.Requests);
    }

    [Theory]
    [InlineData("throttlingException", PageModelFailure.Throttled)]
    [InlineData("serviceUnavailableException", PageModelFailure.Unavailable)]
    [InlineData("internalServerException", PageModelFailure.Unavailable)]
    [InlineData("modelTimeoutException", PageModelFailure.Timeout)]
    [InlineData("modelStreamErrorException", PageModelFailure.Failed)]
    [InlineData("validationException", PageModelFailure.Failed)]
    public async Task ExceptionFrameMidStreamIsClassifiedAfterTheDeltasBeforeIt(string exceptionType, PageModelFailure expected)
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var script = FakeBedrockScript.Page(FakeBedrockScript.DefaultPage, deltas: 6) with
        {
            StreamError = new BedrockStreamError(exceptionType, "stream broke here", AfterDeltas: 2),
        };
        bedrock.Enqueue(script);
        using var model = ModelFor(bedrock);

        var (failure, received) = await FailureAsync(model, SpringSale());

        Assert.Equal(expected, failure.Failure);
        Assert.Contains(exceptionType, failure.Message, StringComparison.Ordinal);
        Assert.Contains("stream broke here", failure.Message, StringComparison.Ordinal);
        Assert.Equal(string.Concat(script.Deltas().Take(2)), received.Text());
    }

    [Fact(Timeout = 30_000)]
    public async Task StalledStreamTimesOutAfterTheIdleTimeout()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var script = FakeBedrockScript.Page(FakeBedrockScript.DefaultPage, deltas: 6) with { StallAfterDeltas = 3 };
        bedrock.Enqueue(script);
        // Long enough that a cold first call (JIT, connection) is not mistaken for the stall.
        using var model = ModelFor(bedrock, o => o.IdleTimeout = TimeSpan.FromSeconds(2));

        var (failure, received) = await FailureAsync(model, SpringSale());

        Assert.Equal(PageModelFailure.Timeout, failure.Failure);
        Assert.Contains("stalled", failure.Message, StringComparison.Ordinal);
        Assert.Equal(string.Concat(script.Deltas().Take(3)), received.Text());
    }

    [Fact(Timeout = 30_000)]
    public async Task NoFirstByteWithinTheIdleTimeoutTimesOut()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        bedrock.Enqueue(new FakeBedrockScript { TimeToFirstByte = TimeSpan.FromSeconds(30) });
        using var model = ModelFor(bedrock, o => o.IdleTimeout = TimeSpan.FromMilliseconds(400));

        var (failure, received) = await FailureAsync(model, SpringSale());

        Assert.Equal(PageModelFailure.Timeout, failure.Failure);
        Assert.Empty(received);
    }

    [Fact(Timeout = 30_000)]
    public async Task SlowButSteadyStreamIsNotAStall()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        bedrock.Enqueue(FakeBedrockScript.Page(FakeBedrockScript.DefaultPage, deltas: 6) with
        {
            TimeToFirstByte = TimeSpan.FromMilliseconds(300),
            DeltaLatency = TimeSpan.FromMilliseconds(300),
        });
        // The whole stream (2.1 s) outlasts the idle timeout; no single gap comes near it.
        using var model = ModelFor(bedrock, o => o.IdleTimeout = TimeSpan.FromMilliseconds(1500));

        var deltas = await ReadAllAsync(model, SpringSale());

        Assert.Equal(FakeBedrockScript.DefaultPage, deltas.Text());
    }

    [Fact]
    public async Task RefusedConnectionIsUnavailable()
    {
        var closedPort = LoopbackPort.GetFree();
        var options = new BedrockPageOptions { Endpoint = new Uri($"http://127.0.0.1:{closedPort}") };
        using var model = new BedrockPageModel(options, Sign(FakeAwsCredentials.Temporary));

        var (failure, _) = await FailureAsync(model, SpringSale());

        Assert.Equal(PageModelFailure.Unavailable, failure.Failure);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task FencedOutputIsUnfencedEvenWhenTheFenceIsSplitAcrossDeltas()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var fenced = "```html\n" + FakeBedrockScript.DefaultPage + "\n```\n";
        bedrock.Enqueue(FakeBedrockScript.Page(fenced, deltas: fenced.Length / 2));
        using var model = ModelFor(bedrock);

        var deltas = await ReadAllAsync(model, SpringSale());

        Assert.Equal(FakeBedrockScript.DefaultPage + "\n", deltas.Text());
    }

    [Fact]
    public async Task PageCutOffAtMaxTokensFails()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        bedrock.Enqueue(FakeBedrockScript.Page("<!DOCTYPE html><html><body><h1>Half a pa") with { StopReason = "max_tokens" });
        using var model = ModelFor(bedrock);

        var (failure, _) = await FailureAsync(model, SpringSale());

        Assert.Equal(PageModelFailure.Failed, failure.Failure);
        Assert.Contains("MaxTokens limit (16000)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamWithoutTextFails()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        bedrock.Enqueue(FakeBedrockScript.Page(string.Empty));
        using var model = ModelFor(bedrock);

        var (failure, _) = await FailureAsync(model, SpringSale());

        Assert.Equal(PageModelFailure.Failed, failure.Failure);
        Assert.Contains("no page content", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancellationIsACancellationNotAFailure()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        bedrock.Enqueue(FakeBedrockScript.Page(FakeBedrockScript.DefaultPage, deltas: 6) with { DeltaLatency = TimeSpan.FromMilliseconds(200) });
        using var model = ModelFor(bedrock);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var delta in model.StreamPageAsync(SpringSale(), cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });
    }

    [Fact]
    public void CredentialsForAnotherRegionAreRejected()
    {
        var options = new BedrockPageOptions { Region = "eu-west-1" };

        var error = Assert.Throws<ArgumentException>(() => new BedrockPageModel(options, Sign(FakeAwsCredentials.Temporary)));

        Assert.Contains("us-east-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultModelIsTheGlobalSonnet45Profile()
    {
        var options = new BedrockPageOptions();

        Assert.Equal("global.anthropic.claude-sonnet-4-5-20250929-v1:0", options.ModelId);
        Assert.Equal(16000, options.MaxTokens);
        Assert.Equal(TimeSpan.FromSeconds(20), options.IdleTimeout);
    }

    private static BedrockPageModel ModelFor(FakeBedrockServer bedrock, Action<BedrockPageOptions>? configure = null, FakeAwsCredentials? signWith = null)
    {
        var options = new BedrockPageOptions
        {
            Region = bedrock.Credentials.Region,
            Endpoint = bedrock.BaseUrl,
            IdleTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return new BedrockPageModel(options, Sign(signWith ?? bedrock.Credentials));
    }

    private static AwsSigV4BedrockCredentials Sign(FakeAwsCredentials credentials)
    {
        AWSCredentials aws = credentials.SessionToken is null
            ? new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey)
            : new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
        return new AwsSigV4BedrockCredentials(aws, credentials.Region);
    }
}
