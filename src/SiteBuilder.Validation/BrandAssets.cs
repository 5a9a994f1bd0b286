namespace SiteBuilder.Validation;

/// <summary>What the page is checked against. Every member is optional; audits that need a missing member are
/// not applicable and do not count towards the score.</summary>
/// <param name="PrimaryColor">The brand's primary colour (any CSS colour, usually <c>#RRGGBB</c>).</param>
/// <param name="SecondaryColor">The brand's secondary colour.</param>
/// <param name="Palette">Further brand colours (accent, surfaces …).</param>
/// <param name="LogoUrl">The logo's URL; the page must show an image with this URL (or this file name).</param>
/// <param name="FontFamilies">The brand's font families; the page's own fonts must be among them.</param>
public sealed record BrandAssets(
    string? PrimaryColor = null,
    string? SecondaryColor = null,
    IReadOnlyList<string>? Palette = null,
    string? LogoUrl = null,
    IReadOnlyList<string>? FontFamilies = null);
