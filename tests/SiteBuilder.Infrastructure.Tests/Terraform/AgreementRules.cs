using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SiteBuilder.Storage;
using SiteBuilder.Storage.DynamoDb;
using static SiteBuilder.Infrastructure.Tests.Terraform.TerraformModule;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>
/// Rules that Terraform says what the code does: names and keys come from the code's own constants
/// (<see cref="DynamoDbSchema"/>, <see cref="ResourceNames"/>, roles, metric names), never copies of them.
/// </summary>
public static partial class AgreementRules
{
    private static readonly string[] ComparisonOperators =
    [
        "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold",
    ];

    private static readonly string[] Statistics = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];
    private static readonly string[] MissingData = ["breaching", "notBreaching", "ignore", "missing"];

    /// <summary>The tables: names, keys, index and TTL exactly as SiteBuilder.Storage creates and queries them.</summary>
    public static IReadOnlyList<string> Tables(TerraformModule storage, string environment)
    {
        var violations = new List<string>();
        var names = CodeNames(environment);
        var tables = storage.Resources("aws_dynamodb_table").ToList();
        var declared = tables.SelectMany(table => ResolvedNames(storage, table, "name", environment)).Order().ToList();
        var expected = new[] { names.GenerationTable, names.OperationsTable }.Order().ToList();
        if (!declared.SequenceEqual(expected))
        {
            violations.Add($"{storage.Name}: tables for {environment} are [{string.Join(", ", declared)}], the code uses [{string.Join(", ", expected)}].");
        }

        foreach (var table in tables)
        {
            void Expect(string what, string? actual, string wanted)
            {
                if (actual != wanted)
                {
                    violations.Add($"{storage.Name}: {table.Address} {what} is {actual ?? "not set"}, the code uses {wanted}.");
                }
            }

            Expect("hash_key", table.Text("hash_key"), DynamoDbSchema.PartitionKey);
            Expect("range_key", table.Text("range_key"), DynamoDbSchema.SortKey);
            Expect("billing_mode", table.Text("billing_mode"), "PAY_PER_REQUEST");
            var attributes = table.NestedAll("attribute").Select(a => $"{Text(a["name"])}:{Text(a["type"])}").Order();
            var keyAttributes = new[] { DynamoDbSchema.PartitionKey, DynamoDbSchema.SortKey, DynamoDbSchema.Gsi1PartitionKey, DynamoDbSchema.Gsi1SortKey }
                .Select(name => $"{name}:S").Order();
            Expect("attributes", string.Join(",", attributes), string.Join(",", keyAttributes));
            var index = table.NestedAll("global_secondary_index").ToList();
            Expect("global secondary indexes", string.Join(",", index.Select(i => Text(i["name"]))), DynamoDbSchema.Gsi1);
            if (index.Count == 1)
            {
                Expect("gsi1 hash_key", Text(index[0]["hash_key"]), DynamoDbSchema.Gsi1PartitionKey);
                Expect("gsi1 range_key", Text(index[0]["range_key"]), DynamoDbSchema.Gsi1SortKey);
                Expect("gsi1 projection_type", Text(index[0]["projection_type"]), "ALL");
            }

            var ttl = table.Nested("ttl");
            Expect("ttl attribute_name", Text(ttl?["attribute_name"]), DynamoDbSchema.ExpiresAt);
            Expect("ttl enabled", Text(ttl?["enabled"]), "true");
        }

        return violations;
    }

    /// <summary>The buckets: the code's default names (with an empty suffix).</summary>
    public static IReadOnlyList<string> Buckets(TerraformModule storage, string environment)
    {
        var names = CodeNames(environment);
        var declared = storage.Resources("aws_s3_bucket").SelectMany(bucket => ResolvedNames(storage, bucket, "bucket", environment)).Order().ToList();
        var expected = new[] { names.AssetsBucket, names.SitesBucket }.Order().ToList();
        return declared.SequenceEqual(expected)
            ? []
            : [$"{storage.Name}: buckets for {environment} are [{string.Join(", ", declared)}], the code uses [{string.Join(", ", expected)}]."];
    }

    /// <summary>
    /// The task definition's environment is the portal's AWS-mode configuration: every variable names a key of the
    /// README's table, the container takes exactly that map, and the storage providers are the AWS ones.
    /// </summary>
    public static IReadOnlyList<string> ContainerEnvironment(TerraformModule service, IReadOnlySet<string> documentedKeys)
    {
        var violations = new List<string>();
        var locals = service.Locals;
        if (locals.GetValueOrDefault("container_environment") is not JsonObject environment)
        {
            return [$"{service.Name}: no local container_environment map."];
        }

        foreach (var (name, _) in environment)
        {
            if (!ReadmeConfiguration.Documents(documentedKeys, ReadmeConfiguration.KeyOf(name)))
            {
                violations.Add($"{service.Name}: container variable {name} sets {ReadmeConfiguration.KeyOf(name)}, which the README's configuration table does not list.");
            }
        }

        if (!References(locals.GetValueOrDefault("container")?["environment"], "local.container_environment"))
        {
            violations.Add($"{service.Name}: local.container's environment is not built from local.container_environment.");
        }

        if (!service.Resources("aws_ecs_task_definition").Any(task => References(task["container_definitions"], "local.container")))
        {
            violations.Add($"{service.Name}: no aws_ecs_task_definition takes its container_definitions from local.container.");
        }

        void Expect(string variable, string wanted)
        {
            var actual = Text(environment[variable]);
            if (actual != wanted)
            {
                violations.Add($"{service.Name}: {variable} is {actual ?? "not set"}, AWS mode needs {wanted}.");
            }
        }

        Expect("SiteBuilder__Storage__Provider", nameof(StorageProvider.DynamoDb));
        Expect("SiteBuilder__Storage__Blobs", nameof(BlobProvider.S3));
        Expect("SiteBuilder__Environment", "${var.environment}");
        return violations;
    }

    /// <summary>What the seed's streams and circuits need from the task, the load balancer and the registry.</summary>
    public static IReadOnlyList<string> ServiceSettings(TerraformModule service)
    {
        var violations = new List<string>();
        void Expect(bool ok, string message)
        {
            if (!ok)
            {
                violations.Add($"{service.Name}: {message}");
            }
        }

        var container = service.Locals.GetValueOrDefault("container") as JsonObject;
        Expect(Text(container?["stopTimeout"]) == "120", "the container's stopTimeout is not 120 s (time to drain open streams).");
        Expect(IsTrue(container?["readonlyRootFilesystem"]), "the container's root filesystem is not read-only.");
        Expect(Strings(container?["healthCheck"]?["command"]).Any(part => part.Contains("/health", StringComparison.Ordinal)), "the container's health check does not call /health.");

        var dataDirectory = Text(service.Locals.GetValueOrDefault("container_environment")?["SiteBuilder__DataDirectory"]);
        var mounts = All(container?["mountPoints"]).Select(mount => Text(mount["containerPath"])).ToList();
        Expect(dataDirectory is not null && mounts.Contains(dataDirectory), "the data directory is not a mounted volume.");

        var balancers = service.Resources("aws_lb").ToList();
        Expect(balancers.Count > 0 && balancers.All(lb => lb.Text("idle_timeout") == "120"), "the load balancer's idle_timeout is not 120 s.");
        var groups = service.Resources("aws_lb_target_group").ToList();
        Expect(groups.Count > 0 && groups.All(group => IsTrue(group.Nested("stickiness")?["enabled"])), "the target group has no sticky sessions (Blazor circuits).");
        Expect(service.Resources("aws_lb_listener").Any(listener => listener.Text("protocol") == "HTTPS"), "no HTTPS listener.");

        var repositories = service.Resources("aws_ecr_repository").ToList();
        Expect(repositories.Count > 0 && repositories.All(repo => repo.Text("image_tag_mutability") == "IMMUTABLE"), "the ECR repository's tags are not immutable.");
        Expect(repositories.Count > 0 && repositories.All(repo => IsTrue(repo.Nested("image_scanning_configuration")?["scan_on_push"])), "the ECR repository does not scan on push.");
        Expect(service.Resources("aws_cloudwatch_log_group").All(group => group["retention_in_days"] is not null), "a log group keeps logs forever.");

        var scaling = service.Resources("aws_appautoscaling_policy")
            .Select(policy => Text(First(policy.Nested("target_tracking_scaling_policy_configuration")?["predefined_metric_specification"])?["predefined_metric_type"]))
            .ToList();
        Expect(scaling.Contains("ECSServiceAverageCPUUtilization"), "no autoscaling on CPU.");
        Expect(scaling.Contains("ALBRequestCountPerTarget"), "no autoscaling on request count.");
        return violations;
    }

    /// <summary>A group per portal role; the tenant attribute exists and the app client cannot write it.</summary>
    public static IReadOnlyList<string> UserPool(TerraformModule auth, IReadOnlyList<string> roles)
    {
        var violations = new List<string>();
        var declaredRoles = Strings(auth.Variable("roles")?["default"]).Order().ToList();
        if (!declaredRoles.SequenceEqual(roles.Order()))
        {
            violations.Add($"{auth.Name}: var.roles is [{string.Join(", ", declaredRoles)}], the portal's roles are [{string.Join(", ", roles.Order())}].");
        }

        if (!auth.Resources("aws_cognito_user_group").Any(group => References(group["for_each"], "var.roles")))
        {
            violations.Add($"{auth.Name}: no aws_cognito_user_group per var.roles.");
        }

        if (!auth.Resources("aws_cognito_user_pool").Any(pool => pool.NestedAll("schema").Any(schema => Text(schema["name"]) == "tenant_id")))
        {
            violations.Add($"{auth.Name}: the user pool has no custom tenant_id attribute.");
        }

        var clients = auth.Resources("aws_cognito_user_pool_client").ToList();
        if (clients.Count == 0)
        {
            violations.Add($"{auth.Name}: no app client.");
        }

        foreach (var client in clients)
        {
            // Without write_attributes a client may write every attribute, the tenant included.
            var writable = Strings(client["write_attributes"]);
            if (client["write_attributes"] is null || writable.Contains("custom:tenant_id"))
            {
                violations.Add($"{auth.Name}: {client.Address} lets users write custom:tenant_id (set write_attributes without it).");
            }

            if (!Strings(client["explicit_auth_flows"]).Contains("ALLOW_USER_PASSWORD_AUTH"))
            {
                violations.Add($"{auth.Name}: {client.Address} does not allow USER_PASSWORD_AUTH (the seed's initiate-auth).");
            }

            if (IsTrue(client["generate_secret"]))
            {
                violations.Add($"{auth.Name}: {client.Address} has a secret; the seed's initiate-auth sends none.");
            }
        }

        return violations;
    }

    /// <summary>The alarms and the dashboard are built from alarms.json, not written out.</summary>
    public static IReadOnlyList<string> MonitoringFromDefinitions(TerraformModule monitoring)
    {
        var violations = new List<string>();
        var locals = monitoring.Locals;
        var source = locals.Where(pair => Text(pair.Value)?.Contains("jsondecode(file(\"${path.module}/alarms.json\"))", StringComparison.Ordinal) == true)
            .Select(pair => pair.Key).ToList();
        if (source.Count == 0)
        {
            return [$"{monitoring.Name}: no local reads jsondecode(file(\"${{path.module}}/alarms.json\"))."];
        }

        var fromDefinitions = DerivedLocals(locals, source);
        var alarms = monitoring.Resources("aws_cloudwatch_metric_alarm").ToList();
        if (alarms.Count == 0)
        {
            violations.Add($"{monitoring.Name}: no aws_cloudwatch_metric_alarm.");
        }

        foreach (var alarm in alarms)
        {
            if (!fromDefinitions.Any(local => References(alarm["for_each"], $"local.{local}")))
            {
                violations.Add($"{monitoring.Name}: {alarm.Address} is not one per alarm definition (for_each over alarms.json).");
            }

            foreach (var (attribute, field) in new[] { ("threshold", "threshold"), ("comparison_operator", "comparison"), ("evaluation_periods", "evaluation_periods") })
            {
                if (alarm.Text(attribute) != $"${{each.value.{field}}}")
                {
                    violations.Add($"{monitoring.Name}: {alarm.Address}.{attribute} is not each.value.{field}.");
                }
            }

            if (alarm["metric_name"] is { } metric && Text(metric) != "${each.value.metric}")
            {
                violations.Add($"{monitoring.Name}: {alarm.Address}.metric_name is not each.value.metric.");
            }
        }

        var expressionAlarms = alarms.Where(alarm => alarm["metric_query"] is not null).ToList();
        if (expressionAlarms.Count == 0)
        {
            violations.Add($"{monitoring.Name}: no metric-math alarm for the definitions with an expression.");
        }

        var dashboards = monitoring.Resources("aws_cloudwatch_dashboard").Select(d => Resolve(d.Text("dashboard_name"), locals)).ToList();
        if (!dashboards.Contains("site-builder-generation-api-${var.environment}"))
        {
            violations.Add($"{monitoring.Name}: no dashboard named site-builder-generation-api-{{env}} (found {string.Join(", ", dashboards)}).");
        }

        return violations;
    }

    /// <summary>alarms.json keeps the shape both readers expect and names only metrics the portal publishes.</summary>
    public static IReadOnlyList<string> AlarmDefinitions(JsonObject definitions, IReadOnlyList<string> metricNames)
    {
        var violations = new List<string>();
        if (Text(definitions["namespace"]) != "SiteBuilder/{env}")
        {
            violations.Add($"alarms.json: namespace is {Text(definitions["namespace"])}, the portal publishes to SiteBuilder/{{env}}.");
        }

        var ids = new HashSet<string>();
        foreach (var alarm in All(definitions["alarms"]))
        {
            var id = Text(alarm["id"]) ?? "";
            if (!ids.Add(id) || !AlarmId().IsMatch(id))
            {
                violations.Add($"alarms.json: alarm id '{id}' is missing, repeated or not kebab-case.");
            }

            void Expect(bool ok, string message)
            {
                if (!ok)
                {
                    violations.Add($"alarms.json: {id}: {message}");
                }
            }

            var expression = Text(alarm["expression"]);
            var used = expression is null ? [Text(alarm["metric"]) ?? ""] : MetricName().Matches(expression).Select(m => m.Value).ToList();
            var unknown = used.Where(name => !metricNames.Contains(name)).ToList();
            Expect(unknown.Count == 0, $"names metrics the portal does not publish: {string.Join(", ", unknown)}.");
            Expect(!string.IsNullOrEmpty(Text(alarm["metric"])), "has no metric name.");
            Expect(!string.IsNullOrEmpty(Text(alarm["title"])) && !string.IsNullOrEmpty(Text(alarm["description"])), "needs a title and a description.");
            Expect(ComparisonOperators.Contains(Text(alarm["comparison"])), $"comparison {Text(alarm["comparison"])} is not a CloudWatch operator.");
            var statistic = Text(alarm["statistic"]) ?? "";
            Expect(Statistics.Contains(statistic) || Percentile().IsMatch(statistic), $"statistic {statistic} is not a CloudWatch statistic.");
            var period = alarm["period_seconds"] is JsonValue p && p.TryGetValue(out int seconds) ? seconds : 0;
            Expect(period is 10 or 30 || (period > 0 && period % 60 == 0), $"period_seconds {period} is not 10, 30 or a multiple of 60.");
            Expect(alarm["evaluation_periods"] is JsonValue e && e.TryGetValue(out int periods) && periods >= 1, "evaluation_periods must be 1 or more.");
            Expect(alarm["threshold"] is JsonValue t && t.TryGetValue(out double _), "threshold must be a number.");
            Expect(MissingData.Contains(Text(alarm["treat_missing_data"])), $"treat_missing_data {Text(alarm["treat_missing_data"])} is not a CloudWatch value.");
            Expect(Runbook().IsMatch(Text(alarm["runbook"]) ?? ""), "runbook must be a runbook#anchor.");
            Expect(alarm["rollback_trigger"] is JsonValue r && r.TryGetValue(out bool _), "rollback_trigger must be true or false.");
        }

        if (ids.Count == 0)
        {
            violations.Add("alarms.json: no alarms.");
        }

        return violations;
    }

    /// <summary>Each path under terraform/environments/ that a workflow applies exists (an expression stands for every environment).</summary>
    public static IReadOnlyList<string> WorkflowTerraformPaths(string repositoryRoot, IEnumerable<(string File, string Text)> workflows)
    {
        var violations = new List<string>();
        foreach (var (file, text) in workflows)
        {
            foreach (Match match in WorkflowEnvironmentPath().Matches(text))
            {
                var target = match.Groups[1].Value;
                var environments = target.Contains("${{", StringComparison.Ordinal) ? TerraformTree.Environments : [target];
                violations.AddRange(environments
                    .Where(environment => !Directory.Exists(Path.Combine(repositoryRoot, "terraform", "environments", environment)))
                    .Select(environment => $"{file}: applies terraform/environments/{environment}, which does not exist."));
            }
        }

        return violations;
    }

    /// <summary>
    /// Each <c>terraform plan</c> a workflow runs in an environment root has a value for every variable the root
    /// requires: a <c>-var</c> on the plan, or the committed <c>terraform.tfvars</c> the deployment guide writes.
    /// </summary>
    public static IReadOnlyList<string> WorkflowPlansPassRequiredVariables(TerraformModule root, IReadOnlySet<string> inTfvars, IEnumerable<(string File, string Text)> workflows)
    {
        var required = root.Variables.Where(variable => !variable.Body.ContainsKey("default")).Select(variable => variable.Name)
            .Where(name => !inTfvars.Contains(name)).ToList();
        var violations = new List<string>();
        foreach (var (file, text) in workflows)
        {
            foreach (var plan in text.Split('\n').Where(line => RootPlan().IsMatch(line)))
            {
                violations.AddRange(required
                    .Where(name => !Regex.IsMatch(plan, $@"-var[ =]+[""']?{Regex.Escape(name)}="))
                    .Select(name => $"{file}: `{plan.Trim()}` passes no -var {name}, which the environment roots require."));
            }
        }

        return violations;
    }

    private static ResourceNames CodeNames(string environment) =>
        ResourceNames.From(new SiteBuilderOptions { Environment = environment }, new StorageOptions());

    /// <summary>A resource's name for an environment: a literal, or each.value over a for_each of a locals map.</summary>
    private static IEnumerable<string> ResolvedNames(TerraformModule module, TerraformBlock resource, string attribute, string environment)
    {
        var name = resource.Text(attribute) ?? "";
        var values = name == "${each.value}" && LocalReference().Match(resource.Text("for_each") ?? "") is { Success: true } local
            && module.Locals.GetValueOrDefault(local.Groups[1].Value) is JsonObject map
                ? map.Select(pair => Text(pair.Value) ?? "")
                : [name];
        return values.Select(value => value.Replace("${var.environment}", environment, StringComparison.Ordinal).Replace("${var.bucket_name_suffix}", "", StringComparison.Ordinal));
    }

    /// <summary>Replaces whole-value <c>${local.x}</c> references with the local's text, once.</summary>
    private static string? Resolve(string? text, IReadOnlyDictionary<string, JsonNode?> locals) =>
        text is not null && LocalReference().Match(text) is { Success: true } match && match.Value == text
            ? Text(locals.GetValueOrDefault(match.Groups[1].Value))
            : text;

    /// <summary>The given locals and every local whose value refers to one of them, directly or through others.</summary>
    private static HashSet<string> DerivedLocals(IReadOnlyDictionary<string, JsonNode?> locals, IEnumerable<string> roots)
    {
        var derived = new HashSet<string>(roots);
        bool grew;
        do
        {
            grew = false;
            foreach (var (name, value) in locals)
            {
                if (!derived.Contains(name) && derived.Any(root => References(value, $"local.{root}")))
                {
                    grew = derived.Add(name) || grew;
                }
            }
        }
        while (grew);
        return derived;
    }

    [GeneratedRegex(@"^\$\{local\.([A-Za-z0-9_]+)\}$")]
    private static partial Regex LocalReference();

    [GeneratedRegex(@"\b[A-Z][a-z][A-Za-z0-9]*\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^p(\d{1,2}(\.\d+)?|100)$")]
    private static partial Regex Percentile();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex AlarmId();

    [GeneratedRegex("^[a-z0-9_-]+#[a-z0-9-]+$")]
    private static partial Regex Runbook();

    [GeneratedRegex(@"terraform\s+-chdir=[""']?terraform/environments/\S*\s+plan\s")]
    private static partial Regex RootPlan();

    [GeneratedRegex(@"terraform/environments/([A-Za-z0-9_.-]+|\$\{\{[^}]+\}\})")]
    private static partial Regex WorkflowEnvironmentPath();
}
