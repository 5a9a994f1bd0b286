using Cronos;
using Microsoft.Extensions.Options;
using SiteBuilder.Identity;
using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Operations.Releases;

namespace SiteBuilder.Operations.Approvals;

/// <summary>
/// DESIGN §7 in one place: who signs off what, which checks a promotion needs, the promotion path, self-approval, one role per
/// person, expiry and voiding, and freeze windows. Services ask it; pages and the API only show what it answers.
/// </summary>
public sealed class OperationsPolicy(IOptions<OperationsOptions> options)
{
    /// <summary>The extra sign-off slot inside a freeze window, filled by a TechLead with a reason.</summary>
    public const string FreezeException = "FreezeException";

    public static readonly IReadOnlyList<ChecklistItem> RollbackFollowUps =
    [
        new("incident_report", "Incident report written"),
        new("stakeholders_notified", "Stakeholders notified"),
        new("post_mortem_scheduled", "Post-mortem scheduled"),
        new("fix_planned", "Fix planned"),
    ];

    public static readonly IReadOnlyList<string> RestoreRoles = [Roles.TechLead, Roles.DevOpsLead];

    public TimeSpan ApprovalLifetime => options.Value.ApprovalLifetime;

    /// <summary>Sign-off per target: DEV TechLead; SIT + DevOpsLead; PROD + ProductOwner.</summary>
    public static IReadOnlyList<string> PromotionRoles(string target) => target switch
    {
        EnvironmentCatalog.Dev => [Roles.TechLead],
        EnvironmentCatalog.Sit => [Roles.TechLead, Roles.DevOpsLead],
        EnvironmentCatalog.Prod => [Roles.TechLead, Roles.DevOpsLead, Roles.ProductOwner],
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Not an environment."),
    };

    /// <summary>The seed's prerequisites per target, each ticked by a named person with evidence.</summary>
    public static IReadOnlyList<ChecklistItem> PromotionChecks(string target) => target switch
    {
        EnvironmentCatalog.Dev => [new("tests_passing", "Tests passing"), new("code_review_approved", "Code review approved")],
        EnvironmentCatalog.Sit =>
        [
            new("dev_deployment_successful", "DEV deployment successful"),
            new("dev_integration_tests_passing", "DEV integration tests passing"),
            new("change_request_approved", "Change request approved"),
        ],
        EnvironmentCatalog.Prod =>
        [
            new("sit_deployment_successful", "SIT deployment successful"),
            new("sit_tests_passing", "SIT tests passing"),
            new("uat_sign_off", "UAT sign-off"),
            new("change_request_approved", "Change request approved"),
            new("rollback_plan", "Rollback plan"),
            new("on_call_notified", "On-call notified"),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Not an environment."),
    };

    /// <summary>Rollback authority: DEV Operator, SIT DevOpsLead, PROD TechLead + DevOpsLead.</summary>
    public static IReadOnlyList<string> RollbackRoles(string environment) => environment switch
    {
        EnvironmentCatalog.Dev => [Roles.Operator],
        EnvironmentCatalog.Sit => [Roles.DevOpsLead],
        EnvironmentCatalog.Prod => [Roles.TechLead, Roles.DevOpsLead],
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Not an environment."),
    };

    /// <summary>The role a person must hold to sign a slot.</summary>
    public static string RoleFor(string slot) => slot == FreezeException ? Roles.TechLead : slot;

    public static string Fingerprint(Release release) => $"{release.Commit}|{release.ImageDigest}|{release.TerraformCommit}";

    /// <summary>The freeze window <paramref name="now"/> falls in, if any.</summary>
    public FreezeWindowOptions? ActiveFreeze(DateTimeOffset now)
    {
        foreach (var window in options.Value.FreezeWindows)
        {
            var cron = CronExpression.Parse(window.Cron);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(window.TimeZone);
            if (cron.GetOccurrences(now - window.Duration, now, zone, fromInclusive: true, toInclusive: true).Any())
            {
                return window;
            }
        }

        return null;
    }

    /// <summary>The sign-off slots a promotion needs now: its target's roles, plus <see cref="FreezeException"/> inside a freeze.</summary>
    public IReadOnlyList<string> PromotionSlots(string target, DateTimeOffset now) =>
        ActiveFreeze(now) is null ? PromotionRoles(target) : [.. PromotionRoles(target), FreezeException];

    /// <summary>
    /// Promotion only along DEV → SIT → PROD, from a healthy deployment of the same release in the source environment.
    /// <paramref name="requestedSource"/> is what the caller named, if anything.
    /// </summary>
    public static void CheckPath(string target, string? requestedSource, string version, EnvironmentState? sourceState)
    {
        var expected = EnvironmentCatalog.SourceFor(target);
        if (requestedSource is not null && !string.Equals(requestedSource, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw OperationsException.Invalid("source", expected is null
                ? $"{target.ToUpperInvariant()} is the first stage: it takes a release straight from CI, not from {requestedSource.ToUpperInvariant()}."
                : $"{target.ToUpperInvariant()} is promoted from {expected.ToUpperInvariant()} only: stages go DEV → SIT → PROD, never skipped or reversed.");
        }

        if (expected is null)
        {
            return;
        }

        var live = sourceState?.Live;
        if (live is null || live.Version != version)
        {
            throw OperationsException.Conflict(
                $"Release {version} is not live in {expected.ToUpperInvariant()} (it runs {live?.Version ?? "nothing"}): promote it to {expected.ToUpperInvariant()} first; stages cannot be skipped.");
        }

        if (!live.Healthy)
        {
            throw OperationsException.Conflict($"Release {version} is live in {expected.ToUpperInvariant()} but its deployment failed verification: fix {expected.ToUpperInvariant()} first.");
        }
    }

    /// <summary>Sign-offs still in force: not expired, and not given before a prerequisite changed.</summary>
    public static IReadOnlyList<Approval> ValidApprovals(IEnumerable<Approval> approvals, DateTimeOffset? voidBefore, DateTimeOffset now) =>
        [.. approvals.Where(a => a.ExpiresAt > now && (voidBefore is null || a.At >= voidBefore))];

    /// <summary>
    /// A new sign-off, or the reason it is refused: the requester never signs their own request; the signer holds the slot's role;
    /// one person fills one role per request; a slot in force is not signed twice; a freeze exception says why.
    /// </summary>
    public Approval Approve(
        string requestedBy,
        IReadOnlyList<Approval> existing,
        IReadOnlyList<string> slots,
        DateTimeOffset? voidBefore,
        OpsActor actor,
        string? role,
        string? comment,
        DateTimeOffset now)
    {
        var slot = slots.FirstOrDefault(s => string.Equals(s, role?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (slot is null)
        {
            throw OperationsException.Invalid("role", $"'{role}' is not a sign-off this request needs; it needs: {string.Join(", ", slots)}.");
        }

        if (actor.Is(requestedBy))
        {
            throw OperationsException.Forbidden("You made this request: someone else must sign it off.");
        }

        if (!actor.IsInRole(RoleFor(slot)))
        {
            throw OperationsException.Forbidden($"Signing as {slot} needs the {RoleFor(slot)} role, which you do not hold.");
        }

        var valid = ValidApprovals(existing, voidBefore, now);
        if (valid.FirstOrDefault(a => actor.Is(a.By)) is { } mine)
        {
            throw OperationsException.Forbidden($"You already signed this request as {mine.Role}: one person fills one role.");
        }

        if (valid.FirstOrDefault(a => a.Role == slot) is { } taken)
        {
            throw OperationsException.Conflict($"{slot} already signed by {taken.ByName} at {taken.At:u}.");
        }

        if (slot == FreezeException && string.IsNullOrWhiteSpace(comment))
        {
            throw OperationsException.Invalid("comment", "Deploying inside a freeze window needs a reason: say why in the comment.");
        }

        return new Approval(slot, actor.UserName, actor.DisplayName, now, now + ApprovalLifetime, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
    }

    /// <summary>
    /// What a promotion still lacks: each sign-off (saying when one expired or was voided), each check, a changed release, and for
    /// SIT → PROD a quality regression no TechLead has overridden (<paramref name="quality"/>, null where no comparison applies).
    /// </summary>
    public GateStatus PromotionGate(PromotionRequest request, Release release, DateTimeOffset now, PromotionQuality? quality = null)
    {
        var slots = PromotionSlots(request.Target, now);
        var missing = new List<string>();
        var releaseChanged = Fingerprint(release) != request.ReleaseFingerprint;
        if (releaseChanged)
        {
            missing.Add($"release {release.Version} changed after it was requested: every sign-off is void");
        }

        var valid = releaseChanged ? [] : ValidApprovals(request.Approvals, request.PrerequisitesChangedAt, now);
        missing.AddRange(MissingSignOffs(slots, request.Approvals, valid, request.PrerequisitesChangedAt, now));
        foreach (var check in PromotionChecks(request.Target))
        {
            if (request.Checks.All(c => c.Check != check.Key))
            {
                missing.Add($"check {check.Key} ({check.Label})");
            }
        }

        if (quality is { Holds: true } && request.QualityOverride is null)
        {
            missing.Add(quality.HoldReason());
        }

        return new GateStatus(slots, missing, valid);
    }

    /// <summary>
    /// A TechLead's override of a quality hold, or the reason it is refused: there must be a hold to override, the overrider holds
    /// the TechLead role and is not the requester, and says why.
    /// </summary>
    public static QualityOverride OverrideQuality(PromotionRequest request, PromotionQuality? quality, OpsActor actor, string? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (quality is not { Holds: true })
        {
            throw OperationsException.Conflict(quality is null
                ? $"A promotion to {request.Target.ToUpperInvariant()} from {request.Source?.ToUpperInvariant() ?? "CI"} has no quality gate: there is nothing to override."
                : "SIT's quality is within tolerance of PROD's: there is nothing to override.");
        }

        if (!actor.IsInRole(Roles.TechLead))
        {
            throw OperationsException.Forbidden("Overriding the quality gate needs the TechLead role, which you do not hold.");
        }

        if (actor.Is(request.RequestedBy))
        {
            throw OperationsException.Forbidden("You made this request: another TechLead must override its quality gate.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            throw OperationsException.Invalid("reason", "Say why the release may go to PROD despite the regression (up to 2,000 characters).");
        }

        return new QualityOverride(actor.UserName, actor.DisplayName, now, reason.Trim());
    }

    /// <summary>What a rollback or restore still lacks.</summary>
    public static GateStatus SignOffGate(IReadOnlyList<string> roles, IReadOnlyList<Approval> approvals, DateTimeOffset now)
    {
        var valid = ValidApprovals(approvals, null, now);
        return new GateStatus(roles, [.. MissingSignOffs(roles, approvals, valid, null, now)], valid);
    }

    private static IEnumerable<string> MissingSignOffs(IReadOnlyList<string> slots, IReadOnlyList<Approval> all, IReadOnlyList<Approval> valid, DateTimeOffset? voidBefore, DateTimeOffset now)
    {
        foreach (var slot in slots.Where(s => valid.All(a => a.Role != s)))
        {
            var last = all.LastOrDefault(a => a.Role == slot);
            yield return last switch
            {
                null when slot == FreezeException => $"{FreezeException} sign-off (inside a freeze window: a TechLead's extra approval with a reason)",
                null => $"{slot} sign-off",
                _ when last.ExpiresAt <= now => $"{slot} sign-off (the one by {last.ByName} expired at {last.ExpiresAt:u})",
                _ when voidBefore is { } changed && last.At < changed => $"{slot} sign-off (the one by {last.ByName} is void: a prerequisite changed after it)",
                _ => $"{slot} sign-off",
            };
        }
    }
}
