namespace SiteBuilder.Generation.Templates;

/// <summary>A catalogue template: <c>ecommerce-sale</c>, <c>saas-product</c>, …</summary>
/// <param name="Id">Stable id used by the API's <c>templateId</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">One line for pickers.</param>
/// <param name="DefaultSections">Section kinds in their default order.</param>
/// <param name="Keywords">Words that make the template the inferred choice for a prompt.</param>
public sealed record PageTemplate(string Id, string Name, string Description, IReadOnlyList<string> DefaultSections, IReadOnlyList<string> Keywords);

/// <summary>Palette and typography from <c>theme_selector</c>. Colours are <c>#RRGGBB</c>.</summary>
public sealed record Theme(
    string Primary,
    string Secondary,
    string Accent,
    string Background,
    string Surface,
    string Text,
    string MutedText,
    string OnPrimary,
    string HeadingFont,
    string BodyFont,
    string Tone);

/// <summary>Ordered sections from <c>layout_agent</c>.</summary>
public sealed record PageLayout(IReadOnlyList<LayoutSection> Sections);

/// <param name="Kind">hero, product-grid, features, pricing, testimonials, faq, cta, footer, …</param>
/// <param name="Heading">The section's heading, drawn from the prompt where it can be.</param>
/// <param name="Purpose">One line on what the section is for (given to the model).</param>
public sealed record LayoutSection(string Kind, string Heading, string Purpose);
