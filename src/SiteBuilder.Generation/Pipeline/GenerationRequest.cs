using System.Text.RegularExpressions;
using SiteBuilder.Generation.Records;
using SiteBuilder.Generation.Templates;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>The body of <c>POST /v1/sites/{tenant_id}/generation</c>.</summary>
public sealed record GenerationRequest
{
    public string? Prompt { get; init; }

    public string? TemplateId { get; init; }

    public GenerationBrandAssets? BrandAssets { get; init; }

    /// <summary>With <see cref="ParentGenerationId"/>: the site this refinement makes the next version of.</summary>
    public string? SiteId { get; init; }

    public string? ParentGenerationId { get; init; }
}

public sealed record GenerationBrandAssets
{
    public string? PrimaryColor { get; init; }

    public string? SecondaryColor { get; init; }

    /// <summary>A brand asset id of the tenant, or an https URL.</summary>
    public string? Logo { get; init; }
}

/// <summary>The request rules of issue 4; errors are keyed by the JSON field they belong to.</summary>
public static partial class GenerationRequestRules
{
    public const int MinPromptLength = 3;
    public const int MaxPromptLength = 4000;

    public static Dictionary<string, string[]> Validate(GenerationRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var prompt = request.Prompt?.Trim();
        if (string.IsNullOrEmpty(prompt) || prompt.Length < MinPromptLength)
        {
            errors["prompt"] = [$"Describe the page in at least {MinPromptLength} characters."];
        }
        else if (prompt.Length > MaxPromptLength)
        {
            errors["prompt"] = [$"The prompt is {prompt.Length} characters; the limit is {MaxPromptLength}."];
        }

        if (request.TemplateId is { } template && TemplateCatalog.Find(template) is null)
        {
            errors["templateId"] = [$"'{template}' is not a template. Templates: {string.Join(", ", TemplateCatalog.All.Select(t => t.Id))}."];
        }

        if (request.BrandAssets is { } brand)
        {
            CheckColor(errors, "brandAssets.primaryColor", brand.PrimaryColor);
            CheckColor(errors, "brandAssets.secondaryColor", brand.SecondaryColor);
            if (brand.Logo is { } logo && !IsAssetId(logo) && !IsHttpsUrl(logo))
            {
                errors["brandAssets.logo"] = ["The logo is a brand asset id (from POST /v1/agents/logo or an upload) or an https URL."];
            }
        }

        if ((request.SiteId is null) != (request.ParentGenerationId is null))
        {
            errors[request.SiteId is null ? "siteId" : "parentGenerationId"] = ["A refinement names both the siteId and the parentGenerationId it builds on."];
        }
        else if (request.SiteId is not null)
        {
            if (!GenerationIds.IsSiteId(request.SiteId))
            {
                errors["siteId"] = ["A site id is 3–64 characters: lower-case letters, digits and hyphens."];
            }

            if (!GenerationIds.IsGenerationId(request.ParentGenerationId))
            {
                errors["parentGenerationId"] = ["The parent is a generation id such as gen-01jd…"];
            }
        }

        return errors;
    }

    public static bool IsAssetId(string value) => AssetIdPattern().IsMatch(value);

    private static bool IsHttpsUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && value.Length <= 2048;

    private static void CheckColor(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is not null && !ColorPattern().IsMatch(value))
        {
            errors[field] = [$"'{value}' is not a colour; use #RRGGBB, e.g. #0066CC."];
        }
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex ColorPattern();

    [GeneratedRegex("^[a-z][a-z0-9]*-[0-9a-z-]{6,80}$", RegexOptions.CultureInvariant)]
    private static partial Regex AssetIdPattern();
}

/// <summary>A request that is well-formed but cannot be honoured (e.g. an unknown parent); <see cref="Field"/> names what to fix.</summary>
public sealed class GenerationRequestException(string field, string message, bool notFound = false) : Exception(message)
{
    public string Field { get; } = field;

    /// <summary>The named resource does not exist for this tenant (answer 404, not 400).</summary>
    public bool NotFound { get; } = notFound;
}
