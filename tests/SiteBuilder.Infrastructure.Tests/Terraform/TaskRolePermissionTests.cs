using Microsoft.Extensions.Logging.Abstractions;
using SiteBuilder.Operations.Restores;
using SiteBuilder.Storage;
using SiteBuilder.TestSupport.FakeDynamoDb;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>The task role allows every AWS call the code makes for a feature: here, point-in-time restore.</summary>
public sealed class TaskRolePermissionTests
{
    private static readonly DateTimeOffset Earliest = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static ResourceNames Names() => ResourceNames.From(new SiteBuilderOptions { Environment = "dev" }, new StorageOptions());

    /// <summary>Runs the restore code against the fake control plane: the window and both kinds of restore of each table.</summary>
    private static async Task<IReadOnlyList<RecordedDynamoCall>> RestoreCallsAsync()
    {
        var names = Names();
        await using var dynamo = await FakeDynamoDbControlPlane.StartAsync(TestContext.Current.CancellationToken);
        using var client = AwsClients.DynamoDb(new DynamoDbStorageOptions
        {
            ServiceUrl = dynamo.BaseUrl.AbsoluteUri,
            Region = TaskRolePermissions.Region,
            AccessKeyId = "AKIDEXAMPLE",
            SecretAccessKey = "not-a-real-secret",
        });
        var restore = new DynamoPointInTimeRestore(client, names, NullLogger<DynamoPointInTimeRestore>.Instance);
        foreach (var table in restore.Sources)
        {
            dynamo.AddTable(table, Earliest, Latest);
            await restore.GetWindowAsync(table, TestContext.Current.CancellationToken);
            await restore.RestoreAsync(new RestoreTarget(table, null, DynamoPointInTimeRestore.NewTablePrefix(table) + "latest"), TestContext.Current.CancellationToken);
            await restore.RestoreAsync(new RestoreTarget(table, Latest.AddDays(-1), DynamoPointInTimeRestore.NewTablePrefix(table) + "day-before"), TestContext.Current.CancellationToken);
        }

        return dynamo.Calls;
    }

    private static IReadOnlyList<string> LiveTables() => [Names().GenerationTable, Names().OperationsTable];

    [Fact]
    public async Task TheTaskRoleAllowsEveryCallOfThePointInTimeRestore()
    {
        var service = (await TerraformTree.LoadAsync()).Module("service");
        var calls = await RestoreCallsAsync();

        var needed = calls.SelectMany(TaskRolePermissions.Required).ToList();

        Assert.Contains(needed, need => need.Action == "dynamodb:RestoreTableToPointInTime");
        Assert.Contains(needed, need => need.Action == "dynamodb:DescribeContinuousBackups");
        Assert.Empty(TaskRolePermissions.NotAllowed(service, needed, LiveTables(), "point-in-time restore"));
    }

    [Fact]
    public async Task ARoleWithoutTheRestoreActionsOrWithoutWritesOnTheNewTableFails()
    {
        var fixture = await TerraformTree.FixtureAsync("""
            resource "aws_iam_role" "task" {
              name = "task"
            }
            data "aws_iam_policy_document" "task" {
              statement {
                sid = "TablesAndIndexes"
                actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:DescribeContinuousBackups"]
                resources = concat(var.table_arns, [for arn in var.table_arns : "${arn}/index/*"])
              }
              statement {
                sid       = "RestoreOnlyTheOperationsTable"
                actions   = ["dynamodb:RestoreTableToPointInTime"]
                resources = ["arn:aws:dynamodb:eu-west-1:123456789012:table/site-builder-operations-dev"]
              }
              statement {
                sid       = "WritesToAnyPrefixButDenied"
                effect    = "Deny"
                actions   = ["dynamodb:*"]
                resources = [for arn in var.table_arns : "${arn}-*"]
              }
            }
            resource "aws_iam_role_policy" "task" {
              role   = aws_iam_role.task.id
              policy = data.aws_iam_policy_document.task.json
            }
            resource "aws_ecs_task_definition" "portal" {
              task_role_arn = aws_iam_role.task.arn
            }
            """, "modules/service");
        var needed = (await RestoreCallsAsync()).SelectMany(TaskRolePermissions.Required).ToList();

        var violations = TaskRolePermissions.NotAllowed(fixture, needed, LiveTables(), "point-in-time restore");

        Assert.Contains("modules/service: the task role does not allow dynamodb:RestoreTableToPointInTime on table/site-builder-generation-dev, which point-in-time restore calls.", violations);
        Assert.DoesNotContain(violations, v => v.Contains("RestoreTableToPointInTime on table/site-builder-operations-dev", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.Contains("DescribeContinuousBackups", StringComparison.Ordinal));
        Assert.Contains("modules/service: the task role does not allow dynamodb:Scan on table/site-builder-operations-dev-latest, which point-in-time restore calls.", violations);
        Assert.Contains(violations, v => v.Contains("dynamodb:PutItem on table/site-builder-generation-dev-day-before", StringComparison.Ordinal));
    }
}
