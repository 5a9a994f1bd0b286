namespace SiteBuilder.Storage;

/// <summary>The names the app, Terraform and the runbooks share: <c>site-builder-{kind}-{env}</c>.</summary>
public sealed record ResourceNames(string GenerationTable, string OperationsTable, string AssetsBucket, string SitesBucket)
{
    public static ResourceNames From(SiteBuilderOptions site, StorageOptions storage)
    {
        var env = site.Environment;
        return new ResourceNames(
            Or(storage.DynamoDb.GenerationTable, $"site-builder-generation-{env}"),
            Or(storage.DynamoDb.OperationsTable, $"site-builder-operations-{env}"),
            Or(storage.S3.AssetsBucket, $"site-builder-assets-{env}"),
            Or(storage.S3.SitesBucket, $"site-builder-sites-{env}"));
    }

    private static string Or(string? configured, string fallback) =>
        string.IsNullOrWhiteSpace(configured) ? fallback : configured;
}
