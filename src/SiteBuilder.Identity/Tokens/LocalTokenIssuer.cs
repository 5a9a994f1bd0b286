using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SiteBuilder.Identity.Accounts;

namespace SiteBuilder.Identity.Tokens;

/// <param name="Tenant">The tenant the token acts for; null for an organisation-wide operations token.</param>
/// <param name="Id">The token's <c>jti</c>, under which it is recorded (and revoked).</param>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, string? Tenant, string Id, string Name);

/// <summary>
/// Mints <c>/v1</c> bearer tokens for a local account and one of its tenants (RS256, kid in the header) and records each
/// (<see cref="IApiTokenStore"/>), so it can be listed and revoked; validation refuses a token that was not recorded.
/// </summary>
public sealed class LocalTokenIssuer(SigningKeyRing keys, IApiTokenStore tokens, IOptions<LocalTokenOptions> options, TimeProvider clock)
{
    /// <summary>The label of a token whose holder gave none.</summary>
    public const string DefaultName = "API token";

    public const int MaxNameLength = 80;

    /// <summary>Roles that act organisation-wide on <c>/v1/ops</c>, where a token names no tenant.</summary>
    public static readonly IReadOnlyList<string> OperationsRoles = [Roles.Operator, Roles.TechLead, Roles.DevOpsLead, Roles.ProductOwner, Roles.Admin];

    private static readonly JsonWebTokenHandler Handler = new();

    public Task<IssuedToken> IssueAsync(Account account, string tenant, TimeSpan? lifetime = null, string? name = null, CancellationToken cancellationToken = default)
    {
        if (!TenantId.IsValid(tenant))
        {
            throw new TokenRequestException("tenant", $"'{tenant}' is not valid: {TenantId.Rule}.");
        }

        if (!account.CanActFor(tenant))
        {
            throw new TokenRequestException("tenant", $"'{account.UserName}' is not a member of the tenant '{tenant}'.");
        }

        return CreateAsync(account, tenant, lifetime, name, cancellationToken);
    }

    /// <summary>A token without a tenant, for the organisation-wide operations API; only for accounts holding an operations role.</summary>
    public Task<IssuedToken> IssueOperationsAsync(Account account, TimeSpan? lifetime = null, string? name = null, CancellationToken cancellationToken = default)
    {
        if (!OperationsRoles.Any(account.IsInRole))
        {
            throw new TokenRequestException("tenant", $"'{account.UserName}' holds no operations role ({string.Join(", ", OperationsRoles)}): name a tenant with --tenant.");
        }

        return CreateAsync(account, null, lifetime, name, cancellationToken);
    }

    private async Task<IssuedToken> CreateAsync(Account account, string? tenant, TimeSpan? lifetime, string? name, CancellationToken cancellationToken)
    {
        var label = string.IsNullOrWhiteSpace(name) ? DefaultName : name.Trim();
        if (label.Length > MaxNameLength || label.Any(char.IsControl))
        {
            throw new TokenRequestException("name", $"A token's name is at most {MaxNameLength} characters, without control characters.");
        }

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
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Claims = Claims(account, tenant, id),
        });
        // Recorded before it is handed out: a token nobody can list or revoke is never in circulation.
        await tokens.AddAsync(new ApiToken { Id = id, UserName = account.UserName, Tenant = tenant, Name = label, CreatedAt = now, ExpiresAt = expires }, cancellationToken);
        return new IssuedToken(token, expires, tenant, id, label);
    }

    private static Dictionary<string, object> Claims(Account account, string? tenant, string id)
    {
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.Subject] = account.UserName,
            [TokenClaims.Name] = account.DisplayName,
            [TokenClaims.Roles] = account.Roles.Order(StringComparer.Ordinal).ToArray(),
            [TokenClaims.SecurityStamp] = account.SecurityStamp,
            [JwtRegisteredClaimNames.Jti] = id,
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
