using System.Security.Cryptography;
using SiteBuilder.Storage.Sqlite;

namespace SiteBuilder.Operations.Audit;

/// <summary>One line of the audit log: who did what, when, where and why. Never updated or deleted.</summary>
/// <param name="Action">e.g. <c>promotion.requested</c>, <c>approval.given</c>, <c>deployment.succeeded</c>.</param>
/// <param name="Subject">The id of the release, promotion, deployment, rollback or restore concerned.</param>
public sealed record AuditEntry(
    string Id,
    DateTimeOffset At,
    string Actor,
    string ActorName,
    string Action,
    string? Environment,
    string? Subject,
    string Detail)
{
    /// <summary>Ids sort in time order, so two stores list entries of the same instant alike.</summary>
    public static string NewId(DateTimeOffset at) => $"aud-{at.ToSortable()}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
}

/// <param name="From">Inclusive.</param>
/// <param name="To">Exclusive.</param>
public sealed record AuditQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Actor = null, string? Environment = null)
{
    public bool Matches(AuditEntry entry) =>
        (From is null || entry.At >= From) && (To is null || entry.At < To)
        && (Actor is null || string.Equals(entry.Actor, Actor, StringComparison.OrdinalIgnoreCase))
        && (Environment is null || entry.Environment == Environment);
}
