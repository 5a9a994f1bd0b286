namespace SiteBuilder.TestSupport.FakeGitHub;

/// <summary>
/// A workflow the fake repository holds, as its file declares it: its <c>name</c>, its <c>run-name</c> template and its
/// <c>workflow_dispatch</c> inputs. The fake checks dispatches against it the way GitHub does.
/// </summary>
/// <param name="RunName">The <c>run-name</c>; <c>${{ inputs.x }}</c> is filled from the dispatch's inputs.</param>
public sealed record FakeWorkflow(string File, string Name, string RunName, IReadOnlyList<FakeWorkflowInput> Inputs);

/// <param name="Options">The allowed values of a <c>choice</c> input; empty for other types.</param>
public sealed record FakeWorkflowInput(string Name, bool Required, IReadOnlyList<string> Options);

/// <summary>What a dispatch sent: the workflow file, the ref and every input as sent.</summary>
public sealed record RecordedDispatch(string WorkflowFile, string Ref, IReadOnlyDictionary<string, string> Inputs, string? Authorization);

/// <summary>How the run a dispatch starts behaves.</summary>
/// <param name="Appears">False: GitHub accepts the dispatch but no run ever shows in the list (a workflow that cannot be followed).</param>
/// <param name="ListedAfter">How many list calls miss the run before it shows (GitHub lists a new run a few seconds late).</param>
/// <param name="WaitingReads">How many reads find the run waiting for the GitHub environment's reviewers before it is queued.</param>
public sealed record FakeRunScript(IReadOnlyList<FakeJob> Jobs, bool Appears = true, int ListedAfter = 1, int WaitingReads = 0)
{
    public static FakeRunScript Succeeds() => new([new FakeJob("deploy", [new FakeStep("Checkout"), new FakeStep("Deploy")])]);

    public static FakeRunScript FailsAt(string job, string step) =>
        new([new FakeJob(job, [new FakeStep("Checkout"), new FakeStep(step, "failure"), new FakeStep("Report", "skipped")])]);

    public static FakeRunScript NeverAppears() => Succeeds() with { Appears = false };
}

public sealed record FakeJob(string Name, IReadOnlyList<FakeStep> Steps)
{
    public string Conclusion => Steps.Any(s => s.Conclusion == "failure") ? "failure" : "success";
}

/// <param name="Conclusion">How the step ends: success, failure, skipped.</param>
public sealed record FakeStep(string Name, string Conclusion = "success");
