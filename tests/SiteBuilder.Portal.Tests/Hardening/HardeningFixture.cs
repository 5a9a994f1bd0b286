using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>
/// One portal for the hardening tests: rate limits out of the way (the fuzz suite sends hundreds of requests per tenant) and a
/// one-second account-status cache so revocation is seen at once.
/// </summary>
public sealed class HardeningFixture : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        Factory.Settings["SiteBuilder:Accounts:StatusCacheDuration"] = "00:00:01";
        Factory.Settings["SiteBuilder:RateLimits:Generation"] = "100000";
        Factory.Settings["SiteBuilder:RateLimits:Agents"] = "100000";
        Factory.Settings["SiteBuilder:RateLimits:Validation"] = "100000";
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
