using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.TestSupport.FakeDynamoDb;

/// <summary>
/// A local DynamoDB endpoint for the point-in-time-recovery control plane, which dynalite lacks. It speaks the real
/// JSON 1.0 protocol (<c>POST /</c>, <c>X-Amz-Target: DynamoDB_20120810.{Operation}</c>, epoch-second timestamps,
/// <c>__type</c> errors) for <c>DescribeContinuousBackups</c> and <c>RestoreTableToPointInTime</c>, and records every call.
/// </summary>
public sealed class FakeDynamoDbControlPlane : IAsyncDisposable
{
    public const string TargetPrefix = "DynamoDB_20120810.";
    private const string ErrorPrefix = "com.amazonaws.dynamodb.v20120810#";

    private readonly ConcurrentDictionary<string, FakePitrTable> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedDynamoCall> _calls = new();
    private LoopbackWebApp? _app;

    public Uri BaseUrl => _app?.BaseUrl ?? throw new InvalidOperationException("The fake DynamoDB is not started.");

    /// <summary>Every call, in order.</summary>
    public IReadOnlyList<RecordedDynamoCall> Calls => [.. _calls];

    /// <summary>The tables that exist, including those restores created.</summary>
    public IReadOnlyCollection<string> Tables => [.. _tables.Keys];

    public static async Task<FakeDynamoDbControlPlane> StartAsync(CancellationToken cancellationToken = default)
    {
        var fake = new FakeDynamoDbControlPlane();
        fake._app = await LoopbackWebApp.StartAsync(fake.HandleAsync, cancellationToken);
        return fake;
    }

    /// <summary>Adds a table; with a window, point-in-time recovery is enabled and restorable between the two times.</summary>
    public void AddTable(string name, DateTimeOffset? earliestRestorable = null, DateTimeOffset? latestRestorable = null) =>
        _tables[name] = new FakePitrTable(earliestRestorable, latestRestorable);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject ?? [];
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
        _calls.Enqueue(new RecordedDynamoCall(operation, body, context.Request.Headers.Authorization.ToString()));
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();

        var (status, answer) = operation switch
        {
            "DescribeContinuousBackups" => DescribeContinuousBackups(body),
            "RestoreTableToPointInTime" => RestoreTableToPointInTime(body),
            _ => Error(400, "UnknownOperationException", $"The fake serves DescribeContinuousBackups and RestoreTableToPointInTime, not '{operation}'."),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.0";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    private (int, JsonObject) DescribeContinuousBackups(JsonObject body)
    {
        var name = body["TableName"]?.GetValue<string>() ?? "";
        if (!_tables.TryGetValue(name, out var table))
        {
            return Error(400, "TableNotFoundException", $"Table not found: {name}");
        }

        var recovery = table.PitrEnabled
            ? new JsonObject
            {
                ["PointInTimeRecoveryStatus"] = "ENABLED",
                ["EarliestRestorableDateTime"] = Epoch(table.Earliest!.Value),
                ["LatestRestorableDateTime"] = Epoch(table.Latest!.Value),
                ["RecoveryPeriodInDays"] = 35,
            }
            : new JsonObject { ["PointInTimeRecoveryStatus"] = "DISABLED" };
        return (200, new JsonObject
        {
            ["ContinuousBackupsDescription"] = new JsonObject { ["ContinuousBackupsStatus"] = "ENABLED", ["PointInTimeRecoveryDescription"] = recovery },
        });
    }

    private (int, JsonObject) RestoreTableToPointInTime(JsonObject body)
    {
        var source = body["SourceTableName"]?.GetValue<string>() ?? "";
        var targetName = body["TargetTableName"]?.GetValue<string>() ?? "";
        if (!_tables.TryGetValue(source, out var table))
        {
            return Error(400, "TableNotFoundException", $"Table not found: {source}");
        }

        if (!table.PitrEnabled)
        {
            return Error(400, "PointInTimeRecoveryUnavailableException", $"Point in time recovery is not enabled for table '{source}'");
        }

        var useLatest = body["UseLatestRestorableTime"]?.GetValue<bool>() == true;
        var chosen = body["RestoreDateTime"] is { } time ? DateTimeOffset.FromUnixTimeMilliseconds((long)(time.GetValue<double>() * 1000)) : (DateTimeOffset?)null;
        if (useLatest == chosen.HasValue)
        {
            return Error(400, "ValidationException", "Exactly one of RestoreDateTime and UseLatestRestorableTime must be given.");
        }

        var restoreTo = chosen ?? table.Latest!.Value;
        if (restoreTo < table.Earliest || restoreTo > table.Latest)
        {
            return Error(400, "InvalidRestoreTimeException", "Restore time is outside the restorable window.");
        }

        if (!_tables.TryAdd(targetName, new FakePitrTable(null, null)))
        {
            return Error(400, "TableAlreadyExistsException", $"Table already exists: {targetName}");
        }

        return (200, new JsonObject
        {
            ["TableDescription"] = new JsonObject
            {
                ["TableName"] = targetName,
                ["TableStatus"] = "CREATING",
                ["TableArn"] = $"arn:aws:dynamodb:eu-west-1:123456789012:table/{targetName}",
                ["RestoreSummary"] = new JsonObject
                {
                    ["SourceTableArn"] = $"arn:aws:dynamodb:eu-west-1:123456789012:table/{source}",
                    ["RestoreDateTime"] = Epoch(restoreTo),
                    ["RestoreInProgress"] = true,
                },
            },
        });
    }

    private static double Epoch(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static (int, JsonObject) Error(int status, string type, string message) =>
        (status, new JsonObject { ["__type"] = ErrorPrefix + type, ["message"] = message });

    private sealed record FakePitrTable(DateTimeOffset? Earliest, DateTimeOffset? Latest)
    {
        public bool PitrEnabled => Earliest.HasValue && Latest.HasValue;
    }
}

/// <param name="Operation">e.g. <c>RestoreTableToPointInTime</c>.</param>
public sealed record RecordedDynamoCall(string Operation, JsonObject Body, string Authorization);
