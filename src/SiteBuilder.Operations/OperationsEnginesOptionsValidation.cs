using Cronos;
using Microsoft.Extensions.Options;
using SiteBuilder.Operations.Engines.GitHubActions;
using SiteBuilder.Operations.Notifications;
using SiteBuilder.Operations.Restores;

namespace SiteBuilder.Operations;

/// <summary>Checks <c>SiteBuilder:Operations:GitHub</c> when the GitHub Actions engine is chosen; each message names its key.</summary>
internal sealed class GitHubActionsOptionsValidator : IValidateOptions<GitHubActionsOptions>
{
    private const string Key = GitHubActionsOptions.Section;

    public ValidateOptionsResult Validate(string? name, GitHubActionsOptions options)
    {
        var failures = new List<string>();
        if (!OptionsUrls.IsServiceUrl(options.BaseUrl))
        {
            failures.Add($"{Key}:BaseUrl must be an https URL such as https://api.github.com/ (plain http only on loopback, for a local fake).");
        }

        foreach (var (key, value) in new[] { ("Owner", options.Owner), ("Repository", options.Repository), ("Ref", options.Ref) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{Key}:{key} is required when SiteBuilder:Operations:Engine is GitHubActions.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add($"{Key}:Token is required when SiteBuilder:Operations:Engine is GitHubActions (set it through the environment: SiteBuilder__Operations__GitHub__Token).");
        }

        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Key}:PollInterval must be more than zero and at most 00:01:00.");
        }

        if (options.RunDiscoveryTimeout < options.PollInterval || options.RunDiscoveryTimeout > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{Key}:RunDiscoveryTimeout must be at least PollInterval and at most 00:30:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class SnapshotOptionsValidator : IValidateOptions<SnapshotOptions>
{
    public ValidateOptionsResult Validate(string? name, SnapshotOptions options)
    {
        var failures = new List<string>();
        try
        {
            CronExpression.Parse(options.Schedule);
        }
        catch (Exception e) when (e is CronFormatException or ArgumentNullException)
        {
            failures.Add($"{SnapshotOptions.Section}:Schedule '{options.Schedule}' is not a five-field cron expression (e.g. '0 * * * *' for hourly): {e.Message}");
        }

        if (options.Retention < TimeSpan.FromHours(1) || options.Retention > TimeSpan.FromDays(3650))
        {
            failures.Add($"{SnapshotOptions.Section}:Retention must be between 01:00:00 and 3650.00:00:00 (default 35.00:00:00).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = options.Environments
            .Where(e => e.Value.WebhookUrl is { } url && !OptionsUrls.IsServiceUrl(url))
            .Select(e => $"{WebhookOptions.Section}:Environments:{e.Key}:WebhookUrl must be an https URL (plain http only on loopback).")
            .ToList();
        if (options.WebhookTimeout <= TimeSpan.Zero || options.WebhookTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{WebhookOptions.Section}:WebhookTimeout must be more than zero and at most 00:01:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal static class OptionsUrls
{
    /// <summary>An absolute https URL, or http to a loopback address (local fakes and receivers in tests).</summary>
    public static bool IsServiceUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
}
