using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
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
    public async Task ThePackagesScriptsAndStylesAreServedFingerprintedAsBrotliAndCachedForAYear()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // MudBlazor's files, plotly.js and Scalar's bundle, which the build takes from their packages into wwwroot/lib
        // (SiteBuilder.Portal.csproj); the image's build starts from a checkout without them.
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(portal.PublishDirectory, "SiteBuilder.Portal.staticwebassets.endpoints.json"), cancellationToken)).RootElement;
        var fingerprinted = manifest.GetProperty("Endpoints").EnumerateArray()
            .Where(endpoint => endpoint.GetProperty("Selectors").GetArrayLength() == 0)
            .Select(endpoint => (Route: endpoint.GetProperty("Route").GetString()!, Label: endpoint.GetProperty("EndpointProperties").EnumerateArray()
                .Where(property => property.GetProperty("Name").GetString() == "label").Select(property => property.GetProperty("Value").GetString()).FirstOrDefault()))
            .Where(asset => asset.Label is { } label && label.StartsWith("lib/", StringComparison.Ordinal) && (label.EndsWith(".js", StringComparison.Ordinal) || label.EndsWith(".css", StringComparison.Ordinal)))
            .ToList();
        Assert.Contains(fingerprinted, asset => asset.Label == "lib/scalar/scalar.js");
        Assert.Contains(fingerprinted, asset => asset.Label == "lib/plotly/plotly-basic.min.js");

        using var client = new HttpClient { BaseAddress = portal.BaseAddress };
        var unfit = new List<string>();
        foreach (var (route, _) in fingerprinted)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + route);
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var response = await client.SendAsync(request, cancellationToken);
            var encoding = string.Join(",", response.Content.Headers.ContentEncoding);
            var caching = response.Headers.CacheControl?.ToString() ?? "";
            if (response.StatusCode != HttpStatusCode.OK || encoding != "br" || !caching.Contains("immutable", StringComparison.Ordinal))
            {
                unfit.Add($"/{route}: {(int)response.StatusCode}, Content-Encoding '{encoding}', Cache-Control '{caching}'");
            }
        }

        Assert.True(unfit.Count == 0, $"Published assets not served as brotli and cached for good:\n{string.Join("\n", unfit)}");
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
    public async Task TheTaskDefinitionsEnvironmentStartsThePortalInAwsMode()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var tree = await TerraformTree.LoadAsync();
        var service = tree.Module("service");
        await using var dynalite = await DynaliteEmulator.StartAsync(cancellationToken);
        await using var s3rver = await S3rverEmulator.StartAsync(cancellationToken);
        var names = await dynalite.CreateTablesAsync(cancellationToken: cancellationToken);
        await s3rver.CreateBucketsAsync(names, cancellationToken);
        using var data = new TempDirectory("aws-mode-data");

        // What terraform would fill in for DEV; variables with defaults take DEV's defaults, then the module's.
        var known = new Dictionary<string, string>
        {
            ["var.environment"] = "dev",
            ["local.data_directory"] = data.Path,
            ["data.aws_region.current.name"] = TerraformPolicies.RegionOf["dev"],
            ["var.generation_table_name"] = names.GenerationTable,
            ["var.operations_table_name"] = names.OperationsTable,
            ["var.assets_bucket_name"] = names.AssetsBucket,
            ["var.sites_bucket_name"] = names.SitesBucket,
            ["var.cognito_user_pool_id"] = "eu-west-1_AbCdEf123",
            ["var.cognito_client_id"] = "1example23456789",
            ["var.domain_name"] = "dev.sitebuilder.example.com",
            // The VPC the load balancer forwards from; loopback here, where the test client is the proxy.
            ["data.aws_vpc.this.cidr_block"] = "127.0.0.0/8",
        };
        var defaults = tree.Environment("dev").Variables.Concat(service.Variables)
            .Where(variable => variable["default"] is not null)
            .GroupBy(variable => $"var.{variable.Name}")
            .ToDictionary(group => group.Key, group => group.First().Text("default")!);
        string Resolve(string value) => Regex.Replace(value, @"\$\{([^}]+)\}", match =>
            known.GetValueOrDefault(match.Groups[1].Value) ?? defaults.GetValueOrDefault(match.Groups[1].Value)
            ?? throw new InvalidOperationException($"No test value for {match.Value}."));

        var environment = service.Locals["container_environment"]!.AsObject()
            .ToDictionary(pair => pair.Key, pair => Resolve(TerraformModule.Text(pair.Value)!));
        // In AWS the endpoints and credentials come from the region and the task role; here they are the emulators'.
        foreach (var (key, value) in dynalite.Configuration(names).Concat(s3rver.Configuration(names)))
        {
            if (key.EndsWith(":ServiceUrl", StringComparison.Ordinal) || key.EndsWith("AccessKeyId", StringComparison.Ordinal)
                || key.EndsWith("SecretAccessKey", StringComparison.Ordinal) || key.EndsWith("ForcePathStyle", StringComparison.Ordinal))
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
            }
        }

        environment["HOME"] = portal.HomeDirectory;
        await using var running = await portal.StartPortalAsync(environment);
        using var client = new HttpClient { BaseAddress = running.BaseAddress };
        using var ready = await client.GetAsync("/health/ready", cancellationToken);
        var health = JsonDocument.Parse(await client.GetStringAsync("/health", cancellationToken)).RootElement;

        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"{await ready.Content.ReadAsStringAsync(cancellationToken)}\n{running.Output}");
        Assert.Equal("dev", health.GetProperty("environment").GetString());
        Assert.False(File.Exists(Path.Combine(data.Path, "sitebuilder.db")), "AWS mode wrote a SQLite database.");
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
