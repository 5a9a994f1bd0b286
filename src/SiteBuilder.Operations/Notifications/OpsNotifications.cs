using Microsoft.Extensions.Logging;

namespace SiteBuilder.Operations.Notifications;

/// <summary>Tells every registered notifier; none registered means nobody outside the portal is told. A failing notifier never fails the step.</summary>
public sealed class OpsNotifications(IEnumerable<IOpsNotifier> notifiers, ILogger<OpsNotifications> logger)
{
    public async Task NotifyAsync(OpsNotification notification, CancellationToken cancellationToken)
    {
        foreach (var notifier in notifiers)
        {
            try
            {
                await notifier.NotifyAsync(notification, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Notifier {Notifier} could not send {Kind} for {Environment}", notifier.GetType().Name, notification.Kind, notification.Environment);
            }
        }
    }
}
