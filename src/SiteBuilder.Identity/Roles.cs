namespace SiteBuilder.Identity;

/// <summary>The roles of DESIGN §7. Marketers act for the tenants on their account; the others are organisation-wide.</summary>
public static class Roles
{
    public const string Marketer = "Marketer";
    public const string Operator = "Operator";
    public const string TechLead = "TechLead";
    public const string DevOpsLead = "DevOpsLead";
    public const string ProductOwner = "ProductOwner";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Marketer, Operator, TechLead, DevOpsLead, ProductOwner, Admin];

    /// <summary>The canonical spelling of a role name given in any case, or null when it is not a role.</summary>
    public static string? Normalize(string role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>How a role reads in a sentence: "Tech Lead", "DevOps Lead".</summary>
    public static string Title(string role) => role switch
    {
        TechLead => "Tech Lead",
        DevOpsLead => "DevOps Lead",
        ProductOwner => "Product Owner",
        _ => role,
    };

    public static string Describe(string role) => role switch
    {
        Marketer => "Generates, refines and scores pages for their tenants",
        Operator => "Runs the service: dashboards, runbooks, DEV rollbacks",
        TechLead => "Signs off deployments and promotions",
        DevOpsLead => "Signs off promotions and SIT/PROD rollbacks",
        ProductOwner => "Signs off promotions to PROD",
        Admin => "Manages accounts and roles",
        _ => role,
    };
}
