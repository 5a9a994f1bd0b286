namespace SiteBuilder.BrandAssets.Library;

/// <summary>
/// The records of every tenant's brand assets and brand kit (the bytes are in <see cref="Storage.Blobs.IBlobStore"/>).
/// Every call names the tenant, and nothing of one tenant is reachable through another's.
/// Implementations: SQLite (embedded default) and DynamoDB.
/// </summary>
public interface IBrandAssetStore
{
    /// <summary>Records a new asset; throws <see cref="InvalidOperationException"/> when the tenant has an asset with that id already.</summary>
    Task AddAsync(BrandAsset asset, CancellationToken cancellationToken = default);

    /// <summary>The tenant's asset with this id, or null (also when the id belongs to another tenant).</summary>
    Task<BrandAsset?> GetAsync(string tenant, string id, CancellationToken cancellationToken = default);

    /// <summary>The tenant's assets, newest first; only those of <paramref name="kind"/> when given.</summary>
    Task<IReadOnlyList<BrandAsset>> ListAsync(string tenant, BrandAssetKind? kind = null, CancellationToken cancellationToken = default);

    /// <summary>Removes the record and returns it; null when the tenant has no such asset.</summary>
    Task<BrandAsset?> DeleteAsync(string tenant, string id, CancellationToken cancellationToken = default);

    /// <summary>The tenant's brand kit, or <see cref="TenantBrandKit.Empty"/> when none was saved.</summary>
    Task<TenantBrandKit> GetBrandKitAsync(string tenant, CancellationToken cancellationToken = default);

    /// <summary>Replaces the tenant's brand kit.</summary>
    Task SaveBrandKitAsync(string tenant, TenantBrandKit kit, CancellationToken cancellationToken = default);
}
