using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Identity.Tokens;
using SiteBuilder.Storage;

namespace SiteBuilder.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Local accounts, their store, the first admin, the local token issuer and its token records. Call after <c>AddStorage()</c>.</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LocalTokenOptions>().BindConfiguration(LocalTokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();

        services.AddSingleton(SqliteAccountStore.Schema);
        services.AddSingleton(SqliteAccountStore.SecurityStampSchema);
        services.AddStore<IAccountStore, SqliteAccountStore, DynamoAccountStore>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AccountStatusCache>();
        services.AddSingleton<InitialAdmin>();
        services.AddHostedService(sp => sp.GetRequiredService<InitialAdmin>());

        services.AddSingleton(SqliteApiTokenStore.Schema);
        services.AddStore<IApiTokenStore, SqliteApiTokenStore, DynamoApiTokenStore>();
        services.AddSingleton<ApiTokenRegistry>();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<LocalTokenIssuer>();
        return builder;
    }
}
