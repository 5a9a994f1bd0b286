namespace SiteBuilder.Operations.Engines.GitHubActions;

/// <summary><c>SiteBuilder:Operations:GitHub</c>: the repository whose workflows the GitHub Actions engine dispatches.</summary>
public sealed class GitHubActionsOptions
{
    public const string Section = "SiteBuilder:Operations:GitHub";

    /// <summary>The REST API root; a GitHub Enterprise Server or a local fake answers under <c>{BaseUrl}api/v3/</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.github.com/");

    public string? Owner { get; set; }

    public string? Repository { get; set; }

    /// <summary>The branch or tag the workflows are dispatched on (their files are read from it).</summary>
    public string Ref { get; set; } = "main";

    /// <summary>A token with <c>actions:write</c> on the repository. From configuration or the environment only; never logged.</summary>
    public string? Token { get; set; }

    /// <summary>How long to look for the run a dispatch started before giving up (GitHub lists it a few seconds later).</summary>
    public TimeSpan RunDiscoveryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The pause between two looks for the dispatched run.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(3);
}
