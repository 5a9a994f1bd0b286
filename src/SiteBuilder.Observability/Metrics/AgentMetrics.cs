using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SiteBuilder.Observability.Metrics;

/// <summary>
/// Calls of the seven agents (DESIGN §4), on the one meter <c>SiteBuilder.Agents</c>: a duration histogram in seconds whose
/// count is the calls, tagged with the agent, the <c>outcome</c> and, for failures, <c>error.type</c> (OpenTelemetry's
/// convention), so a call that throws is an error and never a success.
/// </summary>
public sealed class AgentMetrics
{
    public const string MeterName = "SiteBuilder.Agents";

    private readonly Histogram<double> _duration;

    public AgentMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram<double>(InstrumentNames.AgentDuration, "s", "Duration of an agent call, by agent and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets.Boundaries });
    }

    /// <summary>Times one call: dispose it after <see cref="AgentCall.Succeed"/>, or it counts as an error (an exception went through).</summary>
    public AgentCall Start(string agent, string? provider = null) => new(this, agent, provider);

    /// <summary>Runs <paramref name="call"/> as one call of <paramref name="agent"/>; an exception is recorded with its type and rethrown.</summary>
    public T Measure<T>(string agent, Func<T> call, string? provider = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var measured = Start(agent, provider);
        try
        {
            var result = call();
            measured.Succeed();
            return result;
        }
        catch (Exception e)
        {
            measured.Fail(e.GetType().Name);
            throw;
        }
    }

    /// <summary>Records a call timed elsewhere; <paramref name="errorType"/> null for a success.</summary>
    public void Record(string agent, TimeSpan elapsed, string? errorType, string? provider = null)
    {
        var cancelled = errorType == AgentCall.CancelledMarker;
        var tags = new TagList { { "agent", agent }, { "outcome", cancelled ? Outcomes.Cancelled : errorType is null ? Outcomes.Success : Outcomes.Error } };
        if (errorType is not null && !cancelled)
        {
            tags.Add("error.type", errorType);
        }

        if (provider is not null)
        {
            tags.Add("provider", provider);
        }

        _duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>One agent call in flight. Not thread-safe: one caller owns it.</summary>
    public sealed class AgentCall : IDisposable
    {
        /// <summary>OpenTelemetry's value for an error whose type is not known.</summary>
        public const string UnknownError = "_OTHER";

        internal const string CancelledMarker = "\0cancelled";

        private readonly AgentMetrics _metrics;
        private readonly string _agent;
        private readonly string? _provider;
        private readonly long _started = Stopwatch.GetTimestamp();
        private string? _errorType = UnknownError;
        private bool _recorded;

        internal AgentCall(AgentMetrics metrics, string agent, string? provider)
        {
            _metrics = metrics;
            _agent = agent;
            _provider = provider;
        }

        public void Succeed() => _errorType = null;

        /// <summary>The caller gave up (a user's cancel): recorded with the outcome <c>cancelled</c>, not as an error.</summary>
        public void Cancel() => _errorType = CancelledMarker;

        /// <param name="errorType">What went wrong, low-cardinality: an exception type, <c>throttled</c>, <c>timeout</c>.</param>
        public void Fail(string errorType = UnknownError) => _errorType = errorType;

        public void Dispose()
        {
            if (_recorded)
            {
                return;
            }

            _recorded = true;
            _metrics.Record(_agent, Stopwatch.GetElapsedTime(_started), _errorType, _provider);
        }
    }
}

/// <summary>The values of the <c>outcome</c> tag.</summary>
public static class Outcomes
{
    public const string Success = "success";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
}

/// <summary>The agent names of DESIGN §4, used as the <c>agent</c> tag and the CloudWatch <c>Agent</c> dimension.</summary>
public static class Agents
{
    public const string ThemeSelector = "theme_selector";
    public const string LayoutAgent = "layout_agent";
    public const string PageGenerator = "page_generator";
    public const string LogoCreator = "logo_creator";
    public const string BackgroundCreator = "background_creator";
    public const string BrandValidator = "brand_validator";
    public const string GenerationState = "generation_state";

    public static IReadOnlyList<string> All { get; } = [ThemeSelector, LayoutAgent, PageGenerator, LogoCreator, BackgroundCreator, BrandValidator, GenerationState];
}
