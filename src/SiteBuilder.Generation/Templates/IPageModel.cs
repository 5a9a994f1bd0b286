namespace SiteBuilder.Generation.Templates;

/// <summary>
/// The <c>page_generator</c> agent's model: streams one self-contained HTML document.
/// Implementations: the offline composer (default), Claude on Bedrock, any OpenAI-compatible endpoint.
/// </summary>
public interface IPageModel
{
    /// <summary>Short provider name recorded on each generation, e.g. "offline", "bedrock", "openai".</summary>
    string Provider { get; }

    /// <summary>The model id recorded on each generation, e.g. "offline-composer-1" or a Bedrock inference profile.</summary>
    string ModelId { get; }

    /// <summary>
    /// Streams the page as text deltas. Concatenated, the deltas are the whole HTML document.
    /// Throws <see cref="PageModelException"/> for provider failures.
    /// </summary>
    IAsyncEnumerable<PageDelta> StreamPageAsync(PageRequest request, CancellationToken cancellationToken);
}

/// <summary>What the page model is asked to write.</summary>
/// <param name="Prompt">The marketer's prompt (for a refinement: the new instruction).</param>
/// <param name="Template">The catalogue template chosen by id or inferred from the prompt.</param>
/// <param name="Theme">Palette and typography from <c>theme_selector</c>.</param>
/// <param name="Layout">Ordered sections from <c>layout_agent</c>.</param>
/// <param name="Brand">The tenant's brand assets as given in the request.</param>
/// <param name="ParentHtml">For a refinement: the previous version's HTML; otherwise null.</param>
public sealed record PageRequest(
    string Prompt,
    PageTemplate Template,
    Theme Theme,
    PageLayout Layout,
    BrandKit Brand,
    string? ParentHtml = null);

/// <summary>A piece of streamed HTML, with token usage when the provider reports it (usually on the last delta).</summary>
/// <param name="Note">What the model did with a refinement when it did less than asked, in words, for the version's note.</param>
public sealed record PageDelta(string Text, TokenUsage? Usage = null, string? Note = null);

public sealed record TokenUsage(long InputTokens, long OutputTokens);

/// <summary>Brand assets from the request. Colours are <c>#RRGGBB</c>; Logo is a URL the page may reference.</summary>
public sealed record BrandKit(string? PrimaryColor = null, string? SecondaryColor = null, string? LogoUrl = null, string? BrandName = null);

/// <summary>A failure of the model provider, classified so the API can map it to the seed's error codes.</summary>
public sealed class PageModelException(PageModelFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public PageModelFailure Failure { get; } = failure;

    /// <summary>Throttling and unavailability may be retried, but only before the first chunk.</summary>
    public bool IsTransient => Failure is PageModelFailure.Throttled or PageModelFailure.Unavailable;
}

public enum PageModelFailure
{
    /// <summary>HTTP 429 / ThrottlingException.</summary>
    Throttled,
    /// <summary>HTTP 503 / ServiceUnavailableException, connection failures.</summary>
    Unavailable,
    /// <summary>ModelTimeoutException (408) or a stalled stream.</summary>
    Timeout,
    /// <summary>ValidationException, AccessDenied, ResourceNotFound, an exception frame, malformed output.</summary>
    Failed,
}
