using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Generation.Records;
using SiteBuilder.Portal.Auth;
using SiteBuilder.Validation;

namespace SiteBuilder.Portal.Api;

/// <summary><c>SiteBuilder:Validation</c>: how long <c>POST /v1/validate</c> may work on one page.</summary>
public sealed class ValidationApiOptions
{
    public const string Section = "SiteBuilder:Validation";

    /// <summary>A 2 MB page of ordinary markup takes well under a second; a pathological one is stopped at this budget.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.001", "00:05:00", ErrorMessage = "SiteBuilder:Validation:TimeBudget must be between 1 millisecond and 5 minutes.")]
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>The body of <c>POST /v1/validate</c> as JSON.</summary>
/// <param name="Html">The page to validate (at most 2 MB with the rest of the body).</param>
/// <param name="BrandAssets">The brand to check it against; without it, the brand audits that need it do not apply.</param>
/// <param name="Prompt">The brief the page was written from; with it the "matches the brief" audits run.</param>
public sealed record ValidateRequest(string? Html, ValidateBrandAssets? BrandAssets, string? Prompt = null);

/// <param name="PrimaryColor">Any CSS colour, usually #RRGGBB.</param>
/// <param name="SecondaryColor">Any CSS colour.</param>
/// <param name="Palette">Further brand colours (accent, surfaces, text).</param>
/// <param name="Logo">The logo the page must show: an https URL, a file name, or one of the tenant's brand asset ids.</param>
/// <param name="FontFamilies">The brand's font families (names or whole font-family lists).</param>
public sealed record ValidateBrandAssets(string? PrimaryColor, string? SecondaryColor, IReadOnlyList<string>? Palette, string? Logo, IReadOnlyList<string>? FontFamilies);

/// <summary>
/// The validator's report as the API answers it: the seed's shape (<c>brandScore</c>, <c>securityPassed</c>, <c>performanceMs</c>,
/// <c>accessibilityPassed</c>, <c>issues</c>) and the detail behind it. For a site, also which version was validated.
/// </summary>
public sealed record ValidationResponse(
    double BrandScore,
    bool SecurityPassed,
    int PerformanceMs,
    bool AccessibilityPassed,
    IReadOnlyList<ValidationIssue> Issues,
    IReadOnlyList<AuditResult> Audits,
    IReadOnlyList<ContrastMeasurement> Contrast,
    IReadOnlyList<ColorUsage> Palette,
    PageStats Stats,
    CategoryScores Scores,
    PerformanceEstimate Performance)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SiteId { get; init; }

    /// <summary>"Matches the brief", when the page was validated with the prompt it was written from.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SiteBuilder.Validation.Briefs.BriefMatch? Brief { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GenerationId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Version { get; init; }

    public static ValidationResponse From(ValidationReport r, GenerationRecord? version = null) =>
        new(r.BrandScore, r.SecurityPassed, r.PerformanceMs, r.AccessibilityPassed, r.Issues, r.Audits, r.Contrast, r.Palette, r.Stats, r.Scores, r.Performance)
        {
            SiteId = version?.SiteId,
            Brief = r.Brief,
            GenerationId = version?.Id,
            Version = version?.Version,
        };
}

/// <summary>
/// The <c>brand_validator</c> agent on <c>/v1</c> (DESIGN §4, §5): a site's latest version, or any page sent in the body.
/// Both count against the tenant's validation limit (60 a minute by default).
/// </summary>
public static partial class ValidationApi
{
    /// <summary>The largest request body <c>POST /v1/validate</c> accepts: 2 MB.</summary>
    public const int MaxRequestBytes = 2 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEndpointRouteBuilder MapValidationApi(this IEndpointRouteBuilder app)
    {
        var validation = app.MapV1()
            .RequireAuthorization(Policies.ValidatePages)
            .RequireTenantRateLimit(RateLimitGroup.Validation)
            .WithTags("Brand validation");
        validation.MapGet("/sites/{site_id}/validate", ValidateSiteAsync).WithName("ValidateSite");
        validation.MapPost("/validate", ValidatePageAsync).WithName("ValidatePage");
        return app;
    }

    /// <summary>The site's latest version: its stored report, or (stored without one) a fresh verdict on its stored page, then stored.</summary>
    private static async Task<Results<Ok<ValidationResponse>, ProblemHttpResult>> ValidateSiteAsync(HttpContext context, GenerationService generations, string site_id)
    {
        var tenant = ApiCaller.From(context).Tenant;
        var abort = context.RequestAborted;
        var site = GenerationIds.IsSiteId(site_id) ? await generations.GetSiteAsync(tenant, site_id, abort) : null;
        if (site is null)
        {
            return ApiProblems.NotFound($"There is no site {site_id} for this tenant.");
        }

        var latest = site.LatestGenerationId is { } id ? await generations.GetAsync(tenant, id, abort) : null;
        if (latest is null)
        {
            return ApiProblems.NotFound($"Site {site_id} has no finished version yet; validate it once its first generation is complete.");
        }

        return await generations.GetOrCreateReportAsync(latest, abort) is { } report
            ? TypedResults.Ok(ValidationResponse.From(report, latest))
            : ApiProblems.NotFound($"The page of version {latest.Version} of site {site_id} ({latest.Id}) is no longer stored.");
    }

    private static async Task<Results<Ok<ValidationResponse>, ProblemHttpResult>> ValidatePageAsync(
        HttpContext context, GenerationMetrics metrics, ILogoSource logos, IOptions<ValidationApiOptions> options, TimeProvider clock,
        string? primaryColor, string? secondaryColor)
    {
        var (page, problem) = await ReadPageAsync(context, primaryColor, secondaryColor);
        if (problem is not null)
        {
            return problem;
        }

        var (html, assets, prompt) = page!.Value;
        if (NotHtml(html) is { } why)
        {
            return ApiProblems.Validation("html", why);
        }

        if (await GenerationApi.LogoForbiddenAsync(context, ApiCaller.From(context), assets?.Logo?.Trim()) is { } forbidden)
        {
            return forbidden;
        }

        var brand = await BrandFor(assets, ApiCaller.From(context).Tenant, logos, context.RequestAborted);
        var budget = options.Value.TimeBudget;
        var deadline = new ValidationDeadline(clock, budget, context.RequestAborted);
        using var call = metrics.Measure(Agents.BrandValidator);
        try
        {
            // A 2 MB page takes a few hundred milliseconds of CPU: off the request thread, like any other compute-bound work. The
            // validator checks the budget as it goes, so a pathological page gives its core back at the budget, not when it is done.
            var report = await Task.Run(() => BrandValidator.ValidateWithin(html, brand, prompt, deadline), context.RequestAborted);
            call.Succeed();
            return TypedResults.Ok(ValidationResponse.From(report));
        }
        catch (TimeoutException)
        {
            // Retrying the same page would take as long again: the page is the problem, so it is a 400 on html, not a 503.
            call.Fail("budget");
            return ApiProblems.Validation("html",
                $"The page could not be checked within {budget.TotalSeconds:0.###} seconds, the time budget for one page. Its markup is too large or too deeply nested; validate a smaller page or split it.");
        }
        catch (ValidationInputException e)
        {
            call.Fail(nameof(ValidationInputException));
            return ApiProblems.Validation(e.Field, e.Message);
        }
    }

    /// <summary>
    /// The page and brand from the body: JSON <c>{"html", "brandAssets"}</c>, or the raw page as <c>text/html</c> (brand colours then in
    /// the query). Without a telling content type (curl's default form type, text/plain) a body starting with <c>{</c> is JSON.
    /// </summary>
    private static async Task<((string Html, ValidateBrandAssets? Brand, string? Prompt)? Page, ProblemHttpResult? Problem)> ReadPageAsync(
        HttpContext context, string? primaryColor, string? secondaryColor)
    {
        var request = context.Request;
        var kind = BodyKindOf(request.ContentType);
        if (kind == BodyKind.Unsupported)
        {
            return (null, ApiProblems.Validation("Content-Type",
                $"Send the page as text/html, or as application/json {{\"html\": \"...\"}}; {MediaTypeOf(request.ContentType)} is not accepted."));
        }

        var (bytes, tooLarge) = await ApiBody.ReadBytesAsync(request, MaxRequestBytes);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }

        var start = FirstNonWhitespace(bytes!);
        if (start < 0)
        {
            return (null, ApiProblems.Validation("body", "The body is empty. Send the page as text/html, or as JSON {\"html\": \"<!DOCTYPE html>...\"}."));
        }

        if (kind == BodyKind.Json || (kind == BodyKind.Sniff && bytes![start] == (byte)'{'))
        {
            var (body, problem) = ApiBody.ParseJson<ValidateRequest>(context, bytes!);
            if (problem is not null)
            {
                return (null, problem);
            }

            return string.IsNullOrWhiteSpace(body!.Html)
                ? (null, ApiProblems.Validation("html", "Send the page's HTML in html (a string)."))
                : ((body.Html, body.BrandAssets, body.Prompt), null);
        }

        string html;
        try
        {
            html = StrictUtf8.GetString(bytes!);
        }
        catch (DecoderFallbackException)
        {
            return (null, ApiProblems.Validation("html", "The body is not UTF-8 text. Send the HTML page itself, encoded as UTF-8."));
        }

        var brand = primaryColor is null && secondaryColor is null ? null : new ValidateBrandAssets(primaryColor, secondaryColor, null, null, null);
        return ((html.TrimStart('\uFEFF'), brand, null), null);
    }

    /// <summary>Why a text is not an HTML page (it has no tag at all, or binary bytes), or null.</summary>
    public static string? NotHtml(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return "The page contains NUL characters: send the HTML text, not a binary file.";
        }

        return HtmlTag().IsMatch(text)
            ? null
            : "The text has no HTML tags. Send an HTML page, for example <!DOCTYPE html><html lang=\"en\">…</html>.";
    }

    private static async Task<Validation.BrandAssets?> BrandFor(ValidateBrandAssets? assets, string tenant, ILogoSource logos, CancellationToken cancellationToken)
    {
        if (assets is null)
        {
            return null;
        }

        // A brand asset id becomes the data: URI a generated page carries; a URL or file name is matched as given.
        var logo = assets.Logo?.Trim() is { Length: > 0 } reference
            ? await logos.ResolveAsync(tenant, reference, cancellationToken) ?? reference
            : null;
        return new Validation.BrandAssets(assets.PrimaryColor, assets.SecondaryColor, assets.Palette, logo, assets.FontFamilies);
    }

    private enum BodyKind
    {
        Sniff,
        Json,
        Html,
        Unsupported,
    }

    private static BodyKind BodyKindOf(string? contentType)
    {
        var mediaType = MediaTypeOf(contentType);
        return mediaType switch
        {
            "" or "application/x-www-form-urlencoded" or "text/plain" => BodyKind.Sniff,
            "application/json" => BodyKind.Json,
            "text/html" or "application/xhtml+xml" => BodyKind.Html,
            _ when mediaType.EndsWith("+json", StringComparison.Ordinal) => BodyKind.Json,
            _ => BodyKind.Unsupported,
        };
    }

    private static string MediaTypeOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Value is { } value
            ? value.ToLowerInvariant()
            : "";

    private static int FirstNonWhitespace(byte[] bytes)
    {
        var i = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        for (; i < bytes.Length; i++)
        {
            if (bytes[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f'))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"<(?:!doctype|!--|/?[a-z][a-z0-9-]*(?:[\s/>]|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HtmlTag();
}
