using Bunit;
using SiteBuilder.Observability.Quality;
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Portal.Components.Pages.Operations;

namespace SiteBuilder.Portal.Tests.Operations;

/// <summary>The SIT → PROD promotion page's quality panel: both environments' values, the regression, and the override form for a TechLead.</summary>
public sealed class QualityGatePanelTests : MudComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static PromotionQuality Regressed() => new(new QualityGateResult("sit", "prod", Now.AddHours(-24), Now,
    [
        new QualityMeasure("Brand score (mean)", "BrandScore", "Average", "None", 7.9, 8.8, true, "SIT 7.9 against PROD 8.8, 0.9 points below: SIT may be at most 0.3 points below PROD — regression."),
        new QualityMeasure("Time to last chunk (p95)", "TimeToLastChunk", "p95", "Seconds", 21, 20, false, "SIT 21 s against PROD 20 s, 5 % above: SIT may be at most 20 % above PROD — within tolerance."),
    ]), null);

    [Fact]
    public void ARegressionShowsBothEnvironmentsValuesAndATechLeadCanOverrideWithAReason()
    {
        string? given = null;
        var panel = Render<QualityGatePanel>(p => p
            .Add(c => c.Quality, Regressed())
            .Add(c => c.CanOverride, true)
            .Add(c => c.OnOverride, (string? reason) => given = reason));

        var brand = panel.Find("[data-testid=quality-BrandScore]");
        Assert.Contains("7.90", brand.TextContent, StringComparison.Ordinal);
        Assert.Contains("8.80", brand.TextContent, StringComparison.Ordinal);
        Assert.Contains("regression", brand.TextContent, StringComparison.Ordinal);
        Assert.Contains("21.0 s", panel.Find("[data-testid=quality-TimeToLastChunk]").TextContent, StringComparison.Ordinal);
        Assert.Contains("0.9 points below: SIT may be at most 0.3 points below PROD", panel.Markup, StringComparison.Ordinal);
        Assert.True(panel.Find("[data-testid=quality-override]").HasAttribute("disabled"));

        // Typing enables the button, not leaving the field: a click straight after typing must not land on a disabled button.
        panel.Find("input[data-testid=quality-reason], [data-testid=quality-reason] input").Input("Load test skewed SIT");
        Assert.False(panel.Find("[data-testid=quality-override]").HasAttribute("disabled"));
        panel.Find("[data-testid=quality-override]").Click();

        Assert.Equal("Load test skewed SIT", given);
    }

    [Fact]
    public void WhoMayNotOverrideIsToldWhoMayAndAGivenOverrideIsShown()
    {
        var waiting = Render<QualityGatePanel>(p => p.Add(c => c.Quality, Regressed()).Add(c => c.CanOverride, false));
        var overridden = Render<QualityGatePanel>(p => p.Add(c => c.Quality, Regressed())
            .Add(c => c.Override, new QualityOverride("tess", "Tess TechLead", Now, "Load test skewed SIT")));

        Assert.Empty(waiting.FindAll("[data-testid=quality-override]"));
        Assert.Contains("until a TechLead other than the requester overrides", waiting.Markup, StringComparison.Ordinal);
        Assert.Contains("Overridden by Tess TechLead", overridden.Find("[data-testid=quality-overridden]").TextContent, StringComparison.Ordinal);
        Assert.Empty(overridden.FindAll("[data-testid=quality-override]"));
    }

    [Fact]
    public void ADeployedPromotionKeepsWhoOverrodeTheGateAndWhyWithoutComparingAgain()
    {
        var deployed = Render<QualityGatePanel>(p => p
            .Add(c => c.Override, new QualityOverride("tess", "Tess TechLead", Now, "Load test skewed SIT"))
            .Add(c => c.Closed, true));

        Assert.Contains("Overridden by Tess TechLead", deployed.Find("[data-testid=quality-overridden]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Load test skewed SIT", deployed.Find("[data-testid=quality-overridden]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Not compared again after the deployment", deployed.Find("[data-testid=quality-history]").TextContent, StringComparison.Ordinal);
        Assert.Empty(deployed.FindAll("table"));
    }
}
