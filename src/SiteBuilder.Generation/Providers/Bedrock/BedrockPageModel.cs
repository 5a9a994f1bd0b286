using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Anthropic;
using Anthropic.Bedrock;
using Anthropic.Models.Messages;
using SiteBuilder.Generation.Templates;

namespace SiteBuilder.Generation.Providers.Bedrock;

/// <summary>
/// Claude on Amazon Bedrock through the Anthropic.Bedrock SDK: one streamed Messages call
/// (<c>POST /model/{modelId}/invoke-with-response-stream</c>) per page.
/// </summary>
/// <remarks>
/// The SDK does not retry (MaxRetries 0): the generation pipeline retries transient failures itself,
/// and only before the first chunk has gone to the client.
/// </remarks>
public sealed class BedrockPageModel : IPageModel, IDisposable
{
    public const string ProviderName = "bedrock";

    private readonly BedrockPageOptions _options;
    private readonly IAnthropicClient _client;

    /// <param name="options">Model, region, limits; <see cref="BedrockPageOptions.Region"/> must be the credentials' region.</param>
    /// <param name="credentials">Signs each request; <see cref="AwsSigV4BedrockCredentials.FromDefaultChain"/> for the AWS default chain.</param>
    /// <param name="httpClient">The HTTP client to send with; the page model owns and disposes it. Null for the SDK's own.</param>
    public BedrockPageModel(BedrockPageOptions options, IAnthropicBedrockCredentials credentials, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId);
        if (!string.Equals(credentials.Region, options.Region, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The Bedrock credentials sign for region '{credentials.Region}' but the options name region '{options.Region}'.",
                nameof(credentials));
        }

        _options = options;
        _client = new AnthropicBedrockClient(credentials).WithOptions(clientOptions =>
        {
            var configured = clientOptions with { MaxRetries = 0, Handlers = [new BedrockApiVersionHandler()] };
            if (options.Endpoint is { } endpoint)
            {
                configured = configured with { BaseUrl = endpoint.GetLeftPart(UriPartial.Authority) };
            }

            if (httpClient is not null)
            {
                configured = configured with { HttpClient = httpClient };
            }

            return configured;
        });
    }

    /// <summary>A page model on the AWS default credential chain, signing for <see cref="BedrockPageOptions.Region"/>.</summary>
    public static BedrockPageModel FromDefaultCredentials(BedrockPageOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BedrockPageModel(options, AwsSigV4BedrockCredentials.FromDefaultChain(options.Region), httpClient);
    }

    public string Provider => ProviderName;

    public string ModelId => _options.ModelId;

    public async IAsyncEnumerable<PageDelta> StreamPageAsync(PageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = BuildParameters(request);
        var stalled = string.Create(CultureInfo.InvariantCulture, $"Bedrock sent nothing for {_options.IdleTimeout.TotalSeconds:0.###} s on model '{_options.ModelId}' in {_options.Region}: the stream stalled.");

        var fence = new MarkdownFenceStripper();
        long? inputTokens = null;
        long? outputTokens = null;
        string? stopReason = null;
        var wroteContent = false;

        await foreach (var update in ModelStream.ReadAsync(
            token => ReadUpdatesAsync(parameters, token),
            _options.IdleTimeout,
            Classify,
            stalled,
            cancellationToken))
        {
            inputTokens = update.InputTokens ?? inputTokens;
            outputTokens = update.OutputTokens ?? outputTokens;
            stopReason = update.StopReason ?? stopReason;
            if (update.Text is { Length: > 0 } text)
            {
                var content = fence.Push(text);
                if (content.Length > 0)
                {
                    wroteContent = true;
                    yield return new PageDelta(content);
                }
            }
        }

        var rest = fence.Complete();
        ThrowIfUnfinished(stopReason, wroteContent || rest.Length > 0);
        var usage = inputTokens is null && outputTokens is null ? null : new TokenUsage(inputTokens ?? 0, outputTokens ?? 0);
        if (rest.Length > 0 || usage is not null)
        {
            yield return new PageDelta(rest, usage);
        }
    }

    public void Dispose() => _client.Dispose();

    private MessageCreateParams BuildParameters(PageRequest request)
    {
        var parameters = new MessageCreateParams
        {
            Model = _options.ModelId,
            MaxTokens = _options.MaxTokens,
            System = PagePrompt.System,
            Messages = [new UserMessageParam(PagePrompt.UserMessage(request))],
        };
        if (_options.Temperature is not { } temperature)
        {
            return parameters;
        }

        // This SDK version's typed parameters have no temperature; Bedrock's Messages API takes it in the body.
        var body = new Dictionary<string, JsonElement>(parameters.RawBodyData)
        {
            ["temperature"] = JsonSerializer.SerializeToElement(temperature),
        };
        return MessageCreateParams.FromRawUnchecked(parameters.RawHeaderData, parameters.RawQueryData, body);
    }

    /// <summary>Reads the SDK's events into plain updates, so a malformed event fails inside the guarded stream.</summary>
    private async IAsyncEnumerable<StreamUpdate> ReadUpdatesAsync(MessageCreateParams parameters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var streamEvent in _client.Messages.CreateStreaming(parameters, cancellationToken).WithCancellation(cancellationToken))
        {
            if (streamEvent.TryPickContentBlockDelta(out var blockDelta))
            {
                if (blockDelta.Delta.TryPickText(out var textDelta))
                {
                    yield return new StreamUpdate(Text: textDelta.Text);
                }
            }
            else if (streamEvent.TryPickStart(out var start))
            {
                yield return new StreamUpdate(InputTokens: start.Message.Usage.InputTokens, OutputTokens: start.Message.Usage.OutputTokens);
            }
            else if (streamEvent.TryPickDelta(out var messageDelta))
            {
                yield return new StreamUpdate(
                    InputTokens: messageDelta.Usage.InputTokens,
                    OutputTokens: messageDelta.Usage.OutputTokens,
                    StopReason: messageDelta.Delta.StopReason?.Raw());
            }
        }
    }

    private void ThrowIfUnfinished(string? stopReason, bool wroteContent)
    {
        var problem = stopReason switch
        {
            "max_tokens" => $"The model stopped at the MaxTokens limit ({_options.MaxTokens}) before the page was finished.",
            "model_context_window_exceeded" => "The request and page exceed the model's context window.",
            "refusal" => "The model declined to write this page.",
            _ when !wroteContent => "The model returned no page content.",
            _ => null,
        };
        if (problem is not null)
        {
            throw new PageModelException(PageModelFailure.Failed, $"Bedrock model '{_options.ModelId}': {problem}");
        }
    }

    private PageModelException Classify(Exception exception) => BedrockFailures.Classify(exception, _options.ModelId, _options.Region);

    private sealed record StreamUpdate(string? Text = null, long? InputTokens = null, long? OutputTokens = null, string? StopReason = null);
}
