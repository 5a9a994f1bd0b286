using System.Text.Json.Nodes;
using SiteBuilder.Identity;
using SiteBuilder.Observability;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>Terraform agrees with the code: names from the code's constants, variables from the README's table.</summary>
public sealed class AgreementTests
{
    private static List<(string File, string Text)> Workflows()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), ".github", "workflows");
        return Directory.EnumerateFiles(folder, "*.y*ml").Select(path => (Path.GetFileName(path), File.ReadAllText(path))).ToList();
    }

    /// <summary>The variables of the terraform.tfvars that docs/deployment.md tells you to commit (CI applies them).</summary>
    private static IReadOnlySet<string> GuideTfvarsKeys()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "deployment.md"));
        var block = System.Text.RegularExpressions.Regex.Match(guide, @"terraform\.tfvars`[^`]*?```hcl\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(block.Success, "docs/deployment.md has no ```hcl block for terraform.tfvars.");
        return System.Text.RegularExpressions.Regex.Matches(block.Groups[1].Value, @"^([a-z_]+)\s*=", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(match => match.Groups[1].Value).ToHashSet();
    }

    private static IReadOnlySet<string> DocumentedKeys() =>
        ReadmeConfiguration.Keys(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md")));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task TablesAndBucketsAreTheOnesTheCodeUses(string environment)
    {
        var storage = (await TerraformTree.LoadAsync()).Module("storage");

        Assert.Empty(AgreementRules.Tables(storage, environment));
        Assert.Empty(AgreementRules.Buckets(storage, environment));
    }

    [Fact]
    public async Task ATableWithOtherKeysOrNamesOrABucketWithAnotherNameFails()
    {
        var fixture = await TerraformTree.FixtureAsync("""
            locals {
              tables = {
                generation = "site-builder-generations-${var.environment}"
                operations = "site-builder-operations-${var.environment}"
              }
            }
            resource "aws_dynamodb_table" "this" {
              for_each     = local.tables
              name         = each.value
              billing_mode = "PAY_PER_REQUEST"
              hash_key     = "PK"
              range_key    = "sk"
              attribute {
                name = "PK"
                type = "S"
              }
              attribute {
                name = "sk"
                type = "S"
              }
              ttl {
                attribute_name = "ttl"
                enabled        = true
              }
            }
            resource "aws_s3_bucket" "assets" {
              bucket = "site-builder-assets-${var.environment}"
            }
            """, "modules/storage");

        var tables = AgreementRules.Tables(fixture, "dev");

        Assert.Contains(tables, v => v.Contains("site-builder-generations-dev", StringComparison.Ordinal) && v.Contains("site-builder-generation-dev", StringComparison.Ordinal));
        Assert.Contains(tables, v => v.Contains("hash_key is PK, the code uses pk", StringComparison.Ordinal));
        Assert.Contains(tables, v => v.Contains("global secondary indexes", StringComparison.Ordinal));
        Assert.Contains(tables, v => v.Contains("ttl attribute_name is ttl, the code uses expiresAt", StringComparison.Ordinal));
        Assert.Single(AgreementRules.Buckets(fixture, "dev"));
    }

    [Fact]
    public async Task TheContainerGetsExactlyTheDocumentedAwsModeConfiguration()
    {
        var service = (await TerraformTree.LoadAsync()).Module("service");

        Assert.Empty(AgreementRules.ContainerEnvironment(service, DocumentedKeys()));
        Assert.Empty(AgreementRules.ServiceSettings(service));
    }

    [Fact]
    public async Task AnUndocumentedVariableOrNonAwsStorageFails()
    {
        var fixture = await TerraformTree.FixtureAsync("""
            locals {
              container_environment = {
                "SiteBuilder__Environment"                           = var.environment
                "SiteBuilder__Storage__Provider"                     = "Sqlite"
                "SiteBuilder__Storage__Blobs"                        = "S3"
                "SiteBuilder__Storage__DynamoDb__TableName"          = "x"
                "SiteBuilder__Authentication__Cognito__ClientIds__0" = "client"
              }
              container = {
                environment = [for key, value in local.container_environment : { name = key, value = value }]
              }
            }
            resource "aws_ecs_task_definition" "portal" {
              container_definitions = jsonencode([local.container])
            }
            """, "modules/service");

        var violations = AgreementRules.ContainerEnvironment(fixture, DocumentedKeys());

        Assert.Equal(
            ["modules/service: container variable SiteBuilder__Storage__DynamoDb__TableName sets SiteBuilder:Storage:DynamoDb:TableName, which the README's configuration table does not list.",
             "modules/service: SiteBuilder__Storage__Provider is Sqlite, AWS mode needs DynamoDb."],
            violations);
    }

    [Fact]
    public async Task AShortStopTimeoutNoStickinessOrMutableTagsFail()
    {
        var fixture = await TerraformTree.FixtureAsync("""
            locals {
              container_environment = { "SiteBuilder__DataDirectory" = "/data" }
              container = {
                stopTimeout            = 30
                readonlyRootFilesystem = true
                healthCheck            = { command = ["CMD-SHELL", "curl -f http://127.0.0.1:8080/health"] }
                mountPoints            = [{ sourceVolume = "data", containerPath = "/data" }]
              }
            }
            resource "aws_lb" "portal" {
              idle_timeout = 60
            }
            resource "aws_lb_target_group" "portal" {
              port = 8080
            }
            resource "aws_lb_listener" "https" {
              protocol = "HTTPS"
            }
            resource "aws_ecr_repository" "portal" {
              image_tag_mutability = "MUTABLE"
              image_scanning_configuration {
                scan_on_push = true
              }
            }
            """, "modules/service");

        var violations = AgreementRules.ServiceSettings(fixture);

        Assert.Equal(
            ["modules/service: the container's stopTimeout is not 120 s (time to drain open streams).",
             "modules/service: the load balancer's idle_timeout is not 120 s.",
             "modules/service: the target group has no sticky sessions (Blazor circuits).",
             "modules/service: the ECR repository's tags are not immutable.",
             "modules/service: no autoscaling on CPU.",
             "modules/service: no autoscaling on request count."],
            violations);
    }

    [Fact]
    public async Task TheUserPoolHasAGroupPerPortalRoleAndUsersCannotWriteTheirTenant()
    {
        var auth = (await TerraformTree.LoadAsync()).Module("auth");

        Assert.Empty(AgreementRules.UserPool(auth, Roles.All));
    }

    [Fact]
    public async Task AClientThatMayWriteTheTenantOrAMissingRoleFails()
    {
        var fixture = await TerraformTree.FixtureAsync("""
            variable "roles" {
              type    = list(string)
              default = ["Marketer", "Admin"]
            }
            resource "aws_cognito_user_group" "role" {
              for_each = toset(var.roles)
              name     = each.value
            }
            resource "aws_cognito_user_pool" "this" {
              schema {
                name = "tenant_id"
              }
            }
            resource "aws_cognito_user_pool_client" "open" {
              explicit_auth_flows = ["ALLOW_USER_PASSWORD_AUTH"]
            }
            resource "aws_cognito_user_pool_client" "tenant" {
              explicit_auth_flows = ["ALLOW_USER_PASSWORD_AUTH"]
              write_attributes    = ["email", "custom:tenant_id"]
            }
            """, "modules/auth");

        var violations = AgreementRules.UserPool(fixture, Roles.All);

        Assert.Equal(3, violations.Count);
        Assert.StartsWith("modules/auth: var.roles is [Admin, Marketer]", violations[0], StringComparison.Ordinal);
        Assert.Contains("aws_cognito_user_pool_client.open lets users write custom:tenant_id", violations[1], StringComparison.Ordinal);
        Assert.Contains("aws_cognito_user_pool_client.tenant lets users write custom:tenant_id", violations[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAlarmsAndTheDashboardComeFromAlarmsJson()
    {
        var monitoring = (await TerraformTree.LoadAsync()).Module("monitoring");

        Assert.Empty(AgreementRules.MonitoringFromDefinitions(monitoring));
    }

    [Fact]
    public async Task AHandWrittenAlarmFails()
    {
        var fixture = await TerraformTree.FixtureAsync("""
            locals {
              definitions = jsondecode(file("${path.module}/alarms.json"))
              alarms      = { for alarm in local.definitions.alarms : alarm.id => alarm }
            }
            resource "aws_cloudwatch_metric_alarm" "from_file" {
              for_each            = local.alarms
              metric_name         = each.value.metric
              threshold           = each.value.threshold
              comparison_operator = each.value.comparison
              evaluation_periods  = each.value.evaluation_periods
              metric_query {
                id = "e1"
              }
            }
            resource "aws_cloudwatch_metric_alarm" "by_hand" {
              metric_name         = "Http5xx"
              threshold           = 10
              comparison_operator = "GreaterThanThreshold"
              evaluation_periods  = each.value.evaluation_periods
            }
            resource "aws_cloudwatch_dashboard" "main" {
              dashboard_name = "site-builder-${var.environment}"
            }
            """, "modules/monitoring");

        var violations = AgreementRules.MonitoringFromDefinitions(fixture);

        Assert.Equal(
            ["modules/monitoring: aws_cloudwatch_metric_alarm.by_hand is not one per alarm definition (for_each over alarms.json).",
             "modules/monitoring: aws_cloudwatch_metric_alarm.by_hand.threshold is not each.value.threshold.",
             "modules/monitoring: aws_cloudwatch_metric_alarm.by_hand.comparison_operator is not each.value.comparison.",
             "modules/monitoring: aws_cloudwatch_metric_alarm.by_hand.metric_name is not each.value.metric.",
             "modules/monitoring: no dashboard named site-builder-generation-api-{env} (found site-builder-${var.environment})."],
            violations);
    }

    [Fact]
    public void AlarmsJsonNamesOnlyMetricsThePortalPublishes()
    {
        Assert.Empty(AgreementRules.AlarmDefinitions(TerraformTree.AlarmDefinitions(), MetricNames.All));
    }

    [Fact]
    public void AnAlarmOnAnUnknownMetricOrWithABadShapeFails()
    {
        var definitions = TerraformTree.AlarmDefinitions();
        var alarms = definitions["alarms"]!.AsArray();
        alarms[0]!["metric"] = "AgentFailures";
        alarms[1]!["comparison"] = ">";
        alarms[2]!["statistic"] = "Median";
        var expression = alarms.First(alarm => alarm!["expression"] is not null)!;
        expression["expression"] = "100 * Http5xx / Requests";
        alarms.Add(JsonNode.Parse(alarms[0]!.ToJsonString()));

        var violations = AgreementRules.AlarmDefinitions(definitions, MetricNames.All);

        Assert.Contains(violations, v => v.EndsWith("names metrics the portal does not publish: AgentFailures.", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.EndsWith("names metrics the portal does not publish: Requests.", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("comparison > is not a CloudWatch operator", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("statistic Median is not a CloudWatch statistic", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains($"alarm id '{alarms[0]!["id"]}' is missing, repeated", StringComparison.Ordinal));
    }

    [Fact]
    public void TheWorkflowsApplyEnvironmentsThatExist()
    {
        var root = RepositoryRoot.Find();
        var workflowsFolder = Path.Combine(root, ".github", "workflows");
        var workflows = Directory.Exists(workflowsFolder)
            ? Directory.EnumerateFiles(workflowsFolder, "*.y*ml").Select(path => (Path.GetFileName(path), File.ReadAllText(path))).ToList()
            : [];

        Assert.Empty(AgreementRules.WorkflowTerraformPaths(root, workflows));
        Assert.All(TerraformTree.Environments, environment => Assert.True(Directory.Exists(Path.Combine(root, "terraform", "environments", environment))));
    }

    [Fact]
    public async Task EveryWorkflowPlanPassesTheVariablesTheRootsRequire()
    {
        var root = (await TerraformTree.LoadAsync()).Environment("dev");
        var workflows = Workflows();

        Assert.Empty(AgreementRules.WorkflowPlansPassRequiredVariables(root, GuideTfvarsKeys(), workflows));
        Assert.Equal(2, workflows.Count(workflow => workflow.Text.Contains("-var \"image_tag=$IMAGE_TAG\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AWorkflowPlanWithoutARequiredVariableFails()
    {
        var root = await TerraformTree.FixtureAsync("""
            variable "image_tag" {
              type = string
            }
            variable "domain_name" {
              type = string
            }
            variable "alarm_email" {
              type    = string
              default = ""
            }
            """, "environments/dev");
        var workflow = """
            jobs:
              apply:
                steps:
                  - run: terraform -chdir="terraform/environments/$ENVIRONMENT" plan -input=false -out=tfplan
                  - run: terraform -chdir="terraform/environments/$ENVIRONMENT" plan -var "image_tag=$IMAGE_TAG" -out=tfplan
                  - run: terraform -chdir="terraform/environments/$ENVIRONMENT" apply tfplan
            """;

        Assert.Equal(
            ["terraform-apply.yml: `- run: terraform -chdir=\"terraform/environments/$ENVIRONMENT\" plan -input=false -out=tfplan` passes no -var image_tag, which the environment roots require."],
            AgreementRules.WorkflowPlansPassRequiredVariables(root, new HashSet<string> { "domain_name" }, [("terraform-apply.yml", workflow)]));
    }

    [Fact]
    public void AWorkflowApplyingAMissingEnvironmentFails()
    {
        var root = RepositoryRoot.Find();
        var workflow = """
            jobs:
              apply:
                steps:
                  - run: terraform -chdir=terraform/environments/${{ inputs.environment }} apply -auto-approve
                  - run: terraform -chdir=terraform/environments/staging plan
            """;

        Assert.Equal(["terraform-apply.yml: applies terraform/environments/staging, which does not exist."],
            AgreementRules.WorkflowTerraformPaths(root, [("terraform-apply.yml", workflow)]));
    }

    [Fact]
    public void TheReadmeTableIsReadWithItsSiblingKeys()
    {
        var keys = DocumentedKeys();

        Assert.Contains("SiteBuilder:Authentication:Cognito:UserPoolId", keys);
        Assert.Contains("SiteBuilder:Storage:DynamoDb:GenerationTable", keys);
        Assert.Equal("SiteBuilder:Authentication:Cognito:ClientIds", ReadmeConfiguration.KeyOf("SiteBuilder__Authentication__Cognito__ClientIds__0"));
        Assert.False(ReadmeConfiguration.Documents(keys, "SiteBuilder:Storage:Nonsense"));
    }
}
