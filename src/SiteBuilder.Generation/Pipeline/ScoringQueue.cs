using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// Brand scoring, off the streaming path. Scoring is CPU work that nobody watches arrive, so it runs on a few dedicated threads
/// at the lowest CPU priority, in the order pages finish: in a burst, the pages still being written get the cores first and
/// their scores follow as soon as the cores are free. On an idle machine a score starts at once, as before.
/// On Linux the threads' nice value is raised to 19 (<c>setpriority</c> on the thread id; lowering one's own priority needs no
/// privilege); elsewhere <see cref="Thread.Priority"/> is lowered.
/// </summary>
public sealed class ScoringQueue : IDisposable
{
    private const int LowestNice = 19;
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread[] _threads;

    public ScoringQueue()
        : this(Math.Max(1, Environment.ProcessorCount / 2))
    {
    }

    public ScoringQueue(int threads)
    {
        _threads = [.. Enumerable.Range(1, threads).Select(n => new Thread(Work) { IsBackground = true, Name = $"brand-scoring-{n}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Runs <paramref name="score"/> on a scoring thread; a request cancelled while it waits its turn is not run.</summary>
    public Task<T> RunAsync<T>(Func<T> score, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        _work.Add(() =>
        {
            registration.Dispose();
            if (done.Task.IsCompleted)
            {
                return;
            }

            try
            {
                done.TrySetResult(score());
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }, CancellationToken.None);
        return done.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        _work.Dispose();
    }

    private void Work()
    {
        LowerPriority();
        foreach (var item in _work.GetConsumingEnumerable())
        {
            item();
        }
    }

    private static void LowerPriority()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // PRIO_PROCESS with a thread id sets that one thread's nice value.
                _ = SetPriority(0, GetThreadId(), LowestNice);
                return;
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // An old C library without gettid: fall back to what .NET offers.
            }
        }

        Thread.CurrentThread.Priority = ThreadPriority.Lowest;
    }

    // Plain blittable calls: DllImport needs no generated marshalling (and so no unsafe code in this assembly).
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
#pragma warning restore SYSLIB1054
}
