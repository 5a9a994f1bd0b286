using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteBuilder.Generation.Records;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// Marks generations left running by a crashed or stopped instance as failed (interrupted), at start and every few seconds after:
/// a running generation's heartbeat keeps it fresh, so anything older than <see cref="GenerationOptions.StaleAfter"/> has no runner.
/// </summary>
public sealed class GenerationRecovery(
    IGenerationStore store,
    GenerationRunner runner,
    IOptions<GenerationOptions> options,
    TimeProvider clock,
    ILogger<GenerationRecovery> logger) : BackgroundService
{
    public const string InterruptedMessage = "The generation was interrupted (the server stopped while it ran). Start it again.";

    /// <summary>One sweep; returns how many generations it marked.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var marked = 0;
        foreach (var stale in await store.FindStaleAsync(clock.GetUtcNow() - options.Value.StaleAfter, cancellationToken))
        {
            if (runner.IsRunningHere(stale.Id))
            {
                continue;
            }

            try
            {
                // Events may be ahead of the row's lastEventId; the terminal event goes after the real last one.
                var recorded = await store.ReadEventsAsync(stale.Id, stale.LastEventId, int.MaxValue, cancellationToken);
                var lastId = recorded.Count > 0 ? recorded[^1].Id : stale.LastEventId;
                var now = clock.GetUtcNow();
                if (recorded.Count > 0 && recorded[^1].Data.IsTerminal)
                {
                    // It ended, but its final row update was lost: settle the row from its terminal event.
                    await store.UpdateAsync(Settle(stale, recorded[^1].Data) with { LastEventId = lastId, UpdatedAt = now, CompletedAt = now }, cancellationToken);
                }
                else
                {
                    await store.AppendEventsAsync(stale.Id, [new GenerationEvent(lastId + 1, new ErrorEvent(ErrorCodes.GenerationFailed, InterruptedMessage))], cancellationToken);
                    await store.UpdateAsync(stale with
                    {
                        Status = GenerationStatus.Failed,
                        Error = new(ErrorCodes.GenerationFailed, InterruptedMessage),
                        Message = InterruptedMessage,
                        LastEventId = lastId + 1,
                        UpdatedAt = now,
                        CompletedAt = now,
                    }, cancellationToken);
                }

                marked++;
                logger.LogWarning("Marked interrupted generation {GenerationId} of {Tenant} as failed", stale.Id, stale.Tenant);
            }
            catch (GenerationConflictException)
            {
                // Its runner (on another instance) or another sweeper moved it on: it is not stuck.
            }
        }

        return marked;
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
