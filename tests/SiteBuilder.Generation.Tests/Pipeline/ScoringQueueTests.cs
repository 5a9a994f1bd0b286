using SiteBuilder.Generation.Pipeline;

namespace SiteBuilder.Generation.Tests.Pipeline;

public sealed class ScoringQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WorkRunsOnAScoringThreadAndItsResultOrFailureComesBack()
    {
        using var queue = new ScoringQueue(threads: 1);

        var name = await queue.RunAsync(() => Thread.CurrentThread.Name, Ct);
        var failure = queue.RunAsync<int>(() => throw new InvalidOperationException("bad page"), Ct);

        Assert.Equal("brand-scoring-1", name);
        Assert.Equal("bad page", (await Assert.ThrowsAsync<InvalidOperationException>(() => failure)).Message);
    }

    [Fact]
    public async Task WorkCancelledWhileItWaitsIsNeverRun()
    {
        using var queue = new ScoringQueue(threads: 1);
        using var release = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        var ran = false;

        var busy = queue.RunAsync(() => release.Wait(TimeSpan.FromSeconds(10)), Ct);
        var waiting = queue.RunAsync(() => ran = true, cancel.Token);
        await cancel.CancelAsync();
        release.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.True(await busy);
        Assert.Equal(1, await queue.RunAsync(() => 1, Ct));
        Assert.False(ran);
    }

    [Fact]
    public async Task TheScoringThreadsRunAtTheLowestPriority()
    {
        using var queue = new ScoringQueue(threads: 1);

        // On Linux, the thread's nice value (field 19 of /proc/thread-self/stat); elsewhere, .NET's thread priority.
        var priority = await queue.RunAsync(
            () => OperatingSystem.IsLinux()
                ? File.ReadAllText("/proc/thread-self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[16]
                : Thread.CurrentThread.Priority.ToString(),
            Ct);

        Assert.Equal(OperatingSystem.IsLinux() ? "19" : nameof(ThreadPriority.Lowest), priority);
    }
}
