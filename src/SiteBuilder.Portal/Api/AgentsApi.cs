using SiteBuilder.Portal.Auth;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using SiteBuilder.BrandAssets;
using SiteBuilder.BrandAssets.Images;
using SiteBuilder.BrandAssets.Library;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Generation.Theming;

namespace SiteBuilder.Portal.Api;

/// <summary>
/// The body of <c>POST /v1/agents/logo</c> and <c>/v1/agents/background</c>. Strings rather than enums, so a wrong
/// style is answered with a per-field message instead of a JSON error.
/// </summary>
/// <param name="Prompt">What to draw; for a logo, the brand name in quotes or after "for" becomes the wordmark.</param>
/// <param name="Style">modern (default), classic, playful, minimal or bold.</param>
/// <param name="Colors">1 to 5 brand colours as #RRGGBB, most important first.</param>
/// <param name="Count">1 to 8 alternatives; 4 when absent.</param>
/// <param name="Seed">Same seed and request, same images (offline; Bedrock models are repeatable per seed too).</param>
/// <param name="AspectRatio">Backgrounds only: 21:9, 16:9 (default), 3:2, 4:3, 1:1, 3:4, 2:3 or 9:16.</param>
/// <param name="Width">Backgrounds only, with <paramref name="Height"/>: exact size in pixels (64–4096).</param>
/// <param name="Height">Backgrounds only, with <paramref name="Width"/>.</param>
public sealed record ImageAgentRequest(
    string? Prompt,
    string? Style,
    IReadOnlyList<string>? Colors,
    int? Count,
    long? Seed,
    string? AspectRatio,
    int? Width,
    int? Height);

/// <summary>The seed's answer shape: <c>{"type":"logo","results":[{"id","url","preview"}]}</c>, plus what each image is.</summary>
public sealed record ImageAgentResponse(string Type, IReadOnlyList<ImageAgentResult> Results);

/// <param name="Id">The brand asset id (it stays in the tenant's library).</param>
/// <param name="Url">Fetches the full image with the caller's bearer token and X-Tenant-Id.</param>
/// <param name="Preview">A small data: URI: the SVG itself, or a PNG/JPEG at most 256 px on its longer side.</param>
/// <param name="ContentType">The full image's media type.</param>
/// <param name="Width">Pixels of the full image.</param>
/// <param name="Height">Pixels of the full image.</param>
/// <param name="Description">What the image shows; use it as alt text.</param>
public sealed record ImageAgentResult(string Id, string Url, string Preview, string ContentType, int? Width, int? Height, string Description);

/// <summary>
/// The body of <c>POST /v1/agents/theme</c> and <c>/v1/agents/layout</c>: the same <c>prompt</c>, <c>templateId</c> and
/// <c>brandAssets</c> as a generation, checked by the same rules.
/// </summary>
public sealed record DesignAgentRequest(string? Prompt, string? TemplateId, DesignBrandAssets? BrandAssets);

/// <param name="PrimaryColor">#RRGGBB; the theme keeps it as given for large surfaces.</param>
/// <param name="SecondaryColor">#RRGGBB; derived from the primary when absent.</param>
/// <param name="Logo">A brand asset id or an https URL (not used by the theme or layout; accepted so a generation body can be sent as is).</param>
public sealed record DesignBrandAssets(string? PrimaryColor, string? SecondaryColor, string? Logo);

/// <summary><c>theme_selector</c>'s answer: the template it used (given or inferred) and the palette and typography.</summary>
public sealed record ThemeAgentResponse(string Type, string TemplateId, Theme Theme);

/// <summary><c>layout_agent</c>'s answer: the template, the tone it planned for, and the ordered sections.</summary>
public sealed record LayoutAgentResponse(string Type, string TemplateId, string Tone, PageLayout Layout);

/// <summary>
/// The agents of DESIGN §4 on <c>/v1/agents</c>: <c>logo_creator</c> and <c>background_creator</c> (results are stored as the
/// tenant's brand assets), <c>theme_selector</c> and <c>layout_agent</c> (the very code the generation pipeline runs). All of them share the tenant's agents limit (20 a minute by default).
/// </summary>
public static class AgentsApi
{
    public const int DefaultCount = 4;
    public const int LogoSide = 512;
    public const int BackgroundLongSide = 1920;

    /// <summary>Background shapes by name, landscape first; the long side is <see cref="BackgroundLongSide"/>.</summary>
    public static readonly IReadOnlyDictionary<string, (int Width, int Height)> AspectRatios = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["21:9"] = (21, 9), ["16:9"] = (16, 9), ["3:2"] = (3, 2), ["4:3"] = (4, 3), ["1:1"] = (1, 1), ["3:4"] = (3, 4), ["2:3"] = (2, 3), ["9:16"] = (9, 16),
    };

    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var agents = app.MapV1("/agents")
            .RequireAuthorization(Policies.BrandAssets)
            .RequireTenantRateLimit(RateLimitGroup.Agents)
            .WithTags("Agents");
        agents.MapPost("/logo", (HttpContext context, BrandAssetLibrary library) => RunAsync(context, library, ImageKind.Logo)).WithName("CreateLogos");
        agents.MapPost("/background", (HttpContext context, BrandAssetLibrary library) => RunAsync(context, library, ImageKind.Background)).WithName("CreateBackgrounds");
        agents.MapPost("/theme", (Delegate)SelectThemeAsync).WithName("SelectTheme");
        agents.MapPost("/layout", (Delegate)PlanLayoutAsync).WithName("PlanLayout");
        return app;
    }

    private static async Task<Results<Ok<ImageAgentResponse>, ProblemHttpResult>> RunAsync(HttpContext context, BrandAssetLibrary library, ImageKind kind)
    {
        var caller = ApiCaller.From(context);
        var (body, problem) = await ApiBody.ReadJsonAsync<ImageAgentRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var (request, errors) = ToImageRequest(body!, kind);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        try
        {
            var generated = await library.GenerateAsync(caller.Tenant, caller.User.UserName, request!, context.RequestAborted);
            var results = generated.Select(g => new ImageAgentResult(
                g.Asset.Id, AssetsApi.ContentUrl(context.Request, g.Asset.Id), g.Preview, g.Asset.ContentType, g.Asset.Width, g.Asset.Height, g.Asset.Description)).ToList();
            return TypedResults.Ok(new ImageAgentResponse(kind == ImageKind.Logo ? "logo" : "background", results));
        }
        catch (ImageModelException e)
        {
            return ImageFailure(context, e);
        }
    }

    private static async Task<Results<Ok<ThemeAgentResponse>, ProblemHttpResult>> SelectThemeAsync(HttpContext context, AgentMetrics metrics)
    {
        var (design, problem) = await ReadDesignAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var request = design!;
        var theme = metrics.Measure(Agents.ThemeSelector, () => ThemeSelector.Select(request.Brand, request.Template, request.Prompt), "offline");
        return TypedResults.Ok(new ThemeAgentResponse("theme", request.Template.Id, theme));
    }

    private static async Task<Results<Ok<LayoutAgentResponse>, ProblemHttpResult>> PlanLayoutAsync(HttpContext context, AgentMetrics metrics)
    {
        var (design, problem) = await ReadDesignAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        // The layout's headings follow the tone, which the theme works out from the prompt and template, as in a generation.
        var request = design!;
        var (theme, layout) = metrics.Measure(Agents.LayoutAgent, () =>
        {
            var theme = ThemeSelector.Select(request.Brand, request.Template, request.Prompt);
            return (theme, LayoutAgent.Plan(request.Template, request.Prompt, theme));
        }, "offline");
        return TypedResults.Ok(new LayoutAgentResponse("layout", request.Template.Id, theme.Tone, layout));
    }

    private sealed record Design(string Prompt, PageTemplate Template, BrandKit Brand);

    /// <summary>Reads and checks a theme or layout body with the generation request's own rules, so both answer alike.</summary>
    private static async Task<(Design? Design, ProblemHttpResult? Problem)> ReadDesignAsync(HttpContext context)
    {
        var (body, problem) = await ApiBody.ReadJsonAsync<DesignAgentRequest>(context.Request);
        if (problem is not null)
        {
            return (null, problem);
        }

        var request = new GenerationRequest
        {
            Prompt = body!.Prompt,
            TemplateId = body.TemplateId,
            BrandAssets = body.BrandAssets is { } brand
                ? new GenerationBrandAssets { PrimaryColor = brand.PrimaryColor, SecondaryColor = brand.SecondaryColor, Logo = brand.Logo }
                : null,
        };
        var errors = GenerationRequestRules.Validate(request);
        if (errors.Count > 0)
        {
            return (null, ApiProblems.Validation(errors));
        }

        var prompt = request.Prompt!.Trim();
        var template = TemplateCatalog.Find(request.TemplateId) ?? TemplateCatalog.Infer(prompt);
        return (new Design(prompt, template, new BrandKit(body.BrandAssets?.PrimaryColor, body.BrandAssets?.SecondaryColor)), null);
    }

    /// <summary>The seed's codes for a failed image model: filtered → 400, busy or down → 503, anything else → 500.</summary>
    public static ProblemHttpResult ImageFailure(HttpContext context, ImageModelException e)
    {
        switch (e.Failure)
        {
            case ImageModelFailure.ContentFiltered:
                return ApiProblems.Validation("prompt", e.Message);
            case ImageModelFailure.Throttled or ImageModelFailure.Unavailable:
                context.Response.Headers.RetryAfter = e.Failure == ImageModelFailure.Throttled ? "30" : "10";
                return ApiProblems.Unavailable(e.Message);
            default:
                return ApiProblems.Problem(StatusCodes.Status500InternalServerError, ErrorCodes.GenerationFailed, "The images could not be generated.", e.Message);
        }
    }

    /// <summary>The model request for an API body, or the problems by JSON field name.</summary>
    public static (ImageRequest? Request, Dictionary<string, string[]> Errors) ToImageRequest(ImageAgentRequest body, ImageKind kind)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var style = ImageStyle.Modern;
        if (body.Style is not null && (int.TryParse(body.Style, out _) || !Enum.TryParse(body.Style.Trim(), ignoreCase: true, out style) || !Enum.IsDefined(style)))
        {
            errors["style"] = ["Choose one of modern, classic, playful, minimal or bold."];
        }

        var (width, height) = kind == ImageKind.Logo ? (LogoSide, LogoSide) : BackgroundSize(body, errors);
        var request = new ImageRequest(kind, body.Prompt?.Trim() ?? string.Empty, style, body.Colors ?? [], body.Count ?? DefaultCount, width, height, body.Seed);
        foreach (var (field, messages) in request.Validate())
        {
            errors.TryAdd(field, messages);
        }

        return errors.Count > 0 ? (null, errors) : (request, errors);
    }

    private static (int Width, int Height) BackgroundSize(ImageAgentRequest body, Dictionary<string, string[]> errors)
    {
        if (body.Width is not null || body.Height is not null)
        {
            if (body.AspectRatio is not null)
            {
                errors["aspectRatio"] = ["Give either aspectRatio or width and height, not both."];
            }

            if (body.Width is null || body.Height is null)
            {
                errors[body.Width is null ? "width" : "height"] = ["Give width and height together, in pixels."];
                return (BackgroundLongSide, BackgroundLongSide * 9 / 16);
            }

            return (body.Width.Value, body.Height.Value);
        }

        var ratio = body.AspectRatio?.Trim() ?? "16:9";
        if (!AspectRatios.TryGetValue(ratio, out var shape))
        {
            errors["aspectRatio"] = [$"Choose one of {string.Join(", ", AspectRatios.Keys)}."];
            shape = (16, 9);
        }

        return shape.Width >= shape.Height
            ? (BackgroundLongSide, (int)Math.Round(BackgroundLongSide * (double)shape.Height / shape.Width, MidpointRounding.AwayFromZero))
            : ((int)Math.Round(BackgroundLongSide * (double)shape.Width / shape.Height, MidpointRounding.AwayFromZero), BackgroundLongSide);
    }
}
