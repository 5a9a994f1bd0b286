using System.Text.RegularExpressions;
using SiteBuilder.TestSupport.Emulators;
using static SiteBuilder.Infrastructure.Tests.Terraform.TerraformModule;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>docs/deployment.md names exactly what Terraform creates, so a reader never has to guess a name.</summary>
public sealed partial class DeploymentGuideTests
{
    private static string Guide() => File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "deployment.md"));

    [Fact]
    public async Task TheGuideBootstrapsTheLockTableAndStateKeysEveryEnvironmentUses()
    {
        var tree = await TerraformTree.LoadAsync();
        var guide = Guide();

        foreach (var environment in TerraformTree.Environments)
        {
            var backend = tree.Environment(environment).Backend("s3")!;
            Assert.Contains($"--table-name {Text(backend["dynamodb_table"])}", guide, StringComparison.Ordinal);
            Assert.Contains($"`{Text(backend["key"])}`", guide, StringComparison.Ordinal);
            Assert.Contains($"LocationConstraint={Text(backend["region"])}", guide, StringComparison.Ordinal);
            Assert.Contains($"`terraform/environments/{environment}`", guide, StringComparison.Ordinal);
            Assert.Contains($"`{TerraformPolicies.RegionOf[environment]}`", guide, StringComparison.Ordinal);
        }

        Assert.Contains("AttributeName=LockID,KeyType=HASH", guide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRepositoryLogGroupAndTargetThatTheGuideNamesAreTheModulesOwn()
    {
        var tree = await TerraformTree.LoadAsync();
        var service = tree.Module("service");
        var name = Text(service.Locals["name"])!.Replace("${var.environment}", "dev", StringComparison.Ordinal);
        string Resolve(string? text) => (text ?? "").Replace("${local.name}", name, StringComparison.Ordinal);
        var guide = Guide();

        Assert.Contains($"$REGISTRY/{Resolve(service.Resources("aws_ecr_repository").Single().Text("name"))}", guide, StringComparison.Ordinal);
        Assert.Contains($"--log-group-name {Resolve(service.Resources("aws_cloudwatch_log_group").Single().Text("name"))}", guide, StringComparison.Ordinal);
        Assert.Contains($"-target=module.environment.module.service.aws_ecr_repository.{service.Resources("aws_ecr_repository").Single().Name}", guide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryTerraformOutputTheGuideReadsExists()
    {
        var tree = await TerraformTree.LoadAsync();
        var outputs = tree.Files.Where(file => file.Key.StartsWith("environments/dev/", StringComparison.Ordinal))
            .SelectMany(file => file.Value.Json!["output"]?.AsObject().Select(pair => pair.Key) ?? [])
            .ToHashSet();

        var read = TerraformOutput().Matches(Guide()).Select(match => match.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(read);
        Assert.All(read, output => Assert.Contains(output, outputs));
    }

    [GeneratedRegex(@"terraform output (?:-raw )?([a-z_]+)")]
    private static partial Regex TerraformOutput();
}
