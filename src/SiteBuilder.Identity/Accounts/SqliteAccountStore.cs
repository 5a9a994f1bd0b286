using System.Text.Json;
using Microsoft.Data.Sqlite;
using SiteBuilder.Storage.Sqlite;

namespace SiteBuilder.Identity.Accounts;

public sealed class SqliteAccountStore(SqliteDatabase database) : IAccountStore
{
    public static readonly SqliteMigration Schema = new("identity-0001-accounts", """
        CREATE TABLE accounts (
            user_name TEXT PRIMARY KEY,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            roles TEXT NOT NULL,
            tenants TEXT NOT NULL,
            disabled INTEGER NOT NULL,
            failed_sign_ins INTEGER NOT NULL,
            locked_until TEXT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL
        );
        CREATE TABLE user_preferences (
            subject TEXT PRIMARY KEY,
            preferences TEXT NOT NULL
        );
        """);

    /// <summary>Sessions and tokens carry the account's security stamp (issue 13); existing accounts start with an empty one.</summary>
    public static readonly SqliteMigration SecurityStampSchema = new("identity-0002-security-stamp",
        "ALTER TABLE accounts ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';");

    private const string Columns = "user_name, display_name, password_hash, roles, tenants, disabled, failed_sign_ins, locked_until, created_at, updated_at, version, security_stamp";

    public async Task<Account?> FindAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM accounts WHERE user_name = $name", ("$name", Normalize(userName)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM accounts ORDER BY user_name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var accounts = new List<Account>();
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(Read(reader));
        }

        return accounts;
    }

    public async Task<Account> CreateAsync(Account account, CancellationToken cancellationToken = default)
    {
        var created = account with { UserName = Normalize(account.UserName), Version = 1 };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"INSERT INTO accounts ({Columns}) VALUES ($name, $display, $hash, $roles, $tenants, $disabled, $failed, $locked, $created, $updated, $version, $stamp) ON CONFLICT (user_name) DO NOTHING",
            Parameters(created));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new AccountConflictException($"An account named '{created.UserName}' already exists.");
        }

        return created;
    }

    public async Task<Account> UpdateAsync(Account account, CancellationToken cancellationToken = default)
    {
        var updated = account with { UserName = Normalize(account.UserName), Version = account.Version + 1 };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE accounts SET display_name = $display, password_hash = $hash, roles = $roles, tenants = $tenants, disabled = $disabled,
                failed_sign_ins = $failed, locked_until = $locked, updated_at = $updated, version = $version, security_stamp = $stamp
            WHERE user_name = $name AND version = $expected
            """,
            [.. Parameters(updated), ("$expected", account.Version)]);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new AccountConflictException($"The account '{updated.UserName}' was changed by someone else or no longer exists.");
        }

        return updated;
    }

    public async Task<UserPreferences?> GetPreferencesAsync(string subject, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT preferences FROM user_preferences WHERE subject = $subject", ("$subject", subject));
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize<UserPreferences>(json) : null;
    }

    public async Task SavePreferencesAsync(string subject, UserPreferences preferences, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "INSERT INTO user_preferences (subject, preferences) VALUES ($subject, $json) ON CONFLICT (subject) DO UPDATE SET preferences = excluded.preferences",
            ("$subject", subject),
            ("$json", JsonSerializer.Serialize(preferences)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    private static (string, object?)[] Parameters(Account account) =>
    [
        ("$name", account.UserName),
        ("$display", account.DisplayName),
        ("$hash", account.PasswordHash),
        ("$roles", JsonSerializer.Serialize(account.Roles.Order(StringComparer.Ordinal))),
        ("$tenants", JsonSerializer.Serialize(account.Tenants.Order(StringComparer.Ordinal))),
        ("$disabled", account.Disabled ? 1 : 0),
        ("$failed", account.FailedSignIns),
        ("$locked", account.LockedUntil?.ToSortable()),
        ("$created", account.CreatedAt.ToSortable()),
        ("$updated", account.UpdatedAt.ToSortable()),
        ("$version", account.Version),
        ("$stamp", account.SecurityStamp),
    ];

    private static Account Read(SqliteDataReader reader) => new()
    {
        UserName = reader.GetString(0),
        DisplayName = reader.GetString(1),
        PasswordHash = reader.GetString(2),
        Roles = JsonSerializer.Deserialize<HashSet<string>>(reader.GetString(3))!,
        Tenants = JsonSerializer.Deserialize<HashSet<string>>(reader.GetString(4))!,
        Disabled = reader.GetInt64(5) != 0,
        FailedSignIns = (int)reader.GetInt64(6),
        LockedUntil = reader.ReadNullableTimestamp(7),
        CreatedAt = reader.ReadTimestamp(8),
        UpdatedAt = reader.ReadTimestamp(9),
        Version = reader.GetInt64(10),
        SecurityStamp = reader.GetString(11),
    };
}
