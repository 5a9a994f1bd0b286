namespace SiteBuilder.Operations.Notifications;

/// <summary>The webhook part of <c>SiteBuilder:Operations:Environments:{env}</c>; the rest of each environment's settings belong to the operations model.</summary>
public sealed class WebhookOptions
{
    /// <summary>Bound from <c>SiteBuilder:Operations</c>, of which only <c>Environments:{env}:WebhookUrl</c> is read here.</summary>
    public const string Section = "SiteBuilder:Operations";

    public Dictionary<string, EnvironmentWebhook> Environments { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one webhook call may take before it is given up (and logged).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class EnvironmentWebhook
{
    /// <summary>A Slack-compatible incoming webhook (Slack, Mattermost, Teams workflows, ...). Empty: no notifications for this environment.</summary>
    public Uri? WebhookUrl { get; set; }
}
