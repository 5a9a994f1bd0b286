namespace SiteBuilder.Operations.Approvals;

/// <summary>A sign-off in one role slot of a request.</summary>
/// <param name="Role">The slot: <c>TechLead</c>, <c>DevOpsLead</c>, <c>ProductOwner</c>, or <c>FreezeException</c> (a TechLead inside a freeze window).</param>
public sealed record Approval(string Role, string By, string ByName, DateTimeOffset At, DateTimeOffset ExpiresAt, string? Comment);

/// <summary>A checklist item ticked by a named person, with a link or a note as evidence.</summary>
public sealed record CheckTick(string Check, string By, string ByName, DateTimeOffset At, string Evidence);

/// <summary>An item of a checklist (prerequisites of a promotion, follow-ups of a rollback).</summary>
public sealed record ChecklistItem(string Key, string Label);

/// <summary>What a request needs before it may run, and what it still lacks.</summary>
public sealed record GateStatus(IReadOnlyList<string> RequiredRoles, IReadOnlyList<string> Missing, IReadOnlyList<Approval> ValidApprovals)
{
    public bool IsMet => Missing.Count == 0;
}
