using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Sites;
using SiteBuilder.Portal.Tests.Agents;
using SiteBuilder.TestSupport.FakeBedrockImages;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>Issue 13 points 8 and 11.</summary>
public sealed class SmallerHoleTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewTenant() => "sh" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public void TheDownloadedZipSanitizesInlineSvgImagesItWritesAsFiles()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\" onload=\"alert(1)\"><script>alert(2)</script><rect width=\"10\" height=\"10\"/></svg>";
        var html = $"<!DOCTYPE html><html><body><img alt=\"logo\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))}\"></body></html>";

        using var zip = new ZipArchive(new MemoryStream(SitePages.Package(html, null)));

        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".svg", StringComparison.Ordinal));
        var written = new StreamReader(entry.Open()).ReadToEnd();
        Assert.Contains("<rect", written, StringComparison.Ordinal);
        Assert.DoesNotContain("script", written, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload", written, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedProtoFromADirectClientIsIgnored()
    {
        var tenant = NewTenant();
        var client = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, Roles.Marketer), tenant);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        var response = await client.PostAsync("/v1/assets", AgentCalls.Form(TinyPng.Solid(8, 8, 1, 2, 3), "a.png"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var url = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("url").GetString()!;
        Assert.StartsWith("http://", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheValidatePagePlaceholderShowsLineBreaksAndQuotesNotEntities()
    {
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var browser = PortalBrowser.Open(portal.Factory);
        await PortalBrowser.SignInAsync(browser, account.UserName, password);

        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/validate", Ct));

        var placeholder = page.QuerySelector("textarea[placeholder]")!.GetAttribute("placeholder")!;
        Assert.Contains("\n<html lang=\"en\">", placeholder, StringComparison.Ordinal);
        Assert.DoesNotContain("&#10;", placeholder, StringComparison.Ordinal);
        Assert.DoesNotContain("&quot;", placeholder, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARoleRefusedTheAssetCannotEmbedItAsALogo()
    {
        var tenant = NewTenant();
        var marketer = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, Roles.Marketer), tenant);
        var upload = await marketer.PostAsync("/v1/assets", AgentCalls.Form(TinyPng.Solid(8, 8, 1, 2, 3), "a.png"), Ct);
        var assetId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var operatorClient = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, Roles.Operator), tenant);

        await AssertProblemAsync(await operatorClient.GetAsync($"/v1/assets/{assetId}/content", Ct), HttpStatusCode.Forbidden, "FORBIDDEN");
        var generation = await operatorClient.PostAsJsonAsync($"/v1/sites/{tenant}/generation",
            new { prompt = "A landing page for a winter coffee sale", brandAssets = new { logo = assetId } }, Ct);
        await AssertProblemAsync(generation, HttpStatusCode.Forbidden, "FORBIDDEN");
        var validation = await operatorClient.PostAsJsonAsync("/v1/validate",
            new { html = "<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><h1>x</h1></body></html>", brandAssets = new { logo = assetId } }, Ct);
        await AssertProblemAsync(validation, HttpStatusCode.Forbidden, "FORBIDDEN");
    }
}

/// <summary>Issue 13 point 4: Entra sign-in is pinned to configured directories; "common" alone does not start.</summary>
public sealed class IdentityProviderPinningTests
{
    [Theory]
    [InlineData("contoso-tid", "contoso-tid", new string[0], true)]
    [InlineData("fabrikam-tid", "contoso-tid", new string[0], false)]
    [InlineData(null, "contoso-tid", new string[0], false)]
    [InlineData("fabrikam-tid", "common", new[] { "contoso-tid" }, false)]
    [InlineData("contoso-tid", "organizations", new[] { "contoso-tid" }, true)]
    [InlineData("contoso-tid", "common", new string[0], false)]
    public void OnlyConfiguredDirectoriesMaySignIn(string? tid, string configuredTenant, string[] allowed, bool accepted)
    {
        var options = new SiteBuilder.Portal.Auth.EntraMappingOptions { AllowedTenantIds = [.. allowed] };

        Assert.Equal(accepted, options.AcceptsDirectory(tid, configuredTenant));
    }

    [Fact]
    public void EntraForCommonWithoutAllowedDirectoriesStopsTheStartNamingTheKey()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration["AzureAd:Instance"] = "https://login.microsoftonline.com/";
        builder.Configuration["AzureAd:TenantId"] = "common";
        builder.Configuration["AzureAd:ClientId"] = "entra-client-id";
        SiteBuilder.Portal.Auth.PortalAuthentication.AddPortalAuthentication(builder);
        using var host = builder.Build();
        var options = (Microsoft.Extensions.Options.IOptions<SiteBuilder.Portal.Auth.EntraMappingOptions>)host.Services.GetService(typeof(Microsoft.Extensions.Options.IOptions<SiteBuilder.Portal.Auth.EntraMappingOptions>))!;

        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => (object)options.Value);

        Assert.Contains("SiteBuilder:Authentication:Entra:AllowedTenantIds", failure.Message, StringComparison.Ordinal);
    }
}
