using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SiteBuilder.Generation.Records;
using SiteBuilder.Portal.Components.Pages.Workspace;

namespace SiteBuilder.Portal.Tests.Workspace;

/// <summary>The version list: each version's outcome, and its tokens and estimated cost where the provider reported tokens.</summary>
public sealed class VersionsPanelTests : MudComponentTest
{
    private static readonly DateTimeOffset Created = new(2026, 12, 6, 14, 0, 0, TimeSpan.Zero);

    public VersionsPanelTests() => Services.AddSingleton(Options.Create(new GenerationPricing()));

    [Fact]
    public void AVersionWrittenByClaudeShowsItsTokensAndTheirCostAtSonnetPrices()
    {
        var claude = Version(1, "bedrock") with { InputTokens = 1_850, OutputTokens = 5_400 };
        var offline = Version(2, "offline");

        var panel = Render<VersionsPanel>(p => p.Add(c => c.Versions, [claude, offline]).Add(c => c.Latest, offline.Id));

        var cost = Assert.Single(panel.FindAll("[data-testid=version-cost]"));
        // 1,850 × $3/M + 5,400 × $15/M = $0.00555 + $0.081 = $0.08655.
        Assert.Equal("1,850 in · 5,400 out tokens · about 0.087 USD", cost.TextContent);
        Assert.Contains("v1", cost.Closest("li")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void PricesComeFromConfigurationAndAVersionWithoutTokensHasNoEstimate()
    {
        var pricing = new GenerationPricing { InputPerMillion = 1m, OutputPerMillion = 2m, Currency = "EUR" };

        // 1,000 × 1/M + 1,500 × 2/M.
        Assert.Equal(0.004m, pricing.EstimateCost(1_000, 1_500));
        Assert.Null(pricing.EstimateCost(null, null));
        Assert.Null(pricing.Describe(Version(1, "offline")));
        Assert.EndsWith("EUR", pricing.Describe(Version(1, "openai") with { OutputTokens = 100 }), StringComparison.Ordinal);
    }

    private static GenerationRecord Version(int version, string provider) => new()
    {
        Id = $"gen-{version}",
        Tenant = "acme",
        SiteId = "site-1",
        Version = version,
        Prompt = "A launch page for Brewly",
        TemplateId = "ecommerce-sale",
        Provider = provider,
        ModelId = "model",
        CreatedBy = "mia",
        Status = GenerationStatus.Complete,
        BrandScore = 9.2,
        CreatedAt = Created,
        UpdatedAt = Created,
    };
}
