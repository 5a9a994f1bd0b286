namespace SiteBuilder.Operations.Notifications;

/// <summary>Tells people outside the portal about operations events (requests needing approval, deployments, rollbacks).</summary>
public interface IOpsNotifier
{
    Task NotifyAsync(OpsNotification notification, CancellationToken cancellationToken);
}

/// <param name="Kind">e.g. <c>approval_requested</c>, <c>deployment_succeeded</c>, <c>deployment_failed</c>, <c>rollback_started</c>.</param>
public sealed record OpsNotification(string Environment, string Kind, string Text, Uri? Link);
