namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>Each policy holds for every module and environment, and fails on a fixture that breaks it.</summary>
public sealed class PolicyTests
{
    private static async Task<IEnumerable<TerraformModule>> AllFoldersAsync()
    {
        var tree = await TerraformTree.LoadAsync();
        return TerraformTree.ModuleNames.Append(TerraformTree.EnvironmentModule).Select(tree.Module)
            .Concat(TerraformTree.Environments.Select(tree.Environment));
    }

    [Fact]
    public async Task EveryTableHasPointInTimeRecovery()
    {
        var folders = await AllFoldersAsync();

        Assert.Empty(folders.SelectMany(TerraformPolicies.PointInTimeRecovery));
        Assert.NotEmpty((await TerraformTree.LoadAsync()).Module("storage").Resources("aws_dynamodb_table"));
    }

    [Fact]
    public async Task ATableWithoutPointInTimeRecoveryFails()
    {
        var fixture = await TerraformTree.FixtureAsync("""
            resource "aws_dynamodb_table" "kept" {
              name = "kept"
              point_in_time_recovery {
                enabled = true
              }
            }
            resource "aws_dynamodb_table" "off" {
              name = "off"
              point_in_time_recovery {
                enabled = false
              }
            }
            resource "aws_dynamodb_table" "missing" {
              name = "missing"
            }
            """);

        var violations = TerraformPolicies.PointInTimeRecovery(fixture);

        Assert.Equal(2, violations.Count);
        Assert.Contains(violations, v => v.Contains("aws_dynamodb_table.off", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("aws_dynamodb_table.missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryBucketIsEncryptedAndBlocksPublicAccess()
    {
        var folders = (await AllFoldersAsync()).ToList();

        Assert.Empty(folders.SelectMany(TerraformPolicies.BucketEncryption));
        Assert.Empty(folders.SelectMany(TerraformPolicies.BucketPublicAccessBlock));
        Assert.NotEmpty(folders.SelectMany(folder => folder.Resources("aws_s3_bucket")));
    }

    [Fact]
    public async Task ABucketWithoutEncryptionOrWithAPartialPublicAccessBlockFails()
    {
        var fixture = await TerraformTree.FixtureAsync("""
            resource "aws_s3_bucket" "open" {
              bucket = "open"
            }
            resource "aws_s3_bucket_public_access_block" "open" {
              bucket                  = aws_s3_bucket.open.id
              block_public_acls       = true
              block_public_policy     = false
              ignore_public_acls      = true
              restrict_public_buckets = true
            }
            resource "aws_s3_bucket" "closed" {
              bucket = "closed"
            }
            resource "aws_s3_bucket_server_side_encryption_configuration" "closed" {
              bucket = aws_s3_bucket.closed.id
              rule {
                apply_server_side_encryption_by_default {
                  sse_algorithm = "aws:kms"
                }
              }
            }
            resource "aws_s3_bucket_public_access_block" "closed" {
              bucket                  = aws_s3_bucket.closed.id
              block_public_acls       = true
              block_public_policy     = true
              ignore_public_acls      = true
              restrict_public_buckets = true
            }
            """);

        Assert.Equal([$"fixture: aws_s3_bucket.open has no aws_s3_bucket_server_side_encryption_configuration with AES256 or aws:kms."],
            TerraformPolicies.BucketEncryption(fixture));
        var publicAccess = Assert.Single(TerraformPolicies.BucketPublicAccessBlock(fixture));
        Assert.Contains("aws_s3_bucket.open", publicAccess, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBucketIsVersionedAndTlsOnly()
    {
        var folders = await AllFoldersAsync();

        Assert.Empty(folders.SelectMany(TerraformPolicies.BucketVersioningAndTls));
    }

    [Fact]
    public async Task ABucketWithoutVersioningOrATlsOnlyPolicyFails()
    {
        var fixture = await TerraformTree.FixtureAsync("""
            resource "aws_s3_bucket" "plain" {
              bucket = "plain"
            }
            resource "aws_s3_bucket_versioning" "plain" {
              bucket = aws_s3_bucket.plain.id
              versioning_configuration {
                status = "Suspended"
              }
            }
            data "aws_iam_policy_document" "plain" {
              statement {
                effect    = "Deny"
                actions   = ["s3:DeleteBucket"]
                resources = [aws_s3_bucket.plain.arn]
              }
            }
            resource "aws_s3_bucket_policy" "plain" {
              bucket = aws_s3_bucket.plain.id
              policy = data.aws_iam_policy_document.plain.json
            }
            """);

        Assert.Equal(
            ["fixture: aws_s3_bucket.plain has no aws_s3_bucket_versioning with status Enabled.",
             "fixture: aws_s3_bucket.plain has no bucket policy denying requests without aws:SecureTransport."],
            TerraformPolicies.BucketVersioningAndTls(fixture));
    }

    [Fact]
    public async Task NoStatementAllowsAnyResourceExceptWhereAwsRequiresIt()
    {
        var folders = (await AllFoldersAsync()).ToList();

        Assert.Empty(folders.SelectMany(TerraformPolicies.WildcardResources));
        Assert.NotEmpty(folders.SelectMany(folder => folder.Data("aws_iam_policy_document")));
    }

    [Fact]
    public async Task AWildcardStatementAJsonencodedPolicyOrAManagedPolicyFails()
    {
        var fixture = await TerraformTree.FixtureAsync("""
            data "aws_iam_policy_document" "task" {
              statement {
                sid       = "Login"
                actions   = ["ecr:GetAuthorizationToken"]
                resources = ["*"]
              }
              statement {
                sid       = "Everything"
                actions   = ["s3:GetObject", "cloudwatch:GetMetricData"]
                resources = ["*"]
              }
              statement {
                sid       = "DenyIsFine"
                effect    = "Deny"
                actions   = ["s3:*"]
                resources = ["*"]
              }
            }
            resource "aws_iam_role_policy" "hidden" {
              role   = "r"
              policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
            }
            resource "aws_iam_role_policy_attachment" "admin" {
              role       = "r"
              policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
            }
            """);

        var violations = TerraformPolicies.WildcardResources(fixture);

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.Contains("statement Everything allows s3:GetObject on \"*\"", StringComparison.Ordinal) && !v.Contains("GetMetricData", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("aws_iam_role_policy.hidden.policy", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("aws_iam_role_policy_attachment.admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProdProtectsItsTablesLoadBalancerAndUserPool()
    {
        var tree = await TerraformTree.LoadAsync();
        var (prod, unresolved) = tree.EffectiveEnvironment("prod");

        Assert.Empty(unresolved);
        Assert.Empty(TerraformPolicies.DeletionProtection(prod, call => tree.Source(prod, call)));
    }

    [Fact]
    public async Task AProdRootThatTurnsProtectionOffThroughTheEnvironmentModuleFails()
    {
        var tree = await TerraformTree.LoadAsync();
        var root = await TerraformTree.FixtureAsync("""
            provider "aws" {
              region = "af-south-1"
            }
            locals {
              deployment = { image_tag = var.image_tag }
            }
            module "environment" {
              source              = "../../modules/environment"
              environment         = "prod"
              deletion_protection = false
              deployment          = local.deployment
              size                = { cpu = 2048 }
            }
            """, "environments/prod");
        var wrapper = tree.Module(TerraformTree.EnvironmentModule);

        var (prod, unresolved) = EffectiveEnvironment.Of(root, wrapper, "../../modules/environment");
        var violations = TerraformPolicies.DeletionProtection(prod, call => tree.Source(prod, call));

        Assert.Equal(
            ["environments/prod: module auth does not set deletion_protection = true.",
             "environments/prod: module service does not set deletion_protection = true.",
             "environments/prod: module storage does not set deletion_protection = true."],
            violations.Order());
        Assert.Contains("environments/prod: module service.memory: var.size.memory has no value (no memory in what the root passes).", unresolved);
        Assert.Contains("environments/prod: module service.domain_name: var.deployment.domain_name has no value (no domain_name in what the root passes).", unresolved);
        Assert.DoesNotContain(unresolved, problem => problem.Contains("var.size.cpu", StringComparison.Ordinal) || problem.Contains("image_tag", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnprotectedProdModuleOrResourceFails()
    {
        var environment = await TerraformTree.FixtureAsync("""
            module "storage" {
              source              = "../../modules/storage"
              deletion_protection = false
            }
            module "service" {
              source              = "../../modules/service"
              deletion_protection = true
            }
            """, "environments/prod");
        var storage = await TerraformTree.FixtureAsync("""
            variable "deletion_protection" {
              type = bool
            }
            resource "aws_dynamodb_table" "t" {
              deletion_protection_enabled = var.deletion_protection
            }
            """, "modules/storage");
        var service = await TerraformTree.FixtureAsync("""
            variable "deletion_protection" {
              type = bool
            }
            resource "aws_lb" "portal" {
              enable_deletion_protection = false
            }
            """, "modules/service");

        var violations = TerraformPolicies.DeletionProtection(environment, call => call.Name == "storage" ? storage : service);

        Assert.Equal(
            ["environments/prod: module storage does not set deletion_protection = true.",
             "modules/service: aws_lb.portal.enable_deletion_protection does not follow var.deletion_protection."],
            violations.Order());
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("sit")]
    [InlineData("prod")]
    public async Task EachEnvironmentRunsInTheSeedsRegionWithLockedRemoteState(string environment)
    {
        var (root, unresolved) = (await TerraformTree.LoadAsync()).EffectiveEnvironment(environment);

        Assert.Empty(unresolved);
        Assert.Empty(TerraformPolicies.RegionAndState(root, environment));
        Assert.Empty(TerraformPolicies.BedrockRegionVariable(root));
    }

    [Fact]
    public async Task AWrongRegionOrAnUnlockedBackendFails()
    {
        var fixture = await TerraformTree.FixtureAsync("""
            terraform {
              backend "s3" {
                key     = "site-builder/prod/terraform.tfstate"
                encrypt = true
              }
            }
            provider "aws" {
              region = "eu-west-1"
            }
            variable "bedrock_region" {
              type = string
            }
            module "service" {
              source         = "../../modules/service"
              bedrock_region = "us-east-1"
            }
            """, "environments/prod");

        Assert.Equal(
            ["environments/prod: the aws provider's region is eu-west-1, the seed says af-south-1.",
             "environments/prod: the s3 backend has no dynamodb_table lock."],
            TerraformPolicies.RegionAndState(fixture, "prod"));
        Assert.Equal(["environments/prod: module service does not get bedrock_region = var.bedrock_region."], TerraformPolicies.BedrockRegionVariable(fixture));
    }
}
