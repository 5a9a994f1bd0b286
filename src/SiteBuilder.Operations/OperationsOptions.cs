using System.ComponentModel.DataAnnotations;

namespace SiteBuilder.Operations;

/// <summary><c>SiteBuilder:Operations</c>: environments, the deployment engine, approval lifetime and freeze windows.</summary>
public sealed class OperationsOptions
{
    public const string Section = "SiteBuilder:Operations";

    /// <summary>The <see cref="Engines.IDeploymentEngine.Name"/> to use: <c>Ledger</c> (default) or <c>GitHubActions</c>.</summary>
    [Required(ErrorMessage = "SiteBuilder:Operations:Engine must name a deployment engine (Ledger or GitHubActions).")]
    public string Engine { get; set; } = "Ledger";

    /// <summary>How long a sign-off stays valid.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "SiteBuilder:Operations:ApprovalLifetime must be between 1 minute and 30 days.")]
    public TimeSpan ApprovalLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often a running engine is asked how its run is going.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = "SiteBuilder:Operations:EnginePollInterval must be between 50 ms and 10 minutes.")]
    public TimeSpan EnginePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a running deployment's instance may stay silent before another instance takes it over (a crash); an
    /// instance that shuts down lets go at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00", ErrorMessage = "SiteBuilder:Operations:DeploymentLease must be between 10 seconds and 1 hour.")]
    public TimeSpan DeploymentLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Each verification call (health URL, smoke call) gives up after this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "SiteBuilder:Operations:VerificationTimeout must be between 1 second and 5 minutes.")]
    public TimeSpan VerificationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>dev</c>, <c>sit</c>, <c>prod</c>. Empty URLs mean this portal's own address: the local demo.</summary>
    public Dictionary<string, EnvironmentOptions> Environments { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Times when deploying needs an extra TechLead sign-off and a reason.</summary>
    public List<FreezeWindowOptions> FreezeWindows { get; set; } = [];
}

public sealed class EnvironmentOptions
{
    public string? Region { get; set; }

    /// <summary>The environment's API, e.g. <c>https://api.sit.example.com</c>. Empty: this portal (local demo).</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Its liveness URL. Empty: <c>{ApiBaseUrl}/health</c>.</summary>
    public string? HealthUrl { get; set; }
}

/// <summary>A freeze starts at each occurrence of <see cref="Cron"/> (5-field cron, in <see cref="TimeZone"/>) and lasts <see cref="Duration"/>.</summary>
public sealed class FreezeWindowOptions
{
    public string Name { get; set; } = "";

    public string Cron { get; set; } = "";

    public TimeSpan Duration { get; set; }

    public string TimeZone { get; set; } = "UTC";
}
