namespace SiteBuilder.Portal.Components.Pages.Admin;

public sealed record UserEditorResult(string UserName, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Tenants, string? Password);
