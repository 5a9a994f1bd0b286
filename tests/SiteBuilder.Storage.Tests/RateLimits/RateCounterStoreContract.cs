using System.Security.Cryptography;
using SiteBuilder.Storage.RateLimits;

namespace SiteBuilder.Storage.Tests.RateLimits;

/// <summary>What every <see cref="IRateCounterStore"/> must do. Derived classes supply the implementation.</summary>
public abstract class RateCounterStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private IRateCounterStore? _store;

    protected IRateCounterStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A counter key no other test uses, since a test class may share its tables.</summary>
    protected static string NewKey(string group = "generation") => $"tenant-{RandomNumberGenerator.GetHexString(8, lowercase: true)}#{group}";

    /// <summary>The start of the current one-minute window, as the rate limiter computes it.</summary>
    protected static DateTimeOffset CurrentWindow()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - now.Ticks % Minute.Ticks, TimeSpan.Zero);
    }

    protected abstract ValueTask<IRateCounterStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task IncrementsCountUpFromOne()
    {
        var key = NewKey();
        var window = CurrentWindow();

        var counts = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add(await Store.IncrementAsync(key, window, Minute, Cancellation));
        }

        Assert.Equal([1L, 2L, 3L], counts);
    }

    [Fact]
    public async Task DifferentKeysCountIndependently()
    {
        var window = CurrentWindow();
        var generation = NewKey("generation");
        var agents = generation.Replace("#generation", "#agents", StringComparison.Ordinal);

        await Store.IncrementAsync(generation, window, Minute, Cancellation);
        await Store.IncrementAsync(generation, window, Minute, Cancellation);

        Assert.Equal(1, await Store.IncrementAsync(agents, window, Minute, Cancellation));
        Assert.Equal(3, await Store.IncrementAsync(generation, window, Minute, Cancellation));
    }

    [Fact]
    public async Task EachWindowHasItsOwnCounter()
    {
        var key = NewKey();
        var window = CurrentWindow();

        await Store.IncrementAsync(key, window, Minute, Cancellation);
        await Store.IncrementAsync(key, window, Minute, Cancellation);

        Assert.Equal(1, await Store.IncrementAsync(key, window + Minute, Minute, Cancellation));
        Assert.Equal(3, await Store.IncrementAsync(key, window, Minute, Cancellation));
    }

    [Fact]
    public async Task WindowStartsThatDifferBelowASecondAreDifferentWindows()
    {
        var key = NewKey();
        var window = CurrentWindow();
        var shortWindow = TimeSpan.FromMilliseconds(100);

        Assert.Equal(1, await Store.IncrementAsync(key, window, shortWindow, Cancellation));
        Assert.Equal(1, await Store.IncrementAsync(key, window + shortWindow, shortWindow, Cancellation));
    }

    [Fact]
    public async Task ConcurrentIncrementsLoseNoCount()
    {
        var key = NewKey();
        var window = CurrentWindow();

        var counts = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Store.IncrementAsync(key, window, Minute, Cancellation), Cancellation)));

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), counts.Order());
        Assert.Equal(51, await Store.IncrementAsync(key, window, Minute, Cancellation));
    }
}
