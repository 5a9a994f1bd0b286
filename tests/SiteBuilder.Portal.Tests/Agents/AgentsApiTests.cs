using System.Net;
using System.Net.Http.Json;
using System.Text;
using SiteBuilder.Identity;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Agents;

/// <summary>The logo and background agents on the embedded defaults (offline SVG model, SQLite, folders).</summary>
public sealed class AgentsApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> MarketerAsync(string tenant = "acme") =>
        portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, Roles.Marketer), tenant);

    [Fact]
    public async Task CountFourReturnsFourDistinctLogosWhoseUrlsAndPreviewsWork()
    {
        var client = await MarketerAsync();

        var answer = await AgentCalls.CreateAsync(client, "logo", AgentCalls.LogoBody(count: 4));

        var images = await AgentCalls.AssertImagesAsync(client, answer, "logo", 4);
        foreach (var (id, bytes) in images)
        {
            var svg = Encoding.UTF8.GetString(bytes);
            Assert.StartsWith("logo-", id, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task TheSeedsRequestWorksAsWrittenWithCurlsFormContentType()
    {
        var client = await MarketerAsync();
        var body = """{"prompt": "Modern tech company logo with abstract shapes", "style": "modern", "colors": ["#0066CC", "#FFFFFF"], "count": 4}""";

        var response = await client.PostAsync("/v1/agents/logo", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        await AgentCalls.AssertImagesAsync(client, answer, "logo", 4);
    }

    [Fact]
    public async Task CountDefaultsToFour()
    {
        var client = await MarketerAsync();

        var answer = await AgentCalls.CreateAsync(client, "logo", new { prompt = "Acme", colors = new[] { "#0066CC" } });

        Assert.Equal(4, answer.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData(null, null, null, 1920, 1080)]
    [InlineData("21:9", null, null, 1920, 823)]
    [InlineData("9:16", null, null, 1080, 1920)]
    [InlineData(null, 1200, 400, 1200, 400)]
    public async Task BackgroundsTakeAnAspectRatioOrASize(string? aspectRatio, int? width, int? height, int expectedWidth, int expectedHeight)
    {
        var client = await MarketerAsync();

        var answer = await AgentCalls.CreateAsync(client, "background",
            new { prompt = "Summer sale hero", style = "bold", colors = new[] { "#E11D48", "#F59E0B" }, count = 2, aspectRatio, width, height });

        await AgentCalls.AssertImagesAsync(client, answer, "background", 2);
        Assert.All(answer.GetProperty("results").EnumerateArray(), r =>
        {
            Assert.StartsWith("bg-", r.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Equal((expectedWidth, expectedHeight), (r.GetProperty("width").GetInt32(), r.GetProperty("height").GetInt32()));
        });
    }

    [Fact]
    public async Task EveryBadFieldIsReportedByName()
    {
        var client = await MarketerAsync();

        var response = await client.PostAsJsonAsync("/v1/agents/logo", new { prompt = " ", style = "grunge", colors = new[] { "blue" }, count = 9 }, Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var errors = problem.GetProperty("errors");
        Assert.Equal(["colors", "count", "prompt", "style"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("modern, classic, playful, minimal or bold", errors.GetProperty("style")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABackgroundWithBothAnAspectRatioAndASizeIsRefused()
    {
        var client = await MarketerAsync();

        var response = await client.PostAsJsonAsync("/v1/agents/background",
            new { prompt = "Hero", colors = new[] { "#0066CC" }, aspectRatio = "16:9", width = 800, height = 600 }, Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(problem.GetProperty("errors").TryGetProperty("aspectRatio", out _));
    }

    [Fact]
    public async Task AWronglyTypedFieldIsAValidationErrorNamingIt()
    {
        var client = await MarketerAsync();

        var response = await client.PostAsync("/v1/agents/logo", new StringContent("""{"prompt":"Acme","colors":["#0066CC"],"count":"four"}""", Encoding.UTF8, "application/json"), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(problem.GetProperty("errors").TryGetProperty("count", out _));
    }

    [Fact]
    public async Task ARoleWithoutBrandAccessIsForbidden()
    {
        var client = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync("acme", Roles.Operator), "acme");

        await AssertProblemAsync(await client.PostAsJsonAsync("/v1/agents/logo", AgentCalls.LogoBody(1), Ct), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await client.GetAsync("/v1/assets", Ct), HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task NoTokenIsUnauthorized()
    {
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "acme");

        await AssertProblemAsync(await client.PostAsJsonAsync("/v1/agents/logo", AgentCalls.LogoBody(1), Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task GeneratedImagesJoinTheTenantsLibrary()
    {
        var client = await MarketerAsync("initech");

        var answer = await AgentCalls.CreateAsync(client, "logo", AgentCalls.LogoBody(2));

        var listed = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/assets?kind=logo", Ct);
        var ids = answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()).Order().ToList();
        Assert.Equal(ids, listed.GetProperty("assets").EnumerateArray().Select(a => a.GetProperty("id").GetString()).Order().ToList());
        Assert.All(listed.GetProperty("assets").EnumerateArray(), a => Assert.Equal("offline", a.GetProperty("source").GetString()));
    }
}
