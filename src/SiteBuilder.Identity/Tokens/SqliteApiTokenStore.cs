using Microsoft.Data.Sqlite;
using SiteBuilder.Storage.Sqlite;

namespace SiteBuilder.Identity.Tokens;

public sealed class SqliteApiTokenStore(SqliteDatabase database) : IApiTokenStore
{
    public static readonly SqliteMigration Schema = new("identity-0003-api-tokens", """
        CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY,
            user_name TEXT NOT NULL,
            tenant TEXT NULL,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            last_used_at TEXT NULL,
            revoked_at TEXT NULL,
            revoked_by TEXT NULL
        );
        CREATE INDEX api_tokens_by_user ON api_tokens (user_name, created_at);
        """);

    private const string Columns = "id, user_name, tenant, name, created_at, expires_at, last_used_at, revoked_at, revoked_by";

    public async Task AddAsync(ApiToken token, CancellationToken cancellationToken = default)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var command = write.Connection.Command(
            $"INSERT INTO api_tokens ({Columns}) VALUES ($id, $user, $tenant, $name, $created, $expires, $used, $revoked, $by) ON CONFLICT (id) DO NOTHING",
            ("$id", token.Id),
            ("$user", Normalize(token.UserName)),
            ("$tenant", token.Tenant),
            ("$name", token.Name),
            ("$created", token.CreatedAt.ToSortable()),
            ("$expires", token.ExpiresAt.ToSortable()),
            ("$used", token.LastUsedAt?.ToSortable()),
            ("$revoked", token.RevokedAt?.ToSortable()),
            ("$by", token.RevokedBy));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new InvalidOperationException($"A token with the id '{token.Id}' is already recorded.");
        }
    }

    public async Task<ApiToken?> FindAsync(string userName, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM api_tokens WHERE id = $id AND user_name = $user",
            ("$id", id), ("$user", Normalize(userName)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM api_tokens WHERE user_name = $user ORDER BY created_at DESC, id DESC",
            ("$user", Normalize(userName)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tokens = new List<ApiToken>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(Read(reader));
        }

        return tokens;
    }

    public async Task<ApiToken?> RevokeAsync(string userName, string id, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using (var write = await database.OpenForWriteAsync(cancellationToken))
        {
            await using var command = write.Connection.Command(
                "UPDATE api_tokens SET revoked_at = $at, revoked_by = $by WHERE id = $id AND user_name = $user AND revoked_at IS NULL",
                ("$at", at.ToSortable()), ("$by", revokedBy), ("$id", id), ("$user", Normalize(userName)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return await FindAsync(userName, id, cancellationToken);
    }

    public async Task TouchAsync(string userName, string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var command = write.Connection.Command(
            "UPDATE api_tokens SET last_used_at = $at WHERE id = $id AND user_name = $user AND (last_used_at IS NULL OR last_used_at < $at)",
            ("$at", at.ToSortable()), ("$id", id), ("$user", Normalize(userName)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    private static ApiToken Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        UserName = reader.GetString(1),
        Tenant = reader.ReadNullableString(2),
        Name = reader.GetString(3),
        CreatedAt = reader.ReadTimestamp(4),
        ExpiresAt = reader.ReadTimestamp(5),
        LastUsedAt = reader.ReadNullableTimestamp(6),
        RevokedAt = reader.ReadNullableTimestamp(7),
        RevokedBy = reader.ReadNullableString(8),
    };
}
