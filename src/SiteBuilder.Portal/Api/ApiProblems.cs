using System.Diagnostics;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace SiteBuilder.Portal.Api;

/// <summary>
/// RFC 9457 problem details for the API: one place decides the shape (status, title, detail, <c>code</c>, <c>traceId</c>,
/// per-field <c>errors</c>), so every error a client sees looks the same and never carries a stack trace.
/// </summary>
public static class ApiProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions.TryAdd("code", ErrorCodes.ForStatus(status));
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        // Exception details stay in the logs.
        problem.Extensions.Remove("exception");
    }

    public static ProblemHttpResult Problem(int status, string code, string title, string? detail = null, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: all);
    }

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        Problem(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "The request is not valid.",
            detail ?? string.Join(" ", errors.SelectMany(e => e.Value)),
            new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Not found.", detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Forbidden.", detail);

    public static ProblemHttpResult Unavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "The service is unavailable.", detail);

    /// <summary>Writes a problem outside an endpoint (authentication events, middleware).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        });
    }

    public static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var detail = context.AuthenticateFailure switch
        {
            null when string.IsNullOrEmpty(context.Request.Headers.Authorization) => "Send a bearer token: Authorization: Bearer <token>.",
            SecurityTokenExpiredException => "The token has expired. Get a new one.",
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The token's signature is not valid.",
            { } failure when failure.Message.StartsWith("The ", StringComparison.Ordinal) => failure.Message,
            _ => "The token is not valid.",
        };
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "Unauthorized.", detail);
    }

    public static Task WriteForbiddenAsync(ForbiddenContext context) =>
        WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Forbidden.", "Your role does not allow this.");
}

/// <summary>
/// Writes every <c>/v1</c> problem as <c>application/problem+json</c>, whatever the client accepts. The default writer declines
/// a request that accepts only <c>text/event-stream</c> (the seed's curl example), which left such a client a 500 page for a
/// missing token and problems without their <c>traceId</c>.
/// </summary>
internal sealed class ApiProblemDetailsWriter(
    Microsoft.Extensions.Options.IOptions<ProblemDetailsOptions> problemOptions,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => ApiPaths.IsApi(context.HttpContext);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), jsonOptions.Value.SerializerOptions, "application/problem+json", context.HttpContext.RequestAborted));
    }
}
