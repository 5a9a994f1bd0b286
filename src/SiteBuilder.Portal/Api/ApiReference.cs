using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.StaticAssets.Infrastructure;

namespace SiteBuilder.Portal.Api;

/// <summary>
/// The API's contract as the portal serves it: the repository's OpenAPI documents at <c>/openapi/{name}.yaml</c> (no sign-in,
/// so code generators can fetch them) and Scalar's interactive reference of all of them at <c>/docs/api</c> (a portal page:
/// signed-in users only). Scalar's bundle ships inside the Scalar.AspNetCore package; the build makes it one of the portal's own
/// static assets (fingerprinted, cached for a year, brotli when published), and this page, written here rather than by the
/// package (whose page names the bundle without a fingerprint), loads it deferred. Fonts, telemetry, the AI agent and the request
/// proxy are turned off, so the page loads nothing from outside the portal.
/// </summary>
public static class ApiReference
{
    public const string Route = "/docs/api";

    /// <summary>Scalar's standalone bundle as the portal serves it (<c>SiteBuilder.Portal.csproj</c> takes it out of the package).</summary>
    private const string Bundle = "lib/scalar/scalar.js";

    /// <summary>The documents under <c>openapi/</c> (copied next to the binaries), with the title the reference shows.</summary>
    public static readonly IReadOnlyList<(string Name, string Title)> Documents =
    [
        ("generation-api", "Page generation"),
        ("agents-api", "Agents"),
        ("validation-api", "Brand validation"),
        ("operations-api", "Operations"),
        ("observability-api", "Metrics and alarms"),
    ];

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        // A document changes only with a deploy: a client keeps its copy and asks whether it is still the one (ETag, 304).
        var folder = Path.Combine(AppContext.BaseDirectory, "openapi");
        var tags = Documents.ToDictionary(d => d.Name, d => ContentTag(Path.Combine(folder, $"{d.Name}.yaml")), StringComparer.Ordinal);
        app.MapGet("/openapi/{name}.yaml", (string name, HttpContext http) =>
            {
                if (!tags.TryGetValue(name, out var tag))
                {
                    return Results.NotFound();
                }

                http.Response.Headers.CacheControl = "no-cache";
                return Results.File(Path.Combine(folder, $"{name}.yaml"), "application/yaml; charset=utf-8", entityTag: tag);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        var assets = FingerprintedPaths(app);
        var bundle = assets(Bundle);
        var icon = assets("favicon.svg");
        var configuration = JsonSerializer.Serialize(Configuration(), ConfigurationJson);
        app.MapGet(Route, (HttpContext http) =>
            {
                var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
                http.Response.Headers.ContentSecurityPolicy = Policy(nonce);
                // The nonce is this response's only: a cached copy would replay it.
                http.Response.Headers.CacheControl = "no-store";
                return Results.Content(Page(bundle, icon, nonce, configuration), "text/html; charset=utf-8");
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }

    private static Microsoft.Net.Http.Headers.EntityTagHeaderValue ContentTag(string path) =>
        new($"\"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))[..16]}\"");

    /// <summary>
    /// The page. The bundle is deferred: it downloads while the page is read and runs once it is parsed, so it blocks no
    /// rendering; the inline module (allowed by its nonce) waits for the document too, and scripts that wait run in order, so
    /// Scalar is there when it starts the reference. Scalar fetches the documents itself, from this portal.
    /// </summary>
    private static string Page(string bundle, string icon, string nonce, string configuration) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>API reference · SiteBuilder Portal</title>
            <link rel="icon" type="image/svg+xml" href="{{icon}}" />
            <script src="{{bundle}}" defer></script>
            <script type="module" nonce="{{nonce}}">
                Scalar.createApiReference('#app', {{configuration}})
            </script>
        </head>
        <body>
            <nav class="portal-back" aria-label="Portal"><a href="/">← SiteBuilder Portal</a></nav>
            <div id="app"></div>
        </body>
        </html>
        """;

    /// <summary>
    /// Scalar's configuration (its documented names: https://github.com/scalar/scalar/blob/main/documentation/configuration.md),
    /// the settings the portal used with Scalar.AspNetCore's options. A browser can only call the API of the portal it is on
    /// (same origin, no CORS), so "try it" targets this one.
    /// </summary>
    private static ScalarConfiguration Configuration() => new(
        Sources: [.. Documents.Select((d, i) => new ScalarSource(d.Title, $"/openapi/{d.Name}.yaml", i == 0))],
        Servers: [new ScalarServer("/v1", "This portal")],
        CustomCss: ReadableText);

    private sealed record ScalarConfiguration(IReadOnlyList<ScalarSource> Sources, IReadOnlyList<ScalarServer> Servers, string CustomCss)
    {
        public bool WithDefaultFonts => false;

        public bool Telemetry => false;

        public string ShowDeveloperTools => "never";

        public ScalarFeature Agent => ScalarFeature.Off;

        public ScalarFeature Mcp => ScalarFeature.Off;

        /// <summary>Which integration the reference says it runs in (the wording of a few of its buttons), as Scalar.AspNetCore said.</summary>
        [JsonPropertyName("_integration")]
        public string Integration => "dotnet";
    }

    private sealed record ScalarSource(string Title, string Url, [property: JsonPropertyName("default")] bool IsDefault);

    private sealed record ScalarServer(string Url, string Description);

    private sealed record ScalarFeature(bool Disabled)
    {
        public static readonly ScalarFeature Off = new(Disabled: true);
    }

    // The JSON goes into a script element: the default encoder writes <, > and & as \u escapes, so no value can end it.
    private static readonly JsonSerializerOptions ConfigurationJson = new(JsonSerializerDefaults.Web);

    // Scalar's secondary and tertiary text greys and its HTTP method colours fall below WCAG AA contrast (4.5:1); these keep its look and pass.
    private const string ReadableText = """
        .light-mode { --scalar-color-2: #4f4f4f; --scalar-color-3: #5e5e5e;
          --scalar-color-green: #116329; --scalar-color-blue: #0550ae; --scalar-color-orange: #953800; --scalar-color-red: #a40e26;
          --scalar-color-yellow: #7d4e00; --scalar-color-purple: #6639ba; }
        .dark-mode { --scalar-color-2: #cfcfcf; --scalar-color-3: #b0b0b0; }
        .portal-back { padding: 8px 16px; font: 14px/1.5 system-ui, sans-serif; border-bottom: 1px solid var(--scalar-border-color); }
        .portal-back a { color: var(--scalar-color-1); }
        """;

    /// <summary>
    /// The fingerprinted path of a file of wwwroot (<c>lib/scalar/scalar.js</c> → <c>/lib/scalar/scalar.0a1b2c3d4e.js</c>), as a
    /// Razor page's <c>Assets[...]</c> gives it, from the same table of static assets (this endpoint is no component, so it has no
    /// <c>Assets</c>). A file missing from it stops the portal at start rather than serve a page that names it unfingerprinted.
    /// </summary>
    private static Func<string, string> FingerprintedPaths(IEndpointRouteBuilder app)
    {
        var routes = StaticAssetsEndpointDataSourceHelper.ResolveStaticAssetDescriptors(app, null)
            .Where(d => d.Selectors.Count == 0)
            .SelectMany(d => d.Properties.Where(p => p.Name == "label").Select(p => (Label: p.Value, d.Route)))
            .GroupBy(r => r.Label, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => "/" + g.First().Route, StringComparer.Ordinal);
        return file => routes.TryGetValue(file, out var route)
            ? route
            : throw new InvalidOperationException($"The portal's static assets have no fingerprinted {file} (SiteBuilder.Portal.csproj puts the package files in wwwroot/lib).");
    }

    /// <summary>The portal's policy, plus the page's inline module (by nonce) and the workers Scalar starts from blobs.</summary>
    private static string Policy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-src 'self'; " +
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";
}
