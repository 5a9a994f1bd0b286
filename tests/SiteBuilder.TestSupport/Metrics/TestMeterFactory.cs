using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SiteBuilder.TestSupport.Metrics;

/// <summary>
/// An <see cref="IMeterFactory"/> of its own for one test: its meters carry it as their scope, so a <c>MetricCollector</c>
/// given this factory sees only this test's measurements while other tests record in parallel.
/// </summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly ConcurrentBag<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
