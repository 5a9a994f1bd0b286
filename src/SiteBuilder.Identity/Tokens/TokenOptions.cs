using System.ComponentModel.DataAnnotations;

namespace SiteBuilder.Identity.Tokens;

/// <summary><c>SiteBuilder:Authentication:LocalTokens</c>: the portal's own JWT issuer for <c>/v1</c>.</summary>
public sealed class LocalTokenOptions
{
    public const string Section = "SiteBuilder:Authentication:LocalTokens";

    /// <summary>Turn off to accept only Cognito tokens on <c>/v1</c>.</summary>
    public bool Enabled { get; set; } = true;

    [Required]
    public string Issuer { get; set; } = "sitebuilder-portal";

    [Required]
    public string Audience { get; set; } = "sitebuilder-api";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "SiteBuilder:Authentication:LocalTokens:DefaultLifetime must be between 1 minute and 30 days.")]
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "SiteBuilder:Authentication:LocalTokens:MaxLifetime must be between 1 minute and 365 days.")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>The claim names our tokens carry.</summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Tenant = "tenant_id";
    public const string CognitoTenant = "custom:tenant_id";
    public const string Roles = "roles";
    /// <summary>The account's security stamp at issue; a token whose stamp is no longer the account's is refused.</summary>
    public const string SecurityStamp = "sstamp";
}
