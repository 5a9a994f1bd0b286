using System.Text.Json;
using SiteBuilder.Portal.Testing.DocSamples;
using SiteBuilder.Portal.Testing.OpenApi;

namespace SiteBuilder.Portal.Tests;

/// <summary>What the Agents section's samples must print: real answers that match <c>openapi/agents-api.yaml</c>.</summary>
public sealed partial class DocSamplesTests
{
    private const string Agents = "agents-api.yaml";

    private static Task PrintsTwoLogos(SampleCaller caller, SampleResult result)
    {
        var answer = Succeeded(result);
        OpenApiContract.AssertMatchesSchema(Agents, "ImageAgentResponse", answer);
        Assert.Equal("logo", answer.GetProperty("type").GetString());
        Assert.Equal(2, answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        return Task.CompletedTask;
    }

    private static Task DownloadsTwoLogos(SampleCaller caller, SampleResult result)
    {
        var downloaded = Succeeded(result).EnumerateArray().ToList();
        Assert.Equal(2, downloaded.Count);
        Assert.Equal(2, downloaded.Select(d => d.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(downloaded, d =>
        {
            Assert.StartsWith("logo-", d.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Equal("image/svg+xml", d.GetProperty("contentType").GetString());
            Assert.True(d.GetProperty("bytes").GetInt32() > 100, result.ToString());
        });
        return Task.CompletedTask;
    }

    private static Task PrintsOneBackground(SampleCaller caller, SampleResult result)
    {
        var answer = Succeeded(result);
        OpenApiContract.AssertMatchesSchema(Agents, "ImageAgentResponse", answer);
        var background = Assert.Single(answer.GetProperty("results").EnumerateArray());
        Assert.Equal("background", answer.GetProperty("type").GetString());
        Assert.Equal((1920, 823), (background.GetProperty("width").GetInt32(), background.GetProperty("height").GetInt32()));
        return Task.CompletedTask;
    }

    private static Task PrintsTheTheme(SampleCaller caller, SampleResult result)
    {
        var answer = Succeeded(result);
        OpenApiContract.AssertMatchesSchema(Agents, "ThemeAgentResponse", answer);
        Assert.Equal("ecommerce-sale", answer.GetProperty("templateId").GetString());
        Assert.Equal("#0066CC", answer.GetProperty("theme").GetProperty("primary").GetString());
        return Task.CompletedTask;
    }

    private static Task PrintsTheLayout(SampleCaller caller, SampleResult result)
    {
        var answer = Succeeded(result);
        OpenApiContract.AssertMatchesSchema(Agents, "LayoutAgentResponse", answer);
        var kinds = answer.GetProperty("layout").GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("kind").GetString()).ToList();
        Assert.Equal("hero", kinds[0]);
        Assert.Equal("footer", kinds[^1]);
        Assert.Contains("product-grid", kinds);
        Assert.Contains("faq", kinds);
        return Task.CompletedTask;
    }

    private static Task PrintsTheUploadedSvg(SampleCaller caller, SampleResult result)
    {
        var asset = Succeeded(result);
        OpenApiContract.AssertMatchesSchema(Agents, "AssetResponse", asset);
        Assert.Equal("upload", asset.GetProperty("kind").GetString());
        Assert.Equal("image/svg+xml", asset.GetProperty("contentType").GetString());
        Assert.Equal("acme-logo.svg", asset.GetProperty("description").GetString());
        Assert.Equal(caller.Account.UserName, asset.GetProperty("createdBy").GetString());
        return Task.CompletedTask;
    }

    private static Task PrintsTheLogoList(SampleCaller caller, SampleResult result)
    {
        var list = Succeeded(result);
        OpenApiContract.AssertMatchesSchema(Agents, "AssetListResponse", list);
        Assert.All(list.GetProperty("assets").EnumerateArray(), a => Assert.Equal("logo", a.GetProperty("kind").GetString()));
        return Task.CompletedTask;
    }

    private static Task PrintsTheSavedBrandKit(SampleCaller caller, SampleResult result)
    {
        var kit = Succeeded(result);
        OpenApiContract.AssertMatchesSchema(Agents, "BrandKitResponse", kit);
        Assert.Equal("Acme Coffee", kit.GetProperty("brandName").GetString());
        Assert.Equal("#FF6600", kit.GetProperty("secondaryColor").GetString());
        Assert.Equal(caller.Account.UserName, kit.GetProperty("updatedBy").GetString());
        return Task.CompletedTask;
    }

    private static JsonElement Succeeded(SampleResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return ParseJson(result);
    }
}
