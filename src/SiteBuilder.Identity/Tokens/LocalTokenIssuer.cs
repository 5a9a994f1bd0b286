using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SiteBuilder.Identity.Accounts;

namespace SiteBuilder.Identity.Tokens;

/// <param name="Tenant">The tenant the token acts for; null for an organisation-wide operations token.</param>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, string? Tenant);

/// <summary>Mints <c>/v1</c> bearer tokens for a local account and one of its tenants (RS256, kid in the header).</summary>
public sealed class LocalTokenIssuer(SigningKeyRing keys, IOptions<LocalTokenOptions> options, TimeProvider clock)
{
    /// <summary>Roles that act organisation-wide on <c>/v1/ops</c>, where a token names no tenant.</summary>
    public static readonly IReadOnlyList<string> OperationsRoles = [Roles.Operator, Roles.TechLead, Roles.DevOpsLead, Roles.ProductOwner, Roles.Admin];

    private static readonly JsonWebTokenHandler Handler = new();

    public Task<IssuedToken> IssueAsync(Account account, string tenant, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        if (!TenantId.IsValid(tenant))
        {
            throw new TokenRequestException("tenant", $"'{tenant}' is not valid: {TenantId.Rule}.");
        }

        if (!account.CanActFor(tenant))
        {
            throw new TokenRequestException("tenant", $"'{account.UserName}' is not a member of the tenant '{tenant}'.");
        }

        return CreateAsync(account, tenant, lifetime, cancellationToken);
    }

    /// <summary>A token without a tenant, for the organisation-wide operations API; only for accounts holding an operations role.</summary>
    public Task<IssuedToken> IssueOperationsAsync(Account account, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        if (!OperationsRoles.Any(account.IsInRole))
        {
            throw new TokenRequestException("tenant", $"'{account.UserName}' holds no operations role ({string.Join(", ", OperationsRoles)}): name a tenant with --tenant.");
        }

        return CreateAsync(account, null, lifetime, cancellationToken);
    }

    private async Task<IssuedToken> CreateAsync(Account account, string? tenant, TimeSpan? lifetime, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            throw new TokenRequestException("tenant", "Local API tokens are turned off here (SiteBuilder:Authentication:LocalTokens:Enabled); use your organisation's Cognito tokens.");
        }

        if (account.Disabled)
        {
            throw new TokenRequestException("user", $"The account '{account.UserName}' is disabled.");
        }

        var ttl = lifetime ?? settings.DefaultLifetime;
        if (ttl <= TimeSpan.Zero || ttl > settings.MaxLifetime)
        {
            throw new TokenRequestException("ttl", $"A token lives between 1 second and {settings.MaxLifetime.TotalDays:0.##} days.");
        }

        var key = await keys.GetSigningKeyAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var expires = now + ttl;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Claims = Claims(account, tenant),
        });
        return new IssuedToken(token, expires, tenant);
    }

    private static Dictionary<string, object> Claims(Account account, string? tenant)
    {
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.Subject] = account.UserName,
            [TokenClaims.Name] = account.DisplayName,
            [TokenClaims.Roles] = account.Roles.Order(StringComparer.Ordinal).ToArray(),
            [TokenClaims.SecurityStamp] = account.SecurityStamp,
            [JwtRegisteredClaimNames.Jti] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        };
        if (tenant is not null)
        {
            claims[TokenClaims.Tenant] = tenant;
        }

        return claims;
    }

    /// <summary>Parses CLI/UI lifetimes such as <c>30m</c>, <c>1h</c>, <c>7d</c> or <c>3600</c> (seconds).</summary>
    public static TimeSpan? ParseLifetime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        var unit = char.ToLowerInvariant(text[^1]);
        var number = char.IsLetter(unit) ? text[..^1] : text;
        if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new TokenRequestException("ttl", $"'{text}' is not a lifetime; use e.g. 30m, 1h, 7d.");
        }

        return unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'd' => TimeSpan.FromDays(value),
            _ when char.IsDigit(unit) => TimeSpan.FromSeconds(value),
            _ => throw new TokenRequestException("ttl", $"'{text}' is not a lifetime; use e.g. 30m, 1h, 7d."),
        };
    }
}

/// <summary>A token request that cannot be granted; <see cref="Field"/> names what to fix.</summary>
public sealed class TokenRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
