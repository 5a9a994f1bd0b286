using System.Globalization;
using System.Net;
using SiteBuilder.Identity;
using SiteBuilder.Storage;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Portal.Tests;

/// <summary>
/// Generation as it runs in AWS: two portal instances behind one load balancer, sharing DynamoDB (dynalite) and S3 (s3rver).
/// The rate limit is counted in the operations table, so it holds across instances; a stream started on one instance
/// resumes on the other from the events in DynamoDB, and the page is served from S3 by either.
/// </summary>
public sealed class GenerationOnAwsTests(DynaliteEmulator dynalite, S3rverEmulator s3rver) : IAsyncLifetime
{
    private readonly ResourceNames _names = UniqueResourceNames.Create();
    private readonly ShiftedClock _clock = ShiftedClock.AtWindowStart(TimeSpan.FromSeconds(60));
    private GenerationPortal _first = default!;
    private GenerationPortal _second = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _first = Instance();
        _second = Instance();
        _ = _first.Server;
        _ = _second.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    /// <remarks>Issue 4: the rate limit of 10 a minute per tenant is shared through the store, so it holds across instances.</remarks>
    [Fact]
    public async Task TheEleventhGenerationInAMinuteIsRefusedWhicheverInstanceGetsIt()
    {
        var token = await _first.CreateTokenAsync("acme", Roles.Marketer);
        HttpClient[] instances = [_first.ApiClient(token, "acme"), _second.ApiClient(token, "acme")];
        for (var i = 1; i <= 10; i++)
        {
            var allowed = await instances[i % 2].StartGenerationAsync("acme", new { prompt = $"Sale page number {i} for Northwind" }, Ct);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal((10 - i).ToString(CultureInfo.InvariantCulture), allowed.Headers.GetValues("RateLimit-Remaining").Single());
            Assert.Equal("complete", (await Sse.ReadToEndAsync(allowed, Ct))[^1].Type);
        }

        foreach (var instance in instances)
        {
            var refused = await instance.StartGenerationAsync("acme", new { prompt = "Sale page number 11 for Northwind" }, Ct);
            Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 60);
            await ApiAssertions.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        }

        var other = _second.ApiClient(await _second.CreateTokenAsync("globex", Roles.Marketer), "globex");
        Assert.Equal("complete", (await other.GenerateAsync("globex", new { prompt = "A sale page for Globex" }, Ct))[^1].Type);
    }

    /// <remarks>Issue 4: <c>Last-Event-ID</c> resumes on any instance with every later event exactly once.</remarks>
    [Fact]
    public async Task AStreamStartedOnOneInstanceResumesOnTheOther()
    {
        var token = await _first.CreateTokenAsync("acme", Roles.Marketer);
        var first = _first.ApiClient(token, "acme");
        var second = _second.ApiClient(token, "acme");

        // The client drops after the first two events, on the instance that runs the generation.
        var started = await first.StartGenerationAsync("acme", new { prompt = "A spring sale page for Northwind outdoor gear", templateId = "ecommerce-sale" }, Ct);
        var generationId = started.Headers.GetValues("X-Generation-Id").Single();
        var head = new List<SseEvent>();
        var parser = new SseParser();
        using (started)
        {
            await using var body = await started.Content.ReadAsStreamAsync(Ct);
            using var reader = new StreamReader(body);
            while (head.Count < 2 && await reader.ReadLineAsync(Ct) is { } line)
            {
                head.AddRange(parser.Feed(line + "\n"));
            }
        }

        var resumed = await second.EventsAsync("acme", generationId, head[^1].Id, Ct);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var rest = await Sse.ReadToEndAsync(resumed, Ct);

        var events = head.Concat(rest).ToList();
        GenerationCalls.AssertContiguousIds(events);
        Assert.Equal("complete", events[^1].Type);
        Assert.Equal(await second.HtmlAsync("acme", generationId, Ct), Sse.Html(events));
        Assert.Equal(await first.HtmlAsync("acme", generationId, Ct), Sse.Html(events));
    }

    private GenerationPortal Instance()
    {
        var portal = new GenerationPortal(clock: _clock).OnEmulators(dynalite, s3rver, _names);
        portal.Settings["SiteBuilder:RateLimits:Generation"] = "10";
        return portal;
    }
}
