using SiteBuilder.BrandAssets.Images.Offline;

namespace SiteBuilder.BrandAssets.Tests.Images;

public sealed class BrandTextTests
{
    [Theory]
    [InlineData("Logo for Acme Coffee, a modern roastery", "Acme Coffee", "AC")]
    [InlineData("Create a playful logo for Joe's Diner", "Joe's Diner", "JD")]
    [InlineData("A logo called \"nimbus cloud\" please", "nimbus cloud", "NC")]
    [InlineData("Bold mark for Smith & Sons Plumbing in Leeds", "Smith & Sons Plumbing", "SS")]
    [InlineData("Something minimal for Nimbus", "Nimbus", "N")]
    [InlineData("We are Bright Path Tutoring and need a logo", "Bright Path Tutoring", "BP")]
    [InlineData("logo for sunny side bakery, family owned", "Sunny Side Bakery", "SS")]
    [InlineData("a clean modern logo", "Brand", "B")]
    public void TheBrandNameComesFromThePrompt(string prompt, string name, string initials)
    {
        var brand = BrandText.FromPrompt(prompt);

        Assert.Equal(name, brand.Name);
        Assert.Equal(initials, brand.Initials);
    }

    [Theory]
    [InlineData("Logo for Acme Coffee, a modern roastery", "modern roastery")]
    [InlineData("Logo for Green Leaf Yoga, a studio in Leeds", "studio")]
    [InlineData("Logo for Acme Coffee", null)]
    public void TheTaglineIsTheShortDescriptionAfterTheName(string prompt, string? tagline)
        => Assert.Equal(tagline, BrandText.FromPrompt(prompt).Tagline);
}
