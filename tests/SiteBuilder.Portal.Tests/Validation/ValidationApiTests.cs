using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing.OpenApi;
using SiteBuilder.Storage.Blobs;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Validation;

/// <summary><c>GET /v1/sites/{site_id}/validate</c> and <c>POST /v1/validate</c> over HTTP, every answer checked against <c>openapi/validation-api.yaml</c>.</summary>
public sealed class ValidationApiTests(GenerationPortalFixture portal) : IClassFixture<GenerationPortalFixture>
{
    private static OpenApiContract Contract => OpenApiContract.Load("validation-api.yaml");

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostedJsonPageWithAScriptAndAnOnclickFailsSecurityInTheSeedShape()
    {
        var (client, _) = await NewTenantAsync();

        var response = await client.PostAsJsonAsync("/v1/validate", new
        {
            html = Pages.Good.Replace("</main>", "<button onclick=\"buy()\">Buy</button><script>track()</script></main>", StringComparison.Ordinal),
            brandAssets = new { primaryColor = "#0066CC", secondaryColor = "#FF6600" },
        }, Ct);

        var report = await AssertOkAsync(response);
        Assert.False(report.GetProperty("securityPassed").GetBoolean());
        Assert.InRange(report.GetProperty("brandScore").GetDouble(), 0, 9.9);
        Assert.True(report.GetProperty("performanceMs").GetInt32() > 0);
        var rules = report.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("rule").GetString()).ToList();
        Assert.Contains("no-script", rules);
        Assert.Contains("no-inline-event-handlers", rules);
        var issue = report.GetProperty("issues").EnumerateArray().First(i => i.GetProperty("rule").GetString() == "no-script");
        Assert.Equal("security", issue.GetProperty("category").GetString());
        Assert.Equal("error", issue.GetProperty("severity").GetString());
        Assert.False(string.IsNullOrEmpty(issue.GetProperty("suggestion").GetString()));
        Assert.Contains("<script", issue.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.Contains(report.GetProperty("audits").EnumerateArray(), a => a.GetProperty("id").GetString() == "no-script" && !a.GetProperty("passed").GetBoolean());
        Assert.Equal("60", response.Headers.GetValues("RateLimit-Limit").Single());
        Assert.False(report.TryGetProperty("siteId", out _));
    }

    [Fact]
    public async Task WithItsPromptAPageWhosePriceDiffersFromTheBriefIsFlagged()
    {
        var (client, _) = await NewTenantAsync();
        const string Prompt = "A launch page for Brewly, a smart coffee grinder with 40 grind settings. Launch price $149 until March 31.";
        var page = Pages.Good.Replace("</main>", "<section id=\"pricing\"><h2>Brewly, the smart coffee grinder</h2><p>40 grind settings. Launch price $129 until March 31.</p></section></main>", StringComparison.Ordinal);

        var flagged = await AssertOkAsync(await client.PostAsJsonAsync("/v1/validate", new { html = page, prompt = Prompt }, Ct));
        var without = await AssertOkAsync(await client.PostAsJsonAsync("/v1/validate", new { html = page }, Ct));

        var issue = Assert.Single(flagged.GetProperty("issues").EnumerateArray(), i => i.GetProperty("rule").GetString() == "brief-contradictions");
        Assert.Equal("brief", issue.GetProperty("category").GetString());
        Assert.Contains("$129", issue.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("contradicted", flagged.GetProperty("brief").GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("text").GetString() == "$149").GetProperty("status").GetString());
        Assert.True(flagged.GetProperty("brandScore").GetDouble() <= 6.0);
        Assert.False(without.TryGetProperty("brief", out _));
        Assert.True(without.GetProperty("brandScore").GetDouble() > flagged.GetProperty("brandScore").GetDouble());
    }

    [Fact]
    public async Task RawHtmlIsValidatedAgainstTheColoursInTheQuery()
    {
        var (client, _) = await NewTenantAsync();

        var response = await client.PostAsync("/v1/validate?primaryColor=%230066CC",
            new StringContent(Pages.Good, Encoding.UTF8, "text/html"), Ct);

        var report = await AssertOkAsync(response);
        Assert.True(report.GetProperty("securityPassed").GetBoolean());
        Assert.Contains(report.GetProperty("palette").EnumerateArray(), c => c.GetProperty("nearestBrandColor").GetString() == "#0066CC");
        // #767676 on white is 4.54:1 and passes; the known answer holds through the API.
        Assert.Contains(report.GetProperty("contrast").EnumerateArray(), c => c.GetProperty("foreground").GetString() == "#767676" && c.GetProperty("ratio").GetDouble() == 4.54 && c.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task JsonSentWithCurlsDefaultFormContentTypeIsRead()
    {
        var (client, _) = await NewTenantAsync();
        var json = JsonSerializer.Serialize(new { html = Pages.Good });

        var response = await client.PostAsync("/v1/validate", new StringContent(json, Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);

        var report = await AssertOkAsync(response);
        Assert.True(report.GetProperty("accessibilityPassed").GetBoolean(), report.GetProperty("issues").ToString());
    }

    public static TheoryData<string, byte[], string?, string> BadBodies => new()
    {
        { "an empty body", [], null, "body" },
        { "only whitespace", "  \n\t "u8.ToArray(), "text/html", "body" },
        { "text without a tag", "Buy our shoes, they are great."u8.ToArray(), "text/plain", "html" },
        { "JSON without html", """{"brandAssets":{"primaryColor":"#0066CC"}}"""u8.ToArray(), "application/json", "html" },
        { "JSON with html that is not a page", """{"html":"just words"}"""u8.ToArray(), "application/json", "html" },
        { "malformed JSON", """{"html": "<p>hi</p>", """u8.ToArray(), "application/json", "body" },
        { "html of the wrong type", """{"html": 42}"""u8.ToArray(), "application/json", "html" },
        { "a colour that is not a colour", """{"html":"<p>hi</p>","brandAssets":{"primaryColor":"bluish"}}"""u8.ToArray(), "application/json", "brandAssets.primaryColor" },
        { "a PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "image/png", "Content-Type" },
        { "bytes that are not UTF-8", [0x3C, 0x70, 0x3E, 0xFF, 0xFE, 0xC3, 0x28], "text/html", "html" },
        { "a binary file sent as HTML", "<p>\0\0\0</p>"u8.ToArray(), "text/html", "html" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadBodyIsAClearValidationErrorNamingTheField(string what, byte[] body, string? contentType, string field)
    {
        var (client, _) = await NewTenantAsync();
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var response = await client.PostAsync("/v1/validate", content, Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{what}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        await Contract.AssertResponseAsync(response, Ct);
    }

    [Fact]
    public async Task AFiveMegabytePageIsRefusedWithThe2MbLimit()
    {
        var (client, _) = await NewTenantAsync();
        var page = Pages.Good.Replace("</main>", string.Concat(Enumerable.Repeat("<p>Five megabytes of landing page copy, one paragraph at a time.</p>\n", 80_000)) + "</main>", StringComparison.Ordinal);
        Assert.True(page.Length > 5_000_000);

        var response = await client.PostAsync("/v1/validate", new StringContent(page, Encoding.UTF8, "text/html"), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("2 MB", problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        await Contract.AssertResponseAsync(response, Ct);
    }

    [Fact]
    public async Task DeeplyNestedMarkupGetsACorrectReport()
    {
        var (client, _) = await NewTenantAsync();
        const int depth = 50_000;
        var page = $"<!DOCTYPE html><html lang=\"en\"><head><title>Deep</title></head><body><main>{string.Concat(Enumerable.Repeat("<div>", depth))}<p style=\"color:#777777\">Deep text</p>{string.Concat(Enumerable.Repeat("</div>", depth))}</main></body></html>";

        var response = await client.PostAsJsonAsync("/v1/validate", new { html = page }, Ct);

        var report = await AssertOkAsync(response);
        Assert.True(report.GetProperty("stats").GetProperty("unwrappedElements").GetInt32() > 0);
        // The text at the bottom is still there and still measured: #777777 on white is 4.47:1 and fails.
        Assert.Contains(report.GetProperty("contrast").EnumerateArray(), c => c.GetProperty("text").GetString() == "Deep text" && !c.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task SiteValidationAnswersTheStoredReportOfTheLatestVersion()
    {
        var (client, tenant) = await NewTenantAsync();
        var first = await GenerateAsync(client, tenant, new { prompt = "A spring sale page for Northwind outdoor gear", templateId = "ecommerce-sale" });
        var second = await GenerateAsync(client, tenant, new { prompt = "Make the headline shorter", siteId = first.SiteId, parentGenerationId = first.GenerationId });

        var response = await client.GetAsync($"/v1/sites/{first.SiteId}/validate", Ct);

        var report = await AssertOkAsync(response);
        Assert.Equal(first.SiteId, report.GetProperty("siteId").GetString());
        Assert.Equal(second.GenerationId, report.GetProperty("generationId").GetString());
        Assert.Equal(2, report.GetProperty("version").GetInt32());
        Assert.Equal(second.BrandScore, report.GetProperty("brandScore").GetDouble());
        var stored = JsonDocument.Parse(await client.GetStringAsync($"/v1/sites/{tenant}/generations/{second.GenerationId}/report", Ct)).RootElement;
        Assert.True(JsonElement.DeepEquals(stored.GetProperty("issues"), report.GetProperty("issues")));
        Assert.True(JsonElement.DeepEquals(stored.GetProperty("audits"), report.GetProperty("audits")));
    }

    [Fact]
    public async Task AVersionStoredWithoutAReportIsValidatedOnceAndTheReportStored()
    {
        var (client, tenant) = await NewTenantAsync();
        var generated = await GenerateAsync(client, tenant, new { prompt = "A webinar sign-up page for Contoso analytics", brandAssets = new { primaryColor = "#0B5FFF" } });
        var blobs = portal.Factory.Services.GetRequiredService<IBlobStore>();
        var key = $"{tenant}/{generated.SiteId}/{generated.GenerationId}/report.json";
        var original = (await blobs.GetAsync(BlobContainer.Sites, key, Ct))!.Content;
        Assert.True(await blobs.DeleteAsync(BlobContainer.Sites, key, Ct));

        var response = await client.GetAsync($"/v1/sites/{generated.SiteId}/validate", Ct);

        var report = await AssertOkAsync(response);
        // Validated again against the same brand the pipeline used: the same verdict as the report that was lost.
        var lost = JsonDocument.Parse(original).RootElement;
        Assert.Equal(lost.GetProperty("brandScore").GetDouble(), report.GetProperty("brandScore").GetDouble());
        Assert.True(JsonElement.DeepEquals(lost.GetProperty("palette"), report.GetProperty("palette")));
        Assert.True(JsonElement.DeepEquals(lost.GetProperty("issues"), report.GetProperty("issues")));
        Assert.NotNull(await blobs.GetAsync(BlobContainer.Sites, key, Ct));
    }

    [Fact]
    public async Task AnotherTenantsSiteIsNotFound()
    {
        var (owner, ownerTenant) = await NewTenantAsync();
        var generated = await GenerateAsync(owner, ownerTenant, new { prompt = "A product launch page for Fabrikam drones" });
        var (other, _) = await NewTenantAsync();

        var response = await other.GetAsync($"/v1/sites/{generated.SiteId}/validate", Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Contains(generated.SiteId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Contract.AssertResponseAsync(response, Ct);
    }

    [Theory]
    [InlineData("no-such-site-abc123")]
    [InlineData("NOT%20AN%20ID")]
    public async Task AnUnknownSiteIsNotFound(string siteId)
    {
        var (client, _) = await NewTenantAsync();

        var response = await client.GetAsync($"/v1/sites/{siteId}/validate", Ct);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        await Contract.AssertResponseAsync(response, Ct);
    }

    [Fact]
    public async Task WithoutATokenValidationIsUnauthorized()
    {
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "acme");

        var response = await client.PostAsync("/v1/validate", new StringContent(Pages.Good, Encoding.UTF8, "text/html"), Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await Contract.AssertResponseAsync(response, Ct);
    }

    [Fact]
    public async Task AnotherTenantsHeaderIsForbidden()
    {
        var token = await portal.Factory.CreateTokenAsync("acme", Roles.Marketer);
        var client = portal.Factory.CreateApiClient(token, "globex");

        var response = await client.GetAsync("/v1/sites/some-site-abc123/validate", Ct);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        await Contract.AssertResponseAsync(response, Ct);
    }

    private async Task<JsonElement> AssertOkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        await Contract.AssertResponseAsync(response, Ct);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<(string SiteId, string GenerationId, double BrandScore)> GenerateAsync(HttpClient client, string tenant, object body)
    {
        var events = await client.GenerateAsync(tenant, body, Ct);
        var complete = events.Single(e => e.Type == "complete").Json;
        return (complete.GetProperty("siteId").GetString()!, complete.GetProperty("generationId").GetString()!, complete.GetProperty("brandScore").GetDouble());
    }

    private async Task<(HttpClient Client, string Tenant)> NewTenantAsync()
    {
        var tenant = $"v-{Guid.NewGuid():N}"[..14];
        var token = await portal.Factory.CreateTokenAsync(tenant, Roles.Marketer);
        return (portal.Factory.ApiClient(token, tenant), tenant);
    }
}

/// <summary>Pages with known answers.</summary>
internal static class Pages
{
    /// <summary>A small, clean page: lang, title, viewport, one main, labelled link, #767676 text on white (4.54:1), the brand blue on its button.</summary>
    public const string Good = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Northwind · Spring sale</title>
        <style>body{margin:0;font-family:Inter,sans-serif;color:#111111;background:#ffffff}.muted{color:#767676}.cta{display:inline-block;padding:12px 20px;background:#0066CC;color:#ffffff;text-decoration:none}</style></head>
        <body><main><h1>Spring sale</h1><p class="muted">Thirty percent off every tent until May.</p><a class="cta" href="/sale">Shop the sale</a></main></body>
        </html>
        """;
}
