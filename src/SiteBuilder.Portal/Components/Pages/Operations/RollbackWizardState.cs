using SiteBuilder.Operations.Environments;
using SiteBuilder.Operations.Rollbacks;

namespace SiteBuilder.Portal.Components.Pages.Operations;

/// <summary>
/// The rollback wizard: environment and type → target with its preview → trigger and reason → confirm (PROD asks for its name
/// typed out). Plain state the page renders; the server decides again when the request is sent.
/// </summary>
public sealed class RollbackWizardState
{
    public string Environment { get; set; } = EnvironmentCatalog.Dev;

    public string Type { get; set; } = "app_only";

    public string Target { get; set; } = RollbackService.Previous;

    public RollbackPreview? Preview { get; private set; }

    public string? PreviewError { get; private set; }

    public string Trigger { get; set; } = "error_rate";

    public string? Reason { get; set; }

    public string? Confirmation { get; set; }

    public bool NeedsTypedConfirmation => Environment == EnvironmentCatalog.Prod;

    public bool Confirmed => !NeedsTypedConfirmation || string.Equals(Confirmation?.Trim(), Environment, StringComparison.OrdinalIgnoreCase);

    public bool CanSubmit => Preview is not null && Reason is { Length: >= 5 } && Confirmed;

    /// <summary>What still stands between the user and Request, in words.</summary>
    public string? Blocker => Preview is null ? PreviewError ?? "Choose a target to see what changes."
        : Reason is not { Length: >= 5 } ? "Say why in at least 5 characters."
        : !Confirmed ? $"Type {Environment} to confirm a rollback of production."
        : null;

    public void ShowPreview(RollbackPreview preview)
    {
        Preview = preview;
        PreviewError = null;
    }

    public void PreviewFailed(string message)
    {
        Preview = null;
        PreviewError = message;
    }

    public static readonly IReadOnlyList<(string Value, string Label)> Types =
    [
        ("app_only", "Application only (previous container image)"),
        ("terraform_only", "Infrastructure only (terraform at an earlier commit)"),
        ("full", "Full (application and infrastructure)"),
    ];

    /// <summary>The label of a type or trigger value for people (the wire value when it is not one of ours).</summary>
    public static string LabelOf(IReadOnlyList<(string Value, string Label)> options, string value) =>
        options.FirstOrDefault(o => o.Value == value).Label ?? value;

    public static readonly IReadOnlyList<(string Value, string Label)> Triggers =
    [
        ("error_rate", "Error rate above 10 %"),
        ("critical_functionality_broken", "Critical functionality broken"),
        ("security_vulnerability", "Security vulnerability"),
        ("performance_degradation", "Performance degraded by more than 50 %"),
        ("other", "Other (say what in the reason)"),
    ];
}
