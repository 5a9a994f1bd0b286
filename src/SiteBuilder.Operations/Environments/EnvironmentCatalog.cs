using Microsoft.Extensions.Options;

namespace SiteBuilder.Operations.Environments;

/// <summary>The three environments in promotion order, from <c>SiteBuilder:Operations:Environments</c>.</summary>
public sealed class EnvironmentCatalog(IOptions<OperationsOptions> options, IPortalAddress portal)
{
    public const string Dev = "dev";
    public const string Sit = "sit";
    public const string Prod = "prod";

    public static readonly IReadOnlyList<string> Names = [Dev, Sit, Prod];

    private static readonly Dictionary<string, string> DefaultRegions = new() { [Dev] = "eu-west-1", [Sit] = "eu-west-1", [Prod] = "af-south-1" };

    public IReadOnlyList<OpsEnvironment> All => [.. Names.Select(Describe)];

    /// <summary>True when any environment points at this portal: the whole flow is a local demo.</summary>
    public bool IsLocalDemo => All.Any(e => e.IsLocalDemo);

    /// <summary>The environment, or a 400 naming the ones that exist.</summary>
    public OpsEnvironment Require(string? name, string field = "environment")
    {
        var normalized = name?.Trim().ToLowerInvariant();
        if (normalized is null || !Names.Contains(normalized))
        {
            throw OperationsException.Invalid(field, $"'{name}' is not an environment; use one of: {string.Join(", ", Names)}.");
        }

        return Describe(normalized);
    }

    /// <summary>The stage a release is promoted from into <paramref name="target"/>: none for DEV.</summary>
    public static string? SourceFor(string target) => target switch
    {
        Sit => Dev,
        Prod => Sit,
        _ => null,
    };

    private OpsEnvironment Describe(string name)
    {
        var configured = options.Value.Environments.TryGetValue(name, out var o) ? o : new EnvironmentOptions();
        var local = string.IsNullOrWhiteSpace(configured.ApiBaseUrl);
        var api = local ? portal.BaseAddress : new Uri(configured.ApiBaseUrl!.TrimEnd('/') + "/");
        var health = string.IsNullOrWhiteSpace(configured.HealthUrl) ? new Uri(api, "health") : new Uri(configured.HealthUrl);
        var region = string.IsNullOrWhiteSpace(configured.Region) ? DefaultRegions[name] : configured.Region;
        return new OpsEnvironment(name, name.ToUpperInvariant(), Names.ToList().IndexOf(name), region, api, health, local);
    }
}

/// <summary>Without a server address (the CLI), the shipped <c>Urls</c> setting's first address.</summary>
public sealed class ConfiguredPortalAddress(Microsoft.Extensions.Configuration.IConfiguration configuration) : IPortalAddress
{
    public Uri BaseAddress
    {
        get
        {
            var first = (configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            var normalized = first.Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
            return new Uri(normalized.TrimEnd('/') + "/");
        }
    }
}
