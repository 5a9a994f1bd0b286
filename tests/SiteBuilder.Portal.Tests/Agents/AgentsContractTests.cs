using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing.OpenApi;
using SiteBuilder.TestSupport.FakeBedrockImages;

namespace SiteBuilder.Portal.Tests.Agents;

/// <summary>
/// Real answers of the agents, asset and brand-kit routes against <c>openapi/agents-api.yaml</c>: every operation, its
/// success and its errors. (Agent answers in the other agent tests are checked too, through <see cref="AgentCalls"/>.)
/// </summary>
public sealed class AgentsContractTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string ScriptSvg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"><rect width=\"40\" height=\"40\"/><script>alert(1)</script></svg>";

    private const string PlainSvg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\"><rect width=\"120\" height=\"40\" fill=\"#0066CC\"/></svg>";

    private static OpenApiContract Contract => OpenApiContract.Load("agents-api.yaml");

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..10];

    private async Task<HttpClient> MarketerAsync(string tenant) =>
        portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, Roles.Marketer), tenant);

    [Fact]
    public void EveryRouteIsInTheContractAndEveryOperationIsARoute()
    {
        var routes = portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + (e.RoutePattern.RawText ?? "").Trim('/'), Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(r => r.Path.StartsWith("/v1/agents", StringComparison.Ordinal) || r.Path.StartsWith("/v1/assets", StringComparison.Ordinal) || r.Path.StartsWith("/v1/brand-kit", StringComparison.Ordinal))
            .SelectMany(r => r.Methods.Select(m => $"{m} {r.Path["/v1".Length..]}"))
            .ToHashSet(StringComparer.Ordinal);
        var operations = Contract.Document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(routes);
        Assert.Equal(routes.Order(), operations.Order());
    }

    [Fact]
    public async Task LogosAndTheirImagesMatchTheContract()
    {
        var client = await MarketerAsync(NewTenant());

        var response = await client.PostAsJsonAsync("/v1/agents/logo", AgentCalls.LogoBody(4), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Contract.AssertResponseAsync(response, Ct);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        foreach (var result in answer.GetProperty("results").EnumerateArray())
        {
            var path = new Uri(result.GetProperty("url").GetString()!).AbsolutePath;
            var image = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            await Contract.AssertResponseAsync(image, Ct);

            var asset = await client.GetAsync($"/v1/assets/{result.GetProperty("id").GetString()}", Ct);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            await Contract.AssertResponseAsync(asset, Ct);
        }
    }

    [Theory]
    [InlineData("""{"prompt":"Calm gradient","colors":["#0066CC","#FF6600"],"count":2,"aspectRatio":"21:9"}""")]
    [InlineData("""{"prompt":"Calm gradient","style":"bold","colors":["#0066CC"],"count":1,"width":800,"height":600,"seed":42}""")]
    public async Task BackgroundsMatchTheContract(string body)
    {
        var client = await MarketerAsync(NewTenant());

        var response = await client.PostAsync("/v1/agents/background", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Contract.AssertResponseAsync(response, Ct);
    }

    [Theory]
    [InlineData("theme")]
    [InlineData("layout")]
    public async Task ThemeAndLayoutMatchTheContract(string agent)
    {
        var client = await MarketerAsync(NewTenant());
        var body = new
        {
            prompt = "A summer sale landing page for Acme Outfitters with a product grid, pricing, a newsletter sign-up and an FAQ",
            templateId = "ecommerce-sale",
            brandAssets = new { primaryColor = "#0066CC", secondaryColor = "#FF6600" },
        };

        var response = await client.PostAsJsonAsync($"/v1/agents/{agent}", body, Ct);
        var inferred = await client.PostAsJsonAsync($"/v1/agents/{agent}", new { prompt = "Osteria Lume, a dark and elegant Italian restaurant" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Contract.AssertResponseAsync(response, Ct);
        Assert.Equal(HttpStatusCode.OK, inferred.StatusCode);
        await Contract.AssertResponseAsync(inferred, Ct);
    }

    [Theory]
    [InlineData("logo", """{"prompt":"","style":"retro","colors":["blue"],"count":9}""")]
    [InlineData("background", """{"prompt":"Waves","colors":["#0066CC"],"aspectRatio":"5:4","width":100}""")]
    [InlineData("theme", """{"prompt":"x","templateId":"castle","brandAssets":{"primaryColor":"red"}}""")]
    [InlineData("layout", """{"prompt":42}""")]
    public async Task InvalidAgentRequestsMatchTheContract(string agent, string body)
    {
        var client = await MarketerAsync(NewTenant());

        var response = await client.PostAsync($"/v1/agents/{agent}", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Contract.AssertResponseAsync(response, Ct);
    }

    [Fact]
    public async Task AuthErrorsOnTheAgentsAndAssetsMatchTheContract()
    {
        var tenant = NewTenant();
        var noToken = portal.Factory.CreateClient();
        noToken.DefaultRequestHeaders.Add("X-Tenant-Id", tenant);
        var wrongTenant = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, Roles.Marketer), NewTenant());
        var operatorClient = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, Roles.Operator), tenant);

        var unauthorized = await noToken.PostAsJsonAsync("/v1/agents/logo", AgentCalls.LogoBody(1), Ct);
        var forbidden = await wrongTenant.GetAsync("/v1/assets", Ct);
        var noRole = await operatorClient.GetAsync("/v1/brand-kit", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        await Contract.AssertResponseAsync(unauthorized, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await Contract.AssertResponseAsync(forbidden, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
        await Contract.AssertResponseAsync(noRole, Ct);
    }

    [Fact]
    public async Task UploadListGetContentAndDeleteMatchTheContract()
    {
        var client = await MarketerAsync(NewTenant());

        var png = await client.PostAsync("/v1/assets", AgentCalls.Form(TinyPng.Solid(120, 40, 0, 102, 204), "mark.png"), Ct);
        var svg = await client.PostAsync("/v1/assets?fileName=wordmark.svg", new ByteArrayContent(Encoding.UTF8.GetBytes(PlainSvg)), Ct);

        Assert.Equal(HttpStatusCode.Created, png.StatusCode);
        await Contract.AssertResponseAsync(png, Ct);
        Assert.Equal(HttpStatusCode.Created, svg.StatusCode);
        await Contract.AssertResponseAsync(svg, Ct);
        var svgId = (await svg.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        foreach (var path in new[] { "/v1/assets", "/v1/assets?kind=upload", $"/v1/assets/{svgId}", $"/v1/assets/{svgId}/content" })
        {
            var response = await client.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            await Contract.AssertResponseAsync(response, Ct);
        }

        var deleted = await client.DeleteAsync($"/v1/assets/{svgId}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Contract.AssertResponseAsync(deleted, Ct);
        foreach (var gone in new[] { client.GetAsync($"/v1/assets/{svgId}", Ct), client.GetAsync($"/v1/assets/{svgId}/content", Ct), client.DeleteAsync($"/v1/assets/{svgId}", Ct) })
        {
            var response = await gone;
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            await Contract.AssertResponseAsync(response, Ct);
        }
    }

    [Fact]
    public async Task RefusedUploadsAndABadKindFilterMatchTheContract()
    {
        var client = await MarketerAsync(NewTenant());

        var script = await client.PostAsync("/v1/assets", AgentCalls.Form(Encoding.UTF8.GetBytes(ScriptSvg), "logo.svg", "image/svg+xml"), Ct);
        var program = await client.PostAsync("/v1/assets?fileName=logo.png", new ByteArrayContent([.. "MZ"u8.ToArray(), 0x90, 0, 3, 0]), Ct);
        var badKind = await client.GetAsync("/v1/assets?kind=poster", Ct);

        foreach (var response in new[] { script, program, badKind })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            await Contract.AssertResponseAsync(response, Ct);
        }
    }

    [Fact]
    public async Task TheBrandKitMatchesTheContractEmptySavedAndRefused()
    {
        var client = await MarketerAsync(NewTenant());
        var upload = await client.PostAsync("/v1/assets", AgentCalls.Form(TinyPng.Solid(64, 64, 1, 2, 3), "mark.png"), Ct);
        var logoId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var empty = await client.GetAsync("/v1/brand-kit", Ct);
        var saved = await client.PutAsJsonAsync("/v1/brand-kit", new { brandName = "Acme Coffee", primaryColor = "#0066CC", secondaryColor = "#FF6600", logoAssetId = logoId }, Ct);
        var read = await client.GetAsync("/v1/brand-kit", Ct);
        var refused = await client.PutAsJsonAsync("/v1/brand-kit", new { primaryColor = "blue", logoAssetId = "logo-0000000000000000" }, Ct);

        foreach (var (response, status) in new[] { (empty, HttpStatusCode.OK), (saved, HttpStatusCode.OK), (read, HttpStatusCode.OK), (refused, HttpStatusCode.BadRequest) })
        {
            Assert.Equal(status, response.StatusCode);
            await Contract.AssertResponseAsync(response, Ct);
        }

        Assert.Equal(JsonValueKind.Null, (await empty.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("logoUrl").ValueKind);
        Assert.EndsWith($"/v1/assets/{logoId}/content", (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("logoUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageResultWithoutAPreviewOrWithAPublicLinkFailsTheContract()
    {
        const string Good = """{"id":"logo-0123456789abcdef","url":"http://127.0.0.1:5080/v1/assets/logo-0123456789abcdef/content","preview":"data:image/svg+xml;base64,PHN2Zy8+","contentType":"image/svg+xml","width":512,"height":512,"description":"A logo"}""";
        Contract.AssertMatchesSchema("ImageAgentResult", Good);

        var noPreview = Assert.Throws<OpenApiContractException>(() => Contract.AssertMatchesSchema("ImageAgentResult", Good.Replace("\"preview\":\"data:image/svg+xml;base64,PHN2Zy8+\",", "", StringComparison.Ordinal)));
        var publicLink = Assert.Throws<OpenApiContractException>(() => Contract.AssertMatchesSchema("ImageAgentResult",
            Good.Replace("http://127.0.0.1:5080/v1/assets/logo-0123456789abcdef/content", "https://cdn.example.com/logo-1.png", StringComparison.Ordinal)));

        Assert.Contains("keyword 'required'", noPreview.Message, StringComparison.Ordinal);
        Assert.Contains("instance /url", publicLink.Message, StringComparison.Ordinal);
    }
}
