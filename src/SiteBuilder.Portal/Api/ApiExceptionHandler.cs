using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Identity.Tokens;

namespace SiteBuilder.Portal.Api;

/// <summary>The one place that maps exceptions on <c>/v1</c> to the seed's error codes. Other failures on portal pages fall through to the error page.</summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A malformed request (bad form, failed antiforgery) is the client's error everywhere; anything else on a
        // portal page goes to the error page.
        if (!ApiPaths.IsApi(httpContext.Request.Path) && exception is not BadHttpRequestException)
        {
            return false;
        }

        var (status, code, title, detail, extensions) = exception switch
        {
            AccountValidationException e => (400, ErrorCodes.ValidationError, "The request is not valid.", e.Message, new Dictionary<string, object?> { ["errors"] = e.Errors }),
            TokenRequestException e => (400, ErrorCodes.ValidationError, "The request is not valid.", e.Message, new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [e.Field] = [e.Message] } }),
            BadHttpRequestException { StatusCode: 413 } => (413, ErrorCodes.ValidationError, "The request is too large.", TooLarge(httpContext), null),
            BadHttpRequestException e => (e.StatusCode, ErrorCodes.ForStatus(e.StatusCode), "The request is not valid.", e.Message, null),
            JsonException => (400, ErrorCodes.ValidationError, "The request is not valid.", "The body is not valid JSON.", null),
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
}
