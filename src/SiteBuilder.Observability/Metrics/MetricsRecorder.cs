using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteBuilder.Observability.Export;
using SiteBuilder.Observability.Store;
using SiteBuilder.Storage;

namespace SiteBuilder.Observability.Metrics;

/// <summary>
/// Listens to this service's instruments (those created through its <see cref="IMeterFactory"/>, plus ASP.NET Core's request
/// histogram) and, every <see cref="ObservabilityOptions.FlushSeconds"/>, writes the one-minute rollups to the store (local
/// source) and finished minutes as EMF lines (AWS).
/// </summary>
public sealed class MetricsRecorder : BackgroundService
{
    private readonly IMeterFactory _meters;
    private readonly MinuteAggregator _aggregator;
    private readonly IMetricsStore _store;
    private readonly EmbeddedMetricFormat? _emf;
    private readonly ObservabilityOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<MetricsRecorder> _logger;
    private readonly MeterListener _listener;
    private bool _versionRecorded;

    public MetricsRecorder(
        IMeterFactory meters,
        IMetricsStore store,
        EmbeddedMetricFormat emf,
        IOptions<ObservabilityOptions> options,
        IOptions<SiteBuilderOptions> site,
        ReleaseIdentity release,
        TimeProvider clock,
        ILogger<MetricsRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(site);
        _meters = meters;
        _store = store;
        _options = options.Value;
        _emf = _options.EmbeddedMetricFormat ? emf : null;
        _clock = clock;
        _logger = logger;
        Environment = site.Value.Environment;
        Release = release;
        _aggregator = new MinuteAggregator(clock);
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                // Only this host's meters: tests run several hosts in one process, each with its own factory.
                if (ReferenceEquals(instrument.Meter.Scope, _meters) && MinuteAggregator.Reads(instrument))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _aggregator.Record(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _aggregator.Record(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => _aggregator.Record(instrument.Name, value, tags));
        if (_options.Record)
        {
            _listener.Start();
        }
    }

    public string Environment { get; }

    public ReleaseIdentity Release { get; }

    /// <summary>Writes what has been recorded so far; the background loop calls it, tests call it to skip the wait.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var drained = _aggregator.Drain();
        if (_options.Source == MetricsSourceKind.Local)
        {
            if (!_versionRecorded)
            {
                await _store.RecordVersionAsync(new VersionSeen(Environment, Release.Version, Release.StartedAt), cancellationToken);
                _versionRecorded = true;
            }

            var rollups = drained.Select(d => new MetricRollup(Environment, d.Metric.Name, d.Dimension, d.Minute, Release.Instance, Release.Version,
                d.Value.SampleCount, d.Value.Sum, d.Value.Minimum, d.Value.Maximum, d.Value.Buckets)).ToList();
            if (rollups.Count > 0)
            {
                await _store.WriteRollupsAsync(rollups, cancellationToken);
            }
        }

        _emf?.Write(Environment, Release.Version, drained.Where(d => d.Complete).Select(d => (d.Metric, d.Dimension, d.Minute, d.Value)));
    }

    public override void Dispose()
    {
        _listener.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.FlushSeconds), _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushQuietlyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last flush below writes what is left.
        }

        await FlushQuietlyAsync(CancellationToken.None);
    }

    private async Task FlushQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Metrics must never take the service down; the next flush writes this minute again.
            _logger.LogWarning(e, "Writing metric rollups failed");
        }
    }
}

/// <summary>Who is recording: the release version (annotations come from where it changes), this instance, and when it started.</summary>
public sealed record ReleaseIdentity(string Version, string Instance, DateTimeOffset StartedAt);
