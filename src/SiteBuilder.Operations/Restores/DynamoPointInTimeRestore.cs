using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using SiteBuilder.Storage;

namespace SiteBuilder.Operations.Restores;

/// <summary>
/// DynamoDB point-in-time recovery: restores one of the portal's tables, as of the latest restorable time or a chosen
/// time, into a NEW table. DynamoDB does the copy; the source table keeps serving.
/// </summary>
public sealed partial class DynamoPointInTimeRestore(IAmazonDynamoDB dynamoDb, ResourceNames names, ILogger<DynamoPointInTimeRestore> logger) : IPointInTimeRestore
{
    public const string KindName = "DynamoDb";

    public string Kind => KindName;

    public IReadOnlyList<string> Sources => [names.GenerationTable, names.OperationsTable];

    /// <summary>
    /// A restored table is named after its source (<c>{source}-…</c>): the task role may create and fill only tables
    /// under that prefix (terraform/modules/service, statement RestoreIntoNewTables), never another table.
    /// </summary>
    public static string NewTablePrefix(string source) => source + "-";

    public string? NewNameProblem(string source, string newName) =>
        newName.StartsWith(NewTablePrefix(source), StringComparison.Ordinal) && newName.Length > NewTablePrefix(source).Length
            ? null
            : $"A restored DynamoDB table is named after its source, so the portal's role may create it: start the name with '{NewTablePrefix(source)}', e.g. {NewTablePrefix(source)}restored-{DateTime.UtcNow:yyyyMMdd}.";

    /// <exception cref="RestoreRefusedException">An unknown table, or one without point-in-time recovery enabled.</exception>
    public async Task<RestoreWindow> GetWindowAsync(string source, CancellationToken cancellationToken)
    {
        RequireSource(source);
        var recovery = await DescribeRecoveryAsync(source, cancellationToken);
        return new RestoreWindow(Utc(recovery.EarliestRestorableDateTime), Utc(recovery.LatestRestorableDateTime), []);
    }

    /// <exception cref="RestoreRefusedException">An unknown source, a bad or existing new name, or a time outside the restorable window.</exception>
    public async Task<RestoreResult> RestoreAsync(RestoreTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        RequireSource(target.Source);
        if (string.IsNullOrWhiteSpace(target.NewName) || !TableName().IsMatch(target.NewName))
        {
            throw new RestoreRefusedException("newName", "A DynamoDB table name is 3 to 255 letters, digits, '_', '-' or '.'.");
        }

        if (Sources.Contains(target.NewName, StringComparer.Ordinal))
        {
            throw new RestoreRefusedException("newName", $"'{target.NewName}' is a live table; a restore always goes to a new table.");
        }

        if (NewNameProblem(target.Source, target.NewName) is { } problem)
        {
            throw new RestoreRefusedException("newName", problem);
        }

        var recovery = await DescribeRecoveryAsync(target.Source, cancellationToken);
        var request = new RestoreTableToPointInTimeRequest { SourceTableName = target.Source, TargetTableName = target.NewName };
        if (target.PointInTime is { } time)
        {
            var earliest = Utc(recovery.EarliestRestorableDateTime);
            var latest = Utc(recovery.LatestRestorableDateTime);
            if (time < earliest || time > latest)
            {
                throw new RestoreRefusedException("pointInTime", $"{time:O} is outside {target.Source}'s restorable window, {earliest:O} to {latest:O}.");
            }

            request.RestoreDateTime = time.UtcDateTime;
        }
        else
        {
            request.UseLatestRestorableTime = true;
        }

        RestoreTableToPointInTimeResponse response;
        try
        {
            response = await dynamoDb.RestoreTableToPointInTimeAsync(request, cancellationToken);
        }
        catch (TableAlreadyExistsException e)
        {
            throw new RestoreRefusedException("newName", $"A table named '{target.NewName}' already exists; choose a new name.", e);
        }
        catch (InvalidRestoreTimeException e)
        {
            throw new RestoreRefusedException("pointInTime", $"DynamoDB cannot restore {target.Source} to that time: {e.Message}", e);
        }

        var description = response.TableDescription;
        var restoredTo = Utc(description?.RestoreSummary?.RestoreDateTime) ?? target.PointInTime ?? Utc(recovery.LatestRestorableDateTime) ?? DateTimeOffset.UtcNow;
        logger.LogInformation("Restoring DynamoDB table {Source} as of {Time:O} into {Target}", target.Source, restoredTo, target.NewName);
        return new RestoreResult(target.NewName, restoredTo,
            $"DynamoDB is restoring {target.Source} as of {restoredTo:yyyy-MM-dd HH:mm:ss} UTC into the new table {target.NewName} " +
            $"(status {description?.TableStatus?.Value ?? "unknown"}). The live table is unchanged; pointing the portal at the new table is a separate step.");
    }

    private async Task<PointInTimeRecoveryDescription> DescribeRecoveryAsync(string table, CancellationToken cancellationToken)
    {
        DescribeContinuousBackupsResponse response;
        try
        {
            response = await dynamoDb.DescribeContinuousBackupsAsync(new DescribeContinuousBackupsRequest { TableName = table }, cancellationToken);
        }
        catch (TableNotFoundException e)
        {
            throw new RestoreRefusedException("source", $"The table '{table}' does not exist in this account and region.", e);
        }

        var recovery = response.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
        if (recovery?.PointInTimeRecoveryStatus != PointInTimeRecoveryStatus.ENABLED)
        {
            throw new RestoreRefusedException("source", $"Point-in-time recovery is not enabled on '{table}' (status {recovery?.PointInTimeRecoveryStatus?.Value ?? "unknown"}).");
        }

        return recovery;
    }

    private void RequireSource(string source)
    {
        if (!Sources.Contains(source, StringComparer.Ordinal))
        {
            throw new RestoreRefusedException("source", $"'{source}' is not one of this portal's tables ({string.Join(", ", Sources)}).");
        }
    }

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t, DateTimeKind.Utc)) : null;

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,255}$")]
    private static partial Regex TableName();
}
