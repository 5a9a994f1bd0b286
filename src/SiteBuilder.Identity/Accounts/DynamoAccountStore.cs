using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SiteBuilder.Storage;
using SiteBuilder.Storage.DynamoDb;

namespace SiteBuilder.Identity.Accounts;

/// <summary>Accounts as <c>ACCOUNT</c> / <c>USER#{name}</c> items in the operations table; preferences as <c>PREFS</c> / <c>{subject}</c>.</summary>
public sealed class DynamoAccountStore(IAmazonDynamoDB dynamo, ResourceNames names) : IAccountStore
{
    private const string AccountPartition = "ACCOUNT";
    private const string PreferencesPartition = "PREFS";

    public async Task<Account?> FindAsync(string userName, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = names.OperationsTable,
            Key = Key(SqliteAccountStore.Normalize(userName)),
            ConsistentRead = true,
        }, cancellationToken);
        return response.IsItemSet ? Read(response.Item) : null;
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default)
    {
        var items = await dynamo.QueryAllAsync(new QueryRequest
        {
            TableName = names.OperationsTable,
            KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues = new() { [":pk"] = Attr.S(AccountPartition), [":prefix"] = Attr.S("USER#") },
            ConsistentRead = true,
        }, cancellationToken);
        return [.. items.Select(Read).OrderBy(a => a.UserName, StringComparer.Ordinal)];
    }

    public async Task<Account> CreateAsync(Account account, CancellationToken cancellationToken = default)
    {
        var created = account with { UserName = SqliteAccountStore.Normalize(account.UserName), Version = 1 };
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = names.OperationsTable,
                Item = Item(created),
                ConditionExpression = "attribute_not_exists(pk)",
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new AccountConflictException($"An account named '{created.UserName}' already exists.");
        }

        return created;
    }

    public async Task<Account> UpdateAsync(Account account, CancellationToken cancellationToken = default)
    {
        var updated = account with { UserName = SqliteAccountStore.Normalize(account.UserName), Version = account.Version + 1 };
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = names.OperationsTable,
                Item = Item(updated),
                ConditionExpression = "#version = :expected",
                ExpressionAttributeNames = new() { ["#version"] = "version" },
                ExpressionAttributeValues = new() { [":expected"] = Attr.N(account.Version) },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new AccountConflictException($"The account '{updated.UserName}' was changed by someone else or no longer exists.");
        }

        return updated;
    }

    public async Task<UserPreferences?> GetPreferencesAsync(string subject, CancellationToken cancellationToken = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = names.OperationsTable,
            Key = new() { [DynamoDbSchema.PartitionKey] = Attr.S(PreferencesPartition), [DynamoDbSchema.SortKey] = Attr.S(subject) },
            ConsistentRead = true,
        }, cancellationToken);
        return response.IsItemSet && response.Item.GetString("preferences") is { } json ? JsonSerializer.Deserialize<UserPreferences>(json) : null;
    }

    public async Task SavePreferencesAsync(string subject, UserPreferences preferences, CancellationToken cancellationToken = default)
    {
        await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = names.OperationsTable,
            Item = new()
            {
                [DynamoDbSchema.PartitionKey] = Attr.S(PreferencesPartition),
                [DynamoDbSchema.SortKey] = Attr.S(subject),
                ["preferences"] = Attr.S(JsonSerializer.Serialize(preferences)),
            },
        }, cancellationToken);
    }

    private static Dictionary<string, AttributeValue> Key(string userName) => new()
    {
        [DynamoDbSchema.PartitionKey] = Attr.S(AccountPartition),
        [DynamoDbSchema.SortKey] = Attr.S($"USER#{userName}"),
    };

    private static Dictionary<string, AttributeValue> Item(Account account)
    {
        var item = Key(account.UserName);
        item["userName"] = Attr.S(account.UserName);
        item["displayName"] = Attr.S(account.DisplayName);
        item["passwordHash"] = Attr.S(account.PasswordHash);
        item["roles"] = Attr.List(account.Roles.Order(StringComparer.Ordinal));
        item["tenants"] = Attr.List(account.Tenants.Order(StringComparer.Ordinal));
        item["disabled"] = Attr.Bool(account.Disabled);
        item["failedSignIns"] = Attr.N(account.FailedSignIns);
        item["createdAt"] = Attr.Time(account.CreatedAt);
        item["updatedAt"] = Attr.Time(account.UpdatedAt);
        item["version"] = Attr.N(account.Version);
        item["securityStamp"] = Attr.S(account.SecurityStamp);
        if (account.LockedUntil is { } lockedUntil)
        {
            item["lockedUntil"] = Attr.Time(lockedUntil);
        }

        return item;
    }

    private static Account Read(Dictionary<string, AttributeValue> item) => new()
    {
        UserName = item.RequireString("userName"),
        DisplayName = item.RequireString("displayName"),
        PasswordHash = item.RequireString("passwordHash"),
        Roles = item.GetList("roles").ToHashSet(),
        Tenants = item.GetList("tenants").ToHashSet(),
        Disabled = item.GetBool("disabled"),
        FailedSignIns = (int)item.GetLong("failedSignIns"),
        LockedUntil = item.GetTime("lockedUntil"),
        CreatedAt = item.GetTime("createdAt")!.Value,
        UpdatedAt = item.GetTime("updatedAt")!.Value,
        Version = item.GetLong("version"),
        SecurityStamp = item.GetString("securityStamp") ?? "",
    };
}
