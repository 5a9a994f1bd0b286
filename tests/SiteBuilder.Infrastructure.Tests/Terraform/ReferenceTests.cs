namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>No terraform binary runs here, so these stand in for the reference checks of <c>terraform validate</c>.</summary>
public sealed class ReferenceTests
{
    [Fact]
    public async Task EveryReferenceInEveryFolderIsDeclared()
    {
        var tree = await TerraformTree.LoadAsync();
        var folders = TerraformTree.ModuleNames.Append(TerraformTree.EnvironmentModule).Select(tree.Module)
            .Concat(TerraformTree.Environments.Select(tree.Environment));

        Assert.Empty(folders.SelectMany(ReferenceRules.UndeclaredReferences));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("sit")]
    [InlineData("prod")]
    public async Task EachEnvironmentPassesItsModulesExactlyTheirVariablesAndReadsTheirOutputs(string environment)
    {
        var tree = await TerraformTree.LoadAsync();
        var root = tree.Environment(environment);
        var wrapper = tree.Module(TerraformTree.EnvironmentModule);
        var (effective, unresolved) = tree.EffectiveEnvironment(environment);

        Assert.Empty(ReferenceRules.ModuleInterfaces(root, call => tree.Source(root, call)));
        Assert.Empty(ReferenceRules.ModuleInterfaces(wrapper, call => tree.Source(wrapper, call)));
        Assert.Empty(unresolved);
        Assert.Equal(TerraformTree.ModuleNames.Order(), effective.ModuleCalls.Select(call => call.Name).Order());
        Assert.Empty(ReferenceRules.StateMovedIntoTheWrapper(root, wrapper, EffectiveEnvironment.WrapperCall));
    }

    [Fact]
    public async Task ARootWithoutAMovedBlockForAModuleFails()
    {
        var wrapper = (await TerraformTree.LoadAsync()).Module(TerraformTree.EnvironmentModule);
        var root = await TerraformTree.FixtureAsync("""
            moved {
              from = module.network
              to   = module.environment.module.network
            }
            moved {
              from = module.storage
              to   = module.environment.module.storage
            }
            moved {
              from = module.auth
              to   = module.environment.module.auth
            }
            moved {
              from = module.service
              to   = module.environment.module.services
            }
            """, "environments/dev");

        Assert.Equal(
            ["environments/dev: no moved { from = module.monitoring, to = module.environment.module.monitoring }: its state would be destroyed and created again.",
             "environments/dev: no moved { from = module.service, to = module.environment.module.service }: its state would be destroyed and created again."],
            ReferenceRules.StateMovedIntoTheWrapper(root, wrapper, EffectiveEnvironment.WrapperCall));
    }

    [Fact]
    public async Task AnUndeclaredVariableLocalResourceOrModuleFails()
    {
        var fixture = await TerraformTree.FixtureAsync("""
            variable "environment" {
              type = string
            }
            locals {
              name = "site-builder-${var.enviroment}"
            }
            resource "aws_s3_bucket" "this" {
              bucket = local.nmae
            }
            resource "aws_s3_bucket_versioning" "this" {
              bucket = aws_s3_bucket.that.id
              tags   = { Arn = "arn:aws:s3:::${data.aws_caller_identity.current.account_id}" }
            }
            output "url" {
              value = module.service.url
            }
            """);

        Assert.Equal(
            ["fixture: aws_s3_bucket.that is not declared.",
             "fixture: data.aws_caller_identity.current is not declared.",
             "fixture: local.nmae is not declared.",
             "fixture: module.service is not declared.",
             "fixture: var.enviroment is not declared."],
            ReferenceRules.UndeclaredReferences(fixture));
    }

    [Fact]
    public async Task AModuleCallWithAMisspelledMissingOrUnknownOutputFails()
    {
        var environment = await TerraformTree.FixtureAsync("""
            module "storage" {
              source      = "../../modules/storage"
              enviroment  = "dev"
            }
            output "table" {
              value = module.storage.table_name
            }
            """, "environments/dev");
        var storage = await TerraformTree.FixtureAsync("""
            variable "environment" {
              type = string
            }
            variable "deletion_protection" {
              type    = bool
              default = false
            }
            output "generation_table_name" {
              value = "t"
            }
            """, "modules/storage");

        Assert.Equal(
            ["environments/dev: module storage does not pass the required variable environment.",
             "environments/dev: module storage passes enviroment, which modules/storage does not declare.",
             "environments/dev: module.storage.table_name is not an output of module storage."],
            ReferenceRules.ModuleInterfaces(environment, _ => storage));
    }
}
