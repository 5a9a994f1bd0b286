using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.BrandAssets.Uploads;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Generation.Theming;
using SiteBuilder.Identity;
using SiteBuilder.TestSupport.FakeBedrockImages;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Agents;

/// <summary><c>theme_selector</c> and <c>layout_agent</c> on their own, and the brand assets as the generation's logo source.</summary>
public sealed class DesignAgentsApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Prompt = "Create a summer sale landing page with hero section and product grid, 30% off sandals";

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> MarketerAsync(string tenant = "acme") =>
        portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, Roles.Marketer), tenant);

    [Fact]
    public async Task TheThemeIsTheOneTheGenerationPipelineWouldUse()
    {
        var client = await MarketerAsync();

        var answer = await AgentCalls.CreateAsync(client, "theme",
            new { prompt = Prompt, templateId = "ecommerce-sale", brandAssets = new { primaryColor = "#0066CC", secondaryColor = "#FF6600" } });

        var expected = ThemeSelector.Select(new BrandKit("#0066CC", "#FF6600"), TemplateCatalog.Find("ecommerce-sale")!, Prompt);
        Assert.Equal("theme", answer.GetProperty("type").GetString());
        Assert.Equal("ecommerce-sale", answer.GetProperty("templateId").GetString());
        Assert.Equal(expected, answer.GetProperty("theme").Deserialize<Theme>(JsonSerializerOptions.Web));
        Assert.Equal("#0066CC", expected.Primary);
    }

    [Fact]
    public async Task TheLayoutIsTheOneTheGenerationPipelineWouldUse()
    {
        var client = await MarketerAsync();

        var answer = await AgentCalls.CreateAsync(client, "layout", new { prompt = Prompt + ", and an FAQ but no testimonials" });

        var template = TemplateCatalog.Infer(Prompt + ", and an FAQ but no testimonials");
        var theme = ThemeSelector.Select(new BrandKit(), template, Prompt + ", and an FAQ but no testimonials");
        var expected = LayoutAgent.Plan(template, Prompt + ", and an FAQ but no testimonials", theme);
        Assert.Equal("layout", answer.GetProperty("type").GetString());
        Assert.Equal(template.Id, answer.GetProperty("templateId").GetString());
        Assert.Equal(theme.Tone, answer.GetProperty("tone").GetString());
        var sections = answer.GetProperty("layout").GetProperty("sections").EnumerateArray()
            .Select(s => new LayoutSection(s.GetProperty("kind").GetString()!, s.GetProperty("heading").GetString()!, s.GetProperty("purpose").GetString()!)).ToList();
        Assert.Equal(expected.Sections, sections);
        Assert.Equal("hero", sections[0].Kind);
        Assert.Equal("footer", sections[^1].Kind);
        Assert.DoesNotContain(sections, s => s.Kind == "testimonials");
    }

    [Theory]
    [InlineData("theme")]
    [InlineData("layout")]
    public async Task BadFieldsAreReportedByNameLikeAGeneration(string agent)
    {
        var client = await MarketerAsync();

        var response = await client.PostAsJsonAsync($"/v1/agents/{agent}",
            new { prompt = "", templateId = "wedding", brandAssets = new { primaryColor = "blue" } }, Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["brandAssets.primaryColor", "prompt", "templateId"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnAssetIdBecomesADataUriForTheGenerationAndOnlyForItsTenant()
    {
        var client = await MarketerAsync("logo-source");
        var upload = await client.PostAsync("/v1/assets", AgentCalls.Form(TinyPng.Solid(1024, 1024, 0, 102, 204), "big-logo.png"), Ct);
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var svgId = (await AgentCalls.CreateAsync(client, "logo", AgentCalls.LogoBody(1))).GetProperty("results")[0].GetProperty("id").GetString()!;
        var logos = portal.Factory.Services.GetRequiredService<ILogoSource>();

        var raster = await logos.ResolveAsync("logo-source", id, Ct);
        var svg = await logos.ResolveAsync("logo-source", svgId, Ct);

        Assert.StartsWith("data:image/jpeg;base64,", raster, StringComparison.Ordinal);
        Assert.Equal(new ImageSize(512, 512), AssetContent.ReadSize(Convert.FromBase64String(raster!["data:image/jpeg;base64,".Length..])));
        Assert.StartsWith("data:image/svg+xml;base64,", svg, StringComparison.Ordinal);
        Assert.Null(await logos.ResolveAsync("another-tenant", id, Ct));
        Assert.Equal("https://cdn.example.com/logo.png", await logos.ResolveAsync("logo-source", "https://cdn.example.com/logo.png", Ct));
    }
}
