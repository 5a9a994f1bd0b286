using System.Diagnostics;
using System.Text.Json;
using SiteBuilder.Operations.Engines.GitHubActions;
using SiteBuilder.TestSupport.Emulators;
using YamlDotNet.RepresentationModel;

namespace SiteBuilder.Operations.Tests.Engines.GitHubActions;

/// <summary>The deploy workflows are product code: each parses with GitHub's own parser and keeps the promises the engine relies on.</summary>
public sealed class WorkflowFileTests
{
    [Fact]
    public async Task EveryWorkflowParsesWithGitHubsOwnWorkflowParser()
    {
        var results = await ParseWithGitHubParserAsync(WorkflowFiles.Files.Select(WorkflowFiles.PathOf));

        Assert.Equal(WorkflowFiles.Files, results.Select(r => r.GetProperty("file").GetString()));
        Assert.All(results, result =>
        {
            Assert.True(result.GetProperty("errors").GetArrayLength() == 0,
                $"{result.GetProperty("file")}: {string.Join(Environment.NewLine, result.GetProperty("errors").EnumerateArray())}");
            Assert.NotEqual(0, result.GetProperty("jobs").GetArrayLength());
        });
    }

    [Fact]
    public async Task TheParserReportsAMistakeInAWorkflow()
    {
        using var folder = new TempDirectory("workflows");
        var broken = folder.Combine("broken.yml");
        var text = await File.ReadAllTextAsync(WorkflowFiles.PathOf("app-deploy.yml"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(broken, text.Replace("timeout-minutes: 45", "timeout-minutes: 45\n    strategyy: {}", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = Assert.Single(await ParseWithGitHubParserAsync([broken]));

        Assert.Contains(result.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("strategyy", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EachRunNameCarriesTheDeploymentIdTheEngineLooksFor(string file)
    {
        var runName = WorkflowFiles.Read(file).RunName;

        Assert.Contains("[${{ inputs.deployment_id }}]", runName, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EachWorkflowRunsOneChangePerEnvironmentBehindItsProtectionWithAnOidcRole(string file)
    {
        var root = WorkflowFiles.Root(file);
        var environmentInput = file == "promotion.yml" ? "inputs.target_environment" : "inputs.environment";

        var concurrency = (YamlMappingNode)root.Children[new YamlScalarNode("concurrency")];
        Assert.Equal($"sitebuilder-${{{{ {environmentInput} }}}}", WorkflowFiles.Scalar(concurrency, "group"));
        Assert.Equal("false", WorkflowFiles.Scalar(concurrency, "cancel-in-progress"));

        var permissions = (YamlMappingNode)root.Children[new YamlScalarNode("permissions")];
        Assert.Equal("write", WorkflowFiles.Scalar(permissions, "id-token"));

        var jobs = ((YamlMappingNode)root.Children[new YamlScalarNode("jobs")]).Children.Values.Cast<YamlMappingNode>().ToList();
        Assert.All(jobs, job =>
        {
            var environment = (YamlMappingNode)job.Children[new YamlScalarNode("environment")];
            Assert.Equal($"${{{{ {environmentInput} }}}}", WorkflowFiles.Scalar(environment, "name"));
            var credentials = Steps(job).Single(s => Uses(s).StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal));
            Assert.Equal("${{ vars.AWS_DEPLOY_ROLE_ARN }}", WorkflowFiles.Scalar((YamlMappingNode)credentials.Children[new YamlScalarNode("with")], "role-to-assume"));
        });
    }

    [Fact]
    public void EnvironmentsAndRollbackTypesAreChoicesOfTheValuesThePortalUses()
    {
        var choices = WorkflowFiles.All().ToDictionary(w => w.File, w => w.Inputs.ToDictionary(i => i.Name, i => i.Options));

        foreach (var file in new[] { "app-deploy.yml", "rollback.yml", "terraform-apply.yml" })
        {
            Assert.Equal(["dev", "sit", "prod"], choices[file]["environment"]);
        }

        Assert.Equal(["dev", "sit"], choices["promotion.yml"]["source_environment"]);
        Assert.Equal(["sit", "prod"], choices["promotion.yml"]["target_environment"]);
        Assert.Equal(GitHubWorkflowDispatch.RollbackTypes, choices["rollback.yml"]["rollback_type"]);
    }

    [Fact]
    public void DeploysGoToEcsByImageDigestAndTerraformRunsPerEnvironment()
    {
        foreach (var file in new[] { "app-deploy.yml", "promotion.yml", "rollback.yml" })
        {
            var steps = AllSteps(file);
            var render = steps.Single(s => Uses(s).StartsWith("aws-actions/amazon-ecs-render-task-definition@", StringComparison.Ordinal));
            Assert.Equal("${{ steps.image.outputs.ref }}", WorkflowFiles.Scalar((YamlMappingNode)render.Children[new YamlScalarNode("with")], "image"));
            Assert.Contains(steps, s => Uses(s).StartsWith("aws-actions/amazon-ecs-deploy-task-definition@", StringComparison.Ordinal));
            var resolve = steps.Single(s => s.Children.TryGetValue(new YamlScalarNode("id"), out var id) && ((YamlScalarNode)id).Value == "image");
            Assert.Contains("@$", WorkflowFiles.Scalar(resolve, "run"), StringComparison.Ordinal);
        }

        foreach (var file in new[] { "terraform-apply.yml", "rollback.yml" })
        {
            var scripts = string.Join('\n', AllSteps(file).Where(s => s.Children.ContainsKey(new YamlScalarNode("run"))).Select(s => WorkflowFiles.Scalar(s, "run")));
            Assert.Contains("terraform -chdir=\"terraform/environments/$ENVIRONMENT\" init", scripts, StringComparison.Ordinal);
            Assert.Contains("plan -input=false -lock-timeout=5m -var \"image_tag=$IMAGE_TAG\" -out=tfplan", scripts, StringComparison.Ordinal);
            Assert.Contains("apply -input=false -lock-timeout=5m tfplan", scripts, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> Files() => [.. WorkflowFiles.Files];

    private static List<YamlMappingNode> AllSteps(string file) =>
        [.. ((YamlMappingNode)WorkflowFiles.Root(file).Children[new YamlScalarNode("jobs")]).Children.Values.Cast<YamlMappingNode>().SelectMany(Steps)];

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>();

    private static string Uses(YamlMappingNode step) =>
        step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) ? ((YamlScalarNode)uses).Value! : "";

    /// <summary>Runs <c>tests/emulators/parse-workflows.mjs</c>, which calls <c>@actions/workflow-parser</c>, on the files.</summary>
    private static async Task<JsonElement[]> ParseWithGitHubParserAsync(IEnumerable<string> files)
    {
        var emulators = RepositoryRoot.EmulatorsDirectory();
        await EmulatorPackages.EnsureInstalledAsync(emulators, TestContext.Current.CancellationToken);
        var node = Executables.Require("node", "parse the workflow files with @actions/workflow-parser");
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = emulators,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(emulators, "parse-workflows.mjs"));
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"parse-workflows.mjs exited {process.ExitCode}: {await errors}");
        return [.. JsonDocument.Parse(await output).RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
