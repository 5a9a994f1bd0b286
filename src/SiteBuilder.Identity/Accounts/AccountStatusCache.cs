using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace SiteBuilder.Identity.Accounts;

/// <summary>
/// Answers "may this account still act?" for every request with a cookie or a local token, from a short cache
/// (<see cref="AccountOptions.StatusCacheDuration"/>, at most a minute) so disabling a user takes effect within a minute
/// without a store read per request.
/// </summary>
public sealed class AccountStatusCache(IAccountStore store, IMemoryCache cache, IOptions<AccountOptions> options)
{
    public async Task<Account?> GetActiveAsync(string userName, CancellationToken cancellationToken = default)
    {
        var key = $"account-status:{userName.ToLowerInvariant()}";
        if (!cache.TryGetValue(key, out Account? account))
        {
            account = await store.FindAsync(userName, cancellationToken);
            cache.Set(key, account, options.Value.StatusCacheDuration);
        }

        return account is { Disabled: false } ? account : null;
    }

    /// <summary>Forgets a cached status so this instance sees a change at once (other instances within the cache duration).</summary>
    public void Invalidate(string userName) => cache.Remove($"account-status:{userName.ToLowerInvariant()}");
}
