using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using SiteBuilder.BrandAssets;
using SiteBuilder.Generation;
using SiteBuilder.Identity;
using SiteBuilder.Observability;
using SiteBuilder.Observability.Alarms;
using SiteBuilder.Portal.Api;
using SiteBuilder.Portal.Auth;
using SiteBuilder.Portal.Components;
using SiteBuilder.Storage;
using SiteBuilder.Storage.Blobs;

namespace SiteBuilder.Portal.Hosting;

/// <summary>The composition root: each area registers itself with one call, then the request pipeline.</summary>
public static class PortalHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddShippedConfiguration(builder.Configuration);
        // Static web assets (MudBlazor's CSS and JS) are served from the build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();

        builder.AddStorage();
        builder.AddAccounts();
        builder.AddGeneration();
        builder.AddPortalAuthentication();
        builder.AddBrandAssets();
        builder.AddObservability(Path.Combine(AppContext.BaseDirectory, AlarmCatalog.FileName));
        builder.Services.AddSingleton<SiteBuilder.Generation.Pipeline.ILogoSource, BrandAssetLogoSource>();

        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Registered before the default writer, so it answers first for /v1.
        services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, ApiProblemDetailsWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.Customize);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        services.AddPortalHealthChecks();
        services.AddAuthorizationBuilder().AddObservabilityPolicies();
        services.AddHttpContextAccessor();

        services.AddDataProtection().SetApplicationName("SiteBuilder.Portal");
        services.AddOptions<KeyManagementOptions>().Configure<IBlobStore>((options, blobs) => options.XmlRepository = new BlobXmlRepository(blobs));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, AccountRevalidatingStateProvider>();
        services.AddMudServices();
        services.AddScoped<ThemeState>();
        services.AddSingleton<TenantChoices>();
        services.AddSingleton<Components.Pages.Workspace.TemplateThumbnails>();

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // In AWS the ALB terminates TLS and forwards the scheme; it is the only proxy in front of the tasks.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        var site = app.Services.GetRequiredService<IOptions<SiteBuilderOptions>>().Value;

        app.UseForwardedHeaders();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (site.RequireHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapPortalHealth();
        app.MapAccountEndpoints();
        app.MapMeApi();
        app.MapAgentsApi();
        app.MapAssetsApi();
        app.MapGenerationApi();
        app.MapValidationApi();
        app.MapOpsMetricsApi();
        app.MapSitePages();
        app.MapApiReference();
        // The portal's own policy (SecurityHeaders) already says frame-ancestors 'none'.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }

    /// <summary>
    /// The repository's one <c>appsettings.json</c> ships next to the binaries; load it beneath everything else
    /// so the portal finds it from any working directory, and environment variables still win.
    /// </summary>
    private static void AddShippedConfiguration(ConfigurationManager configuration)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(shipped))
        {
            return;
        }

        var sources = configuration.Sources;
        var firstJson = sources.Select((source, index) => (source, index)).FirstOrDefault(s => s.source is JsonConfigurationSource).index;
        var source = new JsonConfigurationSource { Path = shipped, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        sources.Insert(firstJson, source);
    }
}
