using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteBuilder.Generation.Offline;
using SiteBuilder.Generation.Records;
using SiteBuilder.Generation.Sanitizing;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;
using SiteBuilder.Storage.Blobs;
using SiteBuilder.Validation;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// Runs generations on this instance, independent of the HTTP request that asked for them:
/// <c>theme_selector</c> → <c>layout_agent</c> → <c>page_generator</c> (streamed, sanitized as it streams) → store →
/// <c>brand_validator</c> → complete. Every step is an event; a client that drops reconnects with Last-Event-ID.
/// </summary>
public sealed class GenerationRunner(
    IGenerationStore store,
    IBlobStore blobs,
    IPageModel pageModel,
    ILogoSource logos,
    GenerationFeeds feeds,
    GenerationMetrics metrics,
    ScoringQueue scoring,
    IOptions<GenerationOptions> options,
    TimeProvider clock,
    ILogger<GenerationRunner> logger)
{
    /// <summary>Chunks are cut at this size or after <see cref="ChunkDelay"/>, whichever comes first.</summary>
    private const int ChunkSize = 1024;
    private static readonly TimeSpan ChunkDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>The <c>step</c> of the progress event a resumed generation starts with.</summary>
    public const string ResumeStep = "resume";

    /// <summary>
    /// The <c>step</c> of the progress event after which the page's chunks start over: a resumed model run wrote a page that differs
    /// from what was already sent. The chunks after the last such event make the page.
    /// </summary>
    public const string RestartStep = "restart";

    private readonly ConcurrentDictionary<string, GenerationRun> _running = new();
    private volatile bool _takingWork = true;

    public bool IsRunningHere(string generationId) => _running.ContainsKey(generationId);

    public int RunningCount => _running.Count;

    /// <summary>How many of <paramref name="tenant"/>'s generations run on this instance.</summary>
    public int RunningFor(string tenant) => _running.Values.Count(r => r.Current.Tenant == tenant);

    /// <summary>False once this instance drains for shutdown: it resumes nobody else's generations then.</summary>
    public bool TakesWork => _takingWork;

    public void StopTakingWork() => _takingWork = false;

    /// <summary>Starts the generation in the background and returns once it is registered (its feed exists).</summary>
    public void Start(GenerationRecord generation) => Run(generation, null);

    /// <summary>
    /// Runs an interrupted generation again from its recorded request, continuing its event ids. The page is written again; the part
    /// clients already have (<paramref name="streamedPage"/>) is not sent twice when the new page starts with it (the offline composer
    /// is deterministic); otherwise a <see cref="RestartStep"/> event says the page starts over.
    /// </summary>
    public void Resume(GenerationRecord generation, string streamedPage, int progressSoFar) => Run(generation, streamedPage, progressSoFar);

    private void Run(GenerationRecord generation, string? streamedPage, int progressSoFar = 0)
    {
        var run = new GenerationRun(generation, store, feeds.Open(generation.Id, generation.LastEventId), clock) { ProgressFloor = progressSoFar };
        _running[generation.Id] = run;
        run.Completion = Task.Run(() => RunAsync(run, streamedPage));
    }

    /// <summary>
    /// Stops every generation still running here without ending it (no terminal event, the row left unfinished), so another instance's
    /// recovery resumes it; waits at most <paramref name="wait"/> for them to let go.
    /// </summary>
    public async Task HandOverAsync(TimeSpan wait)
    {
        var runs = _running.Values.ToList();
        foreach (var run in runs)
        {
            await run.Handover.CancelAsync();
        }

        try
        {
            await Task.WhenAll(runs.Select(r => r.Completion)).WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("{Count} handed-over generations had not stopped after {Wait}", _running.Count, wait);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A run that let go badly is still let go: the store holds its events, and recovery elsewhere resumes it.
            logger.LogWarning(e, "A handed-over generation stopped with an error");
        }
    }

    /// <summary>Stops a generation running here; false when it is not running on this instance.</summary>
    public bool TryCancel(string generationId)
    {
        if (!_running.TryGetValue(generationId, out var run))
        {
            return false;
        }

        run.Cancellation.Cancel();
        return true;
    }

    private async Task RunAsync(GenerationRun run, string? streamedPage)
    {
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(settings.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation.Token, timeout.Token, run.Handover.Token);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = run.HeartbeatAsync(settings.HeartbeatInterval, heartbeatStop.Token);
        var token = linked.Token;
        try
        {
            var (firstStep, firstMessage) = streamedPage is null
                ? ("start", "Starting generation...")
                : (ResumeStep, "Resuming the generation: the server that was writing it stopped.");
            await run.EmitAsync(new ProgressEvent(0, firstMessage, firstStep), token);
            await run.SaveAsync(g => g with { Status = GenerationStatus.Generating, Message = firstMessage }, token);

            var pageRequest = await PlanPageAsync(run, token);
            var html = await WritePageAsync(run, pageRequest, pageRequest.Layout.Sections.Count, streamedPage, started, token);
            metrics.RecordLastChunk(Stopwatch.GetElapsedTime(started), pageModel.Provider);
            // The limit is on writing the page (to its last chunk); storing and scoring it are ours, and a score that waits for
            // the CPU in a burst must not fail a page that was written in time.
            timeout.CancelAfter(Timeout.InfiniteTimeSpan);

            var brandScore = await StoreAndScoreAsync(run, html, BrandAssetsFor(pageRequest.Theme, pageRequest.Brand), token);
            await CompleteAsync(run, brandScore);
        }
        catch (Exception) when (run.HandedOver)
        {
            // This instance is going away: the generation stays unfinished for another instance to resume.
            logger.LogInformation("Generation {GenerationId} handed over at event {EventId} for another instance to resume", run.Current.Id, run.LastEventId);
        }
        catch (OperationCanceledException) when (run.Cancellation.IsCancellationRequested)
        {
            await EndAsync(run, GenerationStatus.Cancelled, null, new CancelledEvent("The generation was cancelled."), "Cancelled");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var message = $"The page took longer than {settings.Timeout.TotalSeconds:0} seconds to generate, the limit. Try a shorter prompt or fewer sections.";
            await FailAsync(run, ErrorCodes.GenerationFailed, message);
        }
        catch (PageModelException e)
        {
            var code = e.IsTransient ? ErrorCodes.ServiceUnavailable : ErrorCodes.GenerationFailed;
            var message = e.IsTransient
                ? $"The page model ({pageModel.Provider}) is busy or unavailable after {settings.MaxAttempts} attempts. Try again in a minute."
                : $"The page model could not write the page: {e.Message}";
            logger.LogWarning(e, "Generation {GenerationId} failed in the page model ({Failure})", run.Current.Id, e.Failure);
            await FailAsync(run, code, message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Generation {GenerationId} failed", run.Current.Id);
            await FailAsync(run, ErrorCodes.GenerationFailed, "The generation failed on our side. Try again; if it keeps failing, quote the generation id.");
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
            _running.TryRemove(run.Current.Id, out _);
            feeds.MarkComplete(run.Feed);
        }
    }

    /// <summary>The plan the page model writes to: <c>theme_selector</c> picks the palette, <c>layout_agent</c> the sections.</summary>
    private async Task<PageRequest> PlanPageAsync(GenerationRun run, CancellationToken token)
    {
        var generation = run.Current;
        var template = TemplateCatalog.Find(generation.TemplateId) ?? TemplateCatalog.Default;
        var logo = generation.Logo is { } logoRef ? await logos.ResolveAsync(generation.Tenant, logoRef, token) : null;
        var brand = new BrandKit(generation.PrimaryColor, generation.SecondaryColor, logo);
        var parentHtml = await LoadParentHtmlAsync(generation, token);

        var theme = metrics.Measure(Agents.ThemeSelector, () => ThemeSelector.Select(brand, template, generation.Prompt));

        await Progress(run, 5, $"Chose a {theme.Tone} palette around {theme.Primary} and {theme.HeadingFont.Split(',')[0].Trim('"', '\'')} headings", Agents.ThemeSelector, token);

        // A refinement's plan is its parent's sections changed by the instruction: the plan shown is the plan used.
        var layout = metrics.Measure(Agents.LayoutAgent, () =>
        {
            var planned = LayoutAgent.Plan(template, generation.Prompt, theme);
            return parentHtml is null ? planned : Refinement.PlanFor(new PageRequest(generation.Prompt, template, theme, planned, brand, parentHtml));
        });

        await Progress(run, 10, $"Planned {layout.Sections.Count} sections: {string.Join(", ", layout.Sections.Select(s => s.Kind))}", Agents.LayoutAgent, token);
        return new PageRequest(generation.Prompt, template, theme, layout, brand, parentHtml);
    }

    /// <summary>Stores the page, then scores it with <c>brand_validator</c> (queued with other scoring) and stores the report.</summary>
    private async Task<double> StoreAndScoreAsync(GenerationRun run, string html, BrandAssets assets, CancellationToken token)
    {
        var generation = run.Current;
        await Progress(run, 85, "Saving the page", "store", token);
        var htmlKey = $"{generation.Tenant}/{generation.SiteId}/{generation.Id}/index.html";
        await blobs.PutAsync(BlobContainer.Sites, htmlKey, Encoding.UTF8.GetBytes(html), token);

        const string Checking = "Checking brand, accessibility, security and performance";
        await run.SaveAsync(g => g with { Status = GenerationStatus.Validating, Progress = 90, Message = Checking, HtmlKey = htmlKey }, token);
        await run.EmitAsync(new ProgressEvent(90, Checking, Agents.BrandValidator), token);
        var brief = await BriefPrompts.ForAsync(store, generation, token);
        var report = await scoring.RunAsync(() => metrics.Measure(Agents.BrandValidator, () => BrandValidator.Validate(html, assets, brief)), token);
        metrics.RecordBrandScore(report.BrandScore);

        await blobs.PutAsync(BlobContainer.Sites, ReportKey(generation), BrandReports.Write(report), token);
        return report.BrandScore;
    }

    /// <summary>
    /// Streams the model's page through the streaming sanitizer into chunk events. Throttling and unavailability are retried
    /// with jitter, but only before the first chunk: after that, a retry would repeat content the client already has.
    /// </summary>
    private async Task<string> WritePageAsync(GenerationRun run, PageRequest request, int sections, string? streamedPage, long started, CancellationToken token)
    {
        var settings = options.Value;
        using var call = metrics.Measure(Agents.PageGenerator);
        for (var attempt = 1; ; attempt++)
        {
            await Progress(run, 15, attempt == 1 ? $"Writing the page with {Describe(pageModel)}" : $"The model was busy; trying again ({attempt} of {settings.MaxAttempts})", Agents.PageGenerator, token);
            var page = new ChunkedPage(run, sections, streamedPage, () => RecordFirstChunkAsync(run, started, token), token);
            try
            {
                await StreamSanitizedAsync(request, page, token);
            }
            catch (PageModelException e) when (e.IsTransient && page.ChunkCount == 0 && attempt < settings.MaxAttempts)
            {
                logger.LogInformation("Page model {Provider} {Failure} on attempt {Attempt}; retrying", pageModel.Provider, e.Failure, attempt);
                await Task.Delay(Backoff(settings.RetryDelay, attempt), clock, token);
                continue;
            }
            catch (PageModelException e)
            {
                call.Fail(e.Failure.ToString());
                throw;
            }
            catch (OperationCanceledException) when (run.Cancellation.IsCancellationRequested || run.HandedOver)
            {
                call.Cancel();
                throw;
            }
            catch (OperationCanceledException)
            {
                call.Fail("timeout");
                throw;
            }

            var html = page.Html;
            if (string.IsNullOrWhiteSpace(html))
            {
                call.Fail(nameof(PageModelFailure.Failed));
                throw new PageModelException(PageModelFailure.Failed, "the model returned no HTML.");
            }

            if (page.Usage is { } usage)
            {
                metrics.RecordTokens(usage.InputTokens, usage.OutputTokens, pageModel.Provider);
                await run.SaveAsync(g => g with { InputTokens = usage.InputTokens, OutputTokens = usage.OutputTokens }, token);
            }

            if (page.Note is { } note)
            {
                await run.SaveAsync(g => g with { Note = note }, token);
            }

            call.Succeed();
            return html;
        }
    }

    private async Task RecordFirstChunkAsync(GenerationRun run, long started, CancellationToken token)
    {
        var firstChunkAt = clock.GetUtcNow();
        metrics.RecordFirstChunk(Stopwatch.GetElapsedTime(started), pageModel.Provider);
        await run.SaveAsync(g => g with { FirstChunkAt = firstChunkAt, Provider = pageModel.Provider, ModelId = pageModel.ModelId }, token);
    }

    /// <summary>
    /// Reads the model's deltas (produced on their own task, so a slow store write never stalls the model's connection) through the
    /// sanitizer into <paramref name="page"/>, which is cut into a chunk at <see cref="ChunkSize"/> or <see cref="ChunkDelay"/> after
    /// its first unsent character, whichever comes first.
    /// </summary>
    private async Task StreamSanitizedAsync(PageRequest request, ChunkedPage page, CancellationToken token)
    {
        var sanitizer = new StreamingHtmlSanitizer();
        var deltas = Channel.CreateBounded<PageDelta>(64);
        var producer = ProduceAsync(request, deltas.Writer, token);
        var cutAt = (DateTimeOffset?)null;
        while (await WaitForDeltasAsync(deltas.Reader, cutAt, token) is var more && more != false)
        {
            if (more is null)
            {
                await page.FlushAsync();
                cutAt = null;
                continue;
            }

            while (deltas.Reader.TryRead(out var delta))
            {
                page.Usage = delta.Usage ?? page.Usage;
                page.Note = delta.Note ?? page.Note;
                page.Append(sanitizer.Push(delta.Text));
                if (page.PendingLength >= ChunkSize)
                {
                    await page.FlushAsync();
                    cutAt = null;
                }
                else if (page.PendingLength > 0 && cutAt is null)
                {
                    cutAt = clock.GetUtcNow() + ChunkDelay;
                }
            }
        }

        await producer;
        page.Append(sanitizer.Complete());
        await page.FlushAsync();
        await page.EndReplayAsync();
    }

    /// <summary>True when deltas are ready, false when the model is done, null when <paramref name="cutAt"/> came first.</summary>
    private async Task<bool?> WaitForDeltasAsync(ChannelReader<PageDelta> reader, DateTimeOffset? cutAt, CancellationToken token)
    {
        if (cutAt is not { } due)
        {
            return await reader.WaitToReadAsync(token);
        }

        var wait = due - clock.GetUtcNow();
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(token);
        delay.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        try
        {
            return await reader.WaitToReadAsync(delay.Token);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task ProduceAsync(PageRequest request, ChannelWriter<PageDelta> writer, CancellationToken token)
    {
        try
        {
            await foreach (var delta in pageModel.StreamPageAsync(request, token))
            {
                await writer.WriteAsync(delta, token);
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }

    private async Task CompleteAsync(GenerationRun run, double brandScore)
    {
        var g = run.Current;
        var completedAt = clock.GetUtcNow();
        await run.FinishAsync(
            new CompleteEvent(
                g.Id, g.SiteId, g.Version, brandScore,
                $"/v1/sites/{g.Tenant}/generations/{g.Id}/html", $"/v1/sites/{g.Tenant}/generations/{g.Id}/report",
                g.Provider, g.ModelId, g.InputTokens, g.OutputTokens, g.Note),
            x => x with { Status = GenerationStatus.Complete, Progress = 100, Message = "Complete", BrandScore = brandScore, CompletedAt = completedAt },
            // Writes the site's latest-version fields only (a rename at the same moment keeps its name); a later version that
            // completed first stays the site's page.
            () => store.RecordCompletedVersionAsync(g.Tenant, g.SiteId, g.Id, g.Version, brandScore, completedAt, CancellationToken.None));
    }

    private Task FailAsync(GenerationRun run, string code, string message) =>
        EndAsync(run, GenerationStatus.Failed, new GenerationError(code, message), new ErrorEvent(code, message), message);

    /// <summary>Records the terminal event and state; never throws (the run is over either way).</summary>
    private async Task EndAsync(GenerationRun run, GenerationStatus status, GenerationError? error, GenerationEventData eventData, string message)
    {
        try
        {
            await run.FinishAsync(eventData, g => g with { Status = status, Error = error, Message = message, CompletedAt = clock.GetUtcNow() });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Could not record the end of generation {GenerationId}; recovery will mark it", run.Current.Id);
        }
    }

    private static async Task Progress(GenerationRun run, int progress, string message, string step, CancellationToken token)
    {
        await run.EmitAsync(new ProgressEvent(progress, message, step), token);
        run.NoteProgress(progress, message);
    }

    private async Task<string?> LoadParentHtmlAsync(GenerationRecord generation, CancellationToken token)
    {
        if (generation.ParentGenerationId is null)
        {
            return null;
        }

        var parent = await store.GetAsync(generation.Tenant, generation.ParentGenerationId, token);
        return parent?.HtmlKey is { } key && await blobs.GetAsync(BlobContainer.Sites, key, token) is { } blob
            ? Encoding.UTF8.GetString(blob.Content)
            : throw new GenerationRequestException("parentGenerationId", "The parent version's page is no longer stored.");
    }

    /// <summary>The validator's brand: the request's colours, plus the theme's derived text and surface colours (they are the brand's).</summary>
    internal static BrandAssets BrandAssetsFor(Theme theme, BrandKit brand) => new(
        brand.PrimaryColor ?? theme.Primary,
        brand.SecondaryColor ?? theme.Secondary,
        [theme.Primary, theme.Secondary, theme.Accent, theme.Background, theme.Surface, theme.Text, theme.MutedText, theme.OnPrimary],
        brand.LogoUrl,
        [theme.HeadingFont, theme.BodyFont]);

    public static string ReportKey(GenerationRecord generation) => $"{generation.Tenant}/{generation.SiteId}/{generation.Id}/report.json";

    /// <summary>
    /// The page as it is written: sanitized text gathers until it is flushed as a chunk event, and progress follows the bytes written against the size a page of this many sections usually has.
    /// A resumed generation replays: text its clients already have (<c>streamedPage</c>) is checked, not sent again.
    /// </summary>
    private sealed class ChunkedPage(GenerationRun run, int sections, string? streamedPage, Func<Task> onFirstChunk, CancellationToken token)
    {
        private readonly StringBuilder _page = new();
        private readonly StringBuilder _pending = new();
        // A page is a head with its stylesheet and then its sections.
        private readonly int _expected = 16_000 + (Math.Max(sections, 3) * 2_500);
        private int _lastProgress = 15;
        private string? _replay = string.IsNullOrEmpty(streamedPage) ? null : streamedPage;

        public int ChunkCount { get; private set; }

        public int PendingLength => _pending.Length;

        public TokenUsage? Usage { get; set; }

        /// <summary>What the model said about the version in words (an instruction already satisfied, or one it cannot apply).</summary>
        public string? Note { get; set; }

        public string Html => _page.ToString();

        public void Append(string sanitized) => _pending.Append(sanitized);

        public async Task FlushAsync()
        {
            if (_pending.Length == 0)
            {
                return;
            }

            var content = _pending.ToString();
            _pending.Clear();
            var offset = _page.Length;
            _page.Append(content);
            if (_replay is { } replay)
            {
                var overlap = Math.Max(0, Math.Min(content.Length, replay.Length - offset));
                if (!content.AsSpan(0, overlap).SequenceEqual(replay.AsSpan(offset, overlap)))
                {
                    await RestartAsync();
                    return;
                }

                if (overlap == content.Length)
                {
                    return;
                }

                // Past what clients already have: the rest of this piece is new.
                _replay = null;
                content = content[overlap..];
            }

            await EmitChunkAsync(content);
        }

        /// <summary>At the end of the page: a new page shorter than what was sent cannot continue it either.</summary>
        public async Task EndReplayAsync()
        {
            if (_replay is not null && _page.Length < _replay.Length)
            {
                await RestartAsync();
            }

            _replay = null;
        }

        /// <summary>The new page differs from what clients have: they are told to start over, and get the whole page so far.</summary>
        private async Task RestartAsync()
        {
            _replay = null;
            await Progress(run, 15, "The page is written again from the start: the chunks before this event are replaced by the ones after it.", RestartStep, token);
            await EmitChunkAsync(_page.ToString());
        }

        private async Task EmitChunkAsync(string content)
        {
            if (ChunkCount++ == 0)
            {
                await onFirstChunk();
            }

            await run.EmitAsync(new ChunkEvent(content), token);
            var progress = 15 + (int)(65 * Math.Min(1.0, _page.Length / (double)_expected));
            if (progress >= _lastProgress + 10)
            {
                _lastProgress = progress;
                await Progress(run, progress, $"Written {_page.Length / 1024.0:0.#} KB of the page", Agents.PageGenerator, token);
            }
        }
    }

    private static string Describe(IPageModel model) => model.Provider switch
    {
        "offline" => "the offline composer",
        "bedrock" => $"Claude on Bedrock ({model.ModelId})",
        _ => $"{model.ModelId} ({model.Provider})",
    };

    private static TimeSpan Backoff(TimeSpan first, int attempt)
    {
        var nominal = first.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(nominal * (0.5 + Random.Shared.NextDouble()));
    }
}
