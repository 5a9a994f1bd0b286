using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SiteBuilder.Identity.Tokens;

namespace SiteBuilder.Portal.Auth;

/// <summary>
/// Feeds the local JWT handler the issuer's current keys from the shared key ring, the way a remote issuer's
/// discovery document would, so a key added by another instance is picked up without a restart.
/// </summary>
internal sealed class LocalIssuerConfiguration(SigningKeyRing keys, string issuer) : IConfigurationManager<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        // Make sure a key exists before the first token is checked (the first start creates it).
        await keys.GetSigningKeyAsync(cancel);
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        foreach (var key in await keys.GetKeysAsync(cancel))
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }

    /// <summary>The handler asks after a token named a key id it did not have.</summary>
    public void RequestRefresh() => keys.RequestRefresh();
}
