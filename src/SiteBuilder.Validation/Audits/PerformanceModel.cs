namespace SiteBuilder.Validation;

/// <summary>The load-time estimate behind <see cref="ValidationReport.PerformanceMs"/>.</summary>
/// <param name="TotalMs">Document + render-blocking + subresources + CPU.</param>
/// <param name="DocumentMs">Connection set-up, request and download of the HTML.</param>
/// <param name="RenderBlockingMs">Stylesheets, <c>@import</c>s and synchronous head scripts the first paint waits for.</param>
/// <param name="SubresourcesMs">Everything else fetched for the first load (lazy images excluded).</param>
/// <param name="CpuMs">Parsing, style and layout on a mobile CPU.</param>
/// <param name="Requests">Requests besides the document.</param>
/// <param name="TransferBytes">HTML plus the estimated size of those requests.</param>
/// <param name="ExternalOrigins">Other origins contacted (each costs a connection set-up).</param>
/// <param name="Model">The model's parameters in one line.</param>
public sealed record PerformanceEstimate(
    int TotalMs,
    int DocumentMs,
    int RenderBlockingMs,
    int SubresourcesMs,
    int CpuMs,
    int Requests,
    long TransferBytes,
    int ExternalOrigins,
    string Model);

/// <summary>
/// Estimates load time on Lighthouse's "Slow 4G" mobile profile. A static page cannot be timed, so this is a
/// stated model, not a measurement; it ranks pages consistently and shows where the time goes.
/// <list type="bullet">
/// <item>Network: 150 ms round trip (RTT), 1.6 Mbit/s (200,000 bytes/s) down, shared by all transfers.</item>
/// <item>A new origin costs 3 RTT to connect (DNS, TCP, TLS); connections to different origins open in parallel.</item>
/// <item>Document: 3 RTT connect + 1 RTT request + HTML bytes ÷ throughput.</item>
/// <item>Render-blocking (stylesheets whose media applies, <c>@import</c>s, head scripts without async/defer):
///   fetched in parallel once the HTML arrives: 3 RTT if any is on another origin + 1 RTT + their bytes ÷ throughput.</item>
/// <item>Other requests (lazy images excluded): 3 RTT if any is on another origin + 1 RTT per wave of 6 requests on
///   the busiest origin + their bytes ÷ throughput.</item>
/// <item>Sizes of external resources are unknown, so typical compressed sizes are assumed: image 50 KiB, stylesheet
///   20 KiB, script 30 KiB, font 25 KiB, frame 150 KiB, icon 5 KiB, other 20 KiB. Inline data counts in the HTML.</item>
/// <item>CPU: a desktop parses 1 MB of HTML in 10 ms, styles and lays out an element in 8 µs and a style rule in
///   20 µs; a mid-range phone is 4× slower.</item>
/// </list>
/// Total = document + render-blocking + other requests + CPU, rounded to the millisecond.
/// </summary>
internal static class PerformanceModel
{
    public const double RoundTripMs = 150;
    public const double BytesPerMs = 200_000.0 / 1000;
    public const double ConnectRoundTrips = 3;
    public const int ConnectionsPerOrigin = 6;
    public const double CpuSlowdown = 4;
    public const double DesktopParseMsPerByte = 10.0 / 1_000_000;
    public const double DesktopMsPerElement = 0.008;
    public const double DesktopMsPerStyleRule = 0.020;
    public const string Description = "Slow 4G: 150 ms RTT, 1.6 Mbit/s down, 3 RTT per new origin, 6 connections per origin, 4x CPU slowdown";

    public static long AssumedBytes(Audits.ResourceKind kind) => kind switch
    {
        Audits.ResourceKind.Image => 50 * 1024,
        Audits.ResourceKind.Stylesheet => 20 * 1024,
        Audits.ResourceKind.Script => 30 * 1024,
        Audits.ResourceKind.Font => 25 * 1024,
        Audits.ResourceKind.Frame => 150 * 1024,
        Audits.ResourceKind.Icon => 5 * 1024,
        _ => 20 * 1024,
    };

    public static PerformanceEstimate Estimate(long htmlBytes, int elements, int styleRules, IReadOnlyList<Audits.PageResource> resources)
    {
        var documentMs = (ConnectRoundTrips * RoundTripMs) + RoundTripMs + (htmlBytes / BytesPerMs);

        var blocking = resources.Where(r => r.RenderBlocking && !r.Deferred).ToList();
        var blockingMs = 0.0;
        if (blocking.Count > 0)
        {
            blockingMs = (blocking.Any(r => r.Origin is not null) ? ConnectRoundTrips * RoundTripMs : 0)
                + RoundTripMs
                + (blocking.Sum(r => AssumedBytes(r.Kind)) / BytesPerMs);
        }

        var others = resources.Where(r => !r.RenderBlocking && !r.Deferred).ToList();
        var othersMs = 0.0;
        if (others.Count > 0)
        {
            var busiestOrigin = others.GroupBy(r => r.Origin ?? "").Max(g => g.Count());
            othersMs = (others.Any(r => r.Origin is not null) ? ConnectRoundTrips * RoundTripMs : 0)
                + (Math.Ceiling(busiestOrigin / (double)ConnectionsPerOrigin) * RoundTripMs)
                + (others.Sum(r => AssumedBytes(r.Kind)) / BytesPerMs);
        }

        var cpuMs = CpuSlowdown * ((htmlBytes * DesktopParseMsPerByte) + (elements * DesktopMsPerElement) + (styleRules * DesktopMsPerStyleRule));
        var loaded = blocking.Concat(others).ToList();
        var transfer = htmlBytes + loaded.Sum(r => AssumedBytes(r.Kind));
        var origins = loaded.Select(r => r.Origin).Where(o => o is not null).Distinct(StringComparer.Ordinal).Count();
        return new PerformanceEstimate(
            Round(documentMs + blockingMs + othersMs + cpuMs),
            Round(documentMs),
            Round(blockingMs),
            Round(othersMs),
            Round(cpuMs),
            loaded.Count,
            transfer,
            origins,
            Description);
    }

    private static int Round(double ms) => (int)Math.Min(int.MaxValue, Math.Round(ms, MidpointRounding.AwayFromZero));
}
