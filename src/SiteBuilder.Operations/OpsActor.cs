using SiteBuilder.Identity;

namespace SiteBuilder.Operations;

/// <summary>The person acting, as the portal or a token knows them.</summary>
public sealed record OpsActor(string UserName, string DisplayName, IReadOnlyCollection<string> Roles)
{
    public static readonly IReadOnlyList<string> OperationsRoles = [Identity.Roles.Operator, Identity.Roles.TechLead, Identity.Roles.DevOpsLead, Identity.Roles.ProductOwner, Identity.Roles.Admin];

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool Is(string userName) => string.Equals(UserName, userName, StringComparison.OrdinalIgnoreCase);

    public bool HasOperationsRole => OperationsRoles.Any(IsInRole);
}
