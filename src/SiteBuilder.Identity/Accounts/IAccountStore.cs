namespace SiteBuilder.Identity.Accounts;

/// <summary>Local accounts and per-user preferences. Implementations: SQLite, DynamoDB (operations table).</summary>
public interface IAccountStore
{
    /// <summary>The account, or null. User names are compared case-insensitively (stored lower-case).</summary>
    Task<Account?> FindAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Every account, ordered by user name.</summary>
    Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a new account with version 1. Throws <see cref="AccountConflictException"/> when the name is taken.</summary>
    Task<Account> CreateAsync(Account account, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the account if the stored version still equals <paramref name="account"/>'s version; returns it with the next version.
    /// Throws <see cref="AccountConflictException"/> when someone else changed it first or it does not exist.
    /// </summary>
    Task<Account> UpdateAsync(Account account, CancellationToken cancellationToken = default);

    Task<UserPreferences?> GetPreferencesAsync(string subject, CancellationToken cancellationToken = default);

    Task SavePreferencesAsync(string subject, UserPreferences preferences, CancellationToken cancellationToken = default);
}

public sealed class AccountConflictException(string message) : Exception(message);
