using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests;

/// <summary>
/// One portal per test class on a fake clock that stands still at the start of the current one-minute rate-limit window, so
/// every call of a test counts in one window without waiting for a fresh one. The clock is moved back, never forward, so the
/// tokens the portal issues on it are already valid by the real clock.
/// </summary>
public sealed class RateLimitWindowFixture : IAsyncLifetime
{
    public RateLimitWindowFixture()
    {
        var now = TimeProvider.System.GetUtcNow();
        Clock = new FakeTimeProvider(new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.FromMinutes(1).Ticks), TimeSpan.Zero));
        Factory = new ClockedPortal(Clock);
    }

    public FakeTimeProvider Clock { get; }

    public PortalFactory Factory { get; }

    public ValueTask InitializeAsync()
    {
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    private sealed class ClockedPortal(TimeProvider clock) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}
