using Amazon.S3;
using SiteBuilder.Storage;
using SiteBuilder.Storage.Blobs;
using Xunit;

namespace SiteBuilder.TestSupport.Emulators;

/// <summary>
/// An S3 emulator (s3rver) on a free loopback port, storing objects in a temp folder deleted on dispose. Use it as an xunit
/// assembly fixture (<c>[assembly: AssemblyFixture(typeof(S3rverEmulator))]</c>), one process per test assembly, and give every
/// test class its own buckets with <see cref="CreateBucketsAsync"/> or the <see cref="S3rverBuckets"/> class fixture.
/// Outside xunit: <c>await using var s3 = await S3rverEmulator.StartAsync();</c>.
/// </summary>
public sealed class S3rverEmulator : IAsyncLifetime
{
    /// <summary>s3rver checks signatures against these fixed credentials.</summary>
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";
    public const string Region = "us-east-1";

    private TempDirectory? _directory;
    private EmulatorProcess? _process;
    private IAmazonS3? _client;

    public static async Task<S3rverEmulator> StartAsync(CancellationToken cancellationToken = default)
    {
        var emulator = new S3rverEmulator();
        await emulator.StartCoreAsync(cancellationToken);
        return emulator;
    }

    public string ServiceUrl => $"http://127.0.0.1:{Process.Port}";

    /// <summary>Where s3rver keeps buckets and objects.</summary>
    public string DataDirectory => (_directory ?? throw NotStarted()).Path;

    public EmulatorProcess Process => _process ?? throw NotStarted();

    /// <summary>A client built by <see cref="AwsClients.S3"/> from <see cref="Options()"/>, as the app builds its own.</summary>
    public IAmazonS3 Client => _client ?? throw NotStarted();

    /// <summary>Endpoint, credentials and path-style addressing for this emulator; a new instance each call.</summary>
    public S3StorageOptions Options() => new()
    {
        ServiceUrl = ServiceUrl,
        Region = Region,
        AccessKeyId = AccessKeyId,
        SecretAccessKey = SecretAccessKey,
        ForcePathStyle = true,
    };

    /// <summary>Endpoint, credentials and the bucket names of <paramref name="names"/>.</summary>
    public S3StorageOptions Options(ResourceNames names)
    {
        var options = Options();
        options.AssetsBucket = names.AssetsBucket;
        options.SitesBucket = names.SitesBucket;
        return options;
    }

    /// <summary>
    /// Configuration that keeps the app's blobs on this emulator (<c>SiteBuilder:Storage:Blobs = S3</c>) in the buckets of
    /// <paramref name="names"/>, for <c>WebApplicationFactory</c> or any <c>IConfigurationBuilder.AddInMemoryCollection</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Configuration(ResourceNames names) => new Dictionary<string, string?>
    {
        [$"{StorageOptions.Section}:Blobs"] = nameof(BlobProvider.S3),
        [$"{StorageOptions.Section}:S3:ServiceUrl"] = ServiceUrl,
        [$"{StorageOptions.Section}:S3:Region"] = Region,
        [$"{StorageOptions.Section}:S3:AccessKeyId"] = AccessKeyId,
        [$"{StorageOptions.Section}:S3:SecretAccessKey"] = SecretAccessKey,
        [$"{StorageOptions.Section}:S3:ForcePathStyle"] = "true",
        [$"{StorageOptions.Section}:S3:AssetsBucket"] = names.AssetsBucket,
        [$"{StorageOptions.Section}:S3:SitesBucket"] = names.SitesBucket,
    };

    /// <summary>Creates the assets and sites buckets under fresh unique names (or the given ones) with the app's own code.</summary>
    public async Task<ResourceNames> CreateBucketsAsync(ResourceNames? names = null, CancellationToken cancellationToken = default)
    {
        names ??= UniqueResourceNames.Create();
        await new S3BlobStore(Client, names).EnsureBucketsAsync(cancellationToken);
        return names;
    }

    public ValueTask InitializeAsync() => new(StartCoreAsync(CancellationToken.None));

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _client = null;
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }

        _directory?.Dispose();
        _directory = null;
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _directory = new TempDirectory("s3rver");
        _process = await EmulatorProcess.StartAsync(
            ["s3rver", _directory.Path],
            // s3rver 3.x needs the legacy OpenSSL provider on Node 17 and later.
            new Dictionary<string, string> { ["NODE_OPTIONS"] = "--openssl-legacy-provider" },
            cancellationToken);
        _client = AwsClients.S3(Options());
    }

    private static InvalidOperationException NotStarted() =>
        new("The s3rver emulator is not running: use it as an xunit fixture or call S3rverEmulator.StartAsync().");
}
