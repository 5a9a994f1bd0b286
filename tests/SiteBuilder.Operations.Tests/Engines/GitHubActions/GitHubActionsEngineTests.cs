using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SiteBuilder.Operations.Engines;
using SiteBuilder.Operations.Engines.GitHubActions;
using SiteBuilder.TestSupport.FakeGitHub;

namespace SiteBuilder.Operations.Tests.Engines.GitHubActions;

public sealed class GitHubActionsEngineTests : IAsyncLifetime
{
    private const string Digest = "sha256:4f1c3a7e9b2d6f8a0c1e3b5d7f9a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f5a";
    private FakeGitHubServer _github = null!;

    public async ValueTask InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _github.Declare(WorkflowFiles.All());
    }

    public async ValueTask DisposeAsync() => await _github.DisposeAsync();

    public static TheoryData<EngineAction> Actions() => [.. Enum.GetValues<EngineAction>()];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task EachActionDispatchesItsWorkflowWithExactlyTheInputsThatWorkflowDeclares(EngineAction action)
    {
        var engine = Engine();
        var request = Request(action);

        var run = await engine.StartAsync(request, TestContext.Current.CancellationToken);

        var dispatch = Assert.Single(_github.Dispatches);
        var expectedFile = action switch
        {
            EngineAction.Deploy => "app-deploy.yml",
            EngineAction.Promote => "promotion.yml",
            EngineAction.Rollback => "rollback.yml",
            _ => "terraform-apply.yml",
        };
        Assert.Equal(expectedFile, dispatch.WorkflowFile);
        Assert.Equal("main", dispatch.Ref);
        var declared = WorkflowFiles.Read(expectedFile).Inputs.Select(i => i.Name).Order(StringComparer.Ordinal);
        Assert.Equal(declared, dispatch.Inputs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(request.DeploymentId, dispatch.Inputs["deployment_id"]);
        Assert.EndsWith($" {_github.Token}", dispatch.Authorization, StringComparison.Ordinal);

        Assert.Equal(GitHubActionsEngine.EngineName, run.Engine);
        Assert.NotNull(run.RunId);
        Assert.Equal($"/{_github.Owner}/{_github.Repository}/actions/runs/{run.RunId}", run.RunUrl!.AbsolutePath);
    }

    [Fact]
    public async Task TheDispatchedValuesAreTheRequestsOwn()
    {
        var request = Request(EngineAction.Rollback);

        await Engine().StartAsync(request, TestContext.Current.CancellationToken);

        var inputs = Assert.Single(_github.Dispatches).Inputs;
        Assert.Equal("prod", inputs["environment"]);
        Assert.Equal("full", inputs["rollback_type"]);
        Assert.Equal("1.4.0", inputs["target_version"]);
        Assert.Equal(Digest, inputs["image_digest"]);
        Assert.Equal("a1b2c3d", inputs["terraform_commit"]);
    }

    [Fact]
    public async Task ATerraformApplyPassesTheReleaseVersionAsTheImageTagEveryRootRequires()
    {
        var request = Request(EngineAction.TerraformApply);

        await Engine().StartAsync(request, TestContext.Current.CancellationToken);

        var inputs = Assert.Single(_github.Dispatches).Inputs;
        Assert.Equal("1.4.0", inputs["image_tag"]);
        Assert.Equal("a1b2c3d", inputs["terraform_commit"]);
        await Assert.ThrowsAsync<ArgumentException>(() => Engine().StartAsync(request with { Version = "" }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ARunIsFollowedFromQueuedThroughRunningToSucceededWithItsSteps()
    {
        var engine = Engine();
        var run = await engine.StartAsync(Request(EngineAction.Deploy), TestContext.Current.CancellationToken);

        var states = new List<EngineRunState>();
        EngineRunStatus status;
        do
        {
            status = await engine.GetStatusAsync(run, TestContext.Current.CancellationToken);
            states.Add(status.State);
        }
        while (status.State is EngineRunState.Queued or EngineRunState.Running && states.Count < 10);

        Assert.Equal([EngineRunState.Queued, EngineRunState.Running, EngineRunState.Succeeded], states);
        Assert.Equal(run.RunUrl, status.RunUrl);
        Assert.Equal(["deploy › Checkout", "deploy › Deploy"], status.Steps.Select(s => s.Name));
        Assert.All(status.Steps, s => Assert.Equal(EngineRunState.Succeeded, s.State));
        Assert.Contains("succeeded", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunHeldByTheEnvironmentsReviewersIsQueuedAndSaysWhy()
    {
        _github.Enqueue(FakeRunScript.Succeeds() with { WaitingReads = 2 });
        var engine = Engine();
        var run = await engine.StartAsync(Request(EngineAction.Promote), TestContext.Current.CancellationToken);

        var held = await engine.GetStatusAsync(run, TestContext.Current.CancellationToken);
        var final = await FollowToCompletionAsync(engine, run);

        Assert.Equal(EngineRunState.Queued, held.State);
        Assert.EndsWith("is waiting for a reviewer of the GitHub environment.", held.Detail, StringComparison.Ordinal);
        Assert.Equal(EngineRunState.Succeeded, final.State);
    }

    [Fact]
    public async Task ARunThatFailsIsFailedAndNamesTheJobAndStepThatFailed()
    {
        _github.Enqueue(FakeRunScript.FailsAt("deploy", "Deploy to ECS and wait for the service to be stable"));
        var engine = Engine();
        var run = await engine.StartAsync(Request(EngineAction.Deploy), TestContext.Current.CancellationToken);

        var status = await FollowToCompletionAsync(engine, run);

        Assert.Equal(EngineRunState.Failed, status.State);
        Assert.Equal("App deploy run #" + (long.Parse(run.RunId!, System.Globalization.CultureInfo.InvariantCulture) % 1000) +
            " ended failure: job 'deploy' failed at step 'Deploy to ECS and wait for the service to be stable'.", status.Detail);
        var failed = Assert.Single(status.Steps, s => s.State == EngineRunState.Failed);
        Assert.Equal("deploy › Deploy to ECS and wait for the service to be stable", failed.Name);
        Assert.Equal("failure", failed.Detail);
    }

    [Fact]
    public async Task ADispatchWhoseRunNeverAppearsFailsClearlyInsteadOfWaitingForever()
    {
        _github.Enqueue(FakeRunScript.NeverAppears());
        var engine = Engine(discoveryTimeout: TimeSpan.FromMilliseconds(600));
        var request = Request(EngineAction.TerraformApply);
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<GitHubActionsException>(() => engine.StartAsync(request, TestContext.Current.CancellationToken));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"gave up after {clock.Elapsed}");
        Assert.Contains("terraform-apply.yml", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"[{request.DeploymentId}]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no run", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunListedOnlyAfterSomeLooksIsStillFound()
    {
        _github.Enqueue(FakeRunScript.Succeeds() with { ListedAfter = 3 });

        var run = await Engine().StartAsync(Request(EngineAction.Deploy), TestContext.Current.CancellationToken);

        Assert.NotNull(run.RunId);
    }

    [Fact]
    public async Task ARunIsStillFoundWhenGitHubStumblesWhileListingRuns()
    {
        _github.FailingListCalls = 2;

        var run = await Engine().StartAsync(Request(EngineAction.Promote), TestContext.Current.CancellationToken);

        Assert.NotNull(run.RunId);
        Assert.Equal(0, _github.FailingListCalls);
    }

    [Fact]
    public async Task AWrongTokenIsRefusedWithAMessageThatDoesNotRepeatTheToken()
    {
        var engine = Engine(token: "ghp_wrong_token_value");

        var failure = await Assert.ThrowsAsync<GitHubActionsException>(() => engine.StartAsync(Request(EngineAction.Deploy), TestContext.Current.CancellationToken));

        Assert.Contains("HTTP 401", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_wrong_token_value", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_github.Dispatches);
    }

    [Fact]
    public async Task AnAppRollbackWithoutAnImageDigestIsRefusedBeforeAnythingIsDispatched()
    {
        var request = Request(EngineAction.Rollback) with { RollbackType = "app_only", ImageDigest = "" };

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => Engine().StartAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal("ImageDigest", failure.ParamName);
        Assert.Empty(_github.Dispatches);
    }

    [Fact]
    public async Task ARunThatNoLongerExistsIsReportedFailed()
    {
        var run = new EngineRun("dep-gone", GitHubActionsEngine.EngineName, "123", null);

        var status = await Engine().GetStatusAsync(run, TestContext.Current.CancellationToken);

        Assert.Equal(EngineRunState.Failed, status.State);
        Assert.Contains("no longer exists", status.Detail, StringComparison.Ordinal);
    }

    private static async Task<EngineRunStatus> FollowToCompletionAsync(IDeploymentEngine engine, EngineRun run)
    {
        for (var look = 0; look < 10; look++)
        {
            var status = await engine.GetStatusAsync(run, TestContext.Current.CancellationToken);
            if (status.State is EngineRunState.Succeeded or EngineRunState.Failed)
            {
                return status;
            }
        }

        throw new InvalidOperationException("The run did not complete within 10 looks.");
    }

    private GitHubActionsEngine Engine(TimeSpan? discoveryTimeout = null, string? token = null) => new(
        Options.Create(new GitHubActionsOptions
        {
            BaseUrl = _github.BaseUrl,
            Owner = _github.Owner,
            Repository = _github.Repository,
            Token = token ?? _github.Token,
            PollInterval = TimeSpan.FromMilliseconds(50),
            RunDiscoveryTimeout = discoveryTimeout ?? TimeSpan.FromSeconds(10),
        }),
        TimeProvider.System,
        NullLogger<GitHubActionsEngine>.Instance);

    private static EngineRequest Request(EngineAction action) => new(
        DeploymentId: "dep-" + Guid.NewGuid().ToString("N")[..12],
        Action: action,
        Environment: action == EngineAction.Rollback ? "prod" : "sit",
        SourceEnvironment: action == EngineAction.Promote ? "dev" : null,
        Version: "1.4.0",
        ImageDigest: Digest,
        TerraformCommit: "a1b2c3d",
        RollbackType: action == EngineAction.Rollback ? "full" : null,
        RequestedBy: "dana");
}
