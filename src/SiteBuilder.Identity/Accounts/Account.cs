namespace SiteBuilder.Identity.Accounts;

/// <summary>A local account. <see cref="Version"/> guards every update (optimistic concurrency).</summary>
public sealed record Account
{
    public required string UserName { get; init; }

    public required string DisplayName { get; init; }

    public required string PasswordHash { get; init; }

    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Tenants { get; init; } = new HashSet<string>();

    public bool Disabled { get; init; }

    /// <summary>
    /// Changes whenever what the account could do before must end (password set, disabled, a role or tenant removed, signed out
    /// everywhere). Sessions and tokens carry the stamp they were issued with; a different stamp ends them.
    /// </summary>
    public string SecurityStamp { get; init; } = "";

    public int FailedSignIns { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public long Version { get; init; }

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>A fresh random stamp.</summary>
    public static string NewSecurityStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Admins act for every tenant; everyone else for the tenants on their account.</summary>
    public bool CanActFor(string tenant) => IsInRole(Identity.Roles.Admin) || Tenants.Contains(tenant);
}

/// <summary>Per-user settings the portal remembers (theme, …), keyed by the user's subject so Entra users have them too.</summary>
public sealed record UserPreferences(bool DarkMode = false);
