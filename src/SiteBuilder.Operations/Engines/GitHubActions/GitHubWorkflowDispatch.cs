namespace SiteBuilder.Operations.Engines.GitHubActions;

/// <summary>
/// Which workflow runs an engine request and with which inputs. The inputs are the contract with
/// <c>.github/workflows/*.yml</c>: each workflow declares exactly these names (a test compares them).
/// </summary>
public sealed record GitHubWorkflowDispatch(string WorkflowFile, IReadOnlyDictionary<string, string> Inputs)
{
    public static readonly IReadOnlyList<string> RollbackTypes = ["app_only", "terraform_only", "full"];

    public static GitHubWorkflowDispatch For(EngineRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.DeploymentId, nameof(request.DeploymentId));
        Require(request.Environment, nameof(request.Environment));
        return request.Action switch
        {
            EngineAction.Deploy => new("app-deploy.yml", Named(
                ("deployment_id", request.DeploymentId),
                ("environment", request.Environment),
                ("version", request.Version),
                ("image_digest", request.ImageDigest))),
            EngineAction.Promote => new("promotion.yml", Named(
                ("deployment_id", request.DeploymentId),
                ("source_environment", Require(request.SourceEnvironment, nameof(request.SourceEnvironment))),
                ("target_environment", request.Environment),
                ("version", request.Version),
                ("image_digest", Require(request.ImageDigest, nameof(request.ImageDigest))))),
            EngineAction.Rollback => new("rollback.yml", Named(
                ("deployment_id", request.DeploymentId),
                ("environment", request.Environment),
                ("rollback_type", RollbackType(request)),
                ("target_version", request.Version),
                ("image_digest", request.ImageDigest),
                ("terraform_commit", request.TerraformCommit))),
            EngineAction.TerraformApply => new("terraform-apply.yml", Named(
                ("deployment_id", request.DeploymentId),
                ("environment", request.Environment),
                ("terraform_commit", Require(request.TerraformCommit, nameof(request.TerraformCommit))),
                // Every environment root requires image_tag; a release's image is tagged with its version.
                ("image_tag", Require(request.Version, nameof(request.Version))))),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Action, "No workflow runs this action."),
        };
    }

    /// <summary>The text the workflow's <c>run-name</c> carries, by which the engine recognises the run it started.</summary>
    public static string RunTitleMarker(string deploymentId) => $"[{deploymentId}]";

    private static Dictionary<string, string> Named(params (string Name, string? Value)[] inputs) =>
        inputs.ToDictionary(i => i.Name, i => i.Value ?? "", StringComparer.Ordinal);

    /// <summary>The rollback type, checked against what that type puts back: the image, the infrastructure, or both.</summary>
    private static string RollbackType(EngineRequest request)
    {
        var type = request.RollbackType;
        if (type is null || !RollbackTypes.Contains(type))
        {
            throw new ArgumentException($"A rollback needs RollbackType {string.Join(", ", RollbackTypes)}; got '{type}'.", nameof(EngineRequest.RollbackType));
        }

        if (type is "app_only" or "full")
        {
            Require(request.ImageDigest, nameof(request.ImageDigest));
        }

        if (type is "terraform_only" or "full")
        {
            Require(request.TerraformCommit, nameof(request.TerraformCommit));
        }

        return type;
    }

    private static string Require(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} is required for this engine action.", name) : value;
}
