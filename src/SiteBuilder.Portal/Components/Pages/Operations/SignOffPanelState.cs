using SiteBuilder.Operations;
using SiteBuilder.Operations.Approvals;

namespace SiteBuilder.Portal.Components.Pages.Operations;

/// <summary>One sign-off slot as the approvals panel shows it.</summary>
/// <param name="WhyNot">Why the current person cannot sign it (null when they can), in the policy's words.</param>
public sealed record SignOffSlot(string Role, Approval? Signed, bool CanSign, string? WhyNot, TimeSpan? ExpiresIn);

/// <summary>
/// The approvals panel of a promotion, rollback or restore: each required slot with who signed it, when, the comment, the
/// time left, and whether the person looking can sign it. Plain state, unit-tested; the page only renders it.
/// </summary>
public static class SignOffPanelState
{
    public static IReadOnlyList<SignOffSlot> Slots(GateStatus gate, string requestedBy, OpsActor? viewer, DateTimeOffset now) =>
    [
        .. gate.RequiredRoles.Select(role =>
        {
            var signed = gate.ValidApprovals.FirstOrDefault(a => a.Role == role);
            var whyNot = WhyNot(role, signed, gate, requestedBy, viewer);
            return new SignOffSlot(role, signed, whyNot is null, whyNot, signed is null ? null : signed.ExpiresAt - now);
        }),
    ];

    private static string? WhyNot(string role, Approval? signed, GateStatus gate, string requestedBy, OpsActor? viewer) => viewer switch
    {
        _ when signed is not null => "Signed",
        null => "Sign in to sign off",
        _ when viewer.Is(requestedBy) => "You made this request: someone else signs it off",
        _ when !viewer.IsInRole(OperationsPolicy.RoleFor(role)) => $"Needs the {OperationsPolicy.RoleFor(role)} role",
        _ when gate.ValidApprovals.FirstOrDefault(a => viewer.Is(a.By)) is { } mine => $"You signed as {mine.Role}: one role per person",
        _ => null,
    };

    /// <summary>"23 h 59 min left", "12 min left", "expired".</summary>
    public static string Countdown(TimeSpan? left) => left switch
    {
        null => "",
        { TotalSeconds: <= 0 } => "expired",
        { TotalHours: >= 1 } l => $"{(int)l.TotalHours} h {l.Minutes} min left",
        var l => $"{Math.Max(1, (int)Math.Ceiling(l.Value.TotalMinutes))} min left",
    };
}

/// <summary>A sign-off the viewer asked for.</summary>
public sealed record SignOff(string Role, string? Comment);
