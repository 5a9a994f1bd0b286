using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteBuilder.Generation.Records;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// Picks up generations left running by a crashed or stopped instance, at start and every few seconds after: a running generation's
/// heartbeat keeps it fresh, so anything older than <see cref="GenerationOptions.StaleAfter"/> has no runner. Such a generation is
/// resumed here from its recorded request (a deploy loses nothing); one interrupted <see cref="MaxResumes"/> times already is marked
/// failed instead, so a page that takes its instance down each time cannot go round forever.
/// </summary>
public sealed class GenerationRecovery(
    IGenerationStore store,
    GenerationRunner runner,
    IOptions<GenerationOptions> options,
    TimeProvider clock,
    ILogger<GenerationRecovery> logger) : BackgroundService
{
    public const string InterruptedMessage = "The generation was interrupted (the server stopped while it ran) too often to resume it. Start it again.";

    /// <summary>How often one generation is resumed before it is given up.</summary>
    public const int MaxResumes = 3;

    /// <summary>One sweep; returns how many stuck generations it resumed, settled or marked failed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        foreach (var stale in await store.FindStaleAsync(clock.GetUtcNow() - options.Value.StaleAfter, cancellationToken))
        {
            if (runner.IsRunningHere(stale.Id))
            {
                continue;
            }

            try
            {
                // Events may be ahead of the row's lastEventId; the next event goes after the real last one.
                var recorded = await store.ReadEventsAsync(stale.Id, 0, int.MaxValue, cancellationToken);
                var lastId = recorded.Count > 0 ? Math.Max(recorded[^1].Id, stale.LastEventId) : stale.LastEventId;
                var now = clock.GetUtcNow();
                if (recorded.Count > 0 && recorded[^1].Data.IsTerminal)
                {
                    // It ended, but its final row update was lost: settle the row from its terminal event.
                    await store.UpdateAsync(Settle(stale, recorded[^1].Data) with { LastEventId = lastId, UpdatedAt = now, CompletedAt = now }, cancellationToken);
                    logger.LogWarning("Settled generation {GenerationId} of {Tenant} from its terminal event", stale.Id, stale.Tenant);
                }
                else if (stale.CancelRequested || ResumesOf(recorded) >= MaxResumes)
                {
                    await EndAsync(stale, lastId, now, cancellationToken);
                }
                else if (runner.TakesWork)
                {
                    // The conditional update is the claim: of several instances sweeping at once, one resumes it.
                    var claimed = await store.UpdateAsync(stale with { LastEventId = lastId, UpdatedAt = now, Message = "Resuming" }, cancellationToken);
                    var progressSoFar = recorded.Select(e => e.Data).OfType<ProgressEvent>().Select(p => p.Progress).DefaultIfEmpty(0).Max();
                    runner.Resume(claimed, StreamedPage(recorded), progressSoFar);
                    logger.LogWarning("Resumed interrupted generation {GenerationId} of {Tenant} after event {EventId}", stale.Id, stale.Tenant, lastId);
                }
                else
                {
                    // Draining: another instance resumes it.
                    continue;
                }

                handled++;
            }
            catch (GenerationConflictException)
            {
                // Its runner (on another instance) or another sweeper moved it on: it is not stuck.
            }
        }

        return handled;
    }

    /// <summary>The page as its clients have it: the chunks after the last restart.</summary>
    public static string StreamedPage(IReadOnlyList<GenerationEvent> events)
    {
        var from = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Data is ProgressEvent { Step: GenerationRunner.RestartStep })
            {
                from = i + 1;
            }
        }

        return string.Concat(events.Skip(from).Select(e => e.Data).OfType<ChunkEvent>().Select(c => c.Content));
    }

    private static int ResumesOf(IReadOnlyList<GenerationEvent> events) =>
        events.Count(e => e.Data is ProgressEvent { Step: GenerationRunner.ResumeStep });

    /// <summary>Ends a generation that is not resumed: cancelled when a cancel was asked, else failed.</summary>
    private async Task EndAsync(GenerationRecord stale, long lastId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        GenerationEventData end = stale.CancelRequested
            ? new CancelledEvent("The generation was cancelled.")
            : new ErrorEvent(ErrorCodes.GenerationFailed, InterruptedMessage);
        await store.AppendEventsAsync(stale.Id, [new GenerationEvent(lastId + 1, end)], cancellationToken);
        await store.UpdateAsync(Settle(stale, end) with { LastEventId = lastId + 1, UpdatedAt = now, CompletedAt = now }, cancellationToken);
        logger.LogWarning("Ended interrupted generation {GenerationId} of {Tenant} as {Status}", stale.Id, stale.Tenant, end.Type);
    }

    private static GenerationRecord Settle(GenerationRecord generation, GenerationEventData terminalEvent) => terminalEvent switch
    {
        CompleteEvent complete => generation with { Status = GenerationStatus.Complete, Progress = 100, Message = "Complete", BrandScore = complete.BrandScore },
        CancelledEvent => generation with { Status = GenerationStatus.Cancelled, Message = "Cancelled" },
        ErrorEvent error => generation with { Status = GenerationStatus.Failed, Error = new(error.Code, error.Message), Message = error.Message },
        _ => throw new ArgumentException($"A {terminalEvent.Type} event does not end a generation.", nameof(terminalEvent)),
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, options.Value.StaleAfter.Ticks / 2));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The sweep for interrupted generations failed; trying again");
            }

            await Task.Delay(interval, clock, stoppingToken);
        }
    }
}
