using Octokit;

namespace SiteBuilder.Operations.Engines.GitHubActions;

/// <summary>Turns a GitHub Actions run and its jobs into the engine's status: one step per job step, the first failure named.</summary>
internal static class WorkflowRunReport
{
    public static EngineRunStatus Describe(WorkflowRun run, IReadOnlyList<WorkflowJob> jobs)
    {
        var steps = new List<EngineStep>();
        foreach (var job in jobs)
        {
            if (job.Steps is not { Count: > 0 })
            {
                steps.Add(new EngineStep(job.Name, State(job.Status.StringValue, job.Conclusion?.StringValue), StepDetail(job.Status.StringValue, job.Conclusion?.StringValue)));
                continue;
            }

            steps.AddRange(job.Steps.Select(step => new EngineStep(
                $"{job.Name} › {step.Name}",
                State(step.Status.StringValue, step.Conclusion?.StringValue),
                StepDetail(step.Status.StringValue, step.Conclusion?.StringValue))));
        }

        var status = run.Status.StringValue;
        var conclusion = run.Conclusion?.StringValue;
        var state = status == "completed" ? (conclusion == "success" ? EngineRunState.Succeeded : EngineRunState.Failed) : State(status, conclusion);
        return new EngineRunStatus(state, RunDetail(run, state, conclusion, jobs), new Uri(run.HtmlUrl), steps);
    }

    private static EngineRunState State(string status, string? conclusion) => status switch
    {
        "completed" => conclusion is "success" or "skipped" or "neutral" ? EngineRunState.Succeeded : EngineRunState.Failed,
        "in_progress" => EngineRunState.Running,
        _ => EngineRunState.Queued,
    };

    private static string? StepDetail(string status, string? conclusion) => status switch
    {
        "completed" when conclusion is not "success" => conclusion,
        "waiting" => "waiting for a reviewer of the GitHub environment",
        _ => null,
    };

    private static string? RunDetail(WorkflowRun run, EngineRunState state, string? conclusion, IReadOnlyList<WorkflowJob> jobs)
    {
        var name = $"{run.Name} run #{run.RunNumber}";
        switch (state)
        {
            case EngineRunState.Failed:
                var failedJob = jobs.FirstOrDefault(j => j.Conclusion?.StringValue is "failure" or "timed_out" or "cancelled");
                var failedStep = failedJob?.Steps?.FirstOrDefault(s => s.Conclusion?.StringValue is "failure" or "timed_out" or "cancelled");
                var where = (failedJob, failedStep) switch
                {
                    (not null, not null) => $": job '{failedJob.Name}' failed at step '{failedStep.Name}'",
                    (not null, null) => $": job '{failedJob.Name}' ended {failedJob.Conclusion?.StringValue}",
                    _ => "",
                };
                return $"{name} ended {conclusion ?? "without a conclusion"}{where}.";
            case EngineRunState.Succeeded:
                return $"{name} succeeded.";
            case EngineRunState.Running:
                var current = jobs.SelectMany(j => (j.Steps ?? []).Where(s => s.Status.StringValue == "in_progress").Select(s => $"{j.Name} › {s.Name}")).FirstOrDefault();
                return current is null ? $"{name} is running." : $"{name} is running: {current}.";
            default:
                return jobs.Any(j => j.Status.StringValue == "waiting") || run.Status.StringValue == "waiting"
                    ? $"{name} is waiting for a reviewer of the GitHub environment."
                    : $"{name} is queued.";
        }
    }
}
