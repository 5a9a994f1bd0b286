using System.Net;
using SiteBuilder.Identity;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>
/// Issue 13 point 7, "deploys lose nothing": two instances share one store; instance A is stopped (the host's shutdown, as SIGTERM
/// does it) with a drain time shorter than its 20 running generations. Instance B resumes every one of them from its recorded
/// request, and each stream, read on from its Last-Event-ID on B, ends with the same page an uninterrupted run writes.
/// </summary>
public sealed class ResumeAfterDeployTests : IAsyncLifetime
{
    private readonly string _shared = Path.Combine(Path.GetTempPath(), "sitebuilder-tests", "shared-" + Guid.NewGuid().ToString("N"));
    private GenerationPortal _a = default!;
    private GenerationPortal _b = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_shared);
        // A writes slowly (a pause before each section, several seconds a page) and may drain for only half a second.
        _a = Instance(sectionDelay: "00:00:00.400");
        _a.Settings["SiteBuilder:Drain:Timeout"] = "00:00:00.500";
        _ = _a.Server;
        _b = Instance(sectionDelay: "00:00:00");
        _ = _b.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        try
        {
            Directory.Delete(_shared, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a background task; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task StoppingAnInstanceMidwayThroughTwentyGenerationsLeavesAllTwentyCompleteWithTheirUninterruptedPages()
    {
        var tenant = "rs" + Guid.NewGuid().ToString("N")[..10];
        var token = await _a.CreateTokenAsync(tenant, Roles.Marketer);
        var onA = _a.ApiClient(token, tenant);
        var prompts = Enumerable.Range(1, 20).Select(i => $"A landing page for a coffee roastery's winter sale, offer number {i}").ToList();

        // Each client reads its stream up to the first chunk, then loses the connection (its instance is going away).
        var heads = new List<(string Id, List<SseEvent> Events)>();
        foreach (var prompt in prompts)
        {
            using var response = await onA.StartGenerationAsync(tenant, new { prompt, templateId = "ecommerce-sale" }, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var id = response.Headers.GetValues("X-Generation-Id").Single();
            var head = await ReadUntilFirstChunkAsync(response);
            heads.Add((id, head));
        }

        // SIGTERM: the host stops, draining for half a second, then hands the unfinished generations over.
        await _a.DisposeAsync();

        var onB = _b.ApiClient(token, tenant);
        var resumed = 0;
        foreach (var (id, head) in heads)
        {
            var state = await onB.WaitForEndAsync(tenant, id, Ct);
            Assert.True(state.GetProperty("status").GetString() == "complete", $"{id} ended {state}");

            // The client reconnects to the other instance with Last-Event-ID and reads on to the end.
            var rest = await Sse.ReadToEndAsync(await onB.EventsAsync(tenant, id, head[^1].Id, Ct), Ct);
            var events = head.Concat(rest).ToList();
            GenerationCalls.AssertContiguousIds(events);
            Assert.DoesNotContain(events, e => e.Type == "error");
            Assert.Equal("complete", events[^1].Type);
            Assert.Equal(await onB.HtmlAsync(tenant, id, Ct), Sse.Html(events));
            resumed += events.Count(e => e.Type == "progress" && e.Json.GetProperty("step").GetString() == "resume");
        }

        // Four sections take at least 1.6 seconds at A's pace: none of the twenty could finish within the drain.
        Assert.Equal(20, resumed);

        // The same requests, run start to end without a deploy, write the same pages.
        for (var i = 0; i < prompts.Count; i++)
        {
            var uninterrupted = await onB.GenerateAsync(tenant, new { prompt = prompts[i], templateId = "ecommerce-sale" }, Ct);
            Assert.Equal(Sse.Html(uninterrupted), await onB.HtmlAsync(tenant, heads[i].Id, Ct));
        }
    }

    private static async Task<List<SseEvent>> ReadUntilFirstChunkAsync(HttpResponseMessage response)
    {
        var events = new List<SseEvent>();
        var parser = new SseParser();
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        using var reader = new StreamReader(body);
        while (!events.Any(e => e.Type == "chunk") && await reader.ReadLineAsync(Ct) is { } line)
        {
            events.AddRange(parser.Feed(line + "\n"));
        }

        return events;
    }

    private GenerationPortal Instance(string sectionDelay)
    {
        var portal = new GenerationPortal();
        portal.Settings["SiteBuilder:DataDirectory"] = _shared;
        portal.Settings["SiteBuilder:Generation:OfflineSectionDelay"] = sectionDelay;
        portal.Settings["SiteBuilder:Generation:HeartbeatInterval"] = "00:00:00.250";
        portal.Settings["SiteBuilder:Generation:StaleAfter"] = "00:00:02";
        portal.Settings["SiteBuilder:Concurrency:GenerationsPerTenant"] = "100";
        return portal;
    }
}
