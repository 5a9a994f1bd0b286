using SiteBuilder.Generation.Generations;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// The bookkeeping of one running generation: every event is recorded in the store, then published to the live feed,
/// with contiguous ids; the generation row moves through its states with optimistic concurrency, and a heartbeat keeps
/// it fresh (and notices a cancel asked on another instance).
/// </summary>
internal sealed class GenerationRun(GenerationRecord generation, IGenerationStore store, GenerationFeed feed, TimeProvider clock)
{
    private readonly SemaphoreSlim _rowGate = new(1, 1);
    private long _nextEventId = generation.LastEventId + 1;

    public GenerationRecord Current { get; private set; } = generation;

    public GenerationFeed Feed { get; } = feed;

    public CancellationTokenSource Cancellation { get; } = new();

    public bool CancelRequested { get; private set; }

    public async Task EmitAsync(string data, CancellationToken cancellationToken)
    {
        var e = new GenerationEvent(_nextEventId, data);
        await store.AppendEventsAsync(Current.Id, [e], cancellationToken);
        _nextEventId++;
        Feed.Publish(e);
    }

    public long LastEventId => _nextEventId - 1;

    /// <summary>Applies a change to the row; if another writer got there first (a cancel request), re-reads and applies it again.</summary>
    public async Task SaveAsync(Func<GenerationRecord, GenerationRecord> change, CancellationToken cancellationToken)
    {
        await _rowGate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    Current = await store.UpdateAsync(change(Current) with { UpdatedAt = clock.GetUtcNow(), LastEventId = LastEventId }, cancellationToken);
                    return;
                }
                catch (GenerationConflictException) when (attempt < 5)
                {
                    var fresh = await store.GetAsync(Current.Tenant, Current.Id, cancellationToken)
                        ?? throw new InvalidOperationException($"The generation {Current.Id} disappeared while running.");
                    Current = fresh;
                    NoticeCancel(fresh);
                }
            }
        }
        finally
        {
            _rowGate.Release();
        }
    }

    /// <summary>Keeps <c>updatedAt</c> fresh so recovery never takes a live generation for a crashed one, and picks up remote cancels.</summary>
    public async Task HeartbeatAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var fresh = await store.GetAsync(Current.Tenant, Current.Id, stopping);
                if (fresh is null || fresh.Status.IsTerminal())
                {
                    return;
                }

                NoticeCancel(fresh);
                await SaveAsync(g => g, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The generation ended.
        }
    }

    private void NoticeCancel(GenerationRecord fresh)
    {
        if (fresh.CancelRequested && !CancelRequested)
        {
            CancelRequested = true;
            Cancellation.Cancel();
        }
    }
}
