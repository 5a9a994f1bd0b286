using System.ComponentModel.DataAnnotations;

namespace SiteBuilder.Identity.Accounts;

/// <summary><c>SiteBuilder:Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "SiteBuilder:Accounts";

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    [Range(1, 100, ErrorMessage = "SiteBuilder:Accounts:MaxFailedSignIns must be between 1 and 100.")]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account stays locked (an admin can unlock it sooner).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "SiteBuilder:Accounts:LockoutDuration must be between 1 second and 7 days.")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords from one client address within <see cref="AddressWindow"/> before that address must wait; below <see cref="MaxFailedSignIns"/>, so one address cannot lock an account.</summary>
    [Range(1, 1000, ErrorMessage = "SiteBuilder:Accounts:MaxFailedSignInsPerAddress must be between 1 and 1000.")]
    public int MaxFailedSignInsPerAddress { get; set; } = 4;

    /// <summary>How long an address's wrong passwords count against it; an account's failures also start over after this long without one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "SiteBuilder:Accounts:AddressWindow must be between 1 second and 1 day.")]
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a portal session lasts at most from sign-in, however active: sliding renewal never extends it past this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "SiteBuilder:Accounts:AbsoluteSessionLifetime must be between 1 second and 30 days.")]
    public TimeSpan AbsoluteSessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long the status of an account (disabled, roles) may be cached by a running session or token check.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "SiteBuilder:Accounts:StatusCacheDuration must be at most one minute.")]
    public TimeSpan StatusCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
