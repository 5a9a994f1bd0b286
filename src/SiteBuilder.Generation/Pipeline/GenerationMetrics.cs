using System.Diagnostics.Metrics;
using SiteBuilder.Observability.Metrics;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// Metrics of generations on the meter <c>SiteBuilder.Generation</c> (time to first and last chunk in seconds, brand score,
/// tokens), and the calls of the agents a generation runs, which go to the one agents meter (<see cref="AgentMetrics"/>).
/// </summary>
public sealed class GenerationMetrics
{
    public const string MeterName = InstrumentNames.GenerationMeter;

    private readonly AgentMetrics _agents;
    private readonly Histogram<double> _timeToFirstChunk;
    private readonly Histogram<double> _timeToLastChunk;
    private readonly Histogram<double> _brandScore;
    private readonly Counter<long> _tokens;

    public GenerationMetrics(IMeterFactory meters, AgentMetrics agents)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _agents = agents;
        var meter = meters.Create(MeterName);
        var durations = new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets.Boundaries };
        _timeToFirstChunk = meter.CreateHistogram<double>(InstrumentNames.TimeToFirstChunk, "s", "From the request to the first chunk of the page.", advice: durations);
        _timeToLastChunk = meter.CreateHistogram<double>(InstrumentNames.TimeToLastChunk, "s", "From the request to the last chunk of the page (TTLT).", advice: durations);
        _brandScore = meter.CreateHistogram<double>(InstrumentNames.BrandScore, "{score}", "Brand score (0-10) of each generated page.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ScoreBuckets.Boundaries });
        _tokens = meter.CreateCounter<long>(InstrumentNames.Tokens, "{token}", "Model tokens, by direction.");
    }

    /// <summary>Times one agent call; dispose it after <see cref="AgentMetrics.AgentCall.Succeed"/>, or it counts as an error.</summary>
    public AgentMetrics.AgentCall Measure(string agent) => _agents.Start(agent);

    /// <summary>Runs one agent call; an exception counts as an error of that agent and is rethrown.</summary>
    public T Measure<T>(string agent, Func<T> call) => _agents.Measure(agent, call);

    public void RecordFirstChunk(TimeSpan elapsed, string provider) => _timeToFirstChunk.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("provider", provider));

    public void RecordLastChunk(TimeSpan elapsed, string provider) => _timeToLastChunk.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("provider", provider));

    public void RecordBrandScore(double score) => _brandScore.Record(score);

    public void RecordTokens(long input, long output, string provider)
    {
        _tokens.Add(input, new("provider", provider), new("direction", "input"));
        _tokens.Add(output, new("provider", provider), new("direction", "output"));
    }
}
