using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using PlotLayout = Plotly.Blazor.Layout;
using SiteBuilder.Observability.Dashboards;
using SiteBuilder.Observability.Sources;

namespace SiteBuilder.Portal.Components.Pages.Operations;

/// <summary>
/// One dashboard chart as a Plotly figure: a line per series, every alarm threshold as a dashed horizontal line with its value,
/// every deployment and rollback as a vertical line labelled with its version, on a time axis fixed to the dashboard's range.
/// Plain data, so the page stays markup and the figure is unit-tested.
/// </summary>
public static class MetricChartFigure
{
    public static readonly IReadOnlyList<string> Palette = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037"];

    /// <summary>Text, grid, threshold and deployment colours that read on the theme's surface.</summary>
    private sealed record Ink(string Text, string Grid, string Threshold, string Deployment);

    private static readonly Ink Light = new("#424242", "#e0e0e0", "#b71c1c", "#4a148c");
    private static readonly Ink Dark = new("#e0e0e0", "rgba(255,255,255,0.14)", "#ef9a9a", "#ce93d8");

    /// <summary>
    /// The whole figure as plotly.js reads it, <c>{ data, layout, config }</c>, for the chart's script: written with
    /// Plotly.Blazor's converters and its chart component's settings (plotly.js's names, nulls left to plotly's defaults).
    /// </summary>
    public static JsonElement Figure(DashboardChart chart, IReadOnlyList<DeploymentAnnotation> deployments, DateTimeOffset from, DateTimeOffset to, bool dark = false) =>
        JsonSerializer.SerializeToElement(new PlotlyFigure(Traces(chart), Layout(chart, deployments, from, to, dark), Config()), PlotlyJson);

    private sealed record PlotlyFigure(
        [property: JsonPropertyName("data")] IList<ITrace> Data,
        [property: JsonPropertyName("layout")] PlotLayout Layout,
        [property: JsonPropertyName("config")] Config Config);

    private static readonly JsonSerializerOptions PlotlyJson = new()
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new PolymorphicConverter<ITrace>(), new DateTimeConverter(), new DateTimeOffsetConverter() },
    };

    public static IList<ITrace> Traces(DashboardChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return [.. chart.Series.Select((series, i) => (ITrace)new Scatter
        {
            Name = series.Label,
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
            X = [.. series.Data.Points.Select(p => (object)Time(p.Timestamp))],
            Y = [.. series.Data.Points.Select(p => (object)p.Value)],
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = Palette[i % Palette.Count], Width = 2 },
            Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Size = 3, Color = Palette[i % Palette.Count] },
        })];
    }

    public static PlotLayout Layout(DashboardChart chart, IReadOnlyList<DeploymentAnnotation> deployments, DateTimeOffset from, DateTimeOffset to, bool dark = false)
    {
        var ink = dark ? Dark : Light;
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(deployments);
        var shown = deployments.Where(d => d.At >= from && d.At <= to).ToList();
        var shapes = new List<Shape>();
        var labels = new List<Annotation>();
        foreach (var threshold in chart.Thresholds)
        {
            shapes.Add(new Shape
            {
                Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
                XRef = "paper", X0 = 0, X1 = 1, YRef = "y", Y0 = threshold.Value, Y1 = threshold.Value,
                Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = ink.Threshold, Dash = "dash", Width = 1.5m },
                Name = "threshold",
            });
            labels.Add(new Annotation
            {
                XRef = "paper", X = 1, XAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.XAnchorEnum.Right,
                YRef = "y", Y = threshold.Value, YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Bottom,
                Text = "alarm " + Format(threshold.Value), ShowArrow = false,
                Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Size = 10, Color = ink.Threshold },
            });
        }

        foreach (var deployment in shown)
        {
            shapes.Add(new Shape
            {
                Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
                XRef = "x", X0 = Time(deployment.At), X1 = Time(deployment.At), YRef = "paper", Y0 = 0, Y1 = 1,
                Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = ink.Deployment, Dash = "dot", Width = 1.5m },
                Name = "deployment",
            });
            labels.Add(new Annotation
            {
                // Near the right edge the label goes to the left of its line, so it stays inside a phone-wide chart.
                XRef = "x", X = Time(deployment.At),
                XAnchor = (deployment.At - from) / (to - from) > 0.6 ? Plotly.Blazor.LayoutLib.AnnotationLib.XAnchorEnum.Right : Plotly.Blazor.LayoutLib.AnnotationLib.XAnchorEnum.Left,
                YRef = "paper", Y = 1, YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Top,
                Text = $"{deployment.Kind} {deployment.Version}", ShowArrow = false,
                Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Size = 10, Color = ink.Deployment },
            });
        }

        var values = chart.Series.SelectMany(s => s.Data.Points).Select(p => p.Value).Concat(chart.Thresholds.Select(t => t.Value)).ToList();
        var top = values.Count == 0 || values.Max() <= 0 ? 1 : values.Max() * 1.15;
        return new PlotLayout
        {
            Height = 200,
            AutoSize = true,
            ShowLegend = false,
            Margin = new Margin { L = 44, R = 8, T = 8, B = 28 },
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
            Font = new Font { Size = 11, Color = ink.Text },
            // Few, flat tick labels: a phone-wide chart has room for four.
            XAxis = [new XAxis
            {
                Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, Range = [Time(from), Time(to)], FixedRange = true,
                NTicks = 4, TickAngle = 0, TickFormat = to - from <= TimeSpan.FromDays(1) ? "%H:%M" : "%b %d",
                GridColor = ink.Grid, LineColor = ink.Grid,
            }],
            YAxis = [new YAxis { Range = [0, top], FixedRange = true, NTicks = 4, GridColor = ink.Grid, LineColor = ink.Grid, ZeroLineColor = ink.Grid }],
            Shapes = shapes,
            Annotations = labels,
        };
    }

    public static Config Config() => new()
    {
        Responsive = true,
        DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False,
        DisplayLogo = false,
    };

    /// <summary>Plotly's date format, in UTC (it reads no time zone).</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Format(double value) => value switch
    {
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>What the chart shows, for screen readers (the plot itself is a picture).</summary>
    public static string Summary(DashboardChart chart, IReadOnlyList<DeploymentAnnotation> deployments)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(deployments);
        return $"{chart.Title}: " + string.Join("; ", chart.Series.Select(s => s.Data.Points.Count == 0
                ? $"{s.Label} no data"
                : $"{s.Label} last {Format(s.Data.Points[^1].Value)}, highest {Format(s.Data.Points.Max(p => p.Value))}"))
            + (chart.Thresholds.Count > 0 ? $"; alarm at {string.Join(", ", chart.Thresholds.Select(t => Format(t.Value)))}" : "")
            + (deployments.Count > 0 ? $"; {string.Join(", ", deployments.Select(d => $"{d.Kind} {d.Version} at {d.At:HH:mm} UTC"))}" : "");
    }

    internal static IEnumerable<MetricPoint> Points(DashboardChart chart) => chart.Series.SelectMany(s => s.Data.Points);
}
