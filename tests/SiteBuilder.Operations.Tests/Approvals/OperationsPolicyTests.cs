using Microsoft.Extensions.Options;
using SiteBuilder.Identity;
using SiteBuilder.Operations.Approvals;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Operations.Releases;

namespace SiteBuilder.Operations.Tests.Approvals;

/// <summary>DESIGN §7, row by row.</summary>
public sealed class OperationsPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static OperationsPolicy Policy(params FreezeWindowOptions[] freezes) =>
        new(Options.Create(new OperationsOptions { ApprovalLifetime = TimeSpan.FromHours(24), FreezeWindows = [.. freezes] }));

    private static OpsActor Person(string name, params string[] roles) => new(name, name.ToUpperInvariant(), roles);

    public static TheoryData<string, string[]> SignOffs => new()
    {
        { "dev", [Roles.TechLead] },
        { "sit", [Roles.TechLead, Roles.DevOpsLead] },
        { "prod", [Roles.TechLead, Roles.DevOpsLead, Roles.ProductOwner] },
    };

    [Theory]
    [MemberData(nameof(SignOffs))]
    public void EachTargetNeedsItsSignOffs(string target, string[] roles) => Assert.Equal(roles, OperationsPolicy.PromotionRoles(target));

    public static TheoryData<string, string[]> Checks => new()
    {
        { "dev", ["tests_passing", "code_review_approved"] },
        { "sit", ["dev_deployment_successful", "dev_integration_tests_passing", "change_request_approved"] },
        { "prod", ["sit_deployment_successful", "sit_tests_passing", "uat_sign_off", "change_request_approved", "rollback_plan", "on_call_notified"] },
    };

    [Theory]
    [MemberData(nameof(Checks))]
    public void EachTargetHasTheSeedsChecklist(string target, string[] checks) =>
        Assert.Equal(checks, OperationsPolicy.PromotionChecks(target).Select(c => c.Key));

    public static TheoryData<string, string[]> RollbackAuthority => new()
    {
        { "dev", [Roles.Operator] },
        { "sit", [Roles.DevOpsLead] },
        { "prod", [Roles.TechLead, Roles.DevOpsLead] },
    };

    [Theory]
    [MemberData(nameof(RollbackAuthority))]
    public void RollbackAuthorityFollowsTheSeed(string environment, string[] roles) => Assert.Equal(roles, OperationsPolicy.RollbackRoles(environment));

    [Fact]
    public void RestoreNeedsTechLeadAndDevOpsLead() => Assert.Equal([Roles.TechLead, Roles.DevOpsLead], OperationsPolicy.RestoreRoles);

    public static TheoryData<string, string, string[], OperationsError> RefusedSignOffs => new()
    {
        // who signs, as which slot, holding which roles → why not
        { "olga", Roles.TechLead, [Roles.TechLead], OperationsError.Forbidden },          // the requester
        { "dora", Roles.TechLead, [Roles.DevOpsLead], OperationsError.Forbidden },         // wrong role
        { "tom", Roles.DevOpsLead, [Roles.TechLead, Roles.DevOpsLead], OperationsError.Forbidden }, // already signed as TechLead
        { "tess", Roles.TechLead, [Roles.TechLead], OperationsError.Conflict },            // slot already signed
        { "paul", Roles.ProductOwner, [Roles.ProductOwner], OperationsError.Validation },  // SIT needs no ProductOwner
    };

    [Theory]
    [MemberData(nameof(RefusedSignOffs))]
    public void SignOffsAreRefusedByTheRules(string who, string slot, string[] roles, OperationsError expected)
    {
        var existing = new[] { new Approval(Roles.TechLead, "tom", "TOM", Now.AddHours(-1), Now.AddHours(23), null) };

        var refused = Assert.Throws<OperationsException>(() =>
            Policy().Approve("olga", existing, OperationsPolicy.PromotionRoles("sit"), null, Person(who, roles), slot, null, Now));

        Assert.Equal(expected, refused.Error);
    }

    [Fact]
    public void ASignOffExpiresAfterTheConfiguredLifetime()
    {
        var approval = Policy().Approve("olga", [], ["TechLead"], null, Person("tom", Roles.TechLead), "techlead", "fine", Now);

        Assert.Equal(Now.AddHours(24), approval.ExpiresAt);
        Assert.Equal("TechLead", approval.Role);
        Assert.Single(OperationsPolicy.ValidApprovals([approval], null, Now.AddHours(23)));
        Assert.Empty(OperationsPolicy.ValidApprovals([approval], null, Now.AddHours(24)));
    }

    [Fact]
    public void TheGateNamesEachMissingSignOffAndCheckAndWhyOneLapsed()
    {
        var release = new Release { Version = "1.0.0", Commit = "abcdef1", ImageDigest = "sha256:" + new string('1', 64), TerraformCommit = "1234567", RegisteredBy = "ci", CreatedAt = Now };
        var promotion = new PromotionRequest
        {
            Id = "pro-1", ReleaseVersion = "1.0.0", ReleaseFingerprint = OperationsPolicy.Fingerprint(release), Source = "dev", Target = "sit",
            RequestedBy = "olga", RequestedByName = "Olga", CreatedAt = Now.AddDays(-2),
            Approvals = [new Approval(Roles.TechLead, "tom", "Tom", Now.AddDays(-2), Now.AddDays(-1), null)],
            Checks = [new CheckTick("change_request_approved", "olga", "Olga", Now, "CR-1")],
        };

        var gate = Policy().PromotionGate(promotion, release, Now);

        Assert.False(gate.IsMet);
        Assert.Equal(
            [
                $"TechLead sign-off (the one by Tom expired at {Now.AddDays(-1):u})",
                "DevOpsLead sign-off",
                "check dev_deployment_successful (DEV deployment successful)",
                "check dev_integration_tests_passing (DEV integration tests passing)",
            ],
            gate.Missing);
    }

    [Fact]
    public void AChangedReleaseVoidsEverySignOff()
    {
        var release = new Release { Version = "1.0.0", Commit = "abcdef1", ImageDigest = "sha256:" + new string('1', 64), TerraformCommit = "1234567", RegisteredBy = "ci", CreatedAt = Now };
        var promotion = new PromotionRequest
        {
            Id = "pro-1", ReleaseVersion = "1.0.0", ReleaseFingerprint = "something|else|entirely", Target = "dev",
            RequestedBy = "olga", RequestedByName = "Olga", CreatedAt = Now,
            Approvals = [new Approval(Roles.TechLead, "tom", "Tom", Now, Now.AddDays(1), null)],
            Checks = [new CheckTick("tests_passing", "olga", "Olga", Now, "ci"), new CheckTick("code_review_approved", "olga", "Olga", Now, "pr")],
        };

        var gate = Policy().PromotionGate(promotion, release, Now);

        Assert.Empty(gate.ValidApprovals);
        Assert.Contains(gate.Missing, m => m.Contains("changed after it was requested", StringComparison.Ordinal));
        Assert.Contains("TechLead sign-off", gate.Missing);
    }

    public static TheoryData<string, string?, string?, string?, bool, OperationsError?> Paths => new()
    {
        // target, source named, version live in the source, release asked, source healthy → refusal
        { "dev", null, null, "1.0.0", true, null },
        { "sit", null, "1.0.0", "1.0.0", true, null },
        { "sit", "dev", "1.0.0", "1.0.0", true, null },
        { "dev", "sit", "1.0.0", "1.0.0", true, OperationsError.Validation },   // SIT → DEV
        { "prod", "dev", "1.0.0", "1.0.0", true, OperationsError.Validation },  // PROD straight from DEV
        { "prod", null, null, "1.0.0", true, OperationsError.Conflict },        // not in SIT yet
        { "sit", null, "0.9.0", "1.0.0", true, OperationsError.Conflict },      // another release in DEV
        { "sit", null, "1.0.0", "1.0.0", false, OperationsError.Conflict },     // DEV deployment failed verification
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void PromotionGoesOnlyDevSitProdFromAHealthyDeploymentOfTheSameRelease(string target, string? source, string? liveInSource, string? version, bool healthy, OperationsError? refused)
    {
        var state = liveInSource is null ? null : new EnvironmentState
        {
            Id = EnvironmentCatalog.SourceFor(target) ?? "none",
            CreatedAt = Now,
            Live = new LiveRelease(liveInSource, "sha256:x", "tf", "dep-1", Now, "olga", "Olga", healthy),
        };

        var error = Record.Exception(() => OperationsPolicy.CheckPath(target, source, version!, state));

        Assert.Equal(refused, (error as OperationsException)?.Error);
        if (refused is null)
        {
            Assert.Null(error);
        }
    }

    [Fact]
    public void InsideAFreezeWindowATechLeadsExtraSignOffWithAReasonIsNeeded()
    {
        // Fridays from 16:00 UTC for 64 hours: the weekend freeze.
        var policy = Policy(new FreezeWindowOptions { Name = "weekend", Cron = "0 16 * * FRI", Duration = TimeSpan.FromHours(64) });
        var saturday = new DateTimeOffset(2026, 12, 12, 10, 0, 0, TimeSpan.Zero);
        var monday = new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal("weekend", policy.ActiveFreeze(saturday)?.Name);
        Assert.Null(policy.ActiveFreeze(monday));
        Assert.Equal([Roles.TechLead, OperationsPolicy.FreezeException], policy.PromotionSlots("dev", saturday));
        Assert.Equal([Roles.TechLead], policy.PromotionSlots("dev", monday));

        var first = policy.Approve("olga", [], policy.PromotionSlots("dev", saturday), null, Person("tom", Roles.TechLead), Roles.TechLead, null, saturday);
        var noReason = Assert.Throws<OperationsException>(() =>
            policy.Approve("olga", [first], policy.PromotionSlots("dev", saturday), null, Person("tess", Roles.TechLead), OperationsPolicy.FreezeException, " ", saturday));
        var sameLead = Assert.Throws<OperationsException>(() =>
            policy.Approve("olga", [first], policy.PromotionSlots("dev", saturday), null, Person("tom", Roles.TechLead), OperationsPolicy.FreezeException, "hotfix", saturday));
        var notALead = Assert.Throws<OperationsException>(() =>
            policy.Approve("olga", [first], policy.PromotionSlots("dev", saturday), null, Person("dora", Roles.DevOpsLead), OperationsPolicy.FreezeException, "hotfix", saturday));
        var extra = policy.Approve("olga", [first], policy.PromotionSlots("dev", saturday), null, Person("tess", Roles.TechLead), OperationsPolicy.FreezeException, "Payment outage hotfix", saturday);

        Assert.Equal(("comment", OperationsError.Validation), (noReason.Field, noReason.Error));
        Assert.Equal(OperationsError.Forbidden, sameLead.Error);
        Assert.Equal(OperationsError.Forbidden, notALead.Error);
        Assert.Equal("Payment outage hotfix", extra.Comment);
    }
}
