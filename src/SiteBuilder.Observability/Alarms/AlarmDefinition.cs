using System.Text.Json;
using System.Text.Json.Serialization;

namespace SiteBuilder.Observability.Alarms;

/// <summary>
/// One alarm of <c>terraform/modules/monitoring/alarms.json</c>, the file terraform's monitoring module reads too. Alarms with
/// <see cref="EvaluatedBy"/> <c>portal</c> (a threshold relative to the previous release) exist only here: CloudWatch cannot express them.
/// </summary>
public sealed record AlarmDefinition
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string Description { get; init; } = string.Empty;

    /// <summary>The CloudWatch metric name; for an expression alarm, the name of its result.</summary>
    public required string Metric { get; init; }

    /// <summary><c>100 * Http5xx / HttpRequests</c>: a ratio of two metrics' sums, in percent.</summary>
    public string? Expression { get; init; }

    public required string Statistic { get; init; }

    [JsonPropertyName("period_seconds")]
    public int PeriodSeconds { get; init; }

    [JsonPropertyName("evaluation_periods")]
    public int EvaluationPeriods { get; init; } = 1;

    /// <summary>GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold.</summary>
    public required string Comparison { get; init; }

    public double Threshold { get; init; }

    public string Unit { get; init; } = "None";

    /// <summary>notBreaching, breaching, missing (INSUFFICIENT_DATA), as CloudWatch's TreatMissingData.</summary>
    [JsonPropertyName("treat_missing_data")]
    public string TreatMissingData { get; init; } = "missing";

    /// <summary><c>troubleshooting#agent-errors</c>: the runbook and the section to open, linked as <c>/runbooks/troubleshooting#agent-errors</c>.</summary>
    public required string Runbook { get; init; }

    [JsonPropertyName("rollback_trigger")]
    public bool RollbackTrigger { get; init; }

    /// <summary><c>previous_release</c>: the threshold is a multiple of the same statistic over the day before the current release.</summary>
    [JsonPropertyName("threshold_relative_to")]
    public string? ThresholdRelativeTo { get; init; }

    /// <summary><c>cloudwatch</c> (default: terraform creates it) or <c>portal</c> (only the portal's evaluator has it).</summary>
    [JsonPropertyName("evaluated_by")]
    public string EvaluatedBy { get; init; } = "cloudwatch";

    public TimeSpan Period => TimeSpan.FromSeconds(PeriodSeconds);

    /// <summary>The portal path of the runbook section.</summary>
    public string RunbookUrl => "/runbooks/" + Runbook;

    public bool Breaches(double value) => Comparison switch
    {
        "GreaterThanThreshold" => value > Threshold,
        "GreaterThanOrEqualToThreshold" => value >= Threshold,
        "LessThanThreshold" => value < Threshold,
        "LessThanOrEqualToThreshold" => value <= Threshold,
        _ => throw new InvalidOperationException($"Alarm {Id} has an unknown comparison '{Comparison}'."),
    };

    public string ComparisonSymbol => Comparison switch
    {
        "GreaterThanThreshold" => ">",
        "GreaterThanOrEqualToThreshold" => "≥",
        "LessThanThreshold" => "<",
        _ => "≤",
    };
}

/// <summary>The alarm definitions file: a namespace pattern and the alarms.</summary>
public sealed record AlarmCatalog(string Namespace, IReadOnlyList<AlarmDefinition> Alarms)
{
    /// <summary>Where the portal finds the file: shipped next to the binaries (see the Portal project), the repository's otherwise.</summary>
    public const string FileName = "alarms.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, ReadCommentHandling = JsonCommentHandling.Skip };

    public AlarmDefinition? Find(string id) => Alarms.FirstOrDefault(a => a.Id == id);

    public static AlarmCatalog Parse(string json)
    {
        var file = JsonSerializer.Deserialize<AlarmFile>(json, Json) ?? throw new FormatException("The alarm definitions file is empty.");
        var alarms = file.Alarms ?? [];
        foreach (var alarm in alarms)
        {
            if (alarm.PeriodSeconds < 60 || alarm.PeriodSeconds % 60 != 0)
            {
                throw new FormatException($"Alarm {alarm.Id}: period_seconds must be a multiple of 60.");
            }

            if (!Sources.MetricQuery.IsStatistic(alarm.Statistic))
            {
                throw new FormatException($"Alarm {alarm.Id}: '{alarm.Statistic}' is not a statistic.");
            }

            if (alarm.Expression is null && Metrics.MetricCatalog.Find(alarm.Metric) is null)
            {
                throw new FormatException($"Alarm {alarm.Id}: '{alarm.Metric}' is not a metric the service publishes.");
            }

            alarm.Breaches(0);
        }

        var duplicate = alarms.GroupBy(a => a.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"Two alarms share the id '{duplicate.Key}'.");
        }

        return new AlarmCatalog(file.Namespace ?? "SiteBuilder/{env}", alarms);
    }

    public static AlarmCatalog Load(string path) => Parse(File.ReadAllText(path));

    private sealed record AlarmFile(string? Namespace, List<AlarmDefinition>? Alarms);
}
