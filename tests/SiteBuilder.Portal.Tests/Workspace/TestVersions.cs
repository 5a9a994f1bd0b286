using SiteBuilder.Generation.Records;

namespace SiteBuilder.Portal.Tests.Workspace;

/// <summary>Complete versions of one page, as the workspace's components receive them.</summary>
internal static class TestVersions
{
    public static readonly DateTimeOffset Created = new(2026, 12, 6, 14, 0, 0, TimeSpan.Zero);

    public static GenerationRecord Complete(int version, string provider = "offline", double score = 9.2, DateTimeOffset? createdAt = null) => new()
    {
        Id = $"gen-{version}",
        Tenant = "acme",
        SiteId = "site-1",
        Version = version,
        Prompt = "A launch page for Brewly",
        TemplateId = "ecommerce-sale",
        Provider = provider,
        ModelId = "model",
        CreatedBy = "mia",
        Status = GenerationStatus.Complete,
        BrandScore = score,
        CreatedAt = createdAt ?? Created,
        UpdatedAt = createdAt ?? Created,
    };
}
