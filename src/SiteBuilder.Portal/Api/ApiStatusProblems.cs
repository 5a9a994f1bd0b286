using Microsoft.AspNetCore.Diagnostics;

namespace SiteBuilder.Portal.Api;

/// <summary>
/// Under <c>/v1</c> an answer is always the API's: a status the framework sets without a body (405 from routing, 404 for no route,
/// 415, 400 from a failed parameter binding) becomes a problem with its <c>code</c>, and the portal's HTML status pages never run.
/// </summary>
internal static class ApiStatusProblems
{
    /// <summary>Goes after <c>UseStatusCodePages…</c>, so it sees the response first and can switch the portal's pages off for <c>/v1</c>.</summary>
    public static IApplicationBuilder UseApiStatusProblems(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!ApiPaths.IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        await next(context);
        var response = context.Response;
        if (response.StatusCode < 400 || response.HasStarted || response.ContentLength > 0 || !string.IsNullOrEmpty(response.ContentType))
        {
            return;
        }

        var status = response.StatusCode;
        if (status == StatusCodes.Status404NotFound && context.GetEndpoint() is null && AllowedMethods(context) is { Count: > 0 } allowed)
        {
            // The static-file fallback (GET {**path:file}) is a routing candidate for every GET, so a GET on a POST-only route
            // ends as "no endpoint" instead of 405; the route table says what the path does allow.
            status = response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = string.Join(", ", allowed);
        }

        var (title, detail) = status switch
        {
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed.",
                $"{context.Request.Method} is not allowed on {context.Request.Path}; allowed: {(string.IsNullOrEmpty(response.Headers.Allow) ? "none" : response.Headers.Allow.ToString())}."),
            StatusCodes.Status404NotFound => ("Not found.", $"There is no API route {context.Request.Path}. See /api-reference."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported media type.", $"This endpoint does not accept {context.Request.ContentType}."),
            StatusCodes.Status401Unauthorized => ("Unauthorized.", "Send a bearer token: Authorization: Bearer <token>."),
            StatusCodes.Status403Forbidden => ("Forbidden.", "Your role does not allow this."),
            _ => ("The request is not valid.", "The request could not be read."),
        };
        var code = status == StatusCodes.Status405MethodNotAllowed ? ErrorCodes.ValidationError : ErrorCodes.ForStatus(status);
        await ApiProblems.WriteAsync(context, status, code, title, detail);
    });

    private static List<string> AllowedMethods(HttpContext context)
    {
        var path = context.Request.Path;
        return [.. context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1", StringComparison.Ordinal) == true
                && new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(
                    Microsoft.AspNetCore.Routing.Template.TemplateParser.Parse(e.RoutePattern.RawText), []).TryMatch(path, []))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.Ordinal)];
    }
}
