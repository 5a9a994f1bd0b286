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

    /// <summary>How long the status of an account (disabled, roles) may be cached by a running session or token check.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "SiteBuilder:Accounts:StatusCacheDuration must be at most one minute.")]
    public TimeSpan StatusCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
