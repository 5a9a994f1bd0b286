using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SiteBuilder.Generation.Providers.Bedrock;
using SiteBuilder.Generation.Records;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Portal.Testing;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.Portal.Tests;

/// <summary>One Server-Sent Event as it came over the wire: its <c>id:</c>, whether it had an <c>event:</c> field, its <c>data:</c>.</summary>
internal sealed record SseEvent(long? Id, string? EventField, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    public string Type => Json.GetProperty("type").GetString() ?? "";

    public bool IsTerminal => Type is "complete" or "error" or "cancelled";

    public override string ToString() => $"id: {Id} {(Data.Length > 160 ? Data[..160] + "…" : Data)}";
}

/// <summary>
/// The text/event-stream parser of the WHATWG spec, fed a piece at a time: an event is dispatched at a blank line, so a stream cut
/// in the middle of an event yields only the complete ones before it (exactly what a browser's EventSource would have seen).
/// </summary>
internal sealed class SseParser
{
    private readonly StringBuilder _pending = new();
    private readonly StringBuilder _data = new();
    private long? _id;
    private string? _event;
    private bool _hasData;

    public int Comments { get; private set; }

    public IReadOnlyList<SseEvent> Feed(string text)
    {
        _pending.Append(text);
        var events = new List<SseEvent>();
        while (true)
        {
            var buffered = _pending.ToString();
            var end = buffered.IndexOf('\n', StringComparison.Ordinal);
            if (end < 0)
            {
                return events;
            }

            var line = buffered[..end].TrimEnd('\r');
            _pending.Remove(0, end + 1);
            if (line.Length == 0)
            {
                if (_hasData)
                {
                    events.Add(new SseEvent(_id, _event, _data.ToString()));
                }

                _data.Clear();
                _hasData = false;
                _event = null;
                _id = null;
                continue;
            }

            if (line[0] == ':')
            {
                Comments++;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            value = value.StartsWith(' ') ? value[1..] : value;
            switch (field)
            {
                case "data":
                    if (_hasData)
                    {
                        _data.Append('\n');
                    }

                    _data.Append(value);
                    _hasData = true;
                    break;
                case "id":
                    _id = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "event":
                    _event = value;
                    break;
                default:
                    throw new FormatException($"Unexpected SSE field '{field}' in line: {line}");
            }
        }
    }

    /// <summary>Parses a whole stream's text (e.g. what curl printed).</summary>
    public static IReadOnlyList<SseEvent> ParseAll(string text) => new SseParser().Feed(text.EndsWith("\n\n", StringComparison.Ordinal) ? text : text + "\n\n");
}

/// <summary>What a client got from one connection to an event stream.</summary>
internal sealed record SseRead(IReadOnlyList<SseEvent> Events, bool StreamEnded, long BytesRead);

internal static class Sse
{
    /// <summary>
    /// Reads an event stream until the server ends it, or until <paramref name="byteBudget"/> bytes have been read — then the client
    /// drops the connection there, possibly in the middle of an event (which is then discarded, as a browser would).
    /// </summary>
    public static async Task<SseRead> ReadAsync(HttpResponseMessage response, long byteBudget, CancellationToken cancellationToken)
    {
        using (response)
        {
            var parser = new SseParser();
            var decoder = Encoding.UTF8.GetDecoder();
            var events = new List<SseEvent>();
            var bytes = new byte[4096];
            var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
            long read = 0;
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            while (read < byteBudget)
            {
                var n = await body.ReadAsync(bytes.AsMemory(0, (int)Math.Min(bytes.Length, byteBudget - read)), cancellationToken);
                if (n == 0)
                {
                    return new SseRead(events, StreamEnded: true, read);
                }

                read += n;
                var count = decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
                events.AddRange(parser.Feed(new string(chars, 0, count)));
            }

            return new SseRead(events, StreamEnded: false, read);
        }
    }

    /// <summary>The events of a stream one by one as they arrive, until the server ends it: a test can act between two events.</summary>
    public static async IAsyncEnumerable<SseEvent> FollowAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (response)
        {
            var parser = new SseParser();
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(body, Encoding.UTF8);
            var buffer = new char[4096];
            int n;
            while ((n = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                foreach (var e in parser.Feed(new string(buffer, 0, n)))
                {
                    yield return e;
                }
            }
        }
    }

    public static async Task<IReadOnlyList<SseEvent>> ReadToEndAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(response, long.MaxValue, cancellationToken);
        return read.Events;
    }

    /// <summary>The page as the stream carried it: every chunk's content, in order.</summary>
    public static string Html(IEnumerable<SseEvent> events) =>
        string.Concat(events.Where(e => e.Type == "chunk").Select(e => e.Json.GetProperty("content").GetString()));
}

/// <summary>The generation endpoints as a client calls them.</summary>
internal static class GenerationCalls
{
    public static HttpRequestMessage StartRequest(string tenant, string json) =>
        new(HttpMethod.Post, $"/v1/sites/{tenant}/generation")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/event-stream") } },
        };

    /// <summary>POSTs a generation and returns as soon as the answer's headers arrive (the body streams).</summary>
    public static Task<HttpResponseMessage> StartGenerationAsync(this HttpClient client, string tenant, string json, CancellationToken cancellationToken) =>
        client.SendAsync(StartRequest(tenant, json), HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public static Task<HttpResponseMessage> StartGenerationAsync(this HttpClient client, string tenant, object body, CancellationToken cancellationToken) =>
        client.StartGenerationAsync(tenant, JsonSerializer.Serialize(body, JsonSerializerOptions.Web), cancellationToken);

    /// <summary>Starts a generation and reads its whole stream; fails unless it was answered 200 text/event-stream.</summary>
    public static async Task<IReadOnlyList<SseEvent>> GenerateAsync(this HttpClient client, string tenant, object body, CancellationToken cancellationToken)
    {
        var response = await client.StartGenerationAsync(tenant, body, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"Expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await Sse.ReadToEndAsync(response, cancellationToken);
    }

    public static Task<HttpResponseMessage> EventsAsync(this HttpClient client, string tenant, string generationId, long? lastEventId, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/sites/{tenant}/generations/{generationId}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public static async Task<JsonElement> StateAsync(this HttpClient client, string tenant, string generationId, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync($"/v1/sites/{tenant}/generations/{generationId}", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"state of {generationId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Polls the state until it is terminal (the generation runs on the server, independent of any request).</summary>
    public static async Task<JsonElement> WaitForEndAsync(this HttpClient client, string tenant, string generationId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = await client.StateAsync(tenant, generationId, cancellationToken);
            if (state.GetProperty("status").GetString() is "complete" or "failed" or "cancelled")
            {
                return state;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public static async Task<string> HtmlAsync(this HttpClient client, string tenant, string generationId, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync($"/v1/sites/{tenant}/generations/{generationId}/html", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"html of {generationId}: {(int)response.StatusCode} {text}");
        return text;
    }

    public static string GenerationId(IEnumerable<SseEvent> events) =>
        events.Single(e => e.Type == "complete").Json.GetProperty("generationId").GetString()!;

    /// <summary>Asserts the ids are exactly 1, 2, … n, and no event carries an <c>event:</c> field.</summary>
    public static void AssertContiguousIds(IReadOnlyList<SseEvent> events)
    {
        Assert.All(events, e => Assert.Null(e.EventField));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long?)i), events.Select(e => e.Id));
    }
}

/// <summary>
/// The portal for generation tests: optionally writing pages with Claude on a <see cref="FakeBedrockServer"/> (the real
/// Anthropic.Bedrock client, signed with the fake's credentials, configured from <c>SiteBuilder:Generation:Bedrock:*</c>),
/// optionally on a shifted clock, and optionally on a real Kestrel port.
/// </summary>
internal sealed class GenerationPortal : PortalFactory
{
    public GenerationPortal(FakeBedrockServer? bedrock = null, TimeProvider? clock = null)
    {
        Bedrock = bedrock;
        Clock = clock;
        // Most tests make many generations in one tenant; the rate-limit tests set the real limit back.
        Settings["SiteBuilder:RateLimits:Generation"] = "1000";
        Settings["SiteBuilder:Generation:RetryDelay"] = "00:00:00.020";
        if (bedrock is not null)
        {
            Settings["SiteBuilder:Generation:Provider"] = "Bedrock";
            Settings["SiteBuilder:Generation:Bedrock:Endpoint"] = bedrock.BaseUrl.ToString();
            Settings["SiteBuilder:Generation:Bedrock:Region"] = bedrock.Credentials.Region;
            Settings["SiteBuilder:Generation:Bedrock:IdleTimeout"] = "00:00:05";
        }
    }

    public FakeBedrockServer? Bedrock { get; }

    public TimeProvider? Clock { get; }

    /// <summary>More service changes, applied after the test host's own (e.g. a store decorator).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Set by <see cref="ListenOnLoopback"/>: <c>http://127.0.0.1:PORT</c>.</summary>
    public string? Address { get; private set; }

    /// <summary>Starts the portal on a real Kestrel port and returns its address.</summary>
    public string ListenOnLoopback()
    {
        Address = StartOnLoopbackPort();
        return Address;
    }

    /// <summary>An API client; over a real socket when the portal listens on a port (so dropping a response closes the connection).</summary>
    public HttpClient ApiClient(string token, string tenant)
    {
        if (Address is null)
        {
            return CreateApiClient(token, tenant);
        }

        // No draining of an abandoned response: dropping it must close the connection at once, as a client that goes away does.
        var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = new Uri(Address),
            Timeout = TimeSpan.FromMinutes(2),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("X-Tenant-Id", tenant);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null)
            {
                services.AddSingleton(Clock);
            }

            if (Bedrock is { } bedrock)
            {
                // The AWS default chain is process-wide; sign with the fake's credentials instead, everything else from configuration.
                var c = bedrock.Credentials;
                services.AddSingleton<IPageModel>(sp => new BedrockPageModel(
                    sp.GetRequiredService<IOptions<BedrockPageOptions>>().Value,
                    new AwsSigV4BedrockCredentials(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), c.Region)));
            }

            ConfigureServices?.Invoke(services);
        });
    }
}

/// <summary>The system clock moved by a fixed offset, so a test can start at the beginning of a rate-limit window; timers run as usual.</summary>
internal sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    /// <summary>
    /// A clock that reads the start of the current <paramref name="window"/>-long window right now. It is moved back, never
    /// forward, so the tokens the portal issues on it are already valid by the real clock.
    /// </summary>
    public static ShiftedClock AtWindowStart(TimeSpan window)
    {
        var now = TimeProvider.System.GetUtcNow();
        return new ShiftedClock(-TimeSpan.FromTicks(now.UtcTicks % window.Ticks));
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}

/// <summary>Pages for the fake model to "write".</summary>
internal static class ModelPages
{
    /// <summary>A well-formed landing page of about <paramref name="sections"/> × 700 characters.</summary>
    public static string Long(int sections)
    {
        var html = new StringBuilder("""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Northwind Spring Sale</title>
            <style>:root{--primary:#0066CC;--secondary:#FF6600}body{font-family:Inter,system-ui,sans-serif;margin:0;color:#1a1a1a}section{padding:2rem}</style></head>
            <body><header><nav aria-label="Main"><a href="#">Northwind</a></nav></header>
            <main>
            """);
        for (var i = 1; i <= sections; i++)
        {
            html.Append(System.Globalization.CultureInfo.InvariantCulture, $"""
                <section id="s{i}" aria-labelledby="h{i}"><h2 id="h{i}">Section {i}: gear for every trail</h2>
                <p>Our spring range is built for long days outside — waterproof shells, light packs and boots that are ready from the first step. Section {i} of the page, with real copy, so the stream has something to carry.</p>
                <ul><li>Free returns for 60 days</li><li>Members save another 10%</li><li>Repairs for life — ünïcödé ✓</li></ul>
                <p><a href="#s{Math.Max(1, i - 1)}">Back</a> · <a href="https://northwind.example/sale">Shop the sale</a></p></section>

                """);
        }

        html.Append("</main>\n<footer><p>© Northwind Outfitters</p></footer></body>\n</html>\n");
        return html.ToString();
    }
}

/// <summary>
/// The generation store with slow writes of a generation's end state, as DynamoDB is on a bad day: it widens the moment
/// between a generation's last event and its final state, which clients must never see into.
/// </summary>
internal sealed class SlowEndStateStore(IGenerationStore inner, TimeSpan delay) : IGenerationStore
{
    /// <summary>Replaces the registered store with this decorator around it.</summary>
    public static void Install(IServiceCollection services, TimeSpan delay)
    {
        var original = services.Last(d => d.ServiceType == typeof(IGenerationStore));
        services.Remove(original);
        services.AddSingleton<IGenerationStore>(sp => new SlowEndStateStore((IGenerationStore)original.ImplementationFactory!(sp), delay));
    }

    public async Task<GenerationRecord> UpdateAsync(GenerationRecord generation, CancellationToken cancellationToken = default)
    {
        if (generation.Status.IsTerminal())
        {
            await Task.Delay(delay, cancellationToken);
        }

        return await inner.UpdateAsync(generation, cancellationToken);
    }

    public Task<GenerationRecord> CreateAsync(GenerationRecord generation, CancellationToken cancellationToken = default) => inner.CreateAsync(generation, cancellationToken);

    public Task<GenerationRecord?> GetAsync(string tenant, string generationId, CancellationToken cancellationToken = default) => inner.GetAsync(tenant, generationId, cancellationToken);

    public Task<GenerationPage> ListAsync(string tenant, int limit, string? cursor, CancellationToken cancellationToken = default) => inner.ListAsync(tenant, limit, cursor, cancellationToken);

    public Task<IReadOnlyList<GenerationRecord>> ListSiteVersionsAsync(string tenant, string siteId, CancellationToken cancellationToken = default) => inner.ListSiteVersionsAsync(tenant, siteId, cancellationToken);

    public Task<IReadOnlyList<GenerationRecord>> FindStaleAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default) => inner.FindStaleAsync(updatedBefore, cancellationToken);

    public Task AppendEventsAsync(string generationId, IReadOnlyList<GenerationEvent> events, CancellationToken cancellationToken = default) => inner.AppendEventsAsync(generationId, events, cancellationToken);

    public Task<IReadOnlyList<GenerationEvent>> ReadEventsAsync(string generationId, long afterId, int limit, CancellationToken cancellationToken = default) => inner.ReadEventsAsync(generationId, afterId, limit, cancellationToken);

    public Task<Site?> GetSiteAsync(string tenant, string siteId, CancellationToken cancellationToken = default) => inner.GetSiteAsync(tenant, siteId, cancellationToken);

    public Task CreateSiteAsync(Site site, CancellationToken cancellationToken = default) => inner.CreateSiteAsync(site, cancellationToken);

    public Task<bool> RenameSiteAsync(string tenant, string siteId, string name, CancellationToken cancellationToken = default) =>
        inner.RenameSiteAsync(tenant, siteId, name, cancellationToken);

    public Task<bool> RecordCompletedVersionAsync(
        string tenant, string siteId, string generationId, int version, double? brandScore, DateTimeOffset completedAt, CancellationToken cancellationToken = default) =>
        inner.RecordCompletedVersionAsync(tenant, siteId, generationId, version, brandScore, completedAt, cancellationToken);

    public Task<bool> RestoreVersionAsync(
        string tenant, string siteId, string generationId, double? brandScore, DateTimeOffset updatedAt, CancellationToken cancellationToken = default) =>
        inner.RestoreVersionAsync(tenant, siteId, generationId, brandScore, updatedAt, cancellationToken);

    public Task<IReadOnlyList<Site>> ListSitesAsync(string tenant, CancellationToken cancellationToken = default) => inner.ListSitesAsync(tenant, cancellationToken);
}
