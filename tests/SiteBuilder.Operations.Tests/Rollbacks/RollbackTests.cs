using SiteBuilder.Identity;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Operations.Rollbacks;
using SiteBuilder.Operations.Tests.Deployments;

namespace SiteBuilder.Operations.Tests.Rollbacks;

public sealed class RollbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Takes a release through DEV and SIT into PROD with every gate.</summary>
    private static async Task LiveInProdAsync(OpsHost ops, string version)
    {
        await PromotionFlowTests.LiveInDevAsync(ops, version);
        var sit = await PromotionFlowTests.ApprovedForSitAsync(ops, version);
        await ops.FinishedAsync((await ops.Get<DeploymentService>().DeployPromotionAsync(sit.Id, OpsHost.Operator, Ct)).Deployment.Id);
        var promotions = ops.Get<PromotionService>();
        var prod = await promotions.RequestAsync(version, "prod", null, OpsHost.Operator, Ct);
        foreach (var check in PromotionFlowTests.ChecksOf("prod"))
        {
            await promotions.TickCheckAsync(prod.Id, check, "evidence", OpsHost.Operator, Ct);
        }

        await promotions.ApproveAsync(prod.Id, Roles.TechLead, null, OpsHost.TechLead, Ct);
        await promotions.ApproveAsync(prod.Id, Roles.DevOpsLead, null, OpsHost.DevOpsLead, Ct);
        await promotions.ApproveAsync(prod.Id, Roles.ProductOwner, null, OpsHost.ProductOwner, Ct);
        var deployment = await ops.FinishedAsync((await ops.Get<DeploymentService>().DeployPromotionAsync(prod.Id, OpsHost.Operator, Ct)).Deployment.Id);
        Assert.Equal(DeploymentStatus.Succeeded, deployment.Status);
    }

    [Fact]
    public async Task AProdRollbackRunsOnlyWithTechLeadAndDevOpsLeadAndPutsProdBackOnThePreviewedRelease()
    {
        await using var ops = await OpsHost.StartAsync();
        await ops.RegisterAsync("1.0.0", "Launch");
        await LiveInProdAsync(ops, "1.0.0");
        ops.Clock.Advance(TimeSpan.FromMinutes(1));
        await ops.RegisterAsync("1.1.0", "New checkout");
        ops.Clock.Advance(TimeSpan.FromMinutes(1));
        await ops.RegisterAsync("1.2.0", "Faster search");
        await LiveInProdAsync(ops, "1.2.0");
        var rollbacks = ops.Get<RollbackService>();

        var preview = await rollbacks.PreviewAsync("prod", "full", "previous", Ct);
        var rollback = await rollbacks.RequestAsync("prod", "full", "previous", "error_rate", "5xx at 14 % since 1.2.0", OpsHost.Operator, Ct);
        await rollbacks.ApproveAsync(rollback.Id, Roles.TechLead, null, OpsHost.TechLead, Ct);
        var oneSignOff = await Assert.ThrowsAsync<OperationsException>(() => rollbacks.ExecuteAsync(rollback.Id, OpsHost.Operator, Ct));
        await rollbacks.ApproveAsync(rollback.Id, Roles.DevOpsLead, null, OpsHost.DevOpsLead, Ct);
        var (deployment, started) = await rollbacks.ExecuteAsync(rollback.Id, OpsHost.Operator, Ct);
        var finished = await ops.FinishedAsync(deployment.Id);
        var live = (await ops.Get<EnvironmentStates>().GetAsync("prod", Ct)).Live!;

        Assert.Equal(OperationsError.GateNotMet, oneSignOff.Error);
        Assert.Equal(["DevOpsLead sign-off"], oneSignOff.Missing);
        Assert.Equal(("1.2.0", "1.0.0"), (preview.FromVersion, preview.ToVersion));
        Assert.Equal(["1.2.0", "1.1.0"], preview.NotesBetween.Select(n => n.Version));
        Assert.Equal(preview, rollback.Preview with { NotesBetween = preview.NotesBetween });
        Assert.True(started);
        Assert.Equal(DeploymentStatus.Succeeded, finished.Status);
        Assert.Equal((preview.ToVersion, preview.ToImageDigest, preview.ToTerraformCommit), (live.Version, live.ImageDigest, live.TerraformCommit));
        Assert.Equal("full", finished.RollbackType);
    }

    [Fact]
    public async Task AnAppOnlyRollbackKeepsTheInfrastructureAndTheFollowUpsAreTrackedToDone()
    {
        await using var ops = await OpsHost.StartAsync();
        await ops.RegisterAsync("2.0.0");
        await PromotionFlowTests.LiveInDevAsync(ops, "2.0.0");
        ops.Clock.Advance(TimeSpan.FromMinutes(1));
        await ops.RegisterAsync("2.1.0");
        await PromotionFlowTests.LiveInDevAsync(ops, "2.1.0");
        var current = (await ops.Get<EnvironmentStates>().GetAsync("dev", Ct)).Live!;
        var rollbacks = ops.Get<RollbackService>();

        var rollback = await rollbacks.RequestAsync("dev", "app_only", "2.0.0", "critical_functionality_broken", "Sign-in loops on Safari", OpsHost.Operator, Ct);
        var early = await Assert.ThrowsAsync<OperationsException>(() => rollbacks.TickFollowUpAsync(rollback.Id, "incident_report", "INC-7", OpsHost.Operator, Ct));
        var self = await Assert.ThrowsAsync<OperationsException>(() => rollbacks.ApproveAsync(rollback.Id, Roles.Operator, null, OpsHost.Operator, Ct));
        await rollbacks.ApproveAsync(rollback.Id, Roles.Operator, null, new OpsActor("otto", "Otto Operator", [Roles.Operator]), Ct);
        var (deployment, _) = await rollbacks.ExecuteAsync(rollback.Id, OpsHost.Operator, Ct);
        await ops.FinishedAsync(deployment.Id);
        RollbackView view = await rollbacks.GetAsync(rollback.Id, Ct);
        foreach (var item in SiteBuilder.Operations.Approvals.OperationsPolicy.RollbackFollowUps)
        {
            Assert.False(view.FollowUpsDone);
            view = await rollbacks.TickFollowUpAsync(rollback.Id, item.Key, "https://wiki.example.com/" + item.Key, OpsHost.Operator, Ct);
        }

        var live = (await ops.Get<EnvironmentStates>().GetAsync("dev", Ct)).Live!;
        Assert.Equal(OperationsError.Conflict, early.Error);
        Assert.Equal(OperationsError.Forbidden, self.Error);
        Assert.Equal("2.0.0", live.Version);
        Assert.Equal(current.TerraformCommit, live.TerraformCommit);
        Assert.NotEqual(current.ImageDigest, live.ImageDigest);
        Assert.True(view.FollowUpsDone);
    }

    [Fact]
    public async Task ARollbackTargetMustHaveRunThereBeforeAndARefusedRollbackLeavesNoAuditLine()
    {
        await using var ops = await OpsHost.StartAsync();
        await ops.RegisterAsync("3.0.0");
        await PromotionFlowTests.LiveInDevAsync(ops, "3.0.0");
        await ops.RegisterAsync("3.1.0");
        var rollbacks = ops.Get<RollbackService>();
        var before = await ops.Get<AuditLog>().QueryAsync(new AuditQuery(), Ct);

        var nothingEarlier = await Assert.ThrowsAsync<OperationsException>(() => rollbacks.RequestAsync("dev", "full", "previous", "error_rate", "errors up", OpsHost.Operator, Ct));
        var neverRan = await Assert.ThrowsAsync<OperationsException>(() => rollbacks.RequestAsync("dev", "full", "3.1.0", "error_rate", "errors up", OpsHost.Operator, Ct));
        var badType = await Assert.ThrowsAsync<OperationsException>(() => rollbacks.RequestAsync("dev", "lambda_and_more", "previous", "error_rate", "errors up", OpsHost.Operator, Ct));
        var badTrigger = await Assert.ThrowsAsync<OperationsException>(() => rollbacks.RequestAsync("dev", "full", "previous", "vibes", "errors up", OpsHost.Operator, Ct));
        var nowhere = await Assert.ThrowsAsync<OperationsException>(() => rollbacks.RequestAsync("qa", "full", "previous", "error_rate", "errors up", OpsHost.Operator, Ct));

        Assert.Equal(OperationsError.Conflict, nothingEarlier.Error);
        Assert.Equal(("target", OperationsError.Validation), (neverRan.Field, neverRan.Error));
        Assert.Equal("type", badType.Field);
        Assert.Equal("trigger", badTrigger.Field);
        Assert.Equal("environment", nowhere.Field);
        Assert.Equal(before, await ops.Get<AuditLog>().QueryAsync(new AuditQuery(), Ct));
    }
}
