using SiteBuilder.Generation.Templates;

namespace SiteBuilder.Generation.Providers.Tests;

/// <summary>Page requests and stream readers the provider tests share.</summary>
internal static class PageRequests
{
    public static PageRequest SpringSale(string? parentHtml = null, string prompt = "A spring sale page for Acme outdoor gear: 30% off tents and backpacks until April 30.") => new(
        prompt,
        new PageTemplate("ecommerce-sale", "E-commerce sale", "A time-limited sale with featured products", ["hero", "product-grid", "cta", "footer"], ["sale", "discount"]),
        new Theme(
            Primary: "#0066CC",
            Secondary: "#FF6600",
            Accent: "#22AA88",
            Background: "#FFFFFF",
            Surface: "#F4F6F8",
            Text: "#1A1A1A",
            MutedText: "#5A6270",
            OnPrimary: "#FFFFFF",
            HeadingFont: "Montserrat",
            BodyFont: "Source Sans 3",
            Tone: "energetic"),
        new PageLayout(
        [
            new LayoutSection("hero", "Spring into the outdoors", "Announce the sale and its deadline"),
            new LayoutSection("product-grid", "Tents and backpacks on sale", "Show the discounted products"),
            new LayoutSection("faq", "Questions about the sale", "Answer shipping and returns questions"),
            new LayoutSection("footer", "Acme Outdoor", "Contact and legal links"),
        ]),
        new BrandKit("#0066CC", "#FF6600", "https://assets.example.test/acme/logo.svg", "Acme Outdoor"),
        parentHtml);

    public static async Task<List<PageDelta>> ReadAllAsync(IPageModel model, PageRequest request)
    {
        var deltas = new List<PageDelta>();
        await foreach (var delta in model.StreamPageAsync(request, TestContext.Current.CancellationToken))
        {
            deltas.Add(delta);
        }

        return deltas;
    }

    /// <summary>Reads until the stream fails; returns the failure and the deltas that arrived before it.</summary>
    public static async Task<(PageModelException Failure, List<PageDelta> Received)> FailureAsync(IPageModel model, PageRequest request)
    {
        var received = new List<PageDelta>();
        var failure = await Assert.ThrowsAsync<PageModelException>(async () =>
        {
            await foreach (var delta in model.StreamPageAsync(request, TestContext.Current.CancellationToken))
            {
                received.Add(delta);
            }
        });
        return (failure, received);
    }

    public static string Text(this IEnumerable<PageDelta> deltas) => string.Concat(deltas.Select(d => d.Text));
}
