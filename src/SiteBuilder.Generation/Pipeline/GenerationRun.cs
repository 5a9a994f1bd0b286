using SiteBuilder.Generation.Records;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// The bookkeeping of one running generation: every event is recorded in the store, then published to the live feed,
/// with contiguous ids; the generation row moves through its states with optimistic concurrency, and a heartbeat keeps
/// it fresh (and notices a cancel asked on another instance).
/// </summary>
internal sealed class GenerationRun(GenerationRecord generation, IGenerationStore store, GenerationFeed feed, TimeProvider clock)
{
    private readonly SemaphoreSlim _rowGate = new(1, 1);
    private readonly Lock _progressLock = new();
    private long _nextEventId = generation.LastEventId + 1;
    private (int Progress, string Message)? _pendingProgress;
    private bool _savingProgress;

    public GenerationRecord Current { get; private set; } = generation;

    public GenerationFeed Feed { get; } = feed;

    public CancellationTokenSource Cancellation { get; } = new();

    public bool CancelRequested { get; private set; }

    public async Task EmitAsync(GenerationEventData data, CancellationToken cancellationToken)
    {
        var e = new GenerationEvent(_nextEventId, data);
        await store.AppendEventsAsync(Current.Id, [e], cancellationToken);
        _nextEventId++;
        Feed.Publish(e);
    }

    public long LastEventId => _nextEventId - 1;

    /// <summary>
    /// Records the terminal event, then moves the row to its end state, and only then shows the event to live readers: a client
    /// that has the <c>complete</c> event finds the state complete and the report there. <paramref name="beforePublish"/> runs
    /// between the two (the site's latest-version pointer). If the row update fails, readers fall back to the store, which
    /// holds the event until recovery settles the row.
    /// </summary>
    public async Task FinishAsync(GenerationEventData data, Func<GenerationRecord, GenerationRecord> change, Func<Task>? beforePublish = null)
    {
        var e = new GenerationEvent(_nextEventId, data);
        await store.AppendEventsAsync(Current.Id, [e], CancellationToken.None);
        _nextEventId++;
        await SaveAsync(change, CancellationToken.None);
        if (beforePublish is not null)
        {
            await beforePublish();
        }

        Feed.Publish(e);
    }

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

    /// <summary>
    /// Copies a progress step into the row without holding up the pipeline (the event already carries it to live readers): at
    /// most one such write is in flight, and steps noted meanwhile are merged into the next. The row only ever moves forward, so
    /// a late write never undoes a later state.
    /// </summary>
    public void NoteProgress(int progress, string message)
    {
        lock (_progressLock)
        {
            _pendingProgress = (progress, message);
            if (_savingProgress)
            {
                return;
            }

            _savingProgress = true;
        }

        _ = Task.Run(SavePendingProgressAsync);
    }

    private async Task SavePendingProgressAsync()
    {
        while (true)
        {
            (int Progress, string Message) next;
            lock (_progressLock)
            {
                if (_pendingProgress is not { } pending)
                {
                    _savingProgress = false;
                    return;
                }

                next = pending;
                _pendingProgress = null;
            }

            if (Current.Status.IsTerminal())
            {
                continue;
            }

            try
            {
                await SaveAsync(g => g.Status.IsTerminal() || g.Progress > next.Progress ? g : g with { Progress = next.Progress, Message = next.Message }, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The row's progress is advisory while the run lasts (readers have the events); the next state change or
                // heartbeat writes the row again, and a store that is really down fails those, which the runner reports.
            }
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
