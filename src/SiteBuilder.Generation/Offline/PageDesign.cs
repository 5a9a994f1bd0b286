using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Prompts;
using SiteBuilder.Validation.Briefs;

namespace SiteBuilder.Generation.Offline;

/// <summary>
/// Everything the offline composer needs to write a page again. It travels inside the page as
/// <c>&lt;meta name="sitebuilder:design" content="{json}"&gt;</c>, so a refinement can recover the previous
/// version's design from its HTML alone, change one thing and re-compose.
/// </summary>
/// <param name="TemplateId">The catalogue template.</param>
/// <param name="Facts">The prompt's facts, with the brand name the page shows.</param>
/// <param name="Theme">Palette and typography.</param>
/// <param name="Hero">How the hero is painted.</param>
/// <param name="Sections">Sections in order; the hero's heading is the h1.</param>
/// <param name="CtaLabel">The primary call to action's label when the marketer set one.</param>
/// <param name="BrandPrimary">The brand primary colour the theme was built from (null: template default).</param>
/// <param name="BrandSecondary">The brand secondary colour the theme was built from.</param>
/// <param name="Version">Format version of this description.</param>
/// <param name="Brief">What the original prompt says (name, category, facts, points): the copy is written from it.</param>
public sealed partial record PageDesign(
    string TemplateId,
    PromptFacts Facts,
    Theme Theme,
    HeroStyle Hero,
    IReadOnlyList<LayoutSection> Sections,
    string? CtaLabel = null,
    string? BrandPrimary = null,
    string? BrandSecondary = null,
    int Version = 1,
    Brief? Brief = null)
{
    public const string MetaName = "sitebuilder:design";

    private static readonly HtmlParser Parser = new();

    public PageTemplate Template => TemplateCatalog.Find(TemplateId) ?? TemplateCatalog.Default;

    public string ToJson() => JsonSerializer.Serialize(this, PageDesignJson.Default.PageDesign);

    public static PageDesign? FromJson(string json)
    {
        try
        {
            var design = JsonSerializer.Deserialize(json, PageDesignJson.Default.PageDesign);
            return design is { Theme: not null, Facts: not null, Sections: not null, TemplateId: not null } ? design : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The design embedded in a page the composer wrote, or null for any other HTML.</summary>
    public static PageDesign? Read(string? html)
    {
        if (string.IsNullOrWhiteSpace(html) || !html.Contains(MetaName, StringComparison.Ordinal))
        {
            return null;
        }

        // Fast path for the markup the composer and the sanitizer write; any other arrangement gets a full parse.
        var match = MetaRegex().Match(html);
        if (match.Success)
        {
            return FromJson(WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value));
        }

        using var document = Parser.ParseDocument(html);
        foreach (var meta in document.QuerySelectorAll("meta[name]"))
        {
            if (meta.GetAttribute("name") == MetaName && meta.GetAttribute("content") is { Length: > 0 } content)
            {
                return FromJson(content);
            }
        }

        return null;
    }

    [GeneratedRegex(@"<meta\s+name=[""']?sitebuilder:design[""']?\s+content=(?:""([^""]*)""|'([^']*)')")]
    private static partial Regex MetaRegex();
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(PageDesign))]
internal sealed partial class PageDesignJson : JsonSerializerContext;
