using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SiteBuilder.Observability.Alarms;
using SiteBuilder.Observability.Dashboards;
using SiteBuilder.Observability.Export;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Observability.Sources;
using SiteBuilder.Observability.Store;
using SiteBuilder.Storage;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;
using SiteBuilder.TestSupport.Metrics;

namespace SiteBuilder.Observability.Tests;

/// <summary>The observability parts wired as the portal wires them, on SQLite, a fake clock and this test's own meters.</summary>
public sealed class ObservabilityHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("observability");

    private ObservabilityHarness(string environment, ObservabilityOptions options)
    {
        Environment = environment;
        Options = options;
    }

    public static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 5, TimeSpan.Zero);

    public string Environment { get; }

    public ObservabilityOptions Options { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public TestMeterFactory Meters { get; } = new();

    public StringWriter EmfOutput { get; } = new();

    public IMetricsStore Store { get; private set; } = null!;

    public MetricsRecorder Recorder { get; private set; } = null!;

    public AgentMetrics Agents { get; private set; } = null!;

    public LocalMetricsSource Source { get; private set; } = null!;

    public AlarmCatalog Alarms { get; } = AlarmCatalog.Load(Path.Combine(RepositoryRoot.Find(), "terraform", "modules", "monitoring", AlarmCatalog.FileName));

    public AlarmEvaluator Evaluator { get; private set; } = null!;

    public ReleaseVersionAnnotations Annotations { get; private set; } = null!;

    public static async Task<ObservabilityHarness> StartAsync(string environment = "dev", bool emf = false, string version = "1.0.0")
    {
        var harness = new ObservabilityHarness(environment, new ObservabilityOptions { EmbeddedMetricFormat = emf });
        await harness.InitializeAsync(version);
        return harness;
    }

    /// <summary>A new recorder as if a new release started on this store.</summary>
    public MetricsRecorder NewRecorder(string version) => new(
        Meters, Store, new EmbeddedMetricFormat(EmfOutput), Microsoft.Extensions.Options.Options.Create(Options),
        Microsoft.Extensions.Options.Options.Create(new SiteBuilderOptions { Environment = Environment }),
        new ReleaseIdentity(version, "test-instance-" + version, Clock.GetUtcNow()), Clock, NullLogger<MetricsRecorder>.Instance);

    public async ValueTask DisposeAsync()
    {
        Recorder.Dispose();
        Meters.Dispose();
        await EmfOutput.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private async Task InitializeAsync(string version)
    {
        var database = new SqliteDatabase(_directory.Combine("sitebuilder.db"), SqliteMetricsStore.Migrations);
        await database.MigrateAsync();
        Store = new SqliteMetricsStore(database, Clock);
        Agents = new AgentMetrics(Meters);
        Recorder = NewRecorder(version);
        Source = new LocalMetricsSource(Store);
        Annotations = new ReleaseVersionAnnotations(Store);
        Evaluator = new AlarmEvaluator(Alarms, Source, Store, Annotations);
    }
}
