namespace SiteBuilder.Portal.Auth;

/// <summary><c>SiteBuilder:Authentication:Cognito</c>: accept Amazon Cognito user-pool tokens on <c>/v1</c> when configured.</summary>
public sealed class CognitoOptions
{
    public const string Section = "SiteBuilder:Authentication:Cognito";

    /// <summary>e.g. eu-west-1_AbC123. With <see cref="Region"/>, gives the authority <c>https://cognito-idp.{region}.amazonaws.com/{pool}</c>.</summary>
    public string? UserPoolId { get; set; }

    public string? Region { get; set; }

    /// <summary>Overrides the authority (issuer) derived from region and pool; tests point it at a local discovery endpoint.</summary>
    public string? Authority { get; set; }

    /// <summary>App client ids whose tokens are accepted (checked against <c>aud</c> of id tokens and <c>client_id</c> of access tokens).</summary>
    public List<string> ClientIds { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) || (!string.IsNullOrWhiteSpace(UserPoolId) && !string.IsNullOrWhiteSpace(Region));

    public string ResolveAuthority() => !string.IsNullOrWhiteSpace(Authority)
        ? Authority.TrimEnd('/')
        : $"https://cognito-idp.{Region}.amazonaws.com/{UserPoolId}";
}

/// <summary>How Microsoft Entra ID app roles and claims map to portal roles and tenants (<c>SiteBuilder:Authentication:Entra</c>).</summary>
public sealed class EntraMappingOptions
{
    public const string Section = "SiteBuilder:Authentication:Entra";

    /// <summary>The claim listing the tenants an Entra user may act for (an optional claim or a directory extension).</summary>
    public string TenantsClaim { get; set; } = "tenants";

    /// <summary>Only for a local test authority on loopback; Entra itself is always HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// The directory (tenant) ids whose users may sign in. Required when <c>AzureAd:TenantId</c> is <c>common</c> or
    /// <c>organizations</c>; otherwise only the configured directory is accepted.
    /// </summary>
    public List<string> AllowedTenantIds { get; set; } = [];

    /// <summary>Whether a token from directory <paramref name="tid"/> is accepted when the app is registered for <paramref name="configuredTenant"/>.</summary>
    public bool AcceptsDirectory(string? tid, string? configuredTenant)
    {
        if (string.IsNullOrWhiteSpace(tid))
        {
            return false;
        }

        return IsMultiTenant(configuredTenant)
            ? AllowedTenantIds.Contains(tid, StringComparer.OrdinalIgnoreCase)
            : string.Equals(tid, configuredTenant, StringComparison.OrdinalIgnoreCase) || AllowedTenantIds.Contains(tid, StringComparer.OrdinalIgnoreCase);
    }

    public static bool IsMultiTenant(string? configuredTenant) =>
        configuredTenant is null || configuredTenant.Trim().ToLowerInvariant() is "" or "common" or "organizations" or "consumers";

    /// <summary>Button text on the sign-in page.</summary>
    public string DisplayName { get; set; } = "Microsoft Entra ID";
}
