using System.ComponentModel.DataAnnotations;

namespace SiteBuilder.Storage;

/// <summary>The root <c>SiteBuilder</c> section: settings every area shares.</summary>
public sealed class SiteBuilderOptions
{
    public const string Section = "SiteBuilder";

    /// <summary>Where the embedded defaults keep their files (SQLite database, blobs, keys). Relative paths resolve against the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The environment name used in resource names and shown by <c>/health</c>: local, dev, sit, prod.</summary>
    [Required, RegularExpression("^[a-z][a-z0-9-]{0,15}$", ErrorMessage = "SiteBuilder:Environment must be a short lower-case name such as local, dev, sit or prod.")]
    public string Environment { get; set; } = "local";

    /// <summary>Redirect to HTTPS and send HSTS. Leave off on loopback; in AWS, TLS ends at the load balancer.</summary>
    public bool RequireHttps { get; set; }

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);
}
