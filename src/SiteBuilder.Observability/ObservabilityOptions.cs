using System.ComponentModel.DataAnnotations;

namespace SiteBuilder.Observability;

/// <summary>Where the dashboards and alarms read metrics from.</summary>
public enum MetricsSourceKind
{
    /// <summary>One-minute rollups this service writes to its own data store (SQLite, or the DynamoDB operations table).</summary>
    Local,

    /// <summary>CloudWatch <c>GetMetricData</c> in namespace <c>SiteBuilder/{env}</c>, fed by the EMF lines of every instance.</summary>
    CloudWatch,
}

/// <summary><c>SiteBuilder:Observability</c>: export, the metrics source, alarm evaluation.</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "SiteBuilder:Observability";

    public MetricsSourceKind Source { get; set; } = MetricsSourceKind.Local;

    /// <summary>
    /// Record metrics into rollups and EMF lines (the meters' listener). Off only to measure what recording costs
    /// (<c>scripts/bench.sh recording</c>): with it off, dashboards and alarms see nothing from this instance.
    /// </summary>
    public bool Record { get; set; } = true;

    /// <summary>Write CloudWatch Embedded Metric Format lines to stdout (AWS: the awslogs driver turns them into metrics).</summary>
    public bool EmbeddedMetricFormat { get; set; }

    /// <summary>An OTLP endpoint (e.g. http://otel-collector:4317) to export to; none when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How often this instance writes its current rollups (and EMF lines of finished minutes).</summary>
    [Range(1, 60, ErrorMessage = "SiteBuilder:Observability:FlushSeconds is between 1 and 60.")]
    public int FlushSeconds { get; set; } = 10;

    /// <summary>How often the alarm evaluator (one instance at a time) evaluates every alarm.</summary>
    [Range(5, 600, ErrorMessage = "SiteBuilder:Observability:AlarmEvaluationSeconds is between 5 and 600.")]
    public int AlarmEvaluationSeconds { get; set; } = 60;

    /// <summary>Environments the dashboard offers; the service's own environment when empty.</summary>
    public List<string> Environments { get; set; } = [];

    /// <summary>The release version on this instance's metrics; the assembly's informational version when empty.</summary>
    public string? Version { get; set; }

    public CloudWatchOptions CloudWatch { get; set; } = new();

    /// <summary>The quality gate of SIT → PROD promotions.</summary>
    public QualityGateOptions QualityGate { get; set; } = new();
}

/// <summary><c>SiteBuilder:Observability:CloudWatch</c>: where GetMetricData goes and how it is signed.</summary>
public sealed class CloudWatchOptions
{
    public string Region { get; set; } = "us-east-1";

    /// <summary>An endpoint other than the region's (a local fake in tests).</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Access keys; the AWS default credential chain (ECS task role) when empty.</summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }
}

/// <summary><c>SiteBuilder:Observability:QualityGate</c>: how much worse SIT may be than PROD before a promotion is held.</summary>
public sealed class QualityGateOptions
{
    /// <summary>Brand score points SIT's mean may be below PROD's.</summary>
    [Range(0, 10)]
    public double BrandScoreTolerance { get; set; } = 0.3;

    /// <summary>Fraction by which SIT's TTLT p95 may exceed PROD's (0.2 = 20 %).</summary>
    [Range(0, 10)]
    public double TimeToLastChunkTolerance { get; set; } = 0.2;

    /// <summary>How far back both environments are compared.</summary>
    [Range(1, 24 * 14)]
    public int WindowHours { get; set; } = 24;
}
