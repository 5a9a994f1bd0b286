using Amazon.S3;
using SiteBuilder.Storage;
using Xunit;

namespace SiteBuilder.TestSupport.Emulators;

/// <summary>
/// A class fixture (<c>IClassFixture&lt;S3rverBuckets&gt;</c>) that gives one test class its own assets and sites buckets on the
/// assembly's <see cref="S3rverEmulator"/>.
/// </summary>
public sealed class S3rverBuckets(S3rverEmulator s3rver) : IAsyncLifetime
{
    private ResourceNames? _names;

    public S3rverEmulator Emulator => s3rver;

    public IAmazonS3 Client => s3rver.Client;

    public ResourceNames Names => _names ?? throw new InvalidOperationException("The buckets are created in InitializeAsync.");

    public async ValueTask InitializeAsync() => _names = await s3rver.CreateBucketsAsync();

    // The emulator's data folder is deleted with the emulator.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
