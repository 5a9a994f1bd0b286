using Microsoft.Extensions.Options;
using SiteBuilder.Storage;

namespace SiteBuilder.Portal.Hosting;

/// <summary><c>SiteBuilder:PublicBaseUrl</c>: the address people and API clients use to reach the portal.</summary>
public sealed class PublicAddressOptions
{
    public const string Key = "SiteBuilder:PublicBaseUrl";

    /// <summary>e.g. <c>https://dev.sitebuilder.example.com</c>; empty on a local machine (the request's own host is used).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The configured address, or null when none is set.</summary>
    public Uri? Address => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : new Uri(PublicBaseUrl.Trim(), UriKind.Absolute);

    internal static bool IsValid(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0);
}

/// <summary>
/// Absolute URLs (asset URLs, the sign-in and HTTPS redirects, the portal's own links) are built from the request's Host
/// header, which any client can set: <c>Host: evil.example</c> would put <c>http://evil.example/…</c> into them. With a public
/// base URL configured, every request is answered as if addressed to that host. (<c>AllowedHosts</c> stays <c>*</c> behind
/// the ALB: its health checks name the task's IP as the host.)
/// </summary>
internal static class PublicHost
{
    public static IServiceCollection AddPublicHost(this IServiceCollection services)
    {
        services.AddOptions<PublicAddressOptions>().BindConfiguration(SiteBuilderOptions.Section)
            .Validate(o => PublicAddressOptions.IsValid(o.PublicBaseUrl),
                $"{PublicAddressOptions.Key} must be an absolute http(s) URL without a path, such as https://sitebuilder.example.com.")
            .Validate<IOptions<SiteBuilderOptions>>((o, site) => !site.Value.RequireHttps || o.Address is not null,
                $"{PublicAddressOptions.Key} must name the portal's public address (e.g. https://sitebuilder.example.com) when SiteBuilder:RequireHttps is on, "
                + "or a forged Host header reaches URLs and redirects.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Right after the forwarded headers, before anything builds a URL or a redirect.</summary>
    public static WebApplication UsePublicHost(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<PublicAddressOptions>>().Value.Address is not { } address)
        {
            return app;
        }

        var host = HostString.FromUriComponent(address);
        app.Use((context, next) =>
        {
            context.Request.Host = host;
            return next(context);
        });
        return app;
    }
}
