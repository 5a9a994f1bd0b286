using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;

namespace SiteBuilder.Operations.Engines.GitHubActions;

/// <summary>
/// Runs deployments as the repository's GitHub Actions workflows: dispatches the workflow with the request's inputs,
/// finds the run that dispatch started (its <c>run-name</c> carries <c>[deployment_id]</c>), then reports that run's
/// jobs and steps until it completes.
/// </summary>
public sealed class GitHubActionsEngine : IDeploymentEngine
{
    public const string EngineName = "GitHubActions";

    // GitHub stamps created_at with its own clock; looking a little earlier than our dispatch time absorbs skew between the
    // two clocks. The [deployment_id] marker, not the time, decides which run is ours.
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(2);

    private readonly IGitHubClient _github;
    private readonly GitHubActionsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GitHubActionsEngine> _logger;

    public GitHubActionsEngine(IOptions<GitHubActionsOptions> options, TimeProvider time, ILogger<GitHubActionsEngine> logger)
        : this(CreateClient(options.Value), options.Value, time, logger)
    {
    }

    internal GitHubActionsEngine(IGitHubClient github, GitHubActionsOptions options, TimeProvider time, ILogger<GitHubActionsEngine> logger)
    {
        _github = github;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string Name => EngineName;

    private string Owner => _options.Owner!;

    private string Repository => _options.Repository!;

    public static GitHubClient CreateClient(GitHubActionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new GitHubClient(new ProductHeaderValue("sitebuilder"), options.BaseUrl);
        if (!string.IsNullOrWhiteSpace(options.Token))
        {
            client.Credentials = new Credentials(options.Token);
        }

        client.SetRequestTimeout(TimeSpan.FromSeconds(30));
        return client;
    }

    /// <exception cref="GitHubActionsException">GitHub refused the dispatch, or no run for it appeared in time.</exception>
    public async Task<EngineRun> StartAsync(EngineRequest request, CancellationToken cancellationToken)
    {
        var dispatch = GitHubWorkflowDispatch.For(request);
        var dispatchedAt = _time.GetUtcNow();
        var body = new CreateWorkflowDispatch(_options.Ref)
        {
            Inputs = dispatch.Inputs.ToDictionary(input => input.Key, input => (object)input.Value, StringComparer.Ordinal),
        };
        try
        {
            await _github.Actions.Workflows.CreateDispatch(Owner, Repository, dispatch.WorkflowFile, body).WaitAsync(cancellationToken);
        }
        catch (ApiException e)
        {
            throw new GitHubActionsException(
                $"GitHub refused to dispatch {dispatch.WorkflowFile} on '{_options.Ref}' of {Owner}/{Repository} (HTTP {(int)e.StatusCode}): {e.Message}", e);
        }

        _logger.LogInformation("Dispatched {Workflow} on {Ref} of {Owner}/{Repository} for deployment {DeploymentId}",
            dispatch.WorkflowFile, _options.Ref, Owner, Repository, request.DeploymentId);

        var run = await FindDispatchedRunAsync(dispatch.WorkflowFile, request.DeploymentId, dispatchedAt, cancellationToken);
        _logger.LogInformation("Deployment {DeploymentId} runs as {Workflow} run {RunId}", request.DeploymentId, dispatch.WorkflowFile, run.Id);
        return new EngineRun(request.DeploymentId, Name, run.Id.ToString(CultureInfo.InvariantCulture), new Uri(run.HtmlUrl));
    }

    public async Task<EngineRunStatus> GetStatusAsync(EngineRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!long.TryParse(run.RunId, NumberStyles.None, CultureInfo.InvariantCulture, out var runId))
        {
            return new EngineRunStatus(EngineRunState.Failed, $"Deployment {run.DeploymentId} has no GitHub Actions run linked to it.", run.RunUrl, []);
        }

        WorkflowRun workflowRun;
        IReadOnlyList<WorkflowJob> jobs;
        try
        {
            workflowRun = await _github.Actions.Workflows.Runs.Get(Owner, Repository, runId).WaitAsync(cancellationToken);
            jobs = (await _github.Actions.Workflows.Jobs.List(Owner, Repository, runId).WaitAsync(cancellationToken)).Jobs;
        }
        catch (NotFoundException)
        {
            return new EngineRunStatus(EngineRunState.Failed, $"GitHub Actions run {runId} of {Owner}/{Repository} no longer exists.", run.RunUrl, []);
        }
        catch (ApiException e)
        {
            // Not a verdict on the run: the caller asks again later, and the run goes on regardless.
            throw new GitHubActionsException($"GitHub could not report run {runId} of {Owner}/{Repository} just now (HTTP {(int)e.StatusCode}): {e.Message}", e);
        }

        return WorkflowRunReport.Describe(workflowRun, jobs);
    }

    private async Task<WorkflowRun> FindDispatchedRunAsync(string workflowFile, string deploymentId, DateTimeOffset dispatchedAt, CancellationToken cancellationToken)
    {
        var marker = GitHubWorkflowDispatch.RunTitleMarker(deploymentId);
        var request = new WorkflowRunsRequest
        {
            Event = "workflow_dispatch",
            Created = ">=" + (dispatchedAt - ClockSkewAllowance).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        var started = _time.GetTimestamp();
        while (true)
        {
            var ours = await LookForRunAsync(workflowFile, request, marker, cancellationToken);
            if (ours is not null)
            {
                return ours;
            }

            if (_time.GetElapsedTime(started) + _options.PollInterval > _options.RunDiscoveryTimeout)
            {
                throw new GitHubActionsException(
                    $"GitHub accepted the dispatch of {workflowFile} for deployment {deploymentId}, but no run titled with '{marker}' appeared within " +
                    $"{_options.RunDiscoveryTimeout}. The run may still start: look at the workflow's runs on GitHub before retrying, and check that its " +
                    $"run-name contains [${{{{ inputs.deployment_id }}}}] and that the token may read Actions.");
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken);
        }
    }

    private async Task<WorkflowRun?> LookForRunAsync(string workflowFile, WorkflowRunsRequest request, string marker, CancellationToken cancellationToken)
    {
        try
        {
            var runs = await _github.Actions.Workflows.Runs.ListByWorkflow(Owner, Repository, workflowFile, request).WaitAsync(cancellationToken);
            return runs.WorkflowRuns.FirstOrDefault(r => r.DisplayTitle?.Contains(marker, StringComparison.Ordinal) == true);
        }
        catch (ApiException e) when ((int)e.StatusCode >= 500)
        {
            // The dispatch was accepted, so the run exists or soon will: a passing GitHub error only costs one look.
            _logger.LogWarning("GitHub answered {Status} while listing runs of {Workflow}; looking again", (int)e.StatusCode, workflowFile);
            return null;
        }
        catch (ApiException e)
        {
            throw new GitHubActionsException($"GitHub refused to list the runs of {workflowFile} in {Owner}/{Repository} (HTTP {(int)e.StatusCode}): {e.Message}", e);
        }
    }
}

/// <summary>GitHub refused a request, or a dispatched workflow could not be followed. The message is fit to show to the person deploying.</summary>
public sealed class GitHubActionsException(string message, Exception? inner = null) : Exception(message, inner);
