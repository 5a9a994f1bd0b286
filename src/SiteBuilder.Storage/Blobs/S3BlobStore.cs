using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace SiteBuilder.Storage.Blobs;

/// <summary>
/// Blobs in the two buckets of DESIGN §6. System blobs live in the assets bucket under <c>_system/</c>,
/// a prefix no tenant id can take (tenant ids start with a letter or digit).
/// <paramref name="listPageSize"/> is how many keys one ListObjectsV2 call asks for (S3 returns at most 1000).
/// </summary>
public sealed class S3BlobStore(IAmazonS3 s3, ResourceNames names, int listPageSize = 1000) : IBlobStore
{
    private const string SystemPrefix = BlobKeys.SystemPrefix;

    public async Task PutAsync(BlobContainer container, string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var (bucket, objectKey) = Locate(container, key);
        using var body = new MemoryStream(content.ToArray(), writable: false);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = objectKey,
            InputStream = body,
            ContentType = BlobKeys.ContentTypeOf(key),
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
            // Chunked signing is not understood by every S3-compatible store; a small body needs none.
            UseChunkEncoding = false,
        }, cancellationToken);
    }

    public async Task<Blob?> GetAsync(BlobContainer container, string key, CancellationToken cancellationToken = default)
    {
        var (bucket, objectKey) = Locate(container, key);
        try
        {
            using var response = await s3.GetObjectAsync(bucket, objectKey, cancellationToken);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return new Blob(buffer.ToArray(), BlobKeys.ContentTypeOf(key), response.LastModified ?? DateTimeOffset.UtcNow);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(BlobContainer container, string key, CancellationToken cancellationToken = default)
    {
        var (bucket, objectKey) = Locate(container, key);
        try
        {
            await s3.GetObjectMetadataAsync(bucket, objectKey, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await s3.DeleteObjectAsync(bucket, objectKey, cancellationToken);
        return true;
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(BlobContainer container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobKeys.ValidatePrefix(prefix);
        var bucket = BucketOf(container);
        var keyPrefix = container == BlobContainer.System ? SystemPrefix + prefix : prefix;
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = keyPrefix, MaxKeys = listPageSize };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                var key = container == BlobContainer.System ? item.Key[SystemPrefix.Length..] : item.Key;
                // Tenant containers never list the system prefix.
                if (container == BlobContainer.Assets && key.StartsWith(SystemPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                yield return new BlobInfo(key, item.Size ?? 0, item.LastModified ?? DateTimeOffset.UtcNow);
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = names.SitesBucket, MaxKeys = 1 }, cancellationToken);
        await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = names.AssetsBucket, MaxKeys = 1 }, cancellationToken);
    }

    /// <summary>Creates both buckets when missing (emulators; in AWS, Terraform owns them).</summary>
    public async Task EnsureBucketsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var bucket in new[] { names.AssetsBucket, names.SitesBucket })
        {
            try
            {
                await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
            }
            catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
                // Already there: nothing to do.
            }
        }
    }

    private string BucketOf(BlobContainer container) => container == BlobContainer.Sites ? names.SitesBucket : names.AssetsBucket;

    private (string Bucket, string Key) Locate(BlobContainer container, string key)
    {
        BlobKeys.Validate(container, key);
        return (BucketOf(container), container == BlobContainer.System ? SystemPrefix + key : key);
    }
}
