using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SiteBuilder.Identity.Accounts;

namespace SiteBuilder.Portal.Auth;

/// <summary>
/// Slows a wrong-password storm per client address before it can lock an account: after
/// <see cref="AccountOptions.MaxFailedSignInsPerAddress"/> failures within <see cref="AccountOptions.AddressWindow"/>, the address is
/// refused without the account being consulted, so one address cannot lock <c>admin</c> at will. Per instance: behind the ALB
/// each instance slows its own share, which still keeps one address below the account's lockout.
/// </summary>
public sealed class SignInThrottle(IOptions<AccountOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the address must wait before it may try again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string address)
    {
        if (!_failures.TryGetValue(address, out var failures))
        {
            return null;
        }

        lock (failures)
        {
            var now = clock.GetUtcNow();
            Expire(failures, now);
            return failures.Count >= options.Value.MaxFailedSignInsPerAddress
                ? failures.Peek() + options.Value.AddressWindow - now
                : null;
        }
    }

    public void RecordFailure(string address)
    {
        var failures = _failures.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            var now = clock.GetUtcNow();
            Expire(failures, now);
            failures.Enqueue(now);
        }

        // Keep the table from growing without bound under a spray of addresses.
        if (_failures.Count > 100_000)
        {
            _failures.Clear();
        }
    }

    /// <summary>The client's address as the (trusted) forwarded-headers middleware left it.</summary>
    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private void Expire(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() + options.Value.AddressWindow <= now)
        {
            failures.Dequeue();
        }
    }
}
