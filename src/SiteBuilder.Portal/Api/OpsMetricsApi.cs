using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SiteBuilder.Observability.Alarms;
using SiteBuilder.Observability.Sources;
using SiteBuilder.Portal.Auth;

namespace SiteBuilder.Portal.Api;

/// <summary>
/// <c>GET /v1/ops/metrics</c> and <c>GET /v1/ops/alarms</c>: the dashboards' data for scripts. Organisation-wide (no tenant),
/// bearer tokens of users with an ops role; contract in <c>openapi/observability-api.yaml</c>.
/// </summary>
public static class OpsMetricsApi
{
    /// <summary>At most this many periods in one answer, so a script cannot ask for 14 days by the minute.</summary>
    public const int MaxPoints = 1440;

    public static IEndpointRouteBuilder MapOpsMetricsApi(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/v1/ops")
            .RequireAuthorization(OperationsPolicies.ApiView)
            .DisableAntiforgery()
            .WithTags("Operations")
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
        ops.MapGet("/metrics", GetMetricAsync).WithName("GetOpsMetric");
        ops.MapGet("/alarms", GetAlarmsAsync).WithName("GetOpsAlarms");
        return app;
    }

    private static async Task<Results<Ok<MetricResponse>, ProblemHttpResult>> GetMetricAsync(
        HttpContext context, IMetricsSource source, ObservedEnvironments environments, TimeProvider clock,
        string? name, string? environment, string? from, string? to, int? period, string? statistic, string? dimension)
    {
        var errors = new Dictionary<string, string[]>();
        var metric = name is null ? null : SiteBuilder.Observability.Metrics.MetricCatalog.Find(name);
        if (metric is null)
        {
            errors["name"] = [$"name is one of {string.Join(", ", SiteBuilder.Observability.Metrics.MetricCatalog.All.Select(m => m.Name))}."];
        }

        var env = environment ?? environments.Own;
        if (!environments.Contains(env))
        {
            errors["environment"] = [$"environment is one of {string.Join(", ", environments.All)}."];
        }

        var end = ParseTime(to, "to", errors) ?? clock.GetUtcNow();
        var start = ParseTime(from, "from", errors) ?? end.AddHours(-1);
        var seconds = period ?? 60;
        if (seconds < 60 || seconds % 60 != 0)
        {
            errors["period"] = ["period is a whole number of minutes, in seconds: 60, 300, 3600 …"];
        }
        else if (start >= end)
        {
            errors["from"] = ["from must be before to."];
        }
        else if ((end - start).TotalSeconds / seconds > MaxPoints)
        {
            errors["period"] = [$"from … to holds more than {MaxPoints} periods of {seconds} s: choose a longer period."];
        }

        var stat = statistic ?? (metric?.Kind == SiteBuilder.Observability.Metrics.MetricKind.Distribution ? "Average" : metric?.Kind == SiteBuilder.Observability.Metrics.MetricKind.Gauge ? "Maximum" : "Sum");
        if (!MetricQuery.IsStatistic(stat))
        {
            errors["statistic"] = ["statistic is Sum, Average, Minimum, Maximum, SampleCount or a percentile such as p95."];
        }

        if (dimension is not null && metric is not null && metric.Dimension is null)
        {
            errors["dimension"] = [$"{metric.Name} has no dimension besides the environment."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        try
        {
            var series = (await source.QueryAsync([new MetricQuery(env, metric!.Name, start, end, TimeSpan.FromSeconds(seconds), stat, dimension)], context.RequestAborted))[0];
            return TypedResults.Ok(new MetricResponse(series.Metric, series.Environment, series.Statistic, series.Unit, seconds, metric.Dimension, series.Dimension, start, end,
                [.. series.Points.Select(p => new MetricPointResponse(p.Timestamp, p.Value))]));
        }
        catch (MetricsSourceException e)
        {
            return ApiProblems.Unavailable($"The metrics source ({source.Name}) could not answer: {e.Message}");
        }
    }

    private static async Task<Results<Ok<AlarmsResponse>, ProblemHttpResult>> GetAlarmsAsync(HttpContext context, AlarmEvaluator alarms, ObservedEnvironments environments, string? environment)
    {
        var env = environment ?? environments.Own;
        if (!environments.Contains(env))
        {
            return ApiProblems.Validation("environment", $"environment is one of {string.Join(", ", environments.All)}.");
        }

        var states = await alarms.StatesAsync(env, context.RequestAborted);
        return TypedResults.Ok(new AlarmsResponse(env, [.. states.Select(s =>
        {
            var a = alarms.Catalog.Find(s.AlarmId)!;
            return new AlarmResponse(a.Id, a.Title, a.Description, a.Expression ?? a.Metric, a.Statistic, a.Comparison, a.Threshold, a.PeriodSeconds, a.RollbackTrigger,
                s.State.ToWire(), s.Since == DateTimeOffset.MinValue ? null : s.Since, s.Value, s.Reason, a.RunbookUrl);
        })]));
    }

    private static DateTimeOffset? ParseTime(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        errors[field] = [$"{field} is an ISO 8601 time such as 2026-12-06T12:00:00Z."];
        return null;
    }
}

public sealed record MetricPointResponse(DateTimeOffset Timestamp, double Value);

public sealed record MetricResponse(
    string Name, string Environment, string Statistic, string Unit, int Period, string? DimensionName, string? Dimension,
    DateTimeOffset From, DateTimeOffset To, IReadOnlyList<MetricPointResponse> Points);

public sealed record AlarmResponse(
    string Id, string Title, string Description, string Metric, string Statistic, string Comparison, double Threshold, int PeriodSeconds,
    bool RollbackTrigger, string State, DateTimeOffset? Since, double? Value, string Reason, string RunbookUrl);

public sealed record AlarmsResponse(string Environment, IReadOnlyList<AlarmResponse> Alarms);
