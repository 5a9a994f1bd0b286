using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SiteBuilder.Storage.Blobs;
using SiteBuilder.Storage.RateLimits;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Storage.Tests;

/// <summary>The app's own registration, configured the way a WebApplicationFactory configures it from the emulator fixtures.</summary>
public sealed class AddStorageTests(DynaliteEmulator dynalite, S3rverEmulator s3rver) : IDisposable
{
    private readonly TempDirectory _data = new("data");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task TheFixturesConfigurationRunsStorageOnDynamoDbAndS3()
    {
        var names = UniqueResourceNames.Create();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
        [
            .. dynalite.Configuration(names),
            .. s3rver.Configuration(names),
            new($"{StorageOptions.Section}:CreateTables", "true"),
            new($"{SiteBuilderOptions.Section}:DataDirectory", _data.Path),
        ]);
        builder.AddStorage();
        using var host = builder.Build();

        await host.StartAsync(Cancellation);

        var blobs = host.Services.GetRequiredService<IBlobStore>();
        var counters = host.Services.GetRequiredService<IRateCounterStore>();
        Assert.IsType<S3BlobStore>(blobs);
        Assert.IsType<DynamoRateCounterStore>(counters);
        await blobs.PutAsync(BlobContainer.Sites, "acme/site-1/gen-1/index.html", "<h1>Hi</h1>"u8.ToArray(), Cancellation);
        Assert.Equal(1, await counters.IncrementAsync("acme#generation", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), Cancellation));

        // The data went to this test's own tables and buckets, created at start by StorageInitializer.
        Assert.NotNull(await new S3BlobStore(s3rver.Client, names).GetAsync(BlobContainer.Sites, "acme/site-1/gen-1/index.html", Cancellation));
        Assert.Equal(2, await new DynamoRateCounterStore(dynalite.Client, names).IncrementAsync("acme#generation", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), Cancellation));
        await host.StopAsync(Cancellation);
    }
}
