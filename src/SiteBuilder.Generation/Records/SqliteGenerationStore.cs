using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SiteBuilder.Storage.Sqlite;

namespace SiteBuilder.Generation.Records;

public sealed class SqliteGenerationStore(SqliteDatabase database) : IGenerationStore
{
    private readonly ConcurrentQueue<PendingWrite> _writes = new();

    public static readonly SqliteMigration Schema = new("generation-0001", """
        CREATE TABLE generations (
            id TEXT PRIMARY KEY,
            tenant TEXT NOT NULL,
            site_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            parent_id TEXT NULL,
            prompt TEXT NOT NULL,
            template_id TEXT NOT NULL,
            primary_color TEXT NULL,
            secondary_color TEXT NULL,
            logo TEXT NULL,
            provider TEXT NOT NULL,
            model_id TEXT NOT NULL,
            created_by TEXT NOT NULL,
            status TEXT NOT NULL,
            progress INTEGER NOT NULL,
            message TEXT NULL,
            error_code TEXT NULL,
            error_message TEXT NULL,
            html_key TEXT NULL,
            brand_score REAL NULL,
            input_tokens INTEGER NULL,
            output_tokens INTEGER NULL,
            last_event_id INTEGER NOT NULL,
            cancel_requested INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            first_chunk_at TEXT NULL,
            completed_at TEXT NULL,
            row_version INTEGER NOT NULL
        );
        CREATE INDEX generations_by_tenant ON generations (tenant, id DESC);
        CREATE INDEX generations_by_site ON generations (tenant, site_id, version);
        CREATE INDEX generations_active ON generations (status, updated_at) WHERE status IN ('queued', 'generating', 'validating');
        CREATE TABLE generation_events (
            generation_id TEXT NOT NULL,
            event_id INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (generation_id, event_id)
        ) WITHOUT ROWID;
        CREATE TABLE sites (
            tenant TEXT NOT NULL,
            site_id TEXT NOT NULL,
            name TEXT NOT NULL,
            latest_generation_id TEXT NULL,
            latest_version INTEGER NOT NULL,
            latest_brand_score REAL NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (tenant, site_id)
        );
        CREATE INDEX sites_by_update ON sites (tenant, updated_at DESC);
        """);

    /// <summary>The note a version carries when the page model says what it did (or could not do) with an instruction.</summary>
    public static readonly SqliteMigration NoteColumn = new("generation-0002-note", "ALTER TABLE generations ADD COLUMN note TEXT NULL;");

    private const string Columns = """
        id, tenant, site_id, version, parent_id, prompt, template_id, primary_color, secondary_color, logo, provider, model_id, created_by,
        status, progress, message, error_code, error_message, html_key, brand_score, input_tokens, output_tokens, last_event_id,
        cancel_requested, created_at, updated_at, first_chunk_at, completed_at, row_version, note
        """;

    private const string Values = """
        $id, $tenant, $site, $version, $parent, $prompt, $template, $primary, $secondary, $logo, $provider, $model, $createdBy,
        $status, $progress, $message, $errorCode, $errorMessage, $htmlKey, $score, $inputTokens, $outputTokens, $lastEventId,
        $cancel, $createdAt, $updatedAt, $firstChunkAt, $completedAt, $rowVersion, $note
        """;

    public async Task<GenerationRecord> CreateAsync(GenerationRecord generation, CancellationToken cancellationToken = default)
    {
        var created = generation with { RowVersion = 1 };
        await WriteAsync(async batch =>
        {
            var command = batch.Command($"INSERT INTO generations ({Columns}) VALUES ({Values}) ON CONFLICT (id) DO NOTHING", Parameters(created));
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                throw new GenerationConflictException($"A generation with the id '{created.Id}' exists.");
            }
        }, cancellationToken);
        return created;
    }

    public async Task<GenerationRecord?> GetAsync(string tenant, string generationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM generations WHERE id = $id AND tenant = $tenant", ("$id", generationId), ("$tenant", tenant));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<GenerationRecord> UpdateAsync(GenerationRecord generation, CancellationToken cancellationToken = default)
    {
        var updated = generation with { RowVersion = generation.RowVersion + 1 };
        await WriteAsync(async batch =>
        {
            var command = batch.Command("""
                UPDATE generations SET status = $status, progress = $progress, message = $message, error_code = $errorCode, error_message = $errorMessage,
                    html_key = $htmlKey, brand_score = $score, input_tokens = $inputTokens, output_tokens = $outputTokens, last_event_id = $lastEventId,
                    cancel_requested = $cancel, updated_at = $updatedAt, first_chunk_at = $firstChunkAt, completed_at = $completedAt,
                    provider = $provider, model_id = $model, row_version = $rowVersion, note = $note
                WHERE id = $id AND tenant = $tenant AND row_version = $expected
                """,
                [.. Parameters(updated), ("$expected", generation.RowVersion)]);
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                throw new GenerationConflictException($"The generation '{generation.Id}' was changed by someone else.");
            }
        }, cancellationToken);
        return updated;
    }

    public async Task<GenerationPage> ListAsync(string tenant, int limit, string? cursor, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM generations WHERE tenant = $tenant AND ($cursor IS NULL OR id < $cursor) ORDER BY id DESC LIMIT $limit",
            ("$tenant", tenant), ("$cursor", GenerationCursor.Decode(cursor)), ("$limit", limit + 1));
        var items = await ReadAllAsync(command, cancellationToken);
        return items.Count > limit
            ? new GenerationPage(items[..limit], GenerationCursor.Encode(items[limit - 1].Id))
            : new GenerationPage(items, null);
    }

    public async Task<IReadOnlyList<GenerationRecord>> ListSiteVersionsAsync(string tenant, string siteId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM generations WHERE tenant = $tenant AND site_id = $site ORDER BY version, id", ("$tenant", tenant), ("$site", siteId));
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<GenerationRecord>> FindStaleAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM generations WHERE status IN ('queued', 'generating', 'validating') AND updated_at < $before ORDER BY updated_at LIMIT 500",
            ("$before", updatedBefore.ToSortable()));
        return await ReadAllAsync(command, cancellationToken);
    }

    public Task AppendEventsAsync(string generationId, IReadOnlyList<GenerationEvent> events, CancellationToken cancellationToken = default) =>
        events.Count == 0
            ? Task.CompletedTask
            : WriteAsync(async batch =>
            {
                foreach (var e in events)
                {
                    var command = batch.Command(
                        "INSERT INTO generation_events (generation_id, event_id, data) VALUES ($generation, $id, $data)",
                        ("$generation", generationId), ("$id", e.Id), ("$data", GenerationEventJson.Write(e.Data)));
                    try
                    {
                        await command.ExecuteNonQueryAsync();
                    }
                    catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
                    {
                        throw new GenerationConflictException($"Event {e.Id} of '{generationId}' is already recorded.");
                    }
                }
            }, cancellationToken, statements: events.Count);

    /// <summary>
    /// Writes from every running generation are committed together: each caller queues its write and takes the database's
    /// writer turn; whoever has it runs everything queued in one transaction, with each statement prepared once, so a burst of
    /// streams costs a few commits, not one per event or state change. Each write goes in whole or not at all, whatever the
    /// others in its batch do. Not cancellable once queued: a write either is recorded or fails, never "maybe later".
    /// </summary>
    private async Task WriteAsync(Func<WriteBatch, Task> apply, CancellationToken cancellationToken, int statements = 1)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PendingWrite(apply, statements > 1);
        _writes.Enqueue(write);
        await using (var turn = await database.OpenForWriteAsync(CancellationToken.None))
        {
            if (!write.Done.Task.IsCompleted)
            {
                await WriteQueuedAsync(turn.Connection);
            }
        }

        await write.Done.Task;
    }

    private async Task WriteQueuedAsync(SqliteConnection connection)
    {
        var queued = new List<PendingWrite>();
        while (_writes.TryDequeue(out var next))
        {
            queued.Add(next);
        }

        var outcomes = new Exception?[queued.Count];
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var batch = new WriteBatch(connection, transaction);
            for (var i = 0; i < queued.Count; i++)
            {
                // A single statement that fails leaves nothing behind; several need a savepoint to go back to.
                if (queued[i].NeedsSavepoint)
                {
                    await batch.Command("SAVEPOINT write").ExecuteNonQueryAsync();
                }

                try
                {
                    await queued[i].Apply(batch);
                }
                catch (Exception e) when (e is GenerationConflictException or SqliteException)
                {
                    outcomes[i] = e;
                    if (queued[i].NeedsSavepoint)
                    {
                        await batch.Command("ROLLBACK TO write").ExecuteNonQueryAsync();
                    }
                }

                if (queued[i].NeedsSavepoint)
                {
                    await batch.Command("RELEASE write").ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }
        catch (Exception e)
        {
            foreach (var write in queued)
            {
                write.Done.TrySetException(e);
            }

            return;
        }

        for (var i = 0; i < queued.Count; i++)
        {
            if (outcomes[i] is { } failure)
            {
                queued[i].Done.TrySetException(failure);
            }
            else
            {
                queued[i].Done.TrySetResult();
            }
        }
    }

    private sealed record PendingWrite(Func<WriteBatch, Task> Apply, bool NeedsSavepoint)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One transaction of queued writes. A statement is prepared the first time the batch runs it and reused after.</summary>
    private sealed class WriteBatch(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = connection.Command(sql);
                command.Transaction = transaction;
                _commands[sql] = command;
            }

            return command.WithParameters(parameters);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _commands.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    public async Task<IReadOnlyList<GenerationEvent>> ReadEventsAsync(string generationId, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT event_id, data FROM generation_events WHERE generation_id = $generation AND event_id > $after ORDER BY event_id LIMIT $limit",
            ("$generation", generationId), ("$after", afterId), ("$limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<GenerationEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new GenerationEvent(reader.GetInt64(0), GenerationEventJson.Read(reader.GetString(1))));
        }

        return events;
    }

    public async Task<Site?> GetSiteAsync(string tenant, string siteId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT tenant, site_id, name, latest_generation_id, latest_version, latest_brand_score, created_at, updated_at FROM sites WHERE tenant = $tenant AND site_id = $site",
            ("$tenant", tenant), ("$site", siteId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadSite(reader) : null;
    }

    public Task CreateSiteAsync(Site site, CancellationToken cancellationToken = default) =>
        WriteAsync(async batch =>
        {
            var command = batch.Command("""
                INSERT INTO sites (tenant, site_id, name, latest_generation_id, latest_version, latest_brand_score, created_at, updated_at)
                VALUES ($tenant, $site, $name, $latest, $version, $score, $created, $updated)
                ON CONFLICT (tenant, site_id) DO NOTHING
                """,
                ("$tenant", site.Tenant), ("$site", site.SiteId), ("$name", site.Name), ("$latest", site.LatestGenerationId), ("$version", site.LatestVersion),
                ("$score", site.LatestBrandScore), ("$created", site.CreatedAt.ToSortable()), ("$updated", site.UpdatedAt.ToSortable()));
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                throw new GenerationConflictException($"The tenant has a site with the id '{site.SiteId}'.");
            }
        }, cancellationToken);

    public async Task<bool> RenameSiteAsync(string tenant, string siteId, string name, CancellationToken cancellationToken = default)
    {
        var changed = 0;
        await WriteAsync(async batch => changed = await batch.Command("UPDATE sites SET name = $name WHERE tenant = $tenant AND site_id = $site",
            ("$tenant", tenant), ("$site", siteId), ("$name", name)).ExecuteNonQueryAsync(), cancellationToken);
        return changed == 1;
    }

    public async Task<bool> RecordCompletedVersionAsync(
        string tenant, string siteId, string generationId, int version, double? brandScore, DateTimeOffset completedAt, CancellationToken cancellationToken = default)
    {
        var changed = 0;
        await WriteAsync(async batch => changed = await batch.Command("""
            UPDATE sites SET latest_generation_id = $latest, latest_version = $version, latest_brand_score = $score, updated_at = $updated
            WHERE tenant = $tenant AND site_id = $site AND latest_version <= $version
            """,
            ("$tenant", tenant), ("$site", siteId), ("$latest", generationId), ("$version", version), ("$score", brandScore),
            ("$updated", completedAt.ToSortable())).ExecuteNonQueryAsync(), cancellationToken);
        return changed == 1;
    }

    public async Task<bool> RestoreVersionAsync(
        string tenant, string siteId, string generationId, double? brandScore, DateTimeOffset updatedAt, CancellationToken cancellationToken = default)
    {
        var changed = 0;
        await WriteAsync(async batch => changed = await batch.Command("""
            UPDATE sites SET latest_generation_id = $latest, latest_brand_score = $score, updated_at = $updated
            WHERE tenant = $tenant AND site_id = $site
            """,
            ("$tenant", tenant), ("$site", siteId), ("$latest", generationId), ("$score", brandScore), ("$updated", updatedAt.ToSortable())).ExecuteNonQueryAsync(), cancellationToken);
        return changed == 1;
    }

    public async Task<IReadOnlyList<Site>> ListSitesAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT tenant, site_id, name, latest_generation_id, latest_version, latest_brand_score, created_at, updated_at FROM sites WHERE tenant = $tenant ORDER BY updated_at DESC, site_id",
            ("$tenant", tenant));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sites = new List<Site>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sites.Add(ReadSite(reader));
        }

        return sites;
    }

    private static async Task<List<GenerationRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<GenerationRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return items;
    }

    private static (string, object?)[] Parameters(GenerationRecord g) =>
    [
        ("$id", g.Id), ("$tenant", g.Tenant), ("$site", g.SiteId), ("$version", g.Version), ("$parent", g.ParentGenerationId),
        ("$prompt", g.Prompt), ("$template", g.TemplateId), ("$primary", g.PrimaryColor), ("$secondary", g.SecondaryColor), ("$logo", g.Logo),
        ("$provider", g.Provider), ("$model", g.ModelId), ("$createdBy", g.CreatedBy), ("$status", g.Status.ToWire()), ("$progress", g.Progress),
        ("$message", g.Message), ("$errorCode", g.Error?.Code), ("$errorMessage", g.Error?.Message), ("$htmlKey", g.HtmlKey), ("$score", g.BrandScore),
        ("$inputTokens", g.InputTokens), ("$outputTokens", g.OutputTokens), ("$lastEventId", g.LastEventId), ("$cancel", g.CancelRequested ? 1 : 0),
        ("$createdAt", g.CreatedAt.ToSortable()), ("$updatedAt", g.UpdatedAt.ToSortable()), ("$firstChunkAt", g.FirstChunkAt?.ToSortable()),
        ("$completedAt", g.CompletedAt?.ToSortable()), ("$rowVersion", g.RowVersion), ("$note", g.Note),
    ];

    private static GenerationRecord Read(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Tenant = r.GetString(1),
        SiteId = r.GetString(2),
        Version = r.GetInt32(3),
        ParentGenerationId = r.ReadNullableString(4),
        Prompt = r.GetString(5),
        TemplateId = r.GetString(6),
        PrimaryColor = r.ReadNullableString(7),
        SecondaryColor = r.ReadNullableString(8),
        Logo = r.ReadNullableString(9),
        Provider = r.GetString(10),
        ModelId = r.GetString(11),
        CreatedBy = r.GetString(12),
        Status = GenerationStatuses.Parse(r.GetString(13)),
        Progress = r.GetInt32(14),
        Message = r.ReadNullableString(15),
        Error = r.IsDBNull(16) ? null : new GenerationError(r.GetString(16), r.ReadNullableString(17) ?? ""),
        HtmlKey = r.ReadNullableString(18),
        BrandScore = r.IsDBNull(19) ? null : r.GetDouble(19),
        InputTokens = r.IsDBNull(20) ? null : r.GetInt64(20),
        OutputTokens = r.IsDBNull(21) ? null : r.GetInt64(21),
        LastEventId = r.GetInt64(22),
        CancelRequested = r.GetInt64(23) != 0,
        CreatedAt = r.ReadTimestamp(24),
        UpdatedAt = r.ReadTimestamp(25),
        FirstChunkAt = r.ReadNullableTimestamp(26),
        CompletedAt = r.ReadNullableTimestamp(27),
        RowVersion = r.GetInt64(28),
        Note = r.ReadNullableString(29),
    };

    private static Site ReadSite(SqliteDataReader r) => new()
    {
        Tenant = r.GetString(0),
        SiteId = r.GetString(1),
        Name = r.GetString(2),
        LatestGenerationId = r.ReadNullableString(3),
        LatestVersion = r.GetInt32(4),
        LatestBrandScore = r.IsDBNull(5) ? null : r.GetDouble(5),
        CreatedAt = r.ReadTimestamp(6),
        UpdatedAt = r.ReadTimestamp(7),
    };
}

/// <summary>History cursors are opaque to clients: the last id of a page, base64url-encoded.</summary>
public static class GenerationCursor
{
    public static string Encode(string lastId) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(lastId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The id after which the next page starts; null for the first page. Throws <see cref="FormatException"/> for a cursor we did not make.</summary>
    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var id = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return GenerationIds.IsGenerationId(id) ? id : throw new FormatException("The cursor is not valid.");
        }
        catch (FormatException)
        {
            throw new FormatException("The cursor is not valid; pass the nextCursor of the previous page.");
        }
    }
}
