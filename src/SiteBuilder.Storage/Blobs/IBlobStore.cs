namespace SiteBuilder.Storage.Blobs;

/// <summary>Where a blob lives: in AWS, assets and system keys share the assets bucket; pages go to the sites bucket.</summary>
public enum BlobContainer
{
    /// <summary><c>{tenant}/logos/…</c>, <c>{tenant}/backgrounds/…</c>, <c>{tenant}/uploads/…</c>.</summary>
    Assets,
    /// <summary><c>{tenant}/{siteId}/{generationId}/index.html</c>, <c>report.json</c>.</summary>
    Sites,
    /// <summary>Keys the service itself needs (token signing, data protection). Never served.</summary>
    System,
}

/// <summary>A stored blob. The content type follows from the key's extension, the same way in every backend.</summary>
public sealed record Blob(byte[] Content, string ContentType, DateTimeOffset LastModified);

public sealed record BlobInfo(string Key, long Size, DateTimeOffset LastModified);

/// <summary>Small objects (pages, reports, images up to a few MB) by key. Implementations: folders, S3.</summary>
public interface IBlobStore
{
    Task PutAsync(BlobContainer container, string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The blob, or null when there is none.</summary>
    Task<Blob?> GetAsync(BlobContainer container, string key, CancellationToken cancellationToken = default);

    /// <summary>True when something was deleted.</summary>
    Task<bool> DeleteAsync(BlobContainer container, string key, CancellationToken cancellationToken = default);

    /// <summary>Every blob whose key starts with <paramref name="prefix"/>, in key order.</summary>
    IAsyncEnumerable<BlobInfo> ListAsync(BlobContainer container, string prefix, CancellationToken cancellationToken = default);

    /// <summary>Proves the backend answers (readiness check).</summary>
    Task CheckAsync(CancellationToken cancellationToken = default);
}
