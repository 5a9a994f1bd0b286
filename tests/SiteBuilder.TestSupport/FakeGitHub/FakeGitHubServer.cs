using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.TestSupport.FakeGitHub;

/// <summary>
/// A local GitHub REST API for the Actions calls a deployment engine makes, with GitHub's route shapes (served under
/// <c>/api/v3</c>, where Octokit sends requests for a non-github.com base URL, and at the root):
/// <list type="bullet">
/// <item><c>POST /repos/{o}/{r}/actions/workflows/{file}/dispatches</c> → 204, or 404 / 422 like GitHub (unknown workflow, undeclared or missing inputs, bad choice);</item>
/// <item><c>GET /repos/{o}/{r}/actions/workflows/{file}/runs</c> (with <c>event</c> and <c>created=&gt;=…</c>);</item>
/// <item><c>GET /repos/{o}/{r}/actions/runs/{id}</c> and <c>GET …/runs/{id}/jobs</c>.</item>
/// </list>
/// Each dispatch starts a run per <see cref="NextRun"/>; each read of a run moves it queued → in_progress → completed.
/// </summary>
public sealed partial class FakeGitHubServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FakeWorkflow> _workflows = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedDispatch> _dispatches = new();
    private readonly ConcurrentDictionary<long, FakeRun> _runs = new();
    private readonly ConcurrentQueue<FakeRunScript> _scripts = new();
    private long _nextRunId = 9_000_000_000;
    private int _failingListCalls;
    private LoopbackWebApp? _app;

    private FakeGitHubServer(string owner, string repository, string token)
    {
        Owner = owner;
        Repository = repository;
        Token = token;
    }

    public string Owner { get; }

    public string Repository { get; }

    /// <summary>The only token the fake accepts (<c>Authorization: token …</c> or <c>Bearer …</c>, any case); others get 401.</summary>
    public string Token { get; }

    /// <summary>The base URL to give Octokit: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUrl => _app?.BaseUrl ?? throw new InvalidOperationException("The fake GitHub is not started.");

    /// <summary>Every accepted dispatch, in order.</summary>
    public IReadOnlyList<RecordedDispatch> Dispatches => [.. _dispatches];

    /// <summary>The script for a dispatch when none is queued with <see cref="Enqueue"/>.</summary>
    public FakeRunScript NextRun { get; set; } = FakeRunScript.Succeeds();

    /// <summary>How many of the next run-list calls fail with 502, as GitHub sometimes does.</summary>
    public int FailingListCalls
    {
        get => Volatile.Read(ref _failingListCalls);
        set => Volatile.Write(ref _failingListCalls, value);
    }

    public static async Task<FakeGitHubServer> StartAsync(string owner = "acme", string repository = "sitebuilder", CancellationToken cancellationToken = default)
    {
        var server = new FakeGitHubServer(owner, repository, "ghp_" + Guid.NewGuid().ToString("N"));
        server._app = await LoopbackWebApp.StartAsync(server.HandleAsync, cancellationToken);
        return server;
    }

    /// <summary>Adds workflows to the fake repository (as read from their files).</summary>
    public void Declare(params FakeWorkflow[] workflows)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        foreach (var workflow in workflows)
        {
            _workflows[workflow.File] = workflow;
        }
    }

    /// <summary>Scripts the runs of the next dispatches, one each, in order; then <see cref="NextRun"/>.</summary>
    public void Enqueue(params FakeRunScript[] scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        foreach (var script in scripts)
        {
            _scripts.Enqueue(script);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (path.StartsWith("/api/v3/", StringComparison.Ordinal))
        {
            path = path["/api/v3".Length..];
        }

        if (!IsAuthorized(request.Headers.Authorization.ToString()))
        {
            await WriteAsync(context, 401, new JsonObject { ["message"] = "Bad credentials", ["documentation_url"] = "https://docs.github.com/rest" });
            return;
        }

        var repoPrefix = $"/repos/{Owner}/{Repository}/actions/";
        if (!path.StartsWith(repoPrefix, StringComparison.Ordinal))
        {
            await NotFoundAsync(context);
            return;
        }

        var segments = path[repoPrefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (request.Method, segments)
        {
            case ("POST", ["workflows", var file, "dispatches"]):
                await DispatchAsync(context, file);
                break;
            case ("GET", ["workflows", var file, "runs"]):
                await ListRunsAsync(context, file);
                break;
            case ("GET", ["runs", var id]) when _runs.TryGetValue(ParseId(id), out var run):
                await WriteAsync(context, 200, run.Read(advance: true));
                break;
            case ("GET", ["runs", var id, "jobs"]) when _runs.TryGetValue(ParseId(id), out var run):
                await WriteAsync(context, 200, run.Jobs());
                break;
            default:
                await NotFoundAsync(context);
                break;
        }
    }

    private async Task DispatchAsync(HttpContext context, string file)
    {
        if (!_workflows.TryGetValue(file, out var workflow))
        {
            await NotFoundAsync(context);
            return;
        }

        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        var gitRef = body?["ref"]?.GetValue<string>();
        var inputs = (body?["inputs"] as JsonObject ?? []).ToDictionary(
            i => i.Key,
            i => i.Value?.GetValueKind() == JsonValueKind.String ? i.Value.GetValue<string>() : i.Value?.ToJsonString() ?? "",
            StringComparer.Ordinal);
        if (string.IsNullOrEmpty(gitRef))
        {
            await UnprocessableAsync(context, "Invalid request.\n\nNo ref provided.");
            return;
        }

        var unexpected = inputs.Keys.Where(k => workflow.Inputs.All(i => i.Name != k)).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
        {
            await UnprocessableAsync(context, $"Unexpected inputs provided: [\"{string.Join("\", \"", unexpected)}\"]");
            return;
        }

        foreach (var input in workflow.Inputs)
        {
            var provided = inputs.TryGetValue(input.Name, out var value);
            if (input.Required && (!provided || string.IsNullOrEmpty(value)))
            {
                await UnprocessableAsync(context, $"Required input '{input.Name}' not provided");
                return;
            }

            if (provided && input.Options.Count > 0 && !input.Options.Contains(value!))
            {
                await UnprocessableAsync(context, $"Provided value '{value}' for input '{input.Name}' not in the list of allowed values");
                return;
            }
        }

        var dispatch = new RecordedDispatch(file, gitRef, inputs, context.Request.Headers.Authorization.ToString());
        _dispatches.Enqueue(dispatch);
        var script = _scripts.TryDequeue(out var queued) ? queued : NextRun;
        var id = Interlocked.Increment(ref _nextRunId);
        _runs[id] = new FakeRun(id, workflow, RenderRunName(workflow, inputs), gitRef, DateTimeOffset.UtcNow, script, BaseUrl, Owner, Repository);
        context.Response.StatusCode = 204;
    }

    private async Task ListRunsAsync(HttpContext context, string file)
    {
        if (!_workflows.ContainsKey(file))
        {
            await NotFoundAsync(context);
            return;
        }

        if (TakeListFailure())
        {
            await WriteAsync(context, 502, new JsonObject { ["message"] = "Server Error" });
            return;
        }

        var query = context.Request.Query;
        var createdFrom = DateTimeOffset.MinValue;
        if (query["created"].ToString() is { Length: > 2 } created && created.StartsWith(">=", StringComparison.Ordinal))
        {
            createdFrom = DateTimeOffset.Parse(created[2..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        var eventFilter = query["event"].ToString();
        var listed = _runs.Values
            .Where(r => r.Workflow.File == file && r.CreatedAt >= createdFrom && (eventFilter.Length == 0 || eventFilter == "workflow_dispatch"))
            .Where(r => r.IsListed())
            .OrderByDescending(r => r.Id)
            .Select(r => (JsonNode)r.Read(advance: false))
            .ToArray();
        await WriteAsync(context, 200, new JsonObject { ["total_count"] = listed.Length, ["workflow_runs"] = new JsonArray(listed) });
    }

    private bool TakeListFailure()
    {
        int left;
        do
        {
            left = FailingListCalls;
            if (left <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _failingListCalls, left - 1, left) != left);
        return true;
    }

    // GitHub takes either scheme, in any case: "token X", "Token X", "Bearer X".
    private bool IsAuthorized(string authorization) =>
        authorization.Split(' ', 2) is [var scheme, var value]
        && (scheme.Equals("token", StringComparison.OrdinalIgnoreCase) || scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase))
        && value == Token;

    private static string RenderRunName(FakeWorkflow workflow, IReadOnlyDictionary<string, string> inputs) =>
        InputExpression().Replace(workflow.RunName, m => inputs.TryGetValue(m.Groups[1].Value, out var value) ? value : "");

    private static long ParseId(string id) => long.TryParse(id, CultureInfo.InvariantCulture, out var value) ? value : -1;

    private static Task NotFoundAsync(HttpContext context) =>
        WriteAsync(context, 404, new JsonObject { ["message"] = "Not Found", ["documentation_url"] = "https://docs.github.com/rest" });

    private static Task UnprocessableAsync(HttpContext context, string message) =>
        WriteAsync(context, 422, new JsonObject { ["message"] = message, ["documentation_url"] = "https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event" });

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    [GeneratedRegex(@"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}")]
    private static partial Regex InputExpression();
}
