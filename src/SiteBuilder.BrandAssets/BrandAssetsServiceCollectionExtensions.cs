using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SiteBuilder.BrandAssets.Images;
using SiteBuilder.BrandAssets.Images.Bedrock;
using SiteBuilder.BrandAssets.Images.Offline;
using SiteBuilder.BrandAssets.Library;
using SiteBuilder.Storage;

namespace SiteBuilder.BrandAssets;

public static class BrandAssetsServiceCollectionExtensions
{
    /// <summary>
    /// Keyed <see cref="AWSCredentials"/> for the Bedrock image model. Not registered in production, where the AWS
    /// default chain answers on every call; tests register the fake endpoint's keys under it.
    /// </summary>
    public const string BedrockCredentialsKey = "SiteBuilder.Images.Bedrock";

    public const string BedrockHttpClient = "SiteBuilder.Images.Bedrock";

    /// <summary>
    /// The image agents' model (chosen by <c>SiteBuilder:Images:Provider</c>, checked at start), the brand asset store
    /// (SQLite or DynamoDB with <c>AddStorage</c>'s choice) and the <see cref="BrandAssetLibrary"/> over both. Call after <c>AddStorage()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddBrandAssets(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ImagesOptions>().BindConfiguration(ImagesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ImagesOptions>, ImagesOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // The model enforces its own per-call timeout (CallTimeout); the client's own must not cut it shorter.
        services.AddHttpClient(BedrockHttpClient, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IImageModel>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ImagesOptions>>().Value;
            return options.Provider switch
            {
                ImageProvider.Bedrock => new BedrockImageModel(
                    sp.GetRequiredService<IHttpClientFactory>().CreateClient(BedrockHttpClient),
                    options.Bedrock,
                    sp.GetKeyedService<AWSCredentials>(BedrockCredentialsKey),
                    sp.GetRequiredService<TimeProvider>()),
                _ => new OfflineImageModel(),
            };
        });

        services.AddSingleton(SqliteBrandAssetStore.Schema);
        services.AddStore<IBrandAssetStore, SqliteBrandAssetStore, DynamoBrandAssetStore>();
        services.AddMetrics();
        services.TryAddSingleton<AgentMetrics>();
        services.AddSingleton<BrandAssetLibrary>();
        return builder;
    }
}
