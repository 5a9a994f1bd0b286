using System.Runtime.CompilerServices;
using SiteBuilder.Generation.Records;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// Reads a generation's events after a given id, exactly once each and in order: from the live feed when the generation runs
/// on this instance, otherwise from the store, polling until its terminal event. This is what makes resume work on any instance.
/// </summary>
public sealed class GenerationEventReader(IGenerationStore store, GenerationFeeds feeds, TimeProvider clock)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(150);
    private const int PageSize = 500;

    public async IAsyncEnumerable<GenerationEvent> ReadAsync(GenerationRecord generation, long afterId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = afterId;
        if (feeds.Find(generation.Id) is { } feed)
        {
            await foreach (var e in feed.ReadAsync(last, cancellationToken))
            {
                last = e.Id;
                yield return e;
                if (e.Data.IsTerminal)
                {
                    yield break;
                }
            }
        }

        // Not (or no longer) live here: the store has every recorded event.
        while (true)
        {
            var events = await store.ReadEventsAsync(generation.Id, last, PageSize, cancellationToken);
            foreach (var e in events)
            {
                last = e.Id;
                if (e.Data.IsTerminal)
                {
                    // The runner stores the terminal event just before it settles the row; hand it out once the state agrees.
                    await WaitUntilSettledAsync(generation, cancellationToken);
                    yield return e;
                    yield break;
                }

                yield return e;
            }

            if (events.Count == PageSize)
            {
                continue;
            }

            var current = await store.GetAsync(generation.Tenant, generation.Id, cancellationToken);
            if (current is null || (current.Status.IsTerminal() && current.LastEventId <= last))
            {
                yield break;
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }

    private async Task WaitUntilSettledAsync(GenerationRecord generation, CancellationToken cancellationToken)
    {
        while (await store.GetAsync(generation.Tenant, generation.Id, cancellationToken) is { } current && !current.Status.IsTerminal())
        {
            await Task.Delay(PollInterval / 3, clock, cancellationToken);
        }
    }
}
