using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SiteBuilder.Generation.Records;
using SiteBuilder.Generation.Offline;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Pipeline;
using SiteBuilder.Generation.Providers.Bedrock;
using SiteBuilder.Generation.Providers.OpenAi;
using SiteBuilder.Storage;

namespace SiteBuilder.Generation;

public static class GenerationServiceCollectionExtensions
{
    /// <summary>
    /// The generation pipeline: its store, the page model chosen by <c>SiteBuilder:Generation:Provider</c>, the runner, the event
    /// reader and crash recovery. Call after <c>AddStorage()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddGeneration(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GenerationOptions>().BindConfiguration(GenerationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // A provider's settings are checked only when it is the one configured: the offline default needs none.
        services.AddOptions<BedrockPageOptions>().BindConfiguration($"{GenerationOptions.Section}:Bedrock")
            .Validate<IOptions<GenerationOptions>>((bedrock, generation) => generation.Value.Provider != PageProvider.Bedrock || IsValid(bedrock),
                "SiteBuilder:Generation:Bedrock needs a ModelId, a Region and MaxTokens between 1 and 64000.")
            .ValidateOnStart();
        services.AddOptions<OpenAiPageOptions>().BindConfiguration($"{GenerationOptions.Section}:OpenAi")
            .Validate<IOptions<GenerationOptions>>((openAi, generation) => generation.Value.Provider != PageProvider.OpenAi || IsValid(openAi),
                "SiteBuilder:Generation:OpenAi needs a BaseUrl and the Model name when the provider is OpenAi.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        services.AddSingleton(SqliteGenerationStore.Schema);
        services.AddSingleton(SqliteGenerationStore.NoteColumn);
        services.AddStore<IGenerationStore, SqliteGenerationStore, DynamoGenerationStore>();
        services.AddSingleton<IPageModel>(sp => sp.GetRequiredService<IOptions<GenerationOptions>>().Value.Provider switch
        {
            PageProvider.Bedrock => BedrockPageModel.FromDefaultCredentials(sp.GetRequiredService<IOptions<BedrockPageOptions>>().Value),
            PageProvider.OpenAi => new OpenAiCompatiblePageModel(sp.GetRequiredService<IOptions<OpenAiPageOptions>>().Value),
            _ => new OfflineComposer(sp.GetRequiredService<IOptions<GenerationOptions>>().Value.OfflineSectionDelay, sp.GetRequiredService<TimeProvider>()),
        });
        services.TryAddSingleton<ILogoSource, UrlOnlyLogoSource>();
        services.AddMetrics();
        services.TryAddSingleton<AgentMetrics>();
        services.AddSingleton<GenerationMetrics>();
        services.AddSingleton<GenerationFeeds>();
        services.AddSingleton<GenerationEventReader>();
        services.AddSingleton<ScoringQueue>();
        services.AddSingleton<GenerationRunner>();
        services.AddSingleton<GenerationService>();
        services.AddSingleton<GenerationRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<GenerationRecovery>());
        return builder;
    }

    private static bool IsValid(object options) =>
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new System.ComponentModel.DataAnnotations.ValidationContext(options), null, validateAllProperties: true);
}
