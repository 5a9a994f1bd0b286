using System.Globalization;
using System.Text;
using SiteBuilder.Operations;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Engines;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Operations.Releases;
using SiteBuilder.Operations.Restores;
using SiteBuilder.Operations.Rollbacks;
using SiteBuilder.Operations.Store;
using SiteBuilder.Portal.Auth;

namespace SiteBuilder.Portal.Api;

public sealed record PromotionCreateRequest(string? Version, string? Target, string? Source);

public sealed record EvidenceRequest(string? Evidence);

public sealed record ApprovalRequest(string? Role, string? Comment);

public sealed record QualityOverrideRequest(string? Reason);

public sealed record RollbackCreateRequest(string? Environment, string? Type, string? Target, string? Trigger, string? Reason);

public sealed record RestoreCreateRequest(string? Backend, string? Source, DateTimeOffset? PointInTime, string? NewName, string? Reason);

public sealed record EnvironmentsResponse(bool LocalDemo, string Engine, IReadOnlyList<EnvironmentResponse> Environments);

public sealed record EnvironmentResponse(
    string Name, string DisplayName, string Region, string ApiBaseUrl, string HealthUrl, bool LocalDemo,
    LiveRelease? Live, Deployment? ActiveDeployment, Deployment? LastDeployment, VerificationResult Health, string Drift);

public sealed record ReleaseDetailResponse(Release Release, IReadOnlyList<string> LiveIn, IReadOnlyList<Deployment> Deployments);

/// <summary>
/// <c>/v1/ops</c>: the organisation-wide operations API (DESIGN §5). Its own group: bearer tokens of people holding operations
/// roles, no <c>X-Tenant-Id</c>; named policies per kind of action; the operations policy's refusals become problem details here.
/// </summary>
public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/v1/ops")
            .RequireAuthorization(OperationsPolicies.ApiView)
            .DisableAntiforgery()
            .WithTags("Operations")
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                try
                {
                    return await next(context);
                }
                catch (OperationsException e)
                {
                    return Problem(e);
                }
            });

        ops.MapGet("/environments", GetEnvironments);
        ops.MapGet("/releases", async (ReleaseService releases, CancellationToken ct) => Json(new { releases = await releases.ListAsync(ct) }));
        ops.MapPost("/releases", RegisterRelease).RequireAuthorization(OperationsPolicies.ApiRequest);
        ops.MapGet("/releases/{version}", GetRelease);
        ops.MapGet("/deployments", async (string? environment, DeploymentService deployments, EnvironmentCatalog catalog, CancellationToken ct) =>
            Json(new { deployments = await deployments.ListAsync(environment is null ? null : catalog.Require(environment).Name, ct) }));
        ops.MapGet("/deployments/{id}", async (string id, DeploymentService deployments, CancellationToken ct) => Json(await deployments.GetAsync(id, ct)));

        ops.MapGet("/promotions", async (PromotionService promotions, CancellationToken ct) => Json(new { promotions = await promotions.ListAsync(ct) }));
        ops.MapPost("/promotions", CreatePromotion).RequireAuthorization(OperationsPolicies.ApiRequest);
        ops.MapGet("/promotions/{id}", async (string id, PromotionService promotions, CancellationToken ct) => Json(await promotions.GetAsync(id, ct)));
        ops.MapPost("/promotions/{id}/checks/{check}", TickCheck).RequireAuthorization(OperationsPolicies.ApiRequest);
        ops.MapPost("/promotions/{id}/approvals", ApprovePromotion).RequireAuthorization(OperationsPolicies.ApiApprove);
        ops.MapPost("/promotions/{id}/quality-override", OverrideQuality).RequireAuthorization(OperationsPolicies.ApiApprove);
        ops.MapPost("/promotions/{id}/deploy", Deploy).RequireAuthorization(OperationsPolicies.ApiRequest);

        ops.MapGet("/rollbacks", async (RollbackService rollbacks, CancellationToken ct) => Json(new { rollbacks = await rollbacks.ListAsync(ct) }));
        ops.MapGet("/rollbacks/preview", async (string? environment, string? type, string? target, RollbackService rollbacks, CancellationToken ct) =>
            Json(await rollbacks.PreviewAsync(environment, type ?? "full", target, ct)));
        ops.MapPost("/rollbacks", CreateRollback).RequireAuthorization(OperationsPolicies.ApiRequest);
        ops.MapGet("/rollbacks/{id}", async (string id, RollbackService rollbacks, CancellationToken ct) => Json(await rollbacks.GetAsync(id, ct)));
        ops.MapGet("/rollbacks/{id}/preview", async (string id, RollbackService rollbacks, CancellationToken ct) => Json((await rollbacks.GetAsync(id, ct)).Request.Preview));
        ops.MapPost("/rollbacks/{id}/approvals", ApproveRollback).RequireAuthorization(OperationsPolicies.ApiApprove);
        ops.MapPost("/rollbacks/{id}/execute", ExecuteRollback).RequireAuthorization(OperationsPolicies.ApiRequest);
        ops.MapPost("/rollbacks/{id}/follow-ups/{item}", TickFollowUp).RequireAuthorization(OperationsPolicies.ApiRequest);

        ops.MapGet("/restores/sources", async (RestoreService restores, CancellationToken ct) => Json(new { sources = await restores.ListSourcesAsync(ct) }));
        ops.MapGet("/restores", async (RestoreService restores, CancellationToken ct) => Json(new { restores = await restores.ListAsync(ct) }));
        ops.MapPost("/restores", CreateRestore).RequireAuthorization(OperationsPolicies.ApiRequest);
        ops.MapGet("/restores/{id}", async (string id, RestoreService restores, CancellationToken ct) => Json(await restores.GetAsync(id, ct)));
        ops.MapPost("/restores/{id}/approvals", ApproveRestore).RequireAuthorization(OperationsPolicies.ApiApprove);
        ops.MapPost("/restores/{id}/execute", async (string id, HttpContext http, RestoreService restores, CancellationToken ct) =>
            Json(await restores.ExecuteAsync(id, Actor(http), ct))).RequireAuthorization(OperationsPolicies.ApiRequest);

        ops.MapGet("/audit", GetAudit);

        // The audit page's CSV export, for the signed-in portal user (cookie), with the same filters and columns as the API's.
        app.MapGet("/ops/audit.csv", GetAudit).RequireAuthorization(OperationsPolicies.View).ExcludeFromDescription();
        return app;
    }

    /// <summary>The person behind the request, as the operations services know them.</summary>
    public static OpsActor Actor(HttpContext http) => PortalUser.From(http.User) is { } user
        ? new OpsActor(user.UserName, user.DisplayName, user.Roles)
        : throw new InvalidOperationException("The operations group requires an authenticated user.");

    private static async Task<IResult> GetEnvironments(EnvironmentBoard board, EnvironmentCatalog catalog, DeploymentEngines engines, CancellationToken ct)
    {
        var cards = await board.GetAsync(ct);
        return Json(new EnvironmentsResponse(catalog.IsLocalDemo, engines.Current.Name, [.. cards.Select(c => new EnvironmentResponse(
            c.Environment.Name, c.Environment.DisplayName, c.Environment.Region, c.Environment.ApiBaseUrl.ToString(), c.Environment.HealthUrl.ToString(),
            c.Environment.IsLocalDemo, c.Live, c.Active, c.Last, c.Health, c.Drift))]));
    }

    private static async Task<IResult> RegisterRelease(HttpContext http, ReleaseService releases, CancellationToken ct)
    {
        var (body, problem) = await ApiBody.ReadJsonAsync<NewRelease>(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        var release = await releases.RegisterAsync(body!, Actor(http), ct);
        return Json(release, StatusCodes.Status201Created, $"/v1/ops/releases/{Uri.EscapeDataString(release.Version)}");
    }

    private static async Task<IResult> GetRelease(string version, ReleaseService releases, DeploymentService deployments, EnvironmentStates states, CancellationToken ct)
    {
        var release = await releases.GetAsync(version, ct);
        var history = (await deployments.ListAsync(null, ct)).Where(d => d.ReleaseVersion == release.Version).ToList();
        var liveIn = new List<string>();
        foreach (var name in EnvironmentCatalog.Names)
        {
            if ((await states.GetAsync(name, ct)).Live?.Version == release.Version)
            {
                liveIn.Add(name);
            }
        }

        return Json(new ReleaseDetailResponse(release, liveIn, history));
    }

    private static async Task<IResult> CreatePromotion(HttpContext http, PromotionService promotions, CancellationToken ct)
    {
        var (body, problem) = await ApiBody.ReadJsonAsync<PromotionCreateRequest>(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        var promotion = await promotions.RequestAsync(body!.Version, body.Target, body.Source, Actor(http), ct);
        return Json(await promotions.GetAsync(promotion.Id, ct), StatusCodes.Status201Created, $"/v1/ops/promotions/{promotion.Id}");
    }

    private static async Task<IResult> TickCheck(string id, string check, HttpContext http, PromotionService promotions, CancellationToken ct)
    {
        var (body, problem) = await ApiBody.ReadJsonAsync<EvidenceRequest>(http.Request);
        return problem ?? Json(await promotions.TickCheckAsync(id, check, body!.Evidence, Actor(http), ct));
    }

    private static async Task<IResult> ApprovePromotion(string id, HttpContext http, PromotionService promotions, CancellationToken ct)
    {
        var (body, problem) = await ApiBody.ReadJsonAsync<ApprovalRequest>(http.Request);
        return problem ?? Json(await promotions.ApproveAsync(id, body!.Role, body.Comment, Actor(http), ct));
    }

    /// <summary>A TechLead (not the requester) lets a SIT → PROD promotion past a quality regression, with a reason; audited.</summary>
    private static async Task<IResult> OverrideQuality(string id, HttpContext http, PromotionService promotions, CancellationToken ct)
    {
        var (body, problem) = await ApiBody.ReadJsonAsync<QualityOverrideRequest>(http.Request);
        return problem ?? Json(await promotions.OverrideQualityAsync(id, body!.Reason, Actor(http), ct));
    }

    /// <summary>202 with the deployment it started; a repeated call answers 200 with that same deployment, never a second one.</summary>
    private static async Task<IResult> Deploy(string id, HttpContext http, DeploymentService deployments, CancellationToken ct)
    {
        var (deployment, started) = await deployments.DeployPromotionAsync(id, Actor(http), ct);
        return DeploymentAnswer(deployment, started);
    }

    private static async Task<IResult> CreateRollback(HttpContext http, RollbackService rollbacks, CancellationToken ct)
    {
        var (body, problem) = await ApiBody.ReadJsonAsync<RollbackCreateRequest>(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        var rollback = await rollbacks.RequestAsync(body!.Environment, body.Type, body.Target, body.Trigger ?? "other", body.Reason, Actor(http), ct);
        return Json(await rollbacks.GetAsync(rollback.Id, ct), StatusCodes.Status201Created, $"/v1/ops/rollbacks/{rollback.Id}");
    }

    private static async Task<IResult> ApproveRollback(string id, HttpContext http, RollbackService rollbacks, CancellationToken ct)
    {
        var (body, problem) = await ApiBody.ReadJsonAsync<ApprovalRequest>(http.Request);
        return problem ?? Json(await rollbacks.ApproveAsync(id, body!.Role, body.Comment, Actor(http), ct));
    }

    private static async Task<IResult> ExecuteRollback(string id, HttpContext http, RollbackService rollbacks, CancellationToken ct)
    {
        var (deployment, started) = await rollbacks.ExecuteAsync(id, Actor(http), ct);
        return DeploymentAnswer(deployment, started);
    }

    private static async Task<IResult> TickFollowUp(string id, string item, HttpContext http, RollbackService rollbacks, CancellationToken ct)
    {
        var (body, problem) = await ApiBody.ReadJsonAsync<EvidenceRequest>(http.Request);
        return problem ?? Json(await rollbacks.TickFollowUpAsync(id, item, body!.Evidence, Actor(http), ct));
    }

    private static async Task<IResult> CreateRestore(HttpContext http, RestoreService restores, CancellationToken ct)
    {
        var (body, problem) = await ApiBody.ReadJsonAsync<RestoreCreateRequest>(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        var restore = await restores.RequestAsync(body!.Backend, body.Source, body.PointInTime, body.NewName, body.Reason, Actor(http), ct);
        return Json(await restores.GetAsync(restore.Id, ct), StatusCodes.Status201Created, $"/v1/ops/restores/{restore.Id}");
    }

    private static async Task<IResult> ApproveRestore(string id, HttpContext http, RestoreService restores, CancellationToken ct)
    {
        var (body, problem) = await ApiBody.ReadJsonAsync<ApprovalRequest>(http.Request);
        return problem ?? Json(await restores.ApproveAsync(id, body!.Role, body.Comment, Actor(http), ct));
    }

    private static async Task<IResult> GetAudit(HttpContext http, AuditLog audit, EnvironmentCatalog catalog, CancellationToken ct)
    {
        var query = http.Request.Query;
        var format = http.Request.Path.StartsWithSegments("/ops/audit.csv") ? "csv" : query["format"].ToString() is { Length: > 0 } f ? f.ToLowerInvariant() : "json";
        if (format is not ("json" or "csv"))
        {
            return ApiProblems.Validation("format", "format is json or csv.");
        }

        var errors = new Dictionary<string, string[]>();
        var from = Time(query["from"], "from", errors);
        var to = Time(query["to"], "to", errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var environment = query["environment"].ToString() is { Length: > 0 } e ? catalog.Require(e).Name : null;
        var actor = query["actor"].ToString() is { Length: > 0 } a ? a : null;
        var entries = await audit.QueryAsync(new AuditQuery(from, to, actor, environment), ct);
        if (format == "csv")
        {
            http.Response.Headers.ContentDisposition = "attachment; filename=\"operations-audit.csv\"";
            return Results.Text(AuditLog.ToCsv(entries), "text/csv; charset=utf-8", Encoding.UTF8);
        }

        return Json(new { entries });
    }

    private static DateTimeOffset? Time(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        errors[field] = [$"'{text}' is not a time; use ISO 8601, e.g. 2026-12-07T09:00:00Z."];
        return null;
    }

    private static IResult DeploymentAnswer(Deployment deployment, bool started) =>
        Json(deployment, started ? StatusCodes.Status202Accepted : StatusCodes.Status200OK, $"/v1/ops/deployments/{deployment.Id}");

    private static IResult Json(object value, int status = StatusCodes.Status200OK, string? location = null) =>
        new OpsJsonResult(value, status, location);

    private static IResult Problem(OperationsException e) => e.Error switch
    {
        OperationsError.Validation => ApiProblems.Validation(e.Errors.ToDictionary(), e.Message),
        OperationsError.NotFound => ApiProblems.NotFound(e.Message),
        OperationsError.Forbidden => ApiProblems.Forbidden(e.Message),
        OperationsError.GateNotMet => ApiProblems.Problem(StatusCodes.Status409Conflict, ErrorCodes.GateNotMet, "The gate is not met.", e.Message,
            new Dictionary<string, object?> { ["missing"] = e.Missing }),
        OperationsError.Conflict => ApiProblems.Problem(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "Conflict.", e.Message),
        _ => ApiProblems.Unavailable(e.Message),
    };

    /// <summary>Operations records as the store writes them (camelCase, snake_case enum values), with a status and a Location.</summary>
    private sealed class OpsJsonResult(object value, int status, string? location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }

            return httpContext.Response.WriteAsJsonAsync(value, value.GetType(), OpsJson.Options, "application/json; charset=utf-8", httpContext.RequestAborted);
        }
    }
}
