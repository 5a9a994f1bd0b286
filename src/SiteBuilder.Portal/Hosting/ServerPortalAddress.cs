using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SiteBuilder.Operations.Environments;

namespace SiteBuilder.Portal.Hosting;

/// <summary>The address Kestrel listens on, for the local demo's environments; the <c>Urls</c> setting before the server starts.</summary>
internal sealed class ServerPortalAddress(IServer server, IConfiguration configuration) : IPortalAddress
{
    private readonly ConfiguredPortalAddress _configured = new(configuration);

    public Uri BaseAddress
    {
        get
        {
            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http", StringComparison.Ordinal));
            if (listening is null)
            {
                return _configured.BaseAddress;
            }

            var normalized = listening.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://localhost", "://127.0.0.1", StringComparison.Ordinal);
            return new Uri(normalized.TrimEnd('/') + "/");
        }
    }
}
