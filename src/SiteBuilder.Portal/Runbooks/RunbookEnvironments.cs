using SiteBuilder.Storage;

namespace SiteBuilder.Portal.Runbooks;

/// <summary>What a placeholder in a runbook's commands stands for in one environment.</summary>
public sealed record RunbookEnvironment(string Name, string Region, string ApiUrl)
{
    /// <summary>
    /// The placeholders a runbook may write, and their values here. Table and bucket names come from the same
    /// <see cref="ResourceNames"/> the app and Terraform use, so a command copied from a runbook names the real resource.
    /// </summary>
    public IReadOnlyList<(string Placeholder, string Value)> Placeholders()
    {
        var names = ResourceNames.From(new SiteBuilderOptions { Environment = Name }, new StorageOptions());
        return
        [
            ("{env}", Name),
            ("{region}", Region),
            ("{api_url}", ApiUrl),
            ("{generation_table}", names.GenerationTable),
            ("{operations_table}", names.OperationsTable),
            ("{assets_bucket}", names.AssetsBucket),
            ("{sites_bucket}", names.SitesBucket),
        ];
    }

    public string Fill(string text)
    {
        foreach (var (placeholder, value) in Placeholders())
        {
            text = text.Replace(placeholder, value, StringComparison.Ordinal);
        }

        return text;
    }
}

/// <summary>
/// The seed's three environments as the runbooks fill them in: DEV and SIT in eu-west-1, PROD in af-south-1, each with
/// its API URL. <c>SiteBuilder:Operations:Environments:{env}:Region</c> and <c>…:ApiBaseUrl</c> override them.
/// </summary>
public sealed class RunbookEnvironments(IConfiguration configuration)
{
    private static readonly RunbookEnvironment[] Seed =
    [
        new("dev", "eu-west-1", "https://api.dev.kimmyai.io"),
        new("sit", "eu-west-1", "https://api.sit.kimmyai.io"),
        new("prod", "af-south-1", "https://api.kimmyai.io"),
    ];

    public IReadOnlyList<RunbookEnvironment> All { get; } = Seed.Select(seed =>
    {
        var section = configuration.GetSection($"SiteBuilder:Operations:Environments:{seed.Name}");
        var region = section["Region"];
        var api = section["ApiBaseUrl"];
        return seed with
        {
            Region = string.IsNullOrWhiteSpace(region) ? seed.Region : region,
            ApiUrl = string.IsNullOrWhiteSpace(api) ? seed.ApiUrl : api.TrimEnd('/'),
        };
    }).ToList();

    public RunbookEnvironment? Find(string? name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}
