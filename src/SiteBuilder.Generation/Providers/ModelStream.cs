using System.Runtime.CompilerServices;
using SiteBuilder.Generation.Templates;

namespace SiteBuilder.Generation.Providers;

/// <summary>
/// Reads a provider's event stream under an idle timeout and turns every failure into a
/// <see cref="PageModelException"/>: a stream that sends nothing for the idle timeout is a
/// <see cref="PageModelFailure.Timeout"/>, the caller's cancellation stays an <see cref="OperationCanceledException"/>,
/// and everything else goes through the provider's classifier so no SDK exception escapes.
/// </summary>
internal static class ModelStream
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        Func<CancellationToken, IAsyncEnumerable<T>> open,
        TimeSpan idleTimeout,
        Func<Exception, PageModelException> classify,
        string stalledMessage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(idleTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var enumerator = open(linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            while (true)
            {
                bool hasNext;
                try
                {
                    hasNext = await enumerator.MoveNextAsync();
                }
                catch (Exception ex) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new PageModelException(PageModelFailure.Timeout, stalledMessage, ex);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (PageModelException)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    throw classify(ex);
                }

                if (!hasNext)
                {
                    yield break;
                }

                // The clock measures the provider, not the consumer: it stops while the caller handles the item.
                idle.CancelAfter(Timeout.InfiniteTimeSpan);
                yield return enumerator.Current;
                idle.CancelAfter(idleTimeout);
            }
        }
        finally
        {
            await DisposeQuietlyAsync(enumerator);
        }
    }

    private static async ValueTask DisposeQuietlyAsync<T>(IAsyncEnumerator<T> enumerator)
    {
        try
        {
            await enumerator.DisposeAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or InvalidOperationException)
        {
            // Closing a stream that already failed or was abandoned: the failure that matters was already reported.
        }
    }
}
