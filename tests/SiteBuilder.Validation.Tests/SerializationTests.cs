using System.Text.Json;

namespace SiteBuilder.Validation.Tests;

public class SerializationTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void TheReportSerializesWithTheSeedsFieldNames()
    {
        var report = BrandValidator.Validate(Pages.With("<p style='color:#aaa'>Low</p><script>x()</script>"));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, Web));
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Number, root.GetProperty("brandScore").ValueKind);
        Assert.False(root.GetProperty("securityPassed").GetBoolean());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("performanceMs").ValueKind);
        Assert.False(root.GetProperty("accessibilityPassed").GetBoolean());
        var issue = root.GetProperty("issues")[0];
        foreach (var field in new[] { "category", "severity", "message", "suggestion", "rule", "impact", "selector", "snippet" })
        {
            Assert.True(issue.TryGetProperty(field, out _), field);
        }

        Assert.Equal("error", issue.GetProperty("severity").GetString());
    }

    [Fact]
    public void TheReportRoundTrips()
    {
        var report = BrandValidator.Validate(Pages.With("<p>x</p><img src='a.png'>"), new BrandAssets("#0066CC", Palette: ["#FF6600"]));

        var json = JsonSerializer.Serialize(report, Web);
        var back = JsonSerializer.Deserialize<ValidationReport>(json, Web);

        Assert.NotNull(back);
        Assert.Equal(json, JsonSerializer.Serialize(back, Web));
    }

    [Fact]
    public void BrandAssetsBindFromTheApisJson()
    {
        var assets = JsonSerializer.Deserialize<BrandAssets>("""{"primaryColor":"#0066CC","secondaryColor":"#FF6600","logoUrl":"/l.svg","fontFamilies":["Inter"]}""", Web);

        Assert.Equal(new BrandAssets("#0066CC", "#FF6600", null, "/l.svg", assets!.FontFamilies), assets);
        Assert.Equal(["Inter"], assets.FontFamilies!);
    }
}
