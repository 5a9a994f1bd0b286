using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using SiteBuilder.Observability.Export;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Storage.Aws;

namespace SiteBuilder.Observability.Sources;

/// <summary>
/// CloudWatch <c>GetMetricData</c> over HTTP (the query protocol: a form POST answered in XML), signed with the code base's one
/// SigV4 signer, reading what every instance published as EMF in namespace <c>SiteBuilder/{env}</c>.
/// </summary>
public sealed class CloudWatchMetricsSource(HttpClient http, CloudWatchOptions options, TimeProvider clock) : IMetricsSource
{
    public const string SigningService = "monitoring";
    public const string ApiVersion = "2010-08-01";
    private static readonly XNamespace Ns = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    /// <summary>GetMetricData takes up to 500 queries per call.</summary>
    private const int MaxQueriesPerCall = 500;

    public string Name => "cloudwatch";

    public Uri Endpoint => new(string.IsNullOrWhiteSpace(options.ServiceUrl) ? $"https://monitoring.{options.Region}.amazonaws.com/" : options.ServiceUrl);

    public async Task<IReadOnlyList<MetricSeries>> QueryAsync(IReadOnlyList<MetricQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var results = new MetricSeries[queries.Count];
        // One call per time range: GetMetricData has one StartTime and EndTime for all of its queries.
        foreach (var range in queries.Select((q, i) => (Query: q, Index: i)).GroupBy(x => (x.Query.AlignedFrom, x.Query.To)))
        {
            foreach (var chunk in range.Chunk(MaxQueriesPerCall))
            {
                var answered = await GetMetricDataAsync([.. chunk.Select(c => c.Query)], range.Key.AlignedFrom, range.Key.To, cancellationToken);
                for (var i = 0; i < chunk.Length; i++)
                {
                    results[chunk[i].Index] = answered[i];
                }
            }
        }

        return results;
    }

    private async Task<IReadOnlyList<MetricSeries>> GetMetricDataAsync(IReadOnlyList<MetricQuery> queries, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var points = queries.Select(_ => new List<MetricPoint>()).ToArray();
        string? nextToken = null;
        do
        {
            var form = Form(queries, from, to, nextToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new FormUrlEncodedContent(form) };
            var credentials = await CredentialsAsync();
            await SigV4Signer.SignAsync(request, credentials, options.Region, SigningService, clock.GetUtcNow(), cancellationToken);

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new MetricsSourceException($"CloudWatch at {Endpoint} could not be reached ({e.Message}). Check SiteBuilder:Observability:CloudWatch:Region and the network path.", e);
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw Refused(response.StatusCode, body);
                }

                var document = XDocument.Parse(body);
                var results = document.Descendants(Ns + "MetricDataResults").Elements(Ns + "member");
                foreach (var result in results)
                {
                    var id = (string?)result.Element(Ns + "Id") ?? string.Empty;
                    if (!id.StartsWith('m') || !int.TryParse(id[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= queries.Count)
                    {
                        continue;
                    }

                    var timestamps = result.Element(Ns + "Timestamps")?.Elements(Ns + "member").Select(t => DateTimeOffset.Parse(t.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)).ToList() ?? [];
                    var values = result.Element(Ns + "Values")?.Elements(Ns + "member").Select(v => double.Parse(v.Value, CultureInfo.InvariantCulture)).ToList() ?? [];
                    points[index].AddRange(timestamps.Zip(values, (t, v) => new MetricPoint(t.ToUniversalTime(), v)));
                }

                nextToken = (string?)document.Descendants(Ns + "NextToken").FirstOrDefault() is { Length: > 0 } token ? token : null;
            }
        }
        while (nextToken is not null);

        return [.. queries.Select((q, i) => new MetricSeries(q.Environment, q.Metric, q.Statistic, q.Dimension,
            MetricCatalog.Find(q.Metric)?.Unit ?? "None", [.. points[i].OrderBy(p => p.Timestamp)]))];
    }

    private static List<KeyValuePair<string, string>> Form(IReadOnlyList<MetricQuery> queries, DateTimeOffset from, DateTimeOffset to, string? nextToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("Action", "GetMetricData"),
            new("Version", ApiVersion),
            new("StartTime", Iso(from)),
            new("EndTime", Iso(to)),
            new("ScanBy", "TimestampAscending"),
        };
        for (var i = 0; i < queries.Count; i++)
        {
            var q = queries[i];
            var prefix = $"MetricDataQueries.member.{i + 1}.";
            form.Add(new(prefix + "Id", $"m{i}"));
            form.Add(new(prefix + "ReturnData", "true"));
            form.Add(new(prefix + "MetricStat.Metric.Namespace", EmbeddedMetricFormat.Namespace(q.Environment)));
            form.Add(new(prefix + "MetricStat.Metric.MetricName", q.Metric));
            form.Add(new(prefix + "MetricStat.Metric.Dimensions.member.1.Name", MetricCatalog.EnvironmentDimension));
            form.Add(new(prefix + "MetricStat.Metric.Dimensions.member.1.Value", q.Environment));
            if (q.Dimension is not null && MetricCatalog.Find(q.Metric)?.Dimension is { } name)
            {
                form.Add(new(prefix + "MetricStat.Metric.Dimensions.member.2.Name", name));
                form.Add(new(prefix + "MetricStat.Metric.Dimensions.member.2.Value", q.Dimension));
            }

            form.Add(new(prefix + "MetricStat.Period", ((int)q.Period.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
            form.Add(new(prefix + "MetricStat.Stat", q.Statistic));
        }

        if (nextToken is not null)
        {
            form.Add(new("NextToken", nextToken));
        }

        return form;
    }

    private async Task<ImmutableCredentials> CredentialsAsync()
    {
        AWSCredentials credentials = !string.IsNullOrWhiteSpace(options.AccessKeyId)
            ? new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey)
            : await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync();
        return await credentials.GetCredentialsAsync();
    }

    /// <summary>CloudWatch's error document, turned into a message that says what to fix.</summary>
    private static MetricsSourceException Refused(HttpStatusCode status, string body)
    {
        string code = status.ToString(), message = body;
        try
        {
            var error = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? code;
            message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? message;
        }
        catch (System.Xml.XmlException)
        {
            // Not CloudWatch's XML (a proxy's page): the raw body is the best message there is.
        }

        var advice = code switch
        {
            "SignatureDoesNotMatch" or "IncompleteSignature" or "InvalidClientTokenId" or "UnrecognizedClientException" or "MissingAuthenticationToken"
                => "CloudWatch rejected the request's signature: check the task role or SiteBuilder:Observability:CloudWatch access keys, the region, and the clock.",
            "AccessDenied" or "AccessDeniedException" => "CloudWatch denied access: the task role needs cloudwatch:GetMetricData.",
            "Throttling" => "CloudWatch is throttling GetMetricData; the dashboard refreshes less often or over a shorter range.",
            _ => "CloudWatch could not answer the query.",
        };
        return new MetricsSourceException($"{advice} ({(int)status} {code}: {message})");
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
