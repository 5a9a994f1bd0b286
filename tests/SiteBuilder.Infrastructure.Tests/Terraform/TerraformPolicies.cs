using System.Text.RegularExpressions;
using static SiteBuilder.Infrastructure.Tests.Terraform.TerraformModule;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>
/// Security and safety rules over parsed Terraform. Each returns the violations it finds (empty when the module
/// complies), naming the module and the resource, so a failing test says what to fix.
/// </summary>
public static partial class TerraformPolicies
{
    /// <summary>
    /// Actions AWS only accepts with <c>Resource: "*"</c> (they have no resource-level permissions). Any other action
    /// on "*" is a violation.
    /// </summary>
    public static readonly IReadOnlySet<string> ActionsThatRequireAnyResource = new HashSet<string>(StringComparer.Ordinal)
    {
        "ecr:GetAuthorizationToken",        // ECR's login token is account-wide
        "cloudwatch:GetMetricData",         // CloudWatch metric reads have no resource ARNs
        "cloudwatch:GetMetricStatistics",
        "cloudwatch:ListMetrics",
    };

    /// <summary>The regions the seed fixes: DEV and SIT in Ireland, PROD in Cape Town.</summary>
    public static readonly IReadOnlyDictionary<string, string> RegionOf = new Dictionary<string, string>
    {
        ["dev"] = "eu-west-1",
        ["sit"] = "eu-west-1",
        ["prod"] = "af-south-1",
    };

    private static readonly string[] SseAlgorithms = ["AES256", "aws:kms", "aws:kms:dsse"];
    private static readonly string[] PublicAccessFlags = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

    private static readonly Dictionary<string, string[]> PolicyAttributes = new()
    {
        ["aws_iam_role"] = ["assume_role_policy"],
        ["aws_iam_role_policy"] = ["policy"],
        ["aws_iam_policy"] = ["policy"],
        ["aws_iam_user_policy"] = ["policy"],
        ["aws_iam_group_policy"] = ["policy"],
        ["aws_s3_bucket_policy"] = ["policy"],
    };

    /// <summary>The attribute that protects each kind of stateful resource from deletion.</summary>
    public static readonly IReadOnlyDictionary<string, string> DeletionProtectionAttribute = new Dictionary<string, string>
    {
        ["aws_dynamodb_table"] = "deletion_protection_enabled",
        ["aws_lb"] = "enable_deletion_protection",
        ["aws_cognito_user_pool"] = "deletion_protection",
    };

    /// <summary>Every DynamoDB table has point-in-time recovery on (the rollback runbook restores from it).</summary>
    public static IReadOnlyList<string> PointInTimeRecovery(TerraformModule module) =>
        module.Resources("aws_dynamodb_table")
            .Where(table => !IsTrue(table.Nested("point_in_time_recovery")?["enabled"]))
            .Select(table => $"{module.Name}: {table.Address} has no point_in_time_recovery {{ enabled = true }}.")
            .ToList();

    /// <summary>Every bucket has default encryption (SSE-S3 or KMS).</summary>
    public static IReadOnlyList<string> BucketEncryption(TerraformModule module) =>
        module.Resources("aws_s3_bucket")
            .Where(bucket => !ConfigurationsOf(module, "aws_s3_bucket_server_side_encryption_configuration", bucket).Any(sse =>
                SseAlgorithms.Contains(Text(First(sse.Nested("rule")?["apply_server_side_encryption_by_default"])?["sse_algorithm"]))))
            .Select(bucket => $"{module.Name}: {bucket.Address} has no aws_s3_bucket_server_side_encryption_configuration with AES256 or aws:kms.")
            .ToList();

    /// <summary>Every bucket blocks public ACLs and policies, all four flags.</summary>
    public static IReadOnlyList<string> BucketPublicAccessBlock(TerraformModule module) =>
        module.Resources("aws_s3_bucket")
            .Where(bucket => !ConfigurationsOf(module, "aws_s3_bucket_public_access_block", bucket).Any(block =>
                PublicAccessFlags.All(flag => IsTrue(block[flag]))))
            .Select(bucket => $"{module.Name}: {bucket.Address} has no aws_s3_bucket_public_access_block with all of {string.Join(", ", PublicAccessFlags)} true.")
            .ToList();

    /// <summary>Every bucket keeps old versions and refuses requests that are not over TLS.</summary>
    public static IReadOnlyList<string> BucketVersioningAndTls(TerraformModule module)
    {
        var violations = new List<string>();
        foreach (var bucket in module.Resources("aws_s3_bucket"))
        {
            if (!ConfigurationsOf(module, "aws_s3_bucket_versioning", bucket).Any(v => Text(v.Nested("versioning_configuration")?["status"]) == "Enabled"))
            {
                violations.Add($"{module.Name}: {bucket.Address} has no aws_s3_bucket_versioning with status Enabled.");
            }

            var documents = ConfigurationsOf(module, "aws_s3_bucket_policy", bucket)
                .Select(policy => PolicyDocumentName().Match(policy.Text("policy") ?? ""))
                .Where(match => match.Success)
                .Select(match => module.Data("aws_iam_policy_document").FirstOrDefault(d => d.Name == match.Groups[1].Value))
                .OfType<TerraformBlock>();
            var tlsOnly = documents.SelectMany(document => document.NestedAll("statement")).Any(statement =>
                Text(statement["effect"]) == "Deny"
                && TerraformModule.All(statement["condition"]).Any(condition =>
                    Text(condition["variable"]) == "aws:SecureTransport" && Strings(condition["values"]).Contains("false")));
            if (!tlsOnly)
            {
                violations.Add($"{module.Name}: {bucket.Address} has no bucket policy denying requests without aws:SecureTransport.");
            }
        }

        return violations;
    }

    /// <summary>
    /// No IAM statement allows an action on <c>Resource: "*"</c> unless AWS requires it; and every policy is an
    /// <c>aws_iam_policy_document</c>, so this rule sees all of them (a jsonencode'd policy would hide its statements).
    /// </summary>
    public static IReadOnlyList<string> WildcardResources(TerraformModule module)
    {
        var violations = new List<string>();
        foreach (var document in module.Data("aws_iam_policy_document"))
        {
            foreach (var statement in document.NestedAll("statement"))
            {
                if ((Text(statement["effect"]) ?? "Allow") != "Allow")
                {
                    continue;
                }

                var sid = Text(statement["sid"]) ?? "(no sid)";
                if (statement["not_resources"] is not null || statement["not_actions"] is not null)
                {
                    violations.Add($"{module.Name}: data.{document.Address} statement {sid} allows with not_resources/not_actions.");
                }

                if (Strings(statement["resources"]).Contains("*"))
                {
                    var broad = Strings(statement["actions"]).Where(action => !ActionsThatRequireAnyResource.Contains(action)).ToList();
                    if (broad.Count > 0)
                    {
                        violations.Add($"{module.Name}: data.{document.Address} statement {sid} allows {string.Join(", ", broad)} on \"*\".");
                    }
                }
            }
        }

        foreach (var (type, attributes) in PolicyAttributes)
        {
            foreach (var resource in module.Resources(type))
            {
                foreach (var attribute in attributes)
                {
                    var text = resource.Text(attribute);
                    if (text is not null && !PolicyDocumentName().IsMatch(text))
                    {
                        violations.Add($"{module.Name}: {resource.Address}.{attribute} is not a data.aws_iam_policy_document's json.");
                    }
                }
            }
        }

        foreach (var attachment in module.Resources("aws_iam_role_policy_attachment"))
        {
            violations.Add($"{module.Name}: {attachment.Address} attaches a managed policy ({attachment.Text("policy_arn")}); write the statements out instead.");
        }

        return violations;
    }

    /// <summary>
    /// In an environment that must protect its data (prod): each module call that takes <c>deletion_protection</c>
    /// passes true, and inside those modules every table, load balancer and user pool is protected by it.
    /// </summary>
    public static IReadOnlyList<string> DeletionProtection(TerraformModule environment, Func<TerraformBlock, TerraformModule> source)
    {
        var violations = new List<string>();
        var protectedModules = 0;
        foreach (var call in environment.ModuleCalls)
        {
            var module = source(call);
            if (module.Variable("deletion_protection") is null)
            {
                violations.AddRange(DeletionProtectionAttribute.Keys.SelectMany(module.Resources)
                    .Select(resource => $"{module.Name}: {resource.Address} cannot be protected: the module has no deletion_protection variable."));
                continue;
            }

            protectedModules++;
            if (!IsTrue(call["deletion_protection"]))
            {
                violations.Add($"{environment.Name}: module {call.Name} does not set deletion_protection = true.");
            }

            foreach (var (type, attribute) in DeletionProtectionAttribute)
            {
                foreach (var resource in module.Resources(type))
                {
                    var value = resource[attribute];
                    if (!IsTrue(value) && !References(value, "var.deletion_protection"))
                    {
                        violations.Add($"{module.Name}: {resource.Address}.{attribute} does not follow var.deletion_protection.");
                    }
                }
            }
        }

        if (protectedModules == 0)
        {
            violations.Add($"{environment.Name}: no module call takes deletion_protection.");
        }

        return violations;
    }

    /// <summary>The environment's AWS provider runs in the seed's region, and its state is remote with a lock.</summary>
    public static IReadOnlyList<string> RegionAndState(TerraformModule environment, string name)
    {
        var violations = new List<string>();
        var expected = RegionOf[name];
        var providers = environment.Providers("aws").Where(provider => provider["alias"] is null).ToList();
        if (providers.Count != 1)
        {
            violations.Add($"{environment.Name}: expected one default aws provider, found {providers.Count}.");
        }
        else if (providers[0].Text("region") != expected)
        {
            violations.Add($"{environment.Name}: the aws provider's region is {providers[0].Text("region") ?? "not set"}, the seed says {expected}.");
        }

        var backend = environment.Backend("s3");
        if (backend is null)
        {
            violations.Add($"{environment.Name}: no backend \"s3\" (state must be remote).");
        }
        else
        {
            if (string.IsNullOrEmpty(Text(backend["dynamodb_table"])))
            {
                violations.Add($"{environment.Name}: the s3 backend has no dynamodb_table lock.");
            }

            if (!IsTrue(backend["encrypt"]))
            {
                violations.Add($"{environment.Name}: the s3 backend does not set encrypt = true.");
            }

            if (Text(backend["key"]) is not { } key || !key.Contains($"/{name}/", StringComparison.Ordinal))
            {
                violations.Add($"{environment.Name}: the s3 backend's key does not name the environment ({Text(backend["key"])}).");
            }
        }

        return violations;
    }

    /// <summary>Claude's region is a variable (Claude is not served in every region) that reaches the service.</summary>
    public static IReadOnlyList<string> BedrockRegionVariable(TerraformModule environment)
    {
        var violations = new List<string>();
        if (environment.Variable("bedrock_region") is null)
        {
            violations.Add($"{environment.Name}: no variable \"bedrock_region\".");
        }

        var service = environment.ModuleCall("service");
        if (service is null || !References(service["bedrock_region"], "var.bedrock_region"))
        {
            violations.Add($"{environment.Name}: module service does not get bedrock_region = var.bedrock_region.");
        }

        return violations;
    }

    /// <summary>Configuration resources (encryption, access block) attached to this bucket, directly or by for_each.</summary>
    private static IEnumerable<TerraformBlock> ConfigurationsOf(TerraformModule module, string type, TerraformBlock bucket) =>
        module.Resources(type).Where(resource =>
            References(resource["bucket"], $"aws_s3_bucket.{bucket.Name}") || References(resource["for_each"], $"aws_s3_bucket.{bucket.Name}"));

    [GeneratedRegex(@"^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)(\[[^\]]+\])?\.json\}$")]
    private static partial Regex PolicyDocumentName();
}
