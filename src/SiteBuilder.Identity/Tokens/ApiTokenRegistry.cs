using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SiteBuilder.Identity.Accounts;

namespace SiteBuilder.Identity.Tokens;

/// <summary>
/// Lists and revokes the tokens the local issuer recorded, and answers "may this token still be used?" for every call with
/// one. The answer is cached as long as an account's status (<see cref="AccountOptions.StatusCacheDuration"/>, at most a
/// minute), so a token revoked on another instance is refused within the same minute as a password reset; on this instance
/// at once.
/// </summary>
public sealed class ApiTokenRegistry(IApiTokenStore store, IMemoryCache cache, IOptions<AccountOptions> options, TimeProvider clock)
{
    /// <summary>A token's last use is written at most this often (coarse, so a busy token costs no write per call).</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    public Task<IReadOnlyList<ApiToken>> ListAsync(string userName, CancellationToken cancellationToken = default) =>
        store.ListAsync(userName, cancellationToken);

    /// <summary>Revokes the user's token; returns it as stored afterwards, or null when the user has no such token.</summary>
    public async Task<ApiToken?> RevokeAsync(string userName, string id, string revokedBy, CancellationToken cancellationToken = default)
    {
        var token = await store.RevokeAsync(userName, id, revokedBy, clock.GetUtcNow(), cancellationToken);
        cache.Remove(CacheKey(userName, id));
        return token;
    }

    /// <summary>The token's record when it may be used: recorded and not revoked (expiry is the JWT's own check). Null otherwise.</summary>
    public async Task<ApiToken?> GetUsableAsync(string userName, string id, CancellationToken cancellationToken = default)
    {
        var key = CacheKey(userName, id);
        if (!cache.TryGetValue(key, out ApiToken? token))
        {
            token = await store.FindAsync(userName, id, cancellationToken);
            cache.Set(key, token, options.Value.StatusCacheDuration);
        }

        if (token is null || token.IsRevoked)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (token.LastUsedAt is not { } used || now - used >= LastUsedResolution)
        {
            await store.TouchAsync(userName, id, now, cancellationToken);
            // Read again next time rather than extend this entry's life: a revocation elsewhere must still show within the minute.
            cache.Remove(key);
            token = token with { LastUsedAt = now };
        }

        return token;
    }

    private static string CacheKey(string userName, string id) => $"api-token:{userName.Trim().ToLowerInvariant()}:{id}";
}
