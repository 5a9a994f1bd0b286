using System.Net;

// In the root namespace so every area (API, generation pipeline, operations) finds the one set without a using.
namespace SiteBuilder;

/// <summary>
/// The seed's error codes, carried in the <c>code</c> member of every problem details body and recorded on failed
/// generations. It lives in Storage, the lowest project, because the portal, generation and operations all need it.
/// </summary>
public static class ErrorCodes
{
    public const string ValidationError = "VALIDATION_ERROR";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string RateLimited = "RATE_LIMITED";
    public const string GenerationFailed = "GENERATION_FAILED";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    /// <summary>Not in the seed: an unexpected fault outside generation. The traceId finds it in the logs.</summary>
    public const string InternalError = "INTERNAL_ERROR";
    /// <summary>Operations (409): a promotion or deployment whose gate (approvals, checks, freeze window) is not met.</summary>
    public const string GateNotMet = "GATE_NOT_MET";
    /// <summary>Operations (409): the request conflicts with the resource's current state.</summary>
    public const string Conflict = "CONFLICT";

    public static string ForStatus(int status) => status switch
    {
        (int)HttpStatusCode.Unauthorized => Unauthorized,
        (int)HttpStatusCode.Forbidden => Forbidden,
        (int)HttpStatusCode.NotFound => NotFound,
        (int)HttpStatusCode.TooManyRequests => RateLimited,
        (int)HttpStatusCode.ServiceUnavailable => ServiceUnavailable,
        >= 400 and < 500 => ValidationError,
        _ => InternalError,
    };
}
