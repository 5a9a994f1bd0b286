using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests;

/// <summary>One portal per test class, on SQLite and folders, with a short account-status cache so revocation tests are quick.</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        Factory.Settings["SiteBuilder:Accounts:StatusCacheDuration"] = "00:00:01";
        // Every client of the test server has the same address; the per-address slow-down has its own tests.
        Factory.Settings["SiteBuilder:Accounts:MaxFailedSignInsPerAddress"] = "1000";
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
