using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using SiteBuilder.BrandAssets;
using SiteBuilder.Generation;
using SiteBuilder.Identity;
using SiteBuilder.Operations;
using SiteBuilder.Observability;
using SiteBuilder.Observability.Alarms;
using SiteBuilder.Portal.Api;
using SiteBuilder.Portal.Auth;
using SiteBuilder.Portal.Components;
using SiteBuilder.Portal.Runbooks;
using SiteBuilder.Portal.Sites;
using SiteBuilder.Storage;
using SiteBuilder.Storage.Blobs;

namespace SiteBuilder.Portal.Hosting;

/// <summary>The composition root: each area registers itself with one call, then the request pipeline.</summary>
public static class PortalHost
{
    /// <summary>The networks of the proxies (the ALB's subnets) whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public const string KnownNetworksKey = "SiteBuilder:ForwardedHeaders:KnownNetworks";

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
        builder.AddRunbooks();
        builder.Services.AddSingleton<SiteBuilder.Operations.Environments.IPortalAddress, ServerPortalAddress>();
        builder.AddOperations();
        builder.Services.AddAuthorizationBuilder().AddOperationsPolicies();
        builder.Services.AddScoped<Components.Pages.Operations.OpsPageActor>();
        builder.Services.AddSingleton<Components.Pages.Operations.ApprovalsInbox>();
        builder.Services.AddOperationsEngines(builder.Configuration);
        // Before AddObservability: the operations records, not the metrics' version, mark deployments on the dashboards.
        builder.Services.AddSingleton<SiteBuilder.Observability.Dashboards.IDeploymentAnnotations, OperationsDeploymentAnnotations>();
        builder.AddObservability(Path.Combine(AppContext.BaseDirectory, AlarmCatalog.FileName));
        builder.Services.AddSingleton<SiteBuilder.Generation.Pipeline.ILogoSource, BrandAssetLogoSource>();

        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TenantRateLimiter>();
        services.AddOptions<ConcurrencyOptions>().BindConfiguration(ConcurrencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConcurrencyLimits>();
        services.AddOptions<ValidationApiOptions>().BindConfiguration(ValidationApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Registered before the default writer, so it answers first for /v1.
        services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, ApiProblemDetailsWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.Customize);
        services.AddExceptionHandler<ApiExceptionHandler>();
        // A parameter that does not bind (?limit=abc) throws, so the exception handler answers with the parameter's name.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        services.AddPortalHealthChecks();
        services.AddGenerationDrain();
        services.AddHttpContextAccessor();

        services.AddDataProtection().SetApplicationName("SiteBuilder.Portal");
        services.AddOptions<KeyManagementOptions>().Configure<IBlobStore>((options, blobs) => options.XmlRepository = new BlobXmlRepository(blobs));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<ActingUser>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, AccountRevalidatingStateProvider>();
        services.AddMudServices();
        services.AddScoped<ThemeState>();
        services.AddSingleton<TenantChoices>();
        services.AddScoped<Components.Pages.HomeOverview>();
        services.AddSingleton<Components.Pages.Workspace.TemplateThumbnails>();
        services.AddScoped<Components.Pages.Workspace.WorkspaceActions>();
        services.AddOptions<Components.Pages.Workspace.GenerationPricing>().BindConfiguration(Components.Pages.Workspace.GenerationPricing.Section).ValidateDataAnnotations().ValidateOnStart();

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // In AWS the ALB terminates TLS and forwards the scheme. Only the proxies configured here (the VPC's subnets) and loopback
            // are believed: from anyone else X-Forwarded-Proto would turn URLs, redirects and the cookie's Secure flag.
            // With none configured the headers are not read at all: an empty list would otherwise mean "believe everyone".
            var networks = builder.Configuration.GetSection(KnownNetworksKey).Get<string[]>() ?? [];
            options.ForwardedHeaders = networks.Length > 0 ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{KnownNetworksKey}: '{network}' is not a network such as 10.0.0.0/16."));
            }
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddPublicHost();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        var site = app.Services.GetRequiredService<IOptions<SiteBuilderOptions>>().Value;

        app.UseForwardedHeaders();
        app.UsePublicHost();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (site.RequireHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiStatusProblems();
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
        app.MapOperationsApi();
        app.MapOpsMetricsApi();
        app.MapSitePages();
        app.MapApiReference();
        app.MapRunbookFiles();
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
