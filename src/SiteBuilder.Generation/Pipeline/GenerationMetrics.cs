using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// Metrics of the seven agents (calls, errors, duration with the agent as a dimension) and of generations (time to first chunk,
/// time to last chunk, tokens). The dashboards read them; in AWS they are published in Embedded Metric Format.
/// </summary>
public sealed class GenerationMetrics : IDisposable
{
    public const string MeterName = "SiteBuilder.Generation";

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _timeToFirstChunk;
    private readonly Histogram<double> _timeToLastChunk;
    private readonly Counter<long> _tokens;

    public GenerationMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _calls = _meter.CreateCounter<long>("sitebuilder.agent.calls", description: "Calls of an agent");
        _errors = _meter.CreateCounter<long>("sitebuilder.agent.errors", description: "Failed calls of an agent");
        _duration = _meter.CreateHistogram<double>("sitebuilder.agent.duration", "ms", "Duration of an agent call");
        _timeToFirstChunk = _meter.CreateHistogram<double>("sitebuilder.generation.time_to_first_chunk", "ms", "From request to the first chunk");
        _timeToLastChunk = _meter.CreateHistogram<double>("sitebuilder.generation.time_to_last_chunk", "ms", "From request to the last chunk (TTLT)");
        _tokens = _meter.CreateCounter<long>("sitebuilder.generation.tokens", description: "Model tokens, by direction");
    }

    /// <summary>Times one agent call; dispose the result, after <see cref="AgentCall.Fail"/> if it failed.</summary>
    public AgentCall Measure(string agent) => new(this, agent);

    public void RecordFirstChunk(TimeSpan elapsed, string provider) => _timeToFirstChunk.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("provider", provider));

    public void RecordLastChunk(TimeSpan elapsed, string provider) => _timeToLastChunk.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("provider", provider));

    public void RecordTokens(long input, long output, string provider)
    {
        _tokens.Add(input, new("provider", provider), new("direction", "input"));
        _tokens.Add(output, new("provider", provider), new("direction", "output"));
    }

    public void Dispose() => _meter.Dispose();

    public sealed class AgentCall(GenerationMetrics metrics, string agent) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private bool _failed;

        public void Fail() => _failed = true;

        public void Dispose()
        {
            var tag = new KeyValuePair<string, object?>("agent", agent);
            metrics._calls.Add(1, tag);
            if (_failed)
            {
                metrics._errors.Add(1, tag);
            }

            metrics._duration.Record(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, tag);
        }
    }
}

/// <summary>The agent names of DESIGN §4, used as the metrics dimension.</summary>
public static class Agents
{
    public const string ThemeSelector = "theme_selector";
    public const string LayoutAgent = "layout_agent";
    public const string PageGenerator = "page_generator";
    public const string LogoCreator = "logo_creator";
    public const string BackgroundCreator = "background_creator";
    public const string BrandValidator = "brand_validator";
    public const string GenerationState = "generation_state";
}
