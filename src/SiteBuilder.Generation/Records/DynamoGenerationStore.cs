using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SiteBuilder.Storage;
using SiteBuilder.Storage.DynamoDb;

namespace SiteBuilder.Generation.Records;

/// <summary>
/// The generation table of DESIGN §6. GenerationRecord items: <c>TENANT#{t}</c> / <c>GEN#{id}</c> (ids sort by time, so the
/// tenant's history is a reverse query); while not terminal they carry <c>gsi1pk = STATUS#{status}</c>, <c>gsi1sk = {updatedAt}</c>
/// for crash recovery. Events: <c>GEN#{id}</c> / <c>EVT#{id:D10}</c> with a TTL. Sites: <c>TENANT#{t}</c> / <c>SITE#{siteId}</c>,
/// and a version pointer per site version: <c>TENANT#{t}</c> / <c>SITEVER#{siteId}#{version:D6}</c>.
/// </summary>
public sealed class DynamoGenerationStore(IAmazonDynamoDB dynamo, ResourceNames names, TimeProvider clock) : IGenerationStore
{
    private static readonly TimeSpan EventLifetime = TimeSpan.FromDays(30);
    private static readonly string[] ActiveStatuses = ["queued", "generating", "validating"];
    private const int MaxBatchAttempts = 8;

    private string Table => names.GenerationTable;

    public async Task<GenerationRecord> CreateAsync(GenerationRecord generation, CancellationToken cancellationToken = default)
    {
        var created = generation with { RowVersion = 1 };
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest { TableName = Table, Item = Item(created), ConditionExpression = "attribute_not_exists(pk)" }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new GenerationConflictException($"A generation with the id '{created.Id}' exists.");
        }

        await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = Table,
            Item = new()
            {
                [DynamoDbSchema.PartitionKey] = Attr.S($"TENANT#{created.Tenant}"),
                [DynamoDbSchema.SortKey] = Attr.S($"SITEVER#{created.SiteId}#{created.Version:D6}#{created.Id}"),
                ["generationId"] = Attr.S(created.Id),
            },
        }, cancellationToken);
        return created;
    }

    public async Task<GenerationRecord?> GetAsync(string tenant, string generationId, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = Table, Key = Key(tenant, generationId), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet ? Read(response.Item) : null;
    }

    public async Task<GenerationRecord> UpdateAsync(GenerationRecord generation, CancellationToken cancellationToken = default)
    {
        var updated = generation with { RowVersion = generation.RowVersion + 1 };
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = Table,
                Item = Item(updated),
                ConditionExpression = "rowVersion = :expected",
                ExpressionAttributeValues = new() { [":expected"] = Attr.N(generation.RowVersion) },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new GenerationConflictException($"The generation '{generation.Id}' was changed by someone else.");
        }

        return updated;
    }

    public async Task<GenerationPage> ListAsync(string tenant, int limit, string? cursor, CancellationToken cancellationToken = default)
    {
        var after = GenerationCursor.Decode(cursor);
        var request = new QueryRequest
        {
            TableName = Table,
            KeyConditionExpression = after is null ? "pk = :pk AND begins_with(sk, :prefix)" : "pk = :pk AND sk BETWEEN :prefix AND :before",
            ExpressionAttributeValues = new() { [":pk"] = Attr.S($"TENANT#{tenant}"), [":prefix"] = Attr.S("GEN#") },
            ScanIndexForward = false,
            ConsistentRead = true,
            Limit = limit + 2,
        };
        if (after is not null)
        {
            // BETWEEN is inclusive: the cursor's own item is skipped below.
            request.ExpressionAttributeValues[":before"] = Attr.S($"GEN#{after}");
        }

        var items = new List<GenerationRecord>();
        await foreach (var page in dynamo.QueryPagesAsync(request, cancellationToken))
        {
            items.AddRange(page.Select(Read).Where(g => g.Id != after));
            if (items.Count > limit)
            {
                break;
            }

            request.Limit = limit + 2 - items.Count;
        }

        return items.Count > limit
            ? new GenerationPage(items[..limit], GenerationCursor.Encode(items[limit - 1].Id))
            : new GenerationPage(items, null);
    }

    public async Task<IReadOnlyList<GenerationRecord>> ListSiteVersionsAsync(string tenant, string siteId, CancellationToken cancellationToken = default)
    {
        var pointers = await dynamo.QueryAllAsync(new QueryRequest
        {
            TableName = Table,
            KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues = new() { [":pk"] = Attr.S($"TENANT#{tenant}"), [":prefix"] = Attr.S($"SITEVER#{siteId}#") },
            ConsistentRead = true,
        }, cancellationToken);
        var versions = new List<GenerationRecord>();
        foreach (var batch in pointers.Select(p => p.RequireString("generationId")).Chunk(100))
        {
            var keys = new KeysAndAttributes { Keys = [.. batch.Select(id => Key(tenant, id))], ConsistentRead = true };
            // DynamoDB may answer part of a batch and hand the rest back as UnprocessedKeys (throttling, the 16 MB cap):
            // ask again for those, backing off, or a site's history would silently miss versions.
            for (var attempt = 1; keys is not null; attempt++)
            {
                if (attempt > 1)
                {
                    if (attempt > MaxBatchAttempts)
                    {
                        throw new InvalidOperationException($"DynamoDB left {keys.Keys.Count} versions of site '{siteId}' unread after {MaxBatchAttempts} attempts.");
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 25 * Math.Pow(2, attempt))), clock, cancellationToken);
                }

                var response = await dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { [Table] = keys } }, cancellationToken);
                versions.AddRange((response.Responses?.GetValueOrDefault(Table) ?? []).Select(Read));
                keys = response.UnprocessedKeys?.GetValueOrDefault(Table) is { Keys.Count: > 0 } rest ? rest : null;
            }
        }

        return [.. versions.OrderBy(g => g.Version).ThenBy(g => g.Id, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<GenerationRecord>> FindStaleAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default)
    {
        var stale = new List<GenerationRecord>();
        foreach (var status in ActiveStatuses)
        {
            var items = await dynamo.QueryAllAsync(new QueryRequest
            {
                TableName = Table,
                IndexName = DynamoDbSchema.Gsi1,
                KeyConditionExpression = "gsi1pk = :status AND gsi1sk < :before",
                ExpressionAttributeValues = new() { [":status"] = Attr.S($"STATUS#{status}"), [":before"] = Attr.Time(updatedBefore) },
            }, cancellationToken);
            stale.AddRange(items.Select(Read));
        }

        return stale;
    }

    public async Task AppendEventsAsync(string generationId, IReadOnlyList<GenerationEvent> events, CancellationToken cancellationToken = default)
    {
        var expiresAt = Attr.N((clock.GetUtcNow() + EventLifetime).ToUnixTimeSeconds());
        // One conditional put per event (BatchWriteItem cannot be conditional); written in order so a reader never sees a gap.
        foreach (var e in events)
        {
            try
            {
                await dynamo.PutItemAsync(new PutItemRequest
                {
                    TableName = Table,
                    Item = new()
                    {
                        [DynamoDbSchema.PartitionKey] = Attr.S($"GEN#{generationId}"),
                        [DynamoDbSchema.SortKey] = Attr.S($"EVT#{e.Id:D10}"),
                        ["data"] = Attr.S(GenerationEventJson.Write(e.Data)),
                        [DynamoDbSchema.ExpiresAt] = expiresAt,
                    },
                    ConditionExpression = "attribute_not_exists(pk)",
                }, cancellationToken);
            }
            catch (ConditionalCheckFailedException)
            {
                throw new GenerationConflictException($"Event {e.Id} of '{generationId}' is already recorded.");
            }
        }
    }

    public async Task<IReadOnlyList<GenerationEvent>> ReadEventsAsync(string generationId, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        var events = new List<GenerationEvent>();
        var request = new QueryRequest
        {
            TableName = Table,
            KeyConditionExpression = "pk = :pk AND sk > :after",
            ExpressionAttributeValues = new() { [":pk"] = Attr.S($"GEN#{generationId}"), [":after"] = Attr.S($"EVT#{afterId:D10}") },
            ConsistentRead = true,
            Limit = limit,
        };
        await foreach (var page in dynamo.QueryPagesAsync(request, cancellationToken))
        {
            events.AddRange(page.Select(i => new GenerationEvent(long.Parse(i.RequireString(DynamoDbSchema.SortKey)[4..], System.Globalization.CultureInfo.InvariantCulture), GenerationEventJson.Read(i.RequireString("data")))));
            if (events.Count >= limit)
            {
                break;
            }

            request.Limit = limit - events.Count;
        }

        return events;
    }

    public async Task<Site?> GetSiteAsync(string tenant, string siteId, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = Table, Key = SiteKey(tenant, siteId), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet ? ReadSite(response.Item) : null;
    }

    public async Task CreateSiteAsync(Site site, CancellationToken cancellationToken = default)
    {
        var item = SiteKey(site.Tenant, site.SiteId);
        item["tenant"] = Attr.S(site.Tenant);
        item["siteId"] = Attr.S(site.SiteId);
        item["name"] = Attr.S(site.Name);
        item["latestVersion"] = Attr.N(site.LatestVersion);
        item["createdAt"] = Attr.Time(site.CreatedAt);
        item["updatedAt"] = Attr.Time(site.UpdatedAt);
        if (site.LatestGenerationId is { } latest)
        {
            item["latestGenerationId"] = Attr.S(latest);
        }

        if (site.LatestBrandScore is { } score)
        {
            item["latestBrandScore"] = Attr.N(score);
        }

        try
        {
            await dynamo.PutItemAsync(new PutItemRequest { TableName = Table, Item = item, ConditionExpression = "attribute_not_exists(pk)" }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new GenerationConflictException($"The tenant has a site with the id '{site.SiteId}'.");
        }
    }

    public async Task<bool> RenameSiteAsync(string tenant, string siteId, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = SiteKey(tenant, siteId),
                UpdateExpression = "SET #name = :name",
                ConditionExpression = "attribute_exists(pk)",
                ExpressionAttributeNames = new() { ["#name"] = "name" },
                ExpressionAttributeValues = new() { [":name"] = Attr.S(name) },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public Task<bool> RecordCompletedVersionAsync(
        string tenant, string siteId, string generationId, int version, double? brandScore, DateTimeOffset completedAt, CancellationToken cancellationToken = default) =>
        PointSiteAtAsync(tenant, siteId, generationId, brandScore, completedAt, version, cancellationToken);

    public Task<bool> RestoreVersionAsync(
        string tenant, string siteId, string generationId, double? brandScore, DateTimeOffset updatedAt, CancellationToken cancellationToken = default) =>
        PointSiteAtAsync(tenant, siteId, generationId, brandScore, updatedAt, completedVersion: null, cancellationToken);

    /// <summary>
    /// One conditional UpdateItem of the site's latest-version attributes (never its name); a completed version also sets
    /// <c>latestVersion</c>, unless the site already shows a later one.
    /// </summary>
    private async Task<bool> PointSiteAtAsync(
        string tenant, string siteId, string generationId, double? brandScore, DateTimeOffset updatedAt, int? completedVersion, CancellationToken cancellationToken)
    {
        List<string> set = ["latestGenerationId = :latest", "updatedAt = :updated"];
        var values = new Dictionary<string, AttributeValue> { [":latest"] = Attr.S(generationId), [":updated"] = Attr.Time(updatedAt) };
        var condition = "attribute_exists(pk)";
        if (completedVersion is { } version)
        {
            set.Add("latestVersion = :version");
            values[":version"] = Attr.N(version);
            condition += " AND latestVersion <= :version";
        }

        if (brandScore is { } score)
        {
            set.Add("latestBrandScore = :score");
            values[":score"] = Attr.N(score);
        }

        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Table,
                Key = SiteKey(tenant, siteId),
                // A version without a score leaves none behind (the SQLite store sets the column to null).
                UpdateExpression = $"SET {string.Join(", ", set)}" + (brandScore is null ? " REMOVE latestBrandScore" : ""),
                ConditionExpression = condition,
                ExpressionAttributeValues = values,
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<Site>> ListSitesAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var items = await dynamo.QueryAllAsync(new QueryRequest
        {
            TableName = Table,
            KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues = new() { [":pk"] = Attr.S($"TENANT#{tenant}"), [":prefix"] = Attr.S("SITE#") },
            ConsistentRead = true,
        }, cancellationToken);
        return [.. items.Select(ReadSite).OrderByDescending(s => s.UpdatedAt).ThenBy(s => s.SiteId, StringComparer.Ordinal)];
    }

    private static Dictionary<string, AttributeValue> Key(string tenant, string generationId) => new()
    {
        [DynamoDbSchema.PartitionKey] = Attr.S($"TENANT#{tenant}"),
        [DynamoDbSchema.SortKey] = Attr.S($"GEN#{generationId}"),
    };

    private static Dictionary<string, AttributeValue> SiteKey(string tenant, string siteId) => new()
    {
        [DynamoDbSchema.PartitionKey] = Attr.S($"TENANT#{tenant}"),
        [DynamoDbSchema.SortKey] = Attr.S($"SITE#{siteId}"),
    };

    private static Dictionary<string, AttributeValue> Item(GenerationRecord g)
    {
        var item = Key(g.Tenant, g.Id);
        void Set(string name, string? value)
        {
            if (value is not null)
            {
                item[name] = Attr.S(value);
            }
        }

        item["id"] = Attr.S(g.Id);
        item["tenant"] = Attr.S(g.Tenant);
        item["siteId"] = Attr.S(g.SiteId);
        item["version"] = Attr.N(g.Version);
        item["prompt"] = Attr.S(g.Prompt);
        item["templateId"] = Attr.S(g.TemplateId);
        item["provider"] = Attr.S(g.Provider);
        item["modelId"] = Attr.S(g.ModelId);
        item["createdBy"] = Attr.S(g.CreatedBy);
        item["status"] = Attr.S(g.Status.ToWire());
        item["progress"] = Attr.N(g.Progress);
        item["lastEventId"] = Attr.N(g.LastEventId);
        item["cancelRequested"] = Attr.Bool(g.CancelRequested);
        item["createdAt"] = Attr.Time(g.CreatedAt);
        item["updatedAt"] = Attr.Time(g.UpdatedAt);
        item["rowVersion"] = Attr.N(g.RowVersion);
        Set("parentGenerationId", g.ParentGenerationId);
        Set("primaryColor", g.PrimaryColor);
        Set("secondaryColor", g.SecondaryColor);
        Set("logo", g.Logo);
        Set("message", g.Message);
        Set("errorCode", g.Error?.Code);
        Set("errorMessage", g.Error?.Message);
        Set("htmlKey", g.HtmlKey);
        Set("note", g.Note);
        if (g.BrandScore is { } score)
        {
            item["brandScore"] = Attr.N(score);
        }

        if (g.InputTokens is { } input)
        {
            item["inputTokens"] = Attr.N(input);
        }

        if (g.OutputTokens is { } output)
        {
            item["outputTokens"] = Attr.N(output);
        }

        if (g.FirstChunkAt is { } first)
        {
            item["firstChunkAt"] = Attr.Time(first);
        }

        if (g.CompletedAt is { } completed)
        {
            item["completedAt"] = Attr.Time(completed);
        }

        if (!g.Status.IsTerminal())
        {
            // The stuck-work index holds only what is still running.
            item[DynamoDbSchema.Gsi1PartitionKey] = Attr.S($"STATUS#{g.Status.ToWire()}");
            item[DynamoDbSchema.Gsi1SortKey] = Attr.Time(g.UpdatedAt);
        }

        return item;
    }

    private static GenerationRecord Read(Dictionary<string, AttributeValue> i) => new()
    {
        Id = i.RequireString("id"),
        Tenant = i.RequireString("tenant"),
        SiteId = i.RequireString("siteId"),
        Version = (int)i.GetLong("version"),
        ParentGenerationId = i.GetString("parentGenerationId"),
        Prompt = i.RequireString("prompt"),
        TemplateId = i.RequireString("templateId"),
        PrimaryColor = i.GetString("primaryColor"),
        SecondaryColor = i.GetString("secondaryColor"),
        Logo = i.GetString("logo"),
        Provider = i.RequireString("provider"),
        ModelId = i.RequireString("modelId"),
        CreatedBy = i.RequireString("createdBy"),
        Status = GenerationStatuses.Parse(i.RequireString("status")),
        Progress = (int)i.GetLong("progress"),
        Message = i.GetString("message"),
        Error = i.GetString("errorCode") is { } code ? new GenerationError(code, i.GetString("errorMessage") ?? "") : null,
        HtmlKey = i.GetString("htmlKey"),
        Note = i.GetString("note"),
        BrandScore = i.GetDouble("brandScore"),
        InputTokens = i.ContainsKey("inputTokens") ? i.GetLong("inputTokens") : null,
        OutputTokens = i.ContainsKey("outputTokens") ? i.GetLong("outputTokens") : null,
        LastEventId = i.GetLong("lastEventId"),
        CancelRequested = i.GetBool("cancelRequested"),
        CreatedAt = i.GetTime("createdAt")!.Value,
        UpdatedAt = i.GetTime("updatedAt")!.Value,
        FirstChunkAt = i.GetTime("firstChunkAt"),
        CompletedAt = i.GetTime("completedAt"),
        RowVersion = i.GetLong("rowVersion"),
    };

    private static Site ReadSite(Dictionary<string, AttributeValue> i) => new()
    {
        Tenant = i.RequireString("tenant"),
        SiteId = i.RequireString("siteId"),
        Name = i.RequireString("name"),
        LatestGenerationId = i.GetString("latestGenerationId"),
        LatestVersion = (int)i.GetLong("latestVersion"),
        LatestBrandScore = i.GetDouble("latestBrandScore"),
        CreatedAt = i.GetTime("createdAt")!.Value,
        UpdatedAt = i.GetTime("updatedAt")!.Value,
    };
}
