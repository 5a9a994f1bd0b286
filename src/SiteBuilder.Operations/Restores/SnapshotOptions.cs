namespace SiteBuilder.Operations.Restores;

/// <summary><c>SiteBuilder:Operations:Snapshots</c>: online-backup snapshots of the embedded SQLite database.</summary>
public sealed class SnapshotOptions
{
    public const string Section = "SiteBuilder:Operations:Snapshots";

    /// <summary>Take snapshots on <see cref="Schedule"/> while the portal runs on SQLite.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A five-field cron expression, in UTC. Hourly by default.</summary>
    public string Schedule { get; set; } = "0 * * * *";

    /// <summary>Snapshots older than this are deleted; 35 days, like DynamoDB point-in-time recovery.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(35);
}

/// <summary>A restore that cannot be done as asked (unknown source, a name that exists or leaves the data folder, a time outside the window). Nothing was changed.</summary>
public sealed class RestoreRefusedException(string field, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The request field at fault: <c>source</c>, <c>newName</c> or <c>pointInTime</c>.</summary>
    public string Field { get; } = field;
}
