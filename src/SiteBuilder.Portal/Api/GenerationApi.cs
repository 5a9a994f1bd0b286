using SiteBuilder.Portal.Hosting;
using SiteBuilder.Portal.Auth;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SiteBuilder.Generation.Records;
using SiteBuilder.Generation.Pipeline;

namespace SiteBuilder.Portal.Api;

/// <summary><c>/v1/sites/{tenant_id}/generation…</c>: streamed, resumable landing-page generation (DESIGN §5).</summary>
public static class GenerationApi
{
    /// <summary>
    /// What a generated page may load: nothing fetched but images and media inlined or over https, inline styles, inlined
    /// fonts; no script source at all. The workspace preview's frames carry the same (see <c>PreviewFrame</c>).
    /// </summary>
    public const string PageContentPolicy =
        "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; font-src data:; media-src data: https:; " +
        "form-action 'none'; base-uri 'none'";

    /// <summary>The generated page's own policy when served: its content policy, framed only by the portal, sandboxed (no script of any kind).</summary>
    public const string PagePolicy = PageContentPolicy + "; frame-ancestors 'self'; sandbox";

    public static IEndpointRouteBuilder MapGenerationApi(this IEndpointRouteBuilder app)
    {
        var sites = app.MapV1("/sites/{tenant_id}").RequireAuthorization(Policies.GeneratePages).WithTags("Generation");
        sites.MapPost("/generation", StartAsync).RefuseWhileDraining().RequireTenantRateLimit(RateLimitGroup.Generation).RequireConcurrencyLimits(startsGeneration: true).WithName("StartGeneration");
        sites.MapGet("/generations", ListAsync).WithName("ListGenerations");
        sites.MapGet("/generations/{generation_id}", GetAsync).WithName("GetGeneration");
        sites.MapGet("/generations/{generation_id}/events", EventsAsync).RequireConcurrencyLimits(startsGeneration: false).WithName("GetGenerationEvents");
        sites.MapGet("/generations/{generation_id}/html", HtmlAsync).WithName("GetGenerationHtml");
        sites.MapGet("/generations/{generation_id}/report", ReportAsync).WithName("GetGenerationReport");
        sites.MapPost("/generations/{generation_id}/cancel", CancelAsync).WithName("CancelGeneration");
        return app;
    }

    /// <summary>
    /// Starts a generation and streams its events. Until the first chunk the answer is held back, so a failure before the page
    /// starts (the model unavailable after retries) is a problem-details answer; after that, it is an error event.
    /// </summary>
    private static async Task<IResult> StartAsync(HttpContext context, GenerationService generations)
    {
        var caller = ApiCaller.From(context);
        var (request, problem) = await ApiBody.ReadJsonAsync<GenerationRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = GenerationRequestRules.Validate(request!);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        if (await LogoForbiddenAsync(context, caller, request!.BrandAssets?.Logo) is { } forbidden)
        {
            return forbidden;
        }

        GenerationRecord generation;
        try
        {
            generation = await generations.StartAsync(caller.Tenant, caller.User.UserName, request!, context.RequestAborted);
        }
        catch (GenerationRequestException e)
        {
            return e.NotFound ? ApiProblems.NotFound(e.Message) : ApiProblems.Validation(e.Field, e.Message);
        }

        return await StreamNewGenerationAsync(context, generations, generation, caller.Tenant);
    }

    private static async Task<IResult> StreamNewGenerationAsync(HttpContext context, GenerationService generations, GenerationRecord generation, string tenant)
    {
        var abort = context.RequestAborted;
        var events = generations.FollowAsync(generation, 0, abort).GetAsyncEnumerator(abort);
        Task<bool>? pending = null;
        try
        {
            var (held, failure) = await HoldUntilFirstChunkAsync(events);
            if (failure is not null)
            {
                return ProblemFor((ErrorEvent)failure.Data, generation);
            }

            ServerSentEvents.Begin(context.Response, generation.Id);
            context.Response.Headers.Location = $"/v1/sites/{tenant}/generations/{generation.Id}";
            foreach (var e in held)
            {
                await ServerSentEvents.WriteAsync(context.Response, e, abort);
            }

            if (!held[^1].Data.IsTerminal)
            {
                pending = events.MoveNextAsync().AsTask();
                await ServerSentEvents.StreamAsync(context.Response, events, pending, abort);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // The client went away; the generation goes on.
        }
        finally
        {
            await CloseAsync(events, pending);
        }

        return Results.Empty;
    }

    /// <summary>
    /// Reads events up to the first chunk or the end. An error before any chunk comes back as the failure, while the
    /// answer can still be a problem-details response.
    /// </summary>
    private static async Task<(List<GenerationEvent> Held, GenerationEvent? Failure)> HoldUntilFirstChunkAsync(IAsyncEnumerator<GenerationEvent> events)
    {
        var held = new List<GenerationEvent>();
        while (await events.MoveNextAsync())
        {
            var e = events.Current;
            if (e.Data is ErrorEvent && !held.Any(h => h.Data is ChunkEvent))
            {
                return (held, e);
            }

            held.Add(e);
            if (e.Data is ChunkEvent || e.Data.IsTerminal)
            {
                break;
            }
        }

        return (held, null);
    }

    /// <summary>Waits out the read still in flight (it ends with the request), then lets go of the event stream.</summary>
    private static async Task CloseAsync(IAsyncEnumerator<GenerationEvent> events, Task<bool>? pending)
    {
        if (pending is not null)
        {
            try
            {
                await pending;
            }
            catch (OperationCanceledException)
            {
                // Stopped with the request.
            }
        }

        await events.DisposeAsync();
    }

    /// <summary>
    /// A logo named by asset id is read from the tenant's brand assets, so it obeys the rule for reading them: a caller who gets 403 on
    /// <c>GET /v1/assets/{id}/content</c> cannot embed the asset by naming it. An https URL reads nothing of ours.
    /// </summary>
    internal static async Task<ProblemHttpResult?> LogoForbiddenAsync(HttpContext context, ApiCaller caller, string? logo)
    {
        if (string.IsNullOrWhiteSpace(logo) || logo.StartsWith("https://", StringComparison.Ordinal))
        {
            return null;
        }

        var authorization = context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        return (await authorization.AuthorizeAsync(context.User, new TenantResource(caller.Tenant), Policies.BrandAssets)).Succeeded
            ? null
            : ApiProblems.Forbidden("brandAssets.logo names a brand asset, and your role may not read the tenant's brand assets.");
    }

    private static async Task<Results<Ok<GenerationList>, ProblemHttpResult>> ListAsync(HttpContext context, GenerationService generations, int? limit, string? cursor)
    {
        var caller = ApiCaller.From(context);
        if (limit is < 1 or > 100)
        {
            return ApiProblems.Validation("limit", "limit is between 1 and 100.");
        }

        try
        {
            var page = await generations.ListAsync(caller.Tenant, limit ?? 20, cursor, context.RequestAborted);
            return TypedResults.Ok(new GenerationList([.. page.Items.Select(GenerationState.From)], page.NextCursor));
        }
        catch (FormatException e)
        {
            return ApiProblems.Validation("cursor", e.Message);
        }
    }

    private static async Task<Results<Ok<GenerationState>, ProblemHttpResult>> GetAsync(HttpContext context, GenerationService generations, string generation_id) =>
        await FindAsync(context, generations, generation_id) is { } generation
            ? TypedResults.Ok(GenerationState.From(generation))
            : NotFound(generation_id);

    /// <summary>Resumes the stream after <c>Last-Event-ID</c> (header, or <c>lastEventId</c> in the query for clients that cannot set it).</summary>
    private static async Task<IResult> EventsAsync(HttpContext context, GenerationService generations, string generation_id, string? lastEventId)
    {
        var generation = await FindAsync(context, generations, generation_id);
        if (generation is null)
        {
            return NotFound(generation_id);
        }

        var raw = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? lastEventId ?? "0";
        if (!long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var afterId))
        {
            return ApiProblems.Validation("Last-Event-ID", "Last-Event-ID is the id of the last event received, a whole number.");
        }

        ServerSentEvents.Begin(context.Response, generation.Id);
        var abort = context.RequestAborted;
        await using var events = generations.FollowAsync(generation, afterId, abort).GetAsyncEnumerator(abort);
        await ServerSentEvents.StreamAsync(context.Response, events, null, abort);
        return Results.Empty;
    }

    private static async Task<IResult> HtmlAsync(HttpContext context, GenerationService generations, string generation_id)
    {
        var generation = await FindAsync(context, generations, generation_id);
        if (generation is null)
        {
            return NotFound(generation_id);
        }

        if (await generations.GetHtmlAsync(generation, context.RequestAborted) is not { } html)
        {
            return ApiProblems.NotFound($"The page of {generation_id} is not ready: the generation is {generation.Status.ToWire()}.");
        }

        context.Response.Headers.ContentSecurityPolicy = PagePolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        // The portal may frame it (its own previews); no other site may.
        context.Response.Headers.XFrameOptions = "SAMEORIGIN";
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.Text(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> ReportAsync(HttpContext context, GenerationService generations, string generation_id)
    {
        var generation = await FindAsync(context, generations, generation_id);
        if (generation is null)
        {
            return NotFound(generation_id);
        }

        return await generations.GetReportJsonAsync(generation, context.RequestAborted) is { } json
            ? Results.Bytes(json, "application/json")
            : ApiProblems.NotFound($"The brand report of {generation_id} is not ready: the generation is {generation.Status.ToWire()}.");
    }

    private static async Task<Results<Ok<GenerationState>, Accepted<GenerationState>, ProblemHttpResult>> CancelAsync(HttpContext context, GenerationService generations, string generation_id)
    {
        var generation = await FindAsync(context, generations, generation_id);
        if (generation is null)
        {
            return NotFound(generation_id);
        }

        if (generation.Status.IsTerminal())
        {
            return TypedResults.Ok(GenerationState.From(generation));
        }

        var cancelled = await generations.CancelAsync(generation, context.RequestAborted);
        return TypedResults.Accepted($"/v1/sites/{generation.Tenant}/generations/{generation.Id}", GenerationState.From(cancelled));
    }

    /// <summary>Reading a generation's state is the <c>generation_state</c> agent's call: a store failure counts as its error.</summary>
    private static async Task<GenerationRecord?> FindAsync(HttpContext context, GenerationService generations, string generationId)
    {
        using var call = context.RequestServices.GetRequiredService<AgentMetrics>().Start(Agents.GenerationState);
        var generation = GenerationIds.IsGenerationId(generationId) ? await generations.GetAsync(ApiCaller.From(context).Tenant, generationId, context.RequestAborted) : null;
        call.Succeed();
        return generation;
    }

    private static ProblemHttpResult NotFound(string generationId) =>
        ApiProblems.NotFound($"There is no generation {generationId} for this tenant.");

    private static ProblemHttpResult ProblemFor(ErrorEvent error, GenerationRecord generation)
    {
        var (code, message) = (error.Code, error.Message);
        var status = code == ErrorCodes.ServiceUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        return ApiProblems.Problem(status, code, code == ErrorCodes.ServiceUnavailable ? "The page model is unavailable." : "The generation failed.", message,
            new Dictionary<string, object?> { ["generationId"] = generation.Id });
    }
}
