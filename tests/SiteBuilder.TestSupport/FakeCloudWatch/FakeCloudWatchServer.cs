using System.Collections.Concurrent;
using System.Globalization;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SiteBuilder.TestSupport.Aws;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.TestSupport.FakeCloudWatch;

/// <summary>
/// A local CloudWatch that answers <c>GetMetricData</c> in the query protocol (form POST, XML answer, CloudWatch's
/// <c>ErrorResponse</c> on failure) after checking the SigV4 signature (service <c>monitoring</c>). Tests put raw data points;
/// the fake computes Sum, Average, Minimum, Maximum, SampleCount and pNN per period, periods aligned as CloudWatch aligns them.
/// </summary>
public sealed class FakeCloudWatchServer : IAsyncDisposable
{
    private const string Xmlns = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    private readonly ConcurrentBag<(string Namespace, string Metric, string Dimensions, DateTimeOffset At, double Value)> _points = [];
    private readonly ConcurrentQueue<string> _rejections = new();
    private LoopbackWebApp? _app;

    private FakeCloudWatchServer(FakeAwsCredentials credentials) => Credentials = credentials;

    public FakeAwsCredentials Credentials { get; }

    public Uri BaseUrl => _app?.BaseUrl ?? throw new InvalidOperationException("Not started.");

    /// <summary>Why requests were refused (bad signature …), in order.</summary>
    public IReadOnlyList<string> Rejections => [.. _rejections];

    public int Calls { get; private set; }

    public static async Task<FakeCloudWatchServer> StartAsync(FakeAwsCredentials? credentials = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeCloudWatchServer(credentials ?? FakeAwsCredentials.LongTerm);
        server._app = await LoopbackWebApp.StartAsync(server.HandleAsync, cancellationToken);
        return server;
    }

    /// <summary>One data point as an EMF line would publish it; dimensions as <c>Name=Value</c> pairs.</summary>
    public void Put(string ns, string metric, DateTimeOffset at, double value, params (string Name, string Value)[] dimensions) =>
        _points.Add((ns, metric, Key(dimensions), at, value));

    public ValueTask DisposeAsync() => _app?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static string Key(IEnumerable<(string Name, string Value)> dimensions) =>
        string.Join('|', dimensions.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => $"{d.Name}={d.Value}"));

    private async Task HandleAsync(HttpContext context)
    {
        Calls++;
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var verdict = SigV4Verifier.Verify(context.Request, rawTarget, body, [Credentials], "monitoring", DateTimeOffset.UtcNow);
        if (!verdict.IsValid)
        {
            _rejections.Enqueue(verdict.Failure!);
            var code = verdict.Failure!.Contains("security token", StringComparison.Ordinal) ? "InvalidClientTokenId" : "SignatureDoesNotMatch";
            await ErrorAsync(context, 403, code, verdict.Failure);
            return;
        }

        var form = Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : string.Empty, StringComparer.Ordinal);
        if (form.GetValueOrDefault("Action") != "GetMetricData" || form.GetValueOrDefault("Version") != "2010-08-01")
        {
            await ErrorAsync(context, 400, "InvalidAction", $"The action {form.GetValueOrDefault("Action")} is not valid for this web service.");
            return;
        }

        var start = DateTimeOffset.Parse(form["StartTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var end = DateTimeOffset.Parse(form["EndTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var xml = new StringBuilder($"<GetMetricDataResponse xmlns=\"{Xmlns}\"><GetMetricDataResult><MetricDataResults>");
        for (var i = 1; form.ContainsKey($"MetricDataQueries.member.{i}.Id"); i++)
        {
            var prefix = $"MetricDataQueries.member.{i}.";
            var dimensions = new List<(string, string)>();
            for (var d = 1; form.TryGetValue($"{prefix}MetricStat.Metric.Dimensions.member.{d}.Name", out var name); d++)
            {
                dimensions.Add((name, form[$"{prefix}MetricStat.Metric.Dimensions.member.{d}.Value"]));
            }

            var ns = form[$"{prefix}MetricStat.Metric.Namespace"];
            var metric = form[$"{prefix}MetricStat.Metric.MetricName"];
            var period = TimeSpan.FromSeconds(int.Parse(form[$"{prefix}MetricStat.Period"], CultureInfo.InvariantCulture));
            var stat = form[$"{prefix}MetricStat.Stat"];
            var key = Key(dimensions);
            var alignedStart = new DateTimeOffset(start.UtcTicks - ((start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % period.Ticks), TimeSpan.Zero);
            var periods = _points.Where(p => p.Namespace == ns && p.Metric == metric && p.Dimensions == key && p.At >= alignedStart && p.At < end)
                .GroupBy(p => p.At.UtcTicks - ((p.At.UtcTicks - alignedStart.UtcTicks) % period.Ticks))
                .OrderBy(g => g.Key)
                .Select(g => (At: new DateTimeOffset(g.Key, TimeSpan.Zero), Value: Statistic(stat, [.. g.Select(p => p.Value)])))
                .ToList();
            xml.Append("<member><Timestamps>");
            foreach (var (at, _) in periods)
            {
                xml.Append("<member>").Append(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append("</member>");
            }

            xml.Append("</Timestamps><Label>").Append(SecurityElement.Escape(metric)).Append("</Label><Id>").Append(SecurityElement.Escape(form[$"{prefix}Id"]))
                .Append("</Id><StatusCode>Complete</StatusCode><Values>");
            foreach (var (_, value) in periods)
            {
                xml.Append("<member>").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append("</member>");
            }

            xml.Append("</Values></member>");
        }

        xml.Append("</MetricDataResults><Messages/></GetMetricDataResult><ResponseMetadata><RequestId>")
            .Append(Guid.NewGuid()).Append("</RequestId></ResponseMetadata></GetMetricDataResponse>");
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(xml.ToString(), context.RequestAborted);
    }

    private static double Statistic(string stat, IReadOnlyList<double> values)
    {
        switch (stat)
        {
            case "Sum": return values.Sum();
            case "Average": return values.Average();
            case "Minimum": return values.Min();
            case "Maximum": return values.Max();
            case "SampleCount": return values.Count;
        }

        var p = double.Parse(stat[1..], CultureInfo.InvariantCulture) / 100;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        return context.Response.WriteAsync(
            $"<ErrorResponse xmlns=\"{Xmlns}\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message></Error><RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>",
            context.RequestAborted);
    }
}
