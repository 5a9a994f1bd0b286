using SiteBuilder.Observability.Dashboards;
using SiteBuilder.Observability.Sources;
using SiteBuilder.Portal.Components.Pages.Operations;

namespace SiteBuilder.Portal.Tests.Operations;

/// <summary>The Plotly figure of a dashboard chart: its lines, its thresholds and the deployments within the range.</summary>
public sealed class MetricChartFigureTests
{
    private static readonly DateTimeOffset To = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ThresholdsAreDashedLinesAcrossAndDeploymentsInTheRangeAreLabelledVerticalLines()
    {
        var from = To.AddHours(-1);
        var series = new MetricSeries("dev", "Http5xx", "Sum", null, "Count", [new(from.AddMinutes(1), 2), new(from.AddMinutes(2), 14)]);
        var chart = new DashboardChart("http-5xx", "5XX responses", "Count", [new ChartSeries("5XX", series)], [new ChartThreshold("http-5xx", "5XX > 10", 10)]);
        DeploymentAnnotation[] deployments =
        [
            new("dev", from.AddMinutes(30), DeploymentAnnotation.Deployment, "1.4.0"),
            new("dev", from.AddMinutes(45), DeploymentAnnotation.Rollback, "1.3.9"),
            new("dev", from.AddHours(-2), DeploymentAnnotation.Deployment, "1.3.9"),
        ];

        var layout = MetricChartFigure.Layout(chart, deployments, from, To);
        var trace = Assert.IsType<Plotly.Blazor.Traces.Scatter>(Assert.Single(MetricChartFigure.Traces(chart)));

        Assert.Equal([14.0 / 1, 2], trace.Y.Cast<double>().Reverse());
        Assert.Equal(["threshold", "deployment", "deployment"], layout.Shapes.Select(s => s.Name));
        var threshold = layout.Shapes[0];
        Assert.Equal(("paper", 10.0, "dash"), (threshold.XRef, Convert.ToDouble(threshold.Y0, System.Globalization.CultureInfo.InvariantCulture), threshold.Line.Dash));
        Assert.Equal(["2026-12-06 11:30:00", "2026-12-06 11:45:00"], layout.Shapes.Skip(1).Select(s => (string)s.X0));
        Assert.Equal(["alarm 10", "deployment 1.4.0", "rollback 1.3.9"], layout.Annotations.Select(a => a.Text));
        Assert.Contains("rollback 1.3.9 at 11:45 UTC", MetricChartFigure.Summary(chart, deployments[..2]), StringComparison.Ordinal);
    }

    [Fact]
    public void TheFigureIsWrittenWithPlotlysNamesAndWithoutUnsetProperties()
    {
        var from = To.AddHours(-1);
        var series = new MetricSeries("dev", "Http5xx", "Sum", null, "Count", [new(from.AddMinutes(1), 2), new(from.AddMinutes(2), 14)]);
        var chart = new DashboardChart("http-5xx", "5XX responses", "Count", [new ChartSeries("5XX", series)], [new ChartThreshold("http-5xx", "5XX > 10", 10)]);

        var figure = MetricChartFigure.Figure(chart, [new("dev", from.AddMinutes(30), DeploymentAnnotation.Deployment, "1.4.0")], from, To);

        var trace = Assert.Single(figure.GetProperty("data").EnumerateArray());
        Assert.Equal(("scatter", "lines+markers", "2026-12-06 11:01:00"), (trace.GetProperty("type").GetString(), trace.GetProperty("mode").GetString(), trace.GetProperty("x")[0].GetString()));
        var layout = figure.GetProperty("layout");
        // One x axis is plotly's "xaxis", not a list.
        Assert.Equal(("date", "%H:%M"), (layout.GetProperty("xaxis").GetProperty("type").GetString(), layout.GetProperty("xaxis").GetProperty("tickformat").GetString()));
        Assert.Equal(["dash", "dot"], layout.GetProperty("shapes").EnumerateArray().Select(s => s.GetProperty("line").GetProperty("dash").GetString()));
        Assert.False(figure.GetProperty("config").GetProperty("displayModeBar").GetBoolean());
        Assert.DoesNotContain("null", figure.GetRawText(), StringComparison.Ordinal);
    }
}
