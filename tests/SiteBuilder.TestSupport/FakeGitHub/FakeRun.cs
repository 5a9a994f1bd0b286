using System.Text.Json.Nodes;

namespace SiteBuilder.TestSupport.FakeGitHub;

/// <summary>One workflow run: each read moves it a stage on (waiting for reviewers when scripted, queued, in_progress, completed), and its jobs follow.</summary>
internal sealed class FakeRun(long id, FakeWorkflow workflow, string displayTitle, string gitRef, DateTimeOffset createdAt, FakeRunScript script, Uri baseUrl, string owner, string repository)
{
    private readonly Lock _lock = new();
    private int _reads;
    private int _listings;

    public long Id => id;

    public FakeWorkflow Workflow => workflow;

    public DateTimeOffset CreatedAt => createdAt;

    private string Stage => StageAt(_reads);

    private string HtmlUrl => new Uri(baseUrl, $"{owner}/{repository}/actions/runs/{id}").AbsoluteUri;

    private string StageAt(int reads)
    {
        var afterWaiting = reads - script.WaitingReads;
        return afterWaiting switch { < 0 => "waiting", 0 => "queued", 1 => "in_progress", _ => "completed" };
    }

    public bool IsListed()
    {
        lock (_lock)
        {
            return script.Appears && _listings++ >= script.ListedAfter;
        }
    }

    public JsonObject Read(bool advance)
    {
        lock (_lock)
        {
            var stage = Stage;
            if (advance)
            {
                _reads++;
            }

            var conclusion = stage == "completed" ? (script.Jobs.Any(j => j.Conclusion == "failure") ? "failure" : "success") : null;
            return new JsonObject
            {
                ["id"] = id,
                ["name"] = workflow.Name,
                ["display_title"] = displayTitle,
                ["run_number"] = (int)(id % 1000),
                ["run_attempt"] = 1,
                ["event"] = "workflow_dispatch",
                ["status"] = stage,
                ["conclusion"] = conclusion,
                ["head_branch"] = gitRef,
                ["head_sha"] = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c",
                ["path"] = $".github/workflows/{workflow.File}",
                ["workflow_id"] = Math.Abs(workflow.File.GetHashCode(StringComparison.Ordinal)),
                ["url"] = new Uri(baseUrl, $"repos/{owner}/{repository}/actions/runs/{id}").AbsoluteUri,
                ["html_url"] = HtmlUrl,
                ["jobs_url"] = new Uri(baseUrl, $"repos/{owner}/{repository}/actions/runs/{id}/jobs").AbsoluteUri,
                ["created_at"] = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["updated_at"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            };
        }
    }

    /// <summary>The jobs as they stand at the run's current stage (the last one read).</summary>
    public JsonObject Jobs()
    {
        string stage;
        lock (_lock)
        {
            // As of the last read of the run, so a run and its jobs agree.
            stage = StageAt(Math.Max(0, _reads - 1));
        }

        var jobs = new JsonArray();
        var jobId = id * 10;
        foreach (var job in script.Jobs)
        {
            var steps = new JsonArray();
            var number = 1;
            foreach (var step in job.Steps)
            {
                var (status, conclusion) = stage switch
                {
                    "completed" => ("completed", step.Conclusion),
                    "in_progress" when number == 1 => ("in_progress", (string?)null),
                    "waiting" => ("pending", (string?)null),
                    _ => ("queued", (string?)null),
                };
                steps.Add(new JsonObject { ["name"] = step.Name, ["number"] = number++, ["status"] = status, ["conclusion"] = conclusion });
            }

            jobs.Add(new JsonObject
            {
                ["id"] = ++jobId,
                ["run_id"] = id,
                ["name"] = job.Name,
                ["status"] = stage,
                ["conclusion"] = stage == "completed" ? job.Conclusion : null,
                ["html_url"] = $"{HtmlUrl}/job/{jobId}",
                ["steps"] = stage is "queued" or "waiting" ? new JsonArray() : steps,
            });
        }

        return new JsonObject { ["total_count"] = jobs.Count, ["jobs"] = jobs };
    }
}
