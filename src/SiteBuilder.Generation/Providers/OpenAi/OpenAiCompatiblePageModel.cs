using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using SiteBuilder.Generation.Templates;
using ChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace SiteBuilder.Generation.Providers.OpenAi;

/// <summary>
/// Any OpenAI-compatible chat-completions endpoint (Ollama, vLLM, LM Studio, OpenAI itself) through
/// Microsoft.Extensions.AI's <see cref="IChatClient"/>, streaming the same prompts as Bedrock.
/// </summary>
public sealed class OpenAiCompatiblePageModel : IPageModel, IDisposable
{
    public const string ProviderName = "openai";

    // OpenAI's client insists on a key; servers that do not check one ignore it.
    private const string PlaceholderApiKey = "not-needed";

    private readonly OpenAiPageOptions _options;
    private readonly IChatClient _chat;

    /// <param name="options">Endpoint, model and limits.</param>
    /// <param name="httpClient">The HTTP client to send with (not disposed by the page model); null for the OpenAI client's own.</param>
    public OpenAiCompatiblePageModel(OpenAiPageOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.BaseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Model);

        _options = options;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.BaseUrl,
            // The generation pipeline retries transient failures, and only before the first chunk.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The idle timeout watches the stream; the client's own per-call timeout would cut long pages short.
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        if (httpClient is not null)
        {
            clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        var apiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? PlaceholderApiKey : options.ApiKey;
        _chat = new ChatClient(options.Model, new ApiKeyCredential(apiKey), clientOptions).AsIChatClient();
    }

    public string Provider => ProviderName;

    public string ModelId => _options.Model;

    public async IAsyncEnumerable<PageDelta> StreamPageAsync(PageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, PagePrompt.System),
            new(ChatRole.User, PagePrompt.UserMessage(request)),
        ];
        var chatOptions = new ChatOptions
        {
            ModelId = _options.Model,
            MaxOutputTokens = _options.MaxTokens,
            Temperature = _options.Temperature is { } temperature ? (float)temperature : null,
            RawRepresentationFactory = _ => LegacyMaxTokens(_options.MaxTokens),
        };
        var stalled = string.Create(CultureInfo.InvariantCulture, $"The OpenAI-compatible endpoint {_options.BaseUrl} sent nothing for {_options.IdleTimeout.TotalSeconds:0.###} s: the stream stalled.");

        var fence = new MarkdownFenceStripper();
        UsageDetails? usage = null;
        ChatFinishReason? finishReason = null;
        var wroteContent = false;

        await foreach (var update in ModelStream.ReadAsync(
            token => _chat.GetStreamingResponseAsync(messages, chatOptions, token),
            _options.IdleTimeout,
            exception => OpenAiFailures.Classify(exception, _options.BaseUrl, _options.Model),
            stalled,
            cancellationToken))
        {
            finishReason = update.FinishReason ?? finishReason;
            foreach (var content in update.Contents)
            {
                if (content is UsageContent usageContent)
                {
                    usage = usageContent.Details;
                }
            }

            if (update.Text is { Length: > 0 } text)
            {
                var page = fence.Push(text);
                if (page.Length > 0)
                {
                    wroteContent = true;
                    yield return new PageDelta(page);
                }
            }
        }

        var rest = fence.Complete();
        if (finishReason == ChatFinishReason.Length)
        {
            throw new PageModelException(PageModelFailure.Failed, $"Model '{_options.Model}' stopped at the MaxTokens limit ({_options.MaxTokens}) before the page was finished.");
        }

        if (finishReason == ChatFinishReason.ContentFilter)
        {
            throw new PageModelException(PageModelFailure.Failed, $"Model '{_options.Model}' stopped: its content filter blocked the page.");
        }

        if (!wroteContent && rest.Length == 0)
        {
            throw new PageModelException(PageModelFailure.Failed, $"Model '{_options.Model}' returned no page content.");
        }

        var tokens = usage is { InputTokenCount: null, OutputTokenCount: null } or null
            ? null
            : new TokenUsage(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
        if (rest.Length > 0 || tokens is not null)
        {
            yield return new PageDelta(rest, tokens);
        }
    }

    public void Dispose() => _chat.Dispose();

    /// <summary>
    /// The OpenAI client sends the limit as <c>max_completion_tokens</c>, which Ollama and LM Studio ignore:
    /// they read the older <c>max_tokens</c>. Sending both works everywhere (vLLM prefers the newer one).
    /// </summary>
    private static ChatCompletionOptions LegacyMaxTokens(int maxTokens)
    {
        var options = new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch is the client's only way to add a body property; a test pins the result.
        options.Patch.Set("$.max_tokens"u8, maxTokens);
#pragma warning restore SCME0001
        return options;
    }
}
