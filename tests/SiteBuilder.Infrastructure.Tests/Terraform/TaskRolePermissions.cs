using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SiteBuilder.TestSupport.FakeDynamoDb;
using static SiteBuilder.Infrastructure.Tests.Terraform.TerraformModule;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>
/// Whether the ECS task role allows what the code's AWS clients really call: the calls are recorded from the code
/// (against a local fake of the AWS API), each becomes the IAM actions AWS checks for it, and each action must be
/// allowed on that table's ARN by a statement of the task role's policy.
/// </summary>
public static partial class TaskRolePermissions
{
    public const string Region = "eu-west-1";
    public const string Account = "123456789012";

    /// <summary>
    /// AWS: "RestoreTableToPointInTime permissions are necessary on the source table, and DynamoDB read and write
    /// permissions on the target table are necessary for restore functionality" (DynamoDB developer guide, backup and restore with IAM).
    /// </summary>
    private static readonly string[] RestoreTargetActions =
    [
        "dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem",
    ];

    public static string TableArn(string table) => $"arn:aws:dynamodb:{Region}:{Account}:table/{table}";

    /// <summary>The IAM actions, each on a table, that AWS checks for one recorded DynamoDB call.</summary>
    public static IEnumerable<(string Action, string Table)> Required(RecordedDynamoCall call)
    {
        string Name(string member) => call.Body[member]?.GetValue<string>() ?? throw new InvalidOperationException($"{call.Operation} without {member}.");
        return call.Operation == "RestoreTableToPointInTime"
            ? RestoreTargetActions.Select(action => (action, Name("TargetTableName"))).Prepend(("dynamodb:RestoreTableToPointInTime", Name("SourceTableName")))
            : [($"dynamodb:{call.Operation}", Name("TableName"))];
    }

    /// <summary>Each needed action the task role does not allow on that table, with the feature that needs it.</summary>
    public static IReadOnlyList<string> NotAllowed(TerraformModule service, IEnumerable<(string Action, string Table)> needed, IReadOnlyList<string> liveTables, string feature)
    {
        var tableArns = liveTables.Select(TableArn).ToList();
        var statements = TaskRoleStatements(service)
            .Select(statement => (Actions: Strings(statement["actions"]), Resources: Resources(statement["resources"], tableArns)))
            .ToList();
        return needed.Distinct()
            .Where(need => !statements.Any(statement =>
                statement.Actions.Any(action => Glob(action, need.Action)) && statement.Resources.Any(resource => Glob(resource, TableArn(need.Table)))))
            .Select(need => $"{service.Name}: the task role does not allow {need.Action} on table/{need.Table}, which {feature} calls.")
            .ToList();
    }

    /// <summary>The Allow statements of every policy attached to the role the task definition runs as.</summary>
    private static IEnumerable<JsonObject> TaskRoleStatements(TerraformModule service)
    {
        var roleArn = service.Resources("aws_ecs_task_definition").Select(task => task.Text("task_role_arn")).FirstOrDefault(arn => arn is not null) ?? "";
        var role = RoleReference().Match(roleArn);
        if (!role.Success)
        {
            return [];
        }

        var documents = service.Resources("aws_iam_role_policy")
            .Where(policy => References(policy["role"], $"aws_iam_role.{role.Groups[1].Value}"))
            .Select(policy => DocumentReference().Match(policy.Text("policy") ?? ""))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToHashSet();
        return service.Data("aws_iam_policy_document").Where(document => documents.Contains(document.Name))
            .SelectMany(document => document.NestedAll("statement"))
            .Where(statement => (Text(statement["effect"]) ?? "Allow") == "Allow");
    }

    /// <summary>
    /// A statement's resources as ARN patterns: literals, <c>var.table_arns</c> as the table ARNs, and
    /// <c>[for arn in var.table_arns : "${arn}suffix"]</c> as each ARN with the suffix. Other references match nothing.
    /// </summary>
    private static IEnumerable<string> Resources(JsonNode? node, IReadOnlyList<string> tableArns)
    {
        foreach (var text in node is JsonArray ? Strings(node) : Text(node) is { } single ? [single] : [])
        {
            if (!text.Contains("${", StringComparison.Ordinal))
            {
                yield return text;
                continue;
            }

            foreach (Match loop in ForOverTables().Matches(text))
            {
                foreach (var arn in tableArns)
                {
                    yield return arn + loop.Groups[2].Value;
                }
            }

            if (References(ForOverTables().Replace(text, ""), "var.table_arns"))
            {
                foreach (var arn in tableArns)
                {
                    yield return arn;
                }
            }
        }
    }

    private static bool Glob(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$");

    [GeneratedRegex(@"^\$\{aws_iam_role\.([A-Za-z0-9_-]+)\.arn\}$")]
    private static partial Regex RoleReference();

    [GeneratedRegex(@"^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$")]
    private static partial Regex DocumentReference();

    [GeneratedRegex(@"\[\s*for\s+(\w+)\s+in\s+var\.table_arns\s*:\s*""\$\{\1\}([^""]*)""\s*\]")]
    private static partial Regex ForOverTables();
}
