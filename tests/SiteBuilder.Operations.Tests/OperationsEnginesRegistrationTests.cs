using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SiteBuilder.Operations.Engines;
using SiteBuilder.Operations.Notifications;
using SiteBuilder.Operations.Restores;
using SiteBuilder.Storage;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Operations.Tests;

public sealed class OperationsEnginesRegistrationTests : IDisposable
{
    private readonly TempDirectory _data = new("ops-engines");

    public void Dispose() => _data.Dispose();

    [Fact]
    public void TheGitHubActionsEngineIsRegisteredOnlyWhenItIsTheConfiguredEngine()
    {
        using var ledger = Build(("SiteBuilder:Operations:Engine", "Ledger"));
        using var github = Build(
            ("SiteBuilder:Operations:Engine", "GitHubActions"),
            ("SiteBuilder:Operations:GitHub:Owner", "acme"),
            ("SiteBuilder:Operations:GitHub:Repository", "sitebuilder"),
            ("SiteBuilder:Operations:GitHub:Token", "ghp_example"));

        Assert.Empty(ledger.Services.GetServices<IDeploymentEngine>());
        Assert.Equal("GitHubActions", Assert.Single(github.Services.GetServices<IDeploymentEngine>()).Name);
    }

    [Fact]
    public void TheRestoreMatchesTheConfiguredStoreAndTheNotifierIsTheWebhook()
    {
        using var sqlite = Build();
        using var dynamo = Build(("SiteBuilder:Storage:Provider", "DynamoDb"), ("SiteBuilder:Storage:DynamoDb:Region", "af-south-1"), ("SiteBuilder:Environment", "prod"));

        var embedded = Assert.Single(sqlite.Services.GetServices<IPointInTimeRestore>());
        Assert.Equal("Sqlite", embedded.Kind);
        Assert.Equal(["sitebuilder.db"], embedded.Sources);
        Assert.Contains(sqlite.Services.GetServices<IHostedService>(), s => s is SqliteSnapshotScheduler);
        var aws = Assert.Single(dynamo.Services.GetServices<IPointInTimeRestore>());
        Assert.Equal("DynamoDb", aws.Kind);
        Assert.Equal(["site-builder-generation-prod", "site-builder-operations-prod"], aws.Sources);
        Assert.IsType<WebhookNotifier>(sqlite.Services.GetRequiredService<IOpsNotifier>());
    }

    [Fact]
    public void RegisteringTwiceAddsNothingTwice()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SiteBuilder:DataDirectory"] = _data.Path });
        builder.Services.AddLogging();
        builder.AddStorage();
        builder.Services.AddOperationsEngines(builder.Configuration);
        var once = builder.Services.Count;

        builder.Services.AddOperationsEngines(builder.Configuration);

        Assert.Equal(once, builder.Services.Count);
    }

    [Theory]
    [InlineData("SiteBuilder:Operations:GitHub:Token", "", "SiteBuilder:Operations:GitHub:Token is required")]
    [InlineData("SiteBuilder:Operations:GitHub:BaseUrl", "http://github.example.com/", "SiteBuilder:Operations:GitHub:BaseUrl must be an https URL")]
    [InlineData("SiteBuilder:Operations:GitHub:Owner", "", "SiteBuilder:Operations:GitHub:Owner is required")]
    [InlineData("SiteBuilder:Operations:Snapshots:Schedule", "every hour", "SiteBuilder:Operations:Snapshots:Schedule 'every hour' is not a five-field cron expression")]
    [InlineData("SiteBuilder:Operations:Snapshots:Retention", "00:10:00", "SiteBuilder:Operations:Snapshots:Retention must be between")]
    [InlineData("SiteBuilder:Operations:Environments:prod:WebhookUrl", "http://hooks.example.com/services/x", "SiteBuilder:Operations:Environments:prod:WebhookUrl must be an https URL")]
    public async Task ABadSettingStopsTheStartAndNamesItsKey(string key, string value, string message)
    {
        using var host = Build(
            ("SiteBuilder:Operations:Engine", "GitHubActions"),
            ("SiteBuilder:Operations:GitHub:Owner", "acme"),
            ("SiteBuilder:Operations:GitHub:Repository", "sitebuilder"),
            ("SiteBuilder:Operations:GitHub:Token", "ghp_example"),
            (key, value));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDefaultsStart()
    {
        // As in appsettings.json: an environment's webhook left empty means no notifications for it.
        using var host = Build(("SiteBuilder:Operations:Environments:dev:WebhookUrl", ""));

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        var snapshots = host.Services.GetRequiredService<IOptions<SnapshotOptions>>().Value;
        Assert.Equal("0 * * * *", snapshots.Schedule);
        Assert.Equal(TimeSpan.FromDays(35), snapshots.Retention);
    }

    private IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SiteBuilder:DataDirectory"] = _data.Path });
        foreach (var (key, value) in settings)
        {
            // One source per setting, so a later setting overrides an earlier one of the same key.
            builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]);
        }

        builder.Services.AddLogging();
        builder.AddStorage();
        builder.Services.AddOperationsEngines(builder.Configuration);
        return builder.Build();
    }
}
