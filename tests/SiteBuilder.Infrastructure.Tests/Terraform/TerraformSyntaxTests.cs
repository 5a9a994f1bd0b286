namespace SiteBuilder.Infrastructure.Tests.Terraform;

public sealed class TerraformSyntaxTests
{
    [Fact]
    public async Task EveryTerraformFileParses()
    {
        var tree = await TerraformTree.LoadAsync();

        var errors = tree.Files.Values.Where(file => file.Error is not null).Select(file => $"{file.Path}: {file.Error}");

        Assert.Empty(errors);
        Assert.True(tree.Files.Count >= 20, $"Only {tree.Files.Count} .tf files were found under {tree.Root}.");
    }

    [Fact]
    public async Task EveryModuleAndEnvironmentTheRunbooksNameExists()
    {
        var tree = await TerraformTree.LoadAsync();

        foreach (var module in TerraformTree.ModuleNames)
        {
            Assert.NotEmpty(tree.Module(module).Variables);
        }

        var wrapper = tree.Module(TerraformTree.EnvironmentModule);
        Assert.Equal(TerraformTree.ModuleNames.Order(), wrapper.ModuleCalls.Select(call => call.Name).Order());
        foreach (var call in wrapper.ModuleCalls)
        {
            Assert.Equal($"modules/{call.Name}", tree.Source(wrapper, call).Name);
        }

        foreach (var environment in TerraformTree.Environments)
        {
            var root = tree.Environment(environment);
            var call = Assert.Single(root.ModuleCalls);
            Assert.Equal($"modules/{TerraformTree.EnvironmentModule}", tree.Source(root, call).Name);
        }
    }

    [Fact]
    public async Task AFileWithASyntaxErrorIsReportedWithItsLine()
    {
        var parsed = await Hcl.ParseAsync(new Dictionary<string, string>
        {
            ["good.tf"] = "variable \"a\" {\n  type = string\n}\n",
            ["broken.tf"] = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n",
        }, TestContext.Current.CancellationToken);

        Assert.Null(parsed["good.tf"].Error);
        Assert.Contains("broken.tf:", parsed["broken.tf"].Error);
        Assert.Null(parsed["broken.tf"].Json);
    }
}
