using System.Net;
using System.Text;
using System.Text.Json;
using SiteBuilder.Identity;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests;

/// <summary>One portal on its embedded defaults (offline composer, SQLite, folders) for a test class.</summary>
public sealed class GenerationPortalFixture : IAsyncLifetime
{
    internal GenerationPortal Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

/// <summary><c>/v1/sites/{tenant_id}/generation…</c> over HTTP with the offline composer: the stream, state, history, page, errors.</summary>
public sealed class GenerationApiTests(GenerationPortalFixture portal) : IClassFixture<GenerationPortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerationStreamsProgressThenChunksThenCompleteWithContiguousIds()
    {
        var (client, tenant) = await NewTenantAsync();

        var response = await client.StartGenerationAsync(tenant, new { prompt = "A summer sale page for Northwind outdoor gear", templateId = "ecommerce-sale" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var generationId = response.Headers.GetValues("X-Generation-Id").Single();
        Assert.Equal($"/v1/sites/{tenant}/generations/{generationId}", response.Headers.Location?.ToString());
        var events = await Sse.ReadToEndAsync(response, Ct);

        GenerationCalls.AssertContiguousIds(events);
        Assert.Equal("progress", events[0].Type);
        Assert.Equal(0, events[0].Json.GetProperty("progress").GetInt32());
        Assert.Equal("Starting generation...", events[0].Json.GetProperty("message").GetString());
        var firstChunk = events.ToList().FindIndex(e => e.Type == "chunk");
        Assert.True(firstChunk > 0, "a chunk follows the first progress events");
        Assert.All(events.Take(firstChunk), e => Assert.Equal("progress", e.Type));
        Assert.Equal("complete", events[^1].Type);
        Assert.Single(events, e => e.IsTerminal);
        var complete = events[^1].Json;
        Assert.Equal(generationId, complete.GetProperty("generationId").GetString());
        var brandScore = complete.GetProperty("brandScore").GetDouble();
        Assert.InRange(brandScore, 0, 10);
        var progress = events.Where(e => e.Type == "progress").Select(e => e.Json.GetProperty("progress").GetInt32()).ToList();
        Assert.Equal(progress.Order(), progress);

        var html = await client.HtmlAsync(tenant, generationId, Ct);
        Assert.Equal(html, Sse.Html(events));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);

        var state = await client.StateAsync(tenant, generationId, Ct);
        Assert.Equal("complete", state.GetProperty("status").GetString());
        Assert.Equal(100, state.GetProperty("progress").GetInt32());
        Assert.Equal(brandScore, state.GetProperty("brandScore").GetDouble());
        Assert.Equal(events.Count, state.GetProperty("lastEventId").GetInt64());
        Assert.Equal(complete.GetProperty("siteId").GetString(), state.GetProperty("siteId").GetString());
        Assert.Equal(1, state.GetProperty("version").GetInt32());
        Assert.Equal("ecommerce-sale", state.GetProperty("templateId").GetString());
        Assert.Equal("offline", state.GetProperty("provider").GetString());
        Assert.Equal(complete.GetProperty("previewUrl").GetString(), state.GetProperty("previewUrl").GetString());
    }

    [Fact]
    public async Task JsonSentWithCurlsDefaultFormContentTypeIsRead()
    {
        var (client, tenant) = await NewTenantAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sites/{tenant}/generation")
        {
            Content = new StringContent("""{"prompt": "Create a landing page"}""", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };

        var events = await Sse.ReadToEndAsync(await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct), Ct);

        Assert.Equal("complete", events[^1].Type);
    }

    [Fact]
    public async Task ResumingAFinishedGenerationSendsEveryLaterEventAndEnds()
    {
        var (client, tenant) = await NewTenantAsync();
        var all = await client.GenerateAsync(tenant, new { prompt = "A portfolio for a landscape photographer" }, Ct);
        var generationId = GenerationCalls.GenerationId(all);

        var fromStart = await Sse.ReadToEndAsync(await client.EventsAsync(tenant, generationId, null, Ct), Ct);
        var afterThree = await Sse.ReadToEndAsync(await client.EventsAsync(tenant, generationId, 3, Ct), Ct);
        var afterLast = await Sse.ReadToEndAsync(await client.EventsAsync(tenant, generationId, all.Count, Ct), Ct);
        var byQuery = await Sse.ReadToEndAsync(await client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"/v1/sites/{tenant}/generations/{generationId}/events?lastEventId=5"), HttpCompletionOption.ResponseHeadersRead, Ct), Ct);

        Assert.Equal(all, fromStart);
        Assert.Equal(all.Skip(3), afterThree);
        Assert.Empty(afterLast);
        Assert.Equal(all.Skip(5), byQuery);
    }

    [Fact]
    public async Task LastEventIdThatIsNotANumberIsAValidationError()
    {
        var (client, tenant) = await NewTenantAsync();
        var generationId = GenerationCalls.GenerationId(await client.GenerateAsync(tenant, new { prompt = "A newsletter signup page" }, Ct));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/sites/{tenant}/generations/{generationId}/events");
        request.Headers.Add("Last-Event-ID", "twelve");

        var body = await AssertProblemAsync(await client.SendAsync(request, Ct), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.True(body.GetProperty("errors").TryGetProperty("Last-Event-ID", out _));
    }

    [Fact]
    public async Task PageIsServedWithAPolicyThatForbidsScriptsAndNoSniffing()
    {
        var (client, tenant) = await NewTenantAsync();
        var generationId = GenerationCalls.GenerationId(await client.GenerateAsync(tenant, new { prompt = "An event page for a jazz festival" }, Ct));

        var response = await client.GetAsync($"/v1/sites/{tenant}/generations/{generationId}/html", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertNoScriptPolicy(response);
    }

    [Fact]
    public async Task ReportHoldsTheBrandScoreOfTheCompleteEvent()
    {
        var (client, tenant) = await NewTenantAsync();
        var events = await client.GenerateAsync(tenant, new { prompt = "A restaurant page for a seaside fish bar", brandAssets = new { primaryColor = "#0066CC", secondaryColor = "#ff6600" } }, Ct);
        var complete = events[^1].Json;

        var response = await client.GetAsync(complete.GetProperty("reportUrl").GetString(), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(complete.GetProperty("brandScore").GetDouble(), report.GetProperty("brandScore").GetDouble());
        var state = await client.StateAsync(tenant, complete.GetProperty("generationId").GetString()!, Ct);
        Assert.Equal("#0066CC", state.GetProperty("brandAssets").GetProperty("primaryColor").GetString());
        Assert.Equal("#FF6600", state.GetProperty("brandAssets").GetProperty("secondaryColor").GetString());
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{"prompt": "hi"}""", "prompt" },
        { """{"prompt": "   a  "}""", "prompt" },
        { $$"""{"prompt": "{{new string('x', 4001)}}"}""", "prompt" },
        { """{"templateId": "ecommerce-sale"}""", "prompt" },
        { """{"prompt": "A blog about cats", "templateId": "blog"}""", "templateId" },
        { """{"prompt": "A sale page", "brandAssets": {"primaryColor": "blue"}}""", "brandAssets.primaryColor" },
        { """{"prompt": "A sale page", "brandAssets": {"secondaryColor": "#12345"}}""", "brandAssets.secondaryColor" },
        { """{"prompt": "A sale page", "brandAssets": {"primaryColor": "#0066CC", "secondaryColor": "#GG0000"}}""", "brandAssets.secondaryColor" },
        { """{"prompt": "A sale page", "brandAssets": {"logo": "http://cdn.example.com/logo.png"}}""", "brandAssets.logo" },
        { """{"prompt": "A sale page", "brandAssets": {"logo": "javascript:alert(1)"}}""", "brandAssets.logo" },
        // A refinement names both; the error is on the one that is missing.
        { """{"prompt": "A sale page", "siteId": "summer-sale-k3f9q2"}""", "parentGenerationId" },
        { """{"prompt": "A sale page", "parentGenerationId": "gen-01jd0000000000000000000000"}""", "siteId" },
        { """{"prompt": "A sale page", "siteId": "Not A Site", "parentGenerationId": "gen-01jd0000000000000000000000"}""", "siteId" },
        { """{"prompt": "A sale page", "siteId": "summer-sale-k3f9q2", "parentGenerationId": "gen-1"}""", "parentGenerationId" },
        { """{"prompt": 42}""", "prompt" },
        { """{"prompt": "A sale page",""", "body" },
        { "", "body" },
        { "[1, 2]", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task InvalidRequestIsAValidationErrorForItsFieldAndStoresNothing(string body, string field)
    {
        var (client, tenant) = await NewTenantAsync();

        var response = await client.StartGenerationAsync(tenant, body, Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors name {field}: {errors}");
        Assert.All(messages.EnumerateArray(), m => Assert.False(string.IsNullOrWhiteSpace(m.GetString())));
        var history = JsonDocument.Parse(await client.GetStringAsync($"/v1/sites/{tenant}/generations", Ct)).RootElement;
        Assert.Empty(history.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task SeveralInvalidFieldsAreReportedTogether()
    {
        var (client, tenant) = await NewTenantAsync();

        var response = await client.StartGenerationAsync(tenant, """{"prompt": "x", "templateId": "blog", "brandAssets": {"primaryColor": "red", "logo": "ftp://x/y.png"}}""", Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["brandAssets.logo", "brandAssets.primaryColor", "prompt", "templateId"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task LogoAsAnHttpsUrlOrAnAssetIdIsAccepted()
    {
        var (client, tenant) = await NewTenantAsync();

        var byUrl = await client.GenerateAsync(tenant, new { prompt = "An app launch page for Tidy", brandAssets = new { logo = "https://cdn.example.com/tidy/logo.svg" } }, Ct);
        var byAsset = await client.StartGenerationAsync(tenant, new { prompt = "An app launch page for Tidy", brandAssets = new { logo = "logo-01jd5k3f9q2abc" } }, Ct);

        Assert.Equal("complete", byUrl[^1].Type);
        Assert.Equal(HttpStatusCode.OK, byAsset.StatusCode);
        await Sse.ReadToEndAsync(byAsset, Ct);
    }

    [Fact]
    public async Task RefiningAnUnknownParentIsNotFound()
    {
        var (client, tenant) = await NewTenantAsync();

        var response = await client.StartGenerationAsync(tenant, new { prompt = "Make the headline bolder", siteId = "summer-sale-k3f9q2", parentGenerationId = "gen-01jd0000000000000000000000" }, Ct);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        var history = JsonDocument.Parse(await client.GetStringAsync($"/v1/sites/{tenant}/generations", Ct)).RootElement;
        Assert.Empty(history.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task RefiningAParentUnderTheWrongSiteIsNotFound()
    {
        var (client, tenant) = await NewTenantAsync();
        var first = (await client.GenerateAsync(tenant, new { prompt = "A saas page for Ledgerly invoicing" }, Ct))[^1].Json;

        var response = await client.StartGenerationAsync(tenant, new { prompt = "Add a pricing section", siteId = "another-site-k3f9q2", parentGenerationId = first.GetProperty("generationId").GetString() }, Ct);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task RefinementMakesTheNextVersionOfTheSite()
    {
        var (client, tenant) = await NewTenantAsync();
        var first = (await client.GenerateAsync(tenant, new { prompt = "A saas page for Ledgerly invoicing", templateId = "saas-product" }, Ct))[^1].Json;
        var siteId = first.GetProperty("siteId").GetString();
        var parentId = first.GetProperty("generationId").GetString();

        var second = (await client.GenerateAsync(tenant, new { prompt = "Use #0B7A75 as the primary colour and add an FAQ", siteId, parentGenerationId = parentId }, Ct))[^1].Json;
        var third = (await client.GenerateAsync(tenant, new { prompt = "Make the tone more playful", siteId, parentGenerationId = second.GetProperty("generationId").GetString() }, Ct))[^1].Json;

        Assert.Equal(siteId, second.GetProperty("siteId").GetString());
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(3, third.GetProperty("version").GetInt32());
        var state = await client.StateAsync(tenant, second.GetProperty("generationId").GetString()!, Ct);
        Assert.Equal(parentId, state.GetProperty("parentGenerationId").GetString());
        Assert.Equal("saas-product", state.GetProperty("templateId").GetString());
        Assert.Contains("0B7A75", await client.HtmlAsync(tenant, second.GetProperty("generationId").GetString()!, Ct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnotherTenantsGenerationIsNotFoundOnEveryEndpoint()
    {
        var (owner, ownerTenant) = await NewTenantAsync();
        var generationId = GenerationCalls.GenerationId(await owner.GenerateAsync(ownerTenant, new { prompt = "A nonprofit page for a river clean-up" }, Ct));
        var (other, otherTenant) = await NewTenantAsync();

        foreach (var (method, path) in Endpoints(otherTenant, generationId))
        {
            var response = await other.SendAsync(new HttpRequestMessage(method, path), Ct);
            await AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        Assert.Equal("complete", (await owner.StateAsync(ownerTenant, generationId, Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task MalformedOrUnknownGenerationIdIsNotFoundOnEveryEndpoint()
    {
        var (client, tenant) = await NewTenantAsync();

        foreach (var id in new[] { "gen-01jd0000000000000000000000", "gen-123", "..%2F..%2Fetc" })
        {
            foreach (var (method, path) in Endpoints(tenant, id))
            {
                await AssertProblemAsync(await client.SendAsync(new HttpRequestMessage(method, path), Ct), HttpStatusCode.NotFound, "NOT_FOUND");
            }
        }
    }

    [Fact]
    public async Task AnotherTenantInThePathIsForbidden()
    {
        var (client, _) = await NewTenantAsync();
        var (_, other) = await NewTenantAsync();

        await AssertProblemAsync(await client.StartGenerationAsync(other, new { prompt = "A sale page" }, Ct), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await client.GetAsync($"/v1/sites/{other}/generations", Ct), HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    /// <remarks>The seed's curl sends <c>Accept: text/event-stream</c>; its problems must still be problem details with a traceId.</remarks>
    [Fact]
    public async Task WithoutATokenEveryEndpointIsUnauthorized()
    {
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "acme");

        var response = await client.SendAsync(GenerationCalls.StartRequest("acme", """{"prompt": "A sale page"}"""), Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await AssertProblemAsync(await client.GetAsync("/v1/sites/acme/generations", Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task CancellingAFinishedGenerationLeavesItAsItIs()
    {
        var (client, tenant) = await NewTenantAsync();
        var generationId = GenerationCalls.GenerationId(await client.GenerateAsync(tenant, new { prompt = "A newsletter page for a cooking letter" }, Ct));

        var response = await client.PostAsync($"/v1/sites/{tenant}/generations/{generationId}/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("complete", state.GetProperty("status").GetString());
    }

    [Fact]
    public async Task HistoryPagesNewestFirstWithACursor()
    {
        var (client, tenant) = await NewTenantAsync();
        var made = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            made.Add(GenerationCalls.GenerationId(await client.GenerateAsync(tenant, new { prompt = $"Event page number {i} for a book fair" }, Ct)));
        }

        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var url = $"/v1/sites/{tenant}/generations?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = JsonDocument.Parse(await client.GetStringAsync(url, Ct)).RootElement;
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 2);
            Assert.All(items, item => Assert.Equal("complete", item.GetProperty("status").GetString()));
            seen.AddRange(items.Select(item => item.GetProperty("generationId").GetString()!));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(made), seen);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?cursor=not-a-cursor", "cursor")]
    public async Task HistoryWithABadLimitOrCursorIsAValidationError(string query, string field)
    {
        var (client, tenant) = await NewTenantAsync();

        var problem = await AssertProblemAsync(await client.GetAsync($"/v1/sites/{tenant}/generations{query}", Ct), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    internal static void AssertNoScriptPolicy(HttpResponseMessage response)
    {
        var policy = string.Join("; ", response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("default-src 'none'", directives["default-src"]);
        Assert.False(directives.ContainsKey("script-src"), policy);
        Assert.False(directives.ContainsKey("script-src-elem"), policy);
        Assert.True(directives.ContainsKey("sandbox"), policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private static IEnumerable<(HttpMethod, string)> Endpoints(string tenant, string generationId) =>
    [
        (HttpMethod.Get, $"/v1/sites/{tenant}/generations/{generationId}"),
        (HttpMethod.Get, $"/v1/sites/{tenant}/generations/{generationId}/events"),
        (HttpMethod.Get, $"/v1/sites/{tenant}/generations/{generationId}/html"),
        (HttpMethod.Get, $"/v1/sites/{tenant}/generations/{generationId}/report"),
        (HttpMethod.Post, $"/v1/sites/{tenant}/generations/{generationId}/cancel"),
    ];

    /// <summary>A fresh tenant with a marketer's token, so no test shares history or rate limits with another.</summary>
    private async Task<(HttpClient Client, string Tenant)> NewTenantAsync()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..14];
        var token = await portal.Factory.CreateTokenAsync(tenant, Roles.Marketer);
        return (portal.Factory.ApiClient(token, tenant), tenant);
    }
}

/// <summary>What a client sees at the end of a generation when the store is slow to record the final state.</summary>
public sealed class GenerationEndStateTests : IAsyncLifetime
{
    private readonly GenerationPortal _portal = new() { ConfigureServices = services => SlowEndStateStore.Install(services, TimeSpan.FromMilliseconds(400)) };

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _ = _portal.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    /// <remarks>A client that follows the seed's samples reads the state or the report the moment the complete event arrives.</remarks>
    [Fact]
    public async Task StateAndReportAreFinalTheMomentTheCompleteEventArrives()
    {
        var client = _portal.ApiClient(await _portal.CreateTokenAsync("acme", Roles.Marketer), "acme");
        var live = await client.GenerateAsync("acme", new { prompt = "A sale page for Northwind" }, Ct);
        var complete = live[^1].Json;
        var generationId = complete.GetProperty("generationId").GetString()!;

        var report = await client.GetAsync(complete.GetProperty("reportUrl").GetString(), Ct);
        var state = await client.StateAsync("acme", generationId, Ct);

        Assert.True(report.StatusCode == HttpStatusCode.OK, await report.Content.ReadAsStringAsync(Ct));
        Assert.Equal("complete", state.GetProperty("status").GetString());
        Assert.Equal(complete.GetProperty("brandScore").GetDouble(), state.GetProperty("brandScore").GetDouble());
    }
}
