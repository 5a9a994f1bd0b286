namespace SiteBuilder.Identity.Tokens;

/// <summary>
/// The record of a bearer token the local issuer minted (the token itself is never stored): who holds it, what it acts for,
/// and whether it was revoked. Validation refuses a token whose record is missing or revoked.
/// </summary>
public sealed record ApiToken
{
    /// <summary>The token's <c>jti</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The account that holds it (stored lower-case, like account names).</summary>
    public required string UserName { get; init; }

    /// <summary>The tenant it acts for; null for an organisation-wide operations token.</summary>
    public string? Tenant { get; init; }

    /// <summary>A label the holder gave it ("CI pipeline"), or where it came from ("portal", "cli").</summary>
    public required string Name { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Coarse: updated at most every <see cref="ApiTokenRegistry.LastUsedResolution"/>, not on every call.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevokedBy { get; init; }

    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;

    /// <summary>Active, Expired or Revoked, for lists.</summary>
    public string Status(DateTimeOffset now) => IsRevoked ? "Revoked" : IsExpired(now) ? "Expired" : "Active";
}

/// <summary>Records of minted tokens. Implementations: SQLite, DynamoDB (operations table). One contract suite covers both.</summary>
public interface IApiTokenStore
{
    /// <summary>Records a new token. Throws <see cref="InvalidOperationException"/> when its id is already recorded.</summary>
    Task AddAsync(ApiToken token, CancellationToken cancellationToken = default);

    /// <summary>The token of this user with this id, or null.</summary>
    Task<ApiToken?> FindAsync(string userName, string id, CancellationToken cancellationToken = default);

    /// <summary>The user's tokens, newest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the token revoked by <paramref name="revokedBy"/> at <paramref name="at"/>; a token revoked before keeps its first
    /// revocation. Returns the token as stored afterwards, or null when there is none.
    /// </summary>
    Task<ApiToken?> RevokeAsync(string userName, string id, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Moves the token's last use forward to <paramref name="at"/> (never back); nothing when it does not exist.</summary>
    Task TouchAsync(string userName, string id, DateTimeOffset at, CancellationToken cancellationToken = default);
}
