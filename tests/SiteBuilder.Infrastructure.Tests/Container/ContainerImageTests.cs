using System.Net;
using System.Text.Json;
using SiteBuilder.Infrastructure.Tests.Terraform;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Infrastructure.Tests.Container;

/// <summary>The Dockerfile's own build and start, run here without Docker (see <see cref="PublishedPortal"/>).</summary>
public sealed class ContainerImageTests(PublishedPortal portal) : IClassFixture<PublishedPortal>
{
    [Fact]
    public async Task ThePublishedPortalAnswersHealthInProductionWithADataDirectoryOfItsOwn()
    {
        using var client = new HttpClient { BaseAddress = portal.BaseAddress };
        var healthCheck = Dockerfile.ExecForm(portal.Final.All("HEALTHCHECK").Single().Arguments);
        var healthPath = new Uri(healthCheck[^1]).AbsolutePath;

        using var response = await client.GetAsync(healthPath, TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(portal.DataDirectory, "sitebuilder.db")), $"Nothing was written to the data directory:\n{portal.Output}");
        Assert.Contains("Hosting environment: Production", portal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePortalWritesNothingToItsAppFolderOrHome()
    {
        using var client = new HttpClient { BaseAddress = portal.BaseAddress };
        using var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        using var page = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(portal.AppFilesBeforeStart, PublishedPortal.Snapshot(portal.PublishDirectory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(portal.HomeDirectory));
    }

    [Fact]
    public void TheFinalStageRunsThePublishOutputAsANonRootUserWithTheDataDirectoryAsAVolume()
    {
        var copy = portal.Final.All("COPY").Single(c => c.Arguments.StartsWith("--from=build ", StringComparison.Ordinal));
        var environment = portal.Final.Environment;

        Assert.Equal("/app/publish", portal.ImagePublishPath);
        Assert.Equal($"--from=build {portal.ImagePublishPath} .", copy.Arguments);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.", portal.Build.Image, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.", portal.Final.Image, StringComparison.Ordinal);
        Assert.Equal("$APP_UID", portal.Final.All("USER").Single().Arguments);
        Assert.Equal(["/data", "/tmp"], Dockerfile.ExecForm(portal.Final.All("VOLUME").Single().Arguments));
        Assert.Equal("/data", environment["SiteBuilder__DataDirectory"]);
        Assert.Equal("http://+:8080", environment["Urls"]);
    }

    [Fact]
    public async Task TheImageAndTheTaskDefinitionAgreeAndUseOnlyDocumentedSettings()
    {
        var root = RepositoryRoot.Find();
        var documented = ReadmeConfiguration.Keys(await File.ReadAllTextAsync(Path.Combine(root, "README.md"), TestContext.Current.CancellationToken));
        var service = (await TerraformTree.LoadAsync()).Module("service");
        var healthCheck = Dockerfile.ExecForm(portal.Final.All("HEALTHCHECK").Single().Arguments);

        Assert.All(portal.Final.Environment.Keys, name => Assert.True(ReadmeConfiguration.Documents(documented, ReadmeConfiguration.KeyOf(name)), $"{name} is not in the README's configuration table."));
        Assert.Equal(portal.Final.Environment["SiteBuilder__DataDirectory"], TerraformModule.Text(service.Locals["data_directory"]));
        Assert.Equal(new Uri(portal.Final.Environment["Urls"].Replace("+", "localhost", StringComparison.Ordinal)).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TerraformModule.Text(service.Locals["container_port"]));
        Assert.Equal("http://127.0.0.1:8080/health", healthCheck[^1]);

        // The task mounts a volume exactly where the image declares one: everything else stays read-only.
        var mounts = TerraformModule.All(service.Locals["container"]!["mountPoints"])
            .Select(mount => TerraformModule.Text(mount["containerPath"])!.Replace("${local.data_directory}", TerraformModule.Text(service.Locals["data_directory"]), StringComparison.Ordinal));
        Assert.Equal(Dockerfile.ExecForm(portal.Final.All("VOLUME").Single().Arguments).Order(), mounts.Order());
    }

    [Fact]
    public void DockerignoreKeepsBuildOutputOutOfTheContext()
    {
        string[] patterns = ["**/bin", "**/obj", "**/node_modules", "data"];

        Assert.True(PublishedPortal.IsIgnored("src/SiteBuilder.Portal/bin", patterns));
        Assert.True(PublishedPortal.IsIgnored("src/SiteBuilder.Portal/obj/project.assets.json", patterns));
        Assert.True(PublishedPortal.IsIgnored("data", patterns));
        Assert.False(PublishedPortal.IsIgnored("src/SiteBuilder.Portal/Components/data", patterns));
        Assert.False(PublishedPortal.IsIgnored("src/SiteBuilder.Portal/Program.cs", patterns));
        Assert.All(patterns.Take(2), pattern => Assert.Contains(pattern, File.ReadAllLines(Path.Combine(portal.RepositoryRootPath, ".dockerignore"))));
    }
}
