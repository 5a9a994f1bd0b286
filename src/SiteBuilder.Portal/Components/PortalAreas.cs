namespace SiteBuilder.Portal.Components;

/// <summary>An area of the portal: the navigation and the home page both list the areas a user's roles open.</summary>
/// <param name="Roles">Roles that may use the area; empty means every signed-in user.</param>
public sealed record PortalArea(string Title, string Href, string Icon, string Description, IReadOnlyList<string> Roles, string Group);

public static class PortalAreas
{
    public const string Workspace = "Workspace";
    public const string Developers = "Developers";
    public const string Account = "Account";
    public const string Administration = "Administration";
    public const string Operations = "Operations";

    /// <summary>Only areas that exist are listed here; each feature adds its own when it lands.</summary>
    public static readonly IReadOnlyList<PortalArea> All =
    [
        new("Home", "/", MudBlazor.Icons.Material.Outlined.Home, "Your entry points.", [], Workspace),
        new("Workspace", "/workspace", MudBlazor.Icons.Material.Outlined.AutoAwesome, "Describe a landing page, watch it being written, refine it and download it.", [Identity.Roles.Marketer, Identity.Roles.Admin], Workspace),
        new("Sites", "/sites", MudBlazor.Icons.Material.Outlined.Web, "Every page of your tenants with its versions and brand score.", [Identity.Roles.Marketer, Identity.Roles.Admin], Workspace),
        new("Brand reports", "/reports", MudBlazor.Icons.Material.Outlined.Insights, "Brand scores over time and the full report of every version.", [Identity.Roles.Marketer, Identity.Roles.Admin], Workspace),
        new("Validate HTML", "/validate", MudBlazor.Icons.Material.Outlined.FactCheck, "Paste or upload any page and get its brand, accessibility, security and speed report.", [Identity.Roles.Marketer, Identity.Roles.Admin], Workspace),
        new("Brand assets", "/assets", MudBlazor.Icons.Material.Outlined.Palette, "Generate logos and backgrounds, upload your own, and set the brand kit new pages start from.", [Identity.Roles.Marketer, Identity.Roles.Admin], Workspace),
        new("Environments", "/ops", MudBlazor.Icons.Material.Outlined.Dns, "DEV, SIT and PROD: what is live, since when, by whom, health and drift.", Auth.OperationsPolicies.ViewRoles, Operations),
        new("Releases", "/ops/releases", MudBlazor.Icons.Material.Outlined.NewReleases, "Registered builds: notes, CI evidence, where each is live and its history.", Auth.OperationsPolicies.ViewRoles, Operations),
        new("Promotions", "/ops/promotions", MudBlazor.Icons.Material.Outlined.Upgrade, "Request a release into DEV, SIT or PROD; tick its checklist; deploy when signed off.", Auth.OperationsPolicies.ViewRoles, Operations),
        new("Approvals", "/ops/approvals", MudBlazor.Icons.Material.Outlined.HowToReg, "Requests waiting for your sign-off.", Auth.OperationsPolicies.ApproveRoles, Operations),
        new("Rollbacks", "/ops/rollbacks", MudBlazor.Icons.Material.Outlined.History, "Put an environment back on an earlier release, with a preview of what changes.", Auth.OperationsPolicies.ViewRoles, Operations),
        new("Restores", "/ops/restores", MudBlazor.Icons.Material.Outlined.SettingsBackupRestore, "Restore a table or database file as it was at a point in time, into a new name.", Auth.OperationsPolicies.ViewRoles, Operations),
        new("Audit log", "/ops/audit", MudBlazor.Icons.Material.Outlined.ReceiptLong, "Every operations step, filterable, with CSV export.", Auth.OperationsPolicies.ViewRoles, Operations),
        new("Runbooks", "/runbooks", MudBlazor.Icons.Material.Outlined.MenuBook, "Deploy, troubleshoot and roll back the service: the runbooks and docs, searchable, with commands filled in per environment.", [], Operations),
        new("API reference", "/docs/api", MudBlazor.Icons.Material.Outlined.Api, "The /v1 API's OpenAPI contract, browsable, with request samples.", [], Developers),
        new("API tokens", "/account/tokens", MudBlazor.Icons.Material.Outlined.Key, "Mint bearer tokens for the /v1 API, see where yours are used, and revoke one.", [], Account),
        new("Profile", "/account/profile", MudBlazor.Icons.Material.Outlined.ManageAccounts, "Your roles and tenants; change your password.", [], Account),
        new("Dashboard", "/ops/dashboard", MudBlazor.Icons.Material.Outlined.MonitorHeart, "The service's health per environment: requests, errors, agents, alarms and deployments.", Auth.OperationsPolicies.ViewRoles, Operations),
        new("Users", "/admin/users", MudBlazor.Icons.Material.Outlined.Group, "Add people, set roles and tenants, reset passwords, disable accounts.", [Identity.Roles.Admin], Administration),
    ];

    public static IEnumerable<PortalArea> For(Auth.PortalUser? user) =>
        user is null ? [] : All.Where(area => area.Roles.Count == 0 || user.IsInAnyRole(area.Roles));
}
