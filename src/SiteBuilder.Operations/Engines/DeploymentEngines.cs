using Microsoft.Extensions.Options;

namespace SiteBuilder.Operations.Engines;

/// <summary>The engine <c>SiteBuilder:Operations:Engine</c> names, among those registered.</summary>
public sealed class DeploymentEngines(IEnumerable<IDeploymentEngine> engines, IOptions<OperationsOptions> options)
{
    public IReadOnlyList<string> Registered { get; } = [.. engines.Select(e => e.Name)];

    public IDeploymentEngine Current =>
        engines.FirstOrDefault(e => string.Equals(e.Name, options.Value.Engine, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException(Describe(options.Value.Engine, Registered));

    internal static string Describe(string configured, IReadOnlyList<string> registered) =>
        $"SiteBuilder:Operations:Engine is '{configured}', but the engines available are: {string.Join(", ", registered)}.";
}

/// <summary>Stops the start when the configured engine is not registered, naming the key.</summary>
internal sealed class EngineOptionsValidation(IEnumerable<IDeploymentEngine> engines) : IValidateOptions<OperationsOptions>
{
    public ValidateOptionsResult Validate(string? name, OperationsOptions options)
    {
        var registered = engines.Select(e => e.Name).ToList();
        return registered.Contains(options.Engine, StringComparer.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(DeploymentEngines.Describe(options.Engine, registered));
    }
}
