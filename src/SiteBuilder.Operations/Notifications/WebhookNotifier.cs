using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SiteBuilder.Operations.Notifications;

/// <summary>
/// Posts operations events to the environment's webhook as Slack-compatible JSON (<c>text</c> plus blocks). Optional and
/// best effort: an environment without a URL is skipped, and a failed call is logged (without the URL's secret path) and
/// never breaks the deployment or approval that caused it.
/// </summary>
public sealed class WebhookNotifier(HttpClient http, IOptions<WebhookOptions> options, ILogger<WebhookNotifier> logger) : IOpsNotifier
{
    public async Task NotifyAsync(OpsNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!options.Value.Environments.TryGetValue(notification.Environment, out var environment) || environment.WebhookUrl is not { } url)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        try
        {
            using var response = await http.PostAsJsonAsync(url, SlackMessage(notification), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("The {Environment} webhook at {Webhook} answered {Status} to a {Kind} notification",
                    notification.Environment, Redacted(url), (int)response.StatusCode, notification.Kind);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // The message of an HttpRequestException can carry the full URL, whose path is the webhook's secret: log the type only.
            logger.LogWarning("The {Environment} webhook at {Webhook} could not be told of a {Kind} notification: {Failure}",
                notification.Environment, Redacted(url), notification.Kind, e is OperationCanceledException ? "timed out" : e.GetType().Name);
        }
    }

    /// <summary>Slack's message shape: <c>text</c> is the fallback every receiver shows; blocks add the environment and a link.</summary>
    internal static JsonObject SlackMessage(OpsNotification notification)
    {
        var text = $"[{notification.Environment.ToUpperInvariant()}] {notification.Text}";
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Escape(text) },
            },
            new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray
                {
                    new JsonObject { ["type"] = "mrkdwn", ["text"] = Escape($"{notification.Kind} · {notification.Environment}") },
                },
            },
        };
        if (notification.Link is { } link)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["type"] = "button",
                        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Open in the portal" },
                        ["url"] = link.AbsoluteUri,
                    },
                },
            });
        }

        var fallback = notification.Link is null ? text : $"{text} {notification.Link.AbsoluteUri}";
        return new JsonObject { ["text"] = Escape(fallback), ["blocks"] = blocks };
    }

    /// <summary>Scheme and host only: an incoming-webhook URL's path is its secret.</summary>
    internal static string Redacted(Uri url) => $"{url.Scheme}://{url.Authority}/…";

    // Slack's mrkdwn treats &, < and > as control characters; user text (release notes, reasons) must not become links or mentions.
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
