using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests;

/// <summary>The portal on a real Kestrel port, for clients in other processes (curl, Python, Node).</summary>
public sealed class LivePortalFixture : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new();

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string Address { get; private set; } = "";

    public ValueTask InitializeAsync()
    {
        Address = Factory.StartOnLoopbackPort();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
