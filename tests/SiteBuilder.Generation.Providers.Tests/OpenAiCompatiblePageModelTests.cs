using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Providers.OpenAi;
using SiteBuilder.TestSupport;
using SiteBuilder.TestSupport.FakeBedrock;
using SiteBuilder.TestSupport.FakeOpenAi;
using static SiteBuilder.Generation.Providers.Tests.PageRequests;

namespace SiteBuilder.Generation.Providers.Tests;

/// <summary>Through Microsoft.Extensions.AI.OpenAI's IChatClient, against a fake OpenAI-compatible endpoint.</summary>
public class OpenAiCompatiblePageModelTests
{
    private const string Model = "qwen2.5-coder:14b";

    [Fact]
    public async Task StreamedPageArrivesAsDeltasWhoseConcatenationIsTheScriptedText()
    {
        await using var endpoint = await FakeOpenAiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        endpoint.Enqueue(FakeOpenAiScript.Page(FakeBedrockScript.DefaultPage, deltas: 10));
        using var model = ModelFor(endpoint);

        var deltas = await ReadAllAsync(model, SpringSale());

        Assert.Equal(FakeBedrockScript.DefaultPage, deltas.Text());
        Assert.True(deltas.Count(d => d.Text.Length > 0) >= 10);
        Assert.Equal("openai", model.Provider);
        Assert.Equal(Model, model.ModelId);
    }

    [Fact]
    public async Task UsageIsReportedOnTheLastDelta()
    {
        await using var endpoint = await FakeOpenAiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        endpoint.Enqueue(new FakeOpenAiScript { PromptTokens = 1234, CompletionTokens = 567 });
        using var model = ModelFor(endpoint);

        var deltas = await ReadAllAsync(model, SpringSale());

        Assert.Equal(new TokenUsage(1234, 567), deltas[^1].Usage);
        Assert.All(deltas[..^1], d => Assert.Null(d.Usage));
    }

    [Fact]
    public async Task RequestHasTheModelTheSystemPromptAndTheBrief()
    {
        await using var endpoint = await FakeOpenAiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var model = ModelFor(endpoint, o => o.Temperature = 0.3);

        await ReadAllAsync(model, SpringSale());

        var request = endpoint.LastRequest;
        Assert.Equal("/v1/chat/completions", request.Path);
        var body = request.Json();
        Assert.Equal(Model, body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.Equal(0.3, body.GetProperty("temperature").GetDouble(), 5);
        Assert.Equal(16000, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(16000, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(PagePrompt.System, ContentText(messages[0]));
        Assert.Equal(PagePrompt.UserMessage(SpringSale()), ContentText(messages[1]));
    }

    [Fact]
    public async Task RefinementSendsTheParentHtml()
    {
        await using var endpoint = await FakeOpenAiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var model = ModelFor(endpoint);
        const string parent = "<!DOCTYPE html><html><body><h1>Version one</h1></body></html>";

        await ReadAllAsync(model, SpringSale(parentHtml: parent, prompt: "Use a darker hero background."));

        var user = ContentText(endpoint.LastRequest.Json().GetProperty("messages")[1]);
        Assert.Contains(parent, user, StringComparison.Ordinal);
        Assert.Contains("Use a darker hero background.", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyIsSentAsABearerToken()
    {
        await using var endpoint = await FakeOpenAiServer.StartAsync("sk-local-test", TestContext.Current.CancellationToken);
        using var model = ModelFor(endpoint, o => o.ApiKey = "sk-local-test");

        var deltas = await ReadAllAsync(model, SpringSale());

        Assert.Equal(FakeBedrockScript.DefaultPage, deltas.Text());
        Assert.Equal("Bearer sk-local-test", endpoint.LastRequest.Header("Authorization"));
    }

    [Theory]
    [InlineData(429, PageModelFailure.Throttled)]
    [InlineData(503, PageModelFailure.Unavailable)]
    [InlineData(400, PageModelFailure.Failed)]
    [InlineData(404, PageModelFailure.Failed)]
    public async Task HttpErrorIsClassified(int status, PageModelFailure expected)
    {
        var error = status switch
        {
            429 => OpenAiHttpError.RateLimited,
            503 => OpenAiHttpError.Unavailable,
            400 => OpenAiHttpError.BadRequest,
            _ => OpenAiHttpError.ModelNotFound(Model),
        };
        await using var endpoint = await FakeOpenAiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        endpoint.Enqueue(FakeOpenAiScript.Failing(error));
        using var model = ModelFor(endpoint);

        var (failure, received) = await FailureAsync(model, SpringSale());

        Assert.Equal(expected, failure.Failure);
        Assert.Contains(error.Message, failure.Message, StringComparison.Ordinal);
        Assert.Empty(received);
        Assert.Single(endpoint.Requests);
    }

    [Fact]
    public async Task WrongApiKeyFails()
    {
        await using var endpoint = await FakeOpenAiServer.StartAsync("sk-right", TestContext.Current.CancellationToken);
        using var model = ModelFor(endpoint, o => o.ApiKey = "sk-wrong");

        var (failure, _) = await FailureAsync(model, SpringSale());

        Assert.Equal(PageModelFailure.Failed, failure.Failure);
        Assert.Contains("refused the API key", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedConnectionIsUnavailable()
    {
        using var model = new OpenAiCompatiblePageModel(new OpenAiPageOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{LoopbackPort.GetFree()}/v1"),
            Model = Model,
        });

        var (failure, _) = await FailureAsync(model, SpringSale());

        Assert.Equal(PageModelFailure.Unavailable, failure.Failure);
    }

    [Fact(Timeout = 30_000)]
    public async Task StalledStreamTimesOut()
    {
        await using var endpoint = await FakeOpenAiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var script = FakeOpenAiScript.Page(FakeBedrockScript.DefaultPage, deltas: 6) with { StallAfterDeltas = 2 };
        endpoint.Enqueue(script);
        using var model = ModelFor(endpoint, o => o.IdleTimeout = TimeSpan.FromSeconds(2));

        var (failure, received) = await FailureAsync(model, SpringSale());

        Assert.Equal(PageModelFailure.Timeout, failure.Failure);
        Assert.Equal(string.Concat(script.Deltas().Take(2)), received.Text());
    }

    [Fact]
    public async Task FencedOutputIsUnfenced()
    {
        await using var endpoint = await FakeOpenAiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var fenced = "```html\n" + FakeBedrockScript.DefaultPage + "\n```";
        endpoint.Enqueue(FakeOpenAiScript.Page(fenced, deltas: 50));
        using var model = ModelFor(endpoint);

        var deltas = await ReadAllAsync(model, SpringSale());

        Assert.Equal(FakeBedrockScript.DefaultPage + "\n", deltas.Text());
    }

    [Fact]
    public async Task ReplyCutOffAtMaxTokensFails()
    {
        await using var endpoint = await FakeOpenAiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        endpoint.Enqueue(FakeOpenAiScript.Page("<!DOCTYPE html><html><body><h1>Half") with { FinishReason = "length" });
        using var model = ModelFor(endpoint);

        var (failure, _) = await FailureAsync(model, SpringSale());

        Assert.Equal(PageModelFailure.Failed, failure.Failure);
        Assert.Contains("MaxTokens", failure.Message, StringComparison.Ordinal);
    }

    private static OpenAiCompatiblePageModel ModelFor(FakeOpenAiServer endpoint, Action<OpenAiPageOptions>? configure = null)
    {
        var options = new OpenAiPageOptions { BaseUrl = endpoint.BaseUrl, Model = Model, IdleTimeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        return new OpenAiCompatiblePageModel(options);
    }

    /// <summary>Message content as a string, or the text parts of a content array.</summary>
    private static string ContentText(System.Text.Json.JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind == System.Text.Json.JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(part => part.GetProperty("text").GetString()));
    }
}
