using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Identity.Tokens;

namespace SiteBuilder.Portal.Api;

/// <summary>The one place that maps exceptions on <c>/v1</c> to the seed's error codes. Other failures on portal pages fall through to the error page.</summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A malformed request (bad form, failed antiforgery) is the client's error everywhere; anything else on a
        // portal page goes to the error page.
        if (!ApiPaths.IsApi(httpContext) && exception is not BadHttpRequestException)
        {
            return false;
        }

        var (status, code, title, detail, extensions) = exception switch
        {
            AccountValidationException e => (400, ErrorCodes.ValidationError, "The request is not valid.", e.Message, new Dictionary<string, object?> { ["errors"] = e.Errors }),
            TokenRequestException e => (400, ErrorCodes.ValidationError, "The request is not valid.", e.Message, new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [e.Field] = [e.Message] } }),
            BadHttpRequestException { StatusCode: 413 } => (413, ErrorCodes.ValidationError, "The request is too large.", TooLarge(httpContext), null),
            BadHttpRequestException e when BoundParameter(e.Message) is { } parameter => (400, ErrorCodes.ValidationError, "The request is not valid.", e.Message,
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [parameter] = [$"{parameter} has a value that cannot be read: {e.Message}"] } }),
            BadHttpRequestException e => (e.StatusCode, e.StatusCode == 405 ? ErrorCodes.ValidationError : ErrorCodes.ForStatus(e.StatusCode), "The request is not valid.", e.Message, null),
            JsonException => (400, ErrorCodes.ValidationError, "The request is not valid.", "The body is not valid JSON.", null),
            // A multipart body without a boundary or with a section lacking Content-Disposition, or cut short.
            InvalidDataException or IOException when !httpContext.RequestAborted.IsCancellationRequested =>
                (400, ErrorCodes.ValidationError, "The request is not valid.", "The body could not be read: " + exception.Message,
                    new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = ["The body is malformed: " + exception.Message] } }),
            AmazonServiceException or AmazonClientException or SqliteException { SqliteErrorCode: 5 or 6 or 10 or 14 } =>
                (503, ErrorCodes.ServiceUnavailable, "The service is unavailable.", "Storage did not answer. Try again shortly.", null),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, ErrorCodes.ValidationError, "Cancelled.", "The client went away.", null),
            _ => (500, ErrorCodes.InternalError, "Something went wrong on our side.", "An unexpected error occurred. Quote the traceId when you report it.", null),
        };

        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        if (httpContext.Response.HasStarted || status == 499)
        {
            return true;
        }

        if (status == 503)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        await ApiProblems.WriteAsync(httpContext, status, code, title, detail, extensions);
        return true;
    }

    /// <summary>The parameter a minimal-API binding failure names (<c>Failed to bind parameter "int? limit" from "abc".</c>).</summary>
    private static string? BoundParameter(string message) =>
        BindingMessage().Match(message) is { Success: true } match ? match.Groups["name"].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial System.Text.RegularExpressions.Regex BindingMessage();

    private static string TooLarge(HttpContext context)
    {
        var limit = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        return limit is { } bytes
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The body is larger than {bytes / (1024.0 * 1024):0.#} MB, the most this endpoint accepts; it was not read or stored.")
            : "The body is larger than this endpoint accepts; it was not read or stored.";
    }
}

internal static class ApiPaths
{
    public static bool IsApi(PathString path) => path.StartsWithSegments("/v1");

    /// <summary>
    /// Whether the request is an API call. While an exception is handled the request's path is already the error page's,
    /// so the original path decides; otherwise a malformed multipart upload got the portal's HTML error page.
    /// </summary>
    public static bool IsApi(HttpContext context) =>
        IsApi(context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path is { } original ? new PathString(original) : context.Request.Path);
}
