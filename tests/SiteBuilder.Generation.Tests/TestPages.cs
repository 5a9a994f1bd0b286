using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Offline;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;

namespace SiteBuilder.Generation.Tests;

/// <summary>Builds requests the way the generation pipeline does: template, theme_selector, layout_agent.</summary>
internal static class TestPages
{
    public const string SummerSale =
        "Create a summer sale landing page for Acme Outdoors with 30% off all hiking gear, June 1–15, free shipping, hero section and product grid";

    public static PageRequest Request(string prompt, string? templateId = null, BrandKit? brand = null, string? parentHtml = null)
    {
        brand ??= new BrandKit("#0066CC", "#FF6600");
        var template = TemplateCatalog.Find(templateId) ?? TemplateCatalog.Infer(prompt);
        var theme = ThemeSelector.Select(brand, template, prompt);
        var layout = LayoutAgent.Plan(template, prompt, theme);
        return new PageRequest(prompt, template, theme, layout, brand, parentHtml);
    }

    public static string Compose(string prompt, string? templateId = null, BrandKit? brand = null) =>
        OfflineComposer.Compose(Request(prompt, templateId, brand));

    public static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>One prompt per template, as a marketer might write it.</summary>
    public static TheoryData<string, string> PromptPerTemplate => new()
    {
        { "ecommerce-sale", SummerSale },
        { "saas-product", "Landing page for Flowboard, a project management tool that helps remote teams ship faster, with pricing and an FAQ" },
        { "event", "Event page for DevSummit 2026 in Brooklyn on September 12-14 for developers and designers" },
        { "restaurant", "Elegant landing page for Trattoria Lucia, a wood-fired pizza restaurant in Brooklyn" },
        { "portfolio", "Portfolio for Jane Doe, a product designer in Lisbon" },
        { "app-launch", "Playful app launch page for Pocketly, an app that helps busy parents plan family meals, launching March 3" },
        { "nonprofit", "Donation page for Ocean Trust, a charity working to protect coastal wetlands" },
        { "newsletter", "A weekly AI newsletter called The Gradient Digest for product managers" },
    };
}
