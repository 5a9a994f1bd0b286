using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests;

/// <summary>One portal per test class, on SQLite and folders, with a short account-status cache so revocation tests are quick.</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        Factory.Settings["SiteBuilder:Accounts:StatusCacheDuration"] = "00:00:01";
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
