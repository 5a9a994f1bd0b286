using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SiteBuilder.Generation.Records;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// The live events of the generations this instance is running, so clients here are served from memory the moment an
/// event is recorded. A feed lingers briefly after its generation ends; after that, and on other instances, readers
/// use the store (<see cref="GenerationEventReader"/>).
/// </summary>
public sealed class GenerationFeeds(TimeProvider clock)
{
    private static readonly TimeSpan Linger = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, GenerationFeed> _feeds = new();

    public GenerationFeed Open(string generationId)
    {
        Sweep();
        return _feeds.GetOrAdd(generationId, _ => new GenerationFeed());
    }

    public GenerationFeed? Find(string generationId) => _feeds.TryGetValue(generationId, out var feed) ? feed : null;

    public int ActiveCount => _feeds.Values.Count(f => !f.IsComplete);

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, feed) in _feeds)
        {
            if (feed.CompletedAt is { } completed && now - completed > Linger)
            {
                _feeds.TryRemove(id, out _);
            }
        }
    }

    internal void MarkComplete(GenerationFeed feed) => feed.Complete(clock.GetUtcNow());
}

/// <summary>The recorded events of one running generation, in order, with a signal for readers waiting on the next one.</summary>
public sealed class GenerationFeed
{
    private readonly Lock _gate = new();
    private readonly List<GenerationEvent> _events = [];
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsComplete => CompletedAt is not null;

    public DateTimeOffset? CompletedAt { get; private set; }

    public void Publish(GenerationEvent e)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            _events.Add(e);
            signal = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    internal void Complete(DateTimeOffset at)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            CompletedAt = at;
            signal = _next;
        }

        signal.TrySetResult();
    }

    /// <summary>Every event after <paramref name="afterId"/>, then each new one as it is published, until the feed completes.</summary>
    public async IAsyncEnumerable<GenerationEvent> ReadAsync(long afterId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 0;
        while (true)
        {
            GenerationEvent[] batch;
            Task next;
            bool complete;
            lock (_gate)
            {
                batch = [.. _events.Skip(index)];
                index = _events.Count;
                next = _next.Task;
                complete = CompletedAt is not null;
            }

            foreach (var e in batch)
            {
                if (e.Id > afterId)
                {
                    yield return e;
                }
            }

            if (complete)
            {
                yield break;
            }

            await next.WaitAsync(cancellationToken);
        }
    }
}
