using Scalar.AspNetCore;

namespace SiteBuilder.Portal.Api;

/// <summary>
/// The API's contract as the portal serves it: the repository's OpenAPI documents at <c>/openapi/{name}.yaml</c> (no sign-in,
/// so code generators can fetch them) and Scalar's interactive reference of all three at <c>/docs/api</c> (a portal page:
/// signed-in users only). Scalar's script ships inside its package; fonts, telemetry, the AI agent and the request proxy
/// are turned off, so the page loads nothing from outside the portal.
/// </summary>
public static class ApiReference
{
    public const string Route = "/docs/api";

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
        var folder = Path.Combine(AppContext.BaseDirectory, "openapi");
        app.MapGet("/openapi/{name}.yaml", (string name) =>
                Documents.Any(d => d.Name == name)
                    ? Results.File(Path.Combine(folder, $"{name}.yaml"), "application/yaml; charset=utf-8")
                    : Results.NotFound())
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapScalarApiReference(Route, options =>
            {
                options.WithTitle("API reference · SiteBuilder Portal")
                    .WithOpenApiRoutePattern("/openapi/{documentName}.yaml")
                    .DisableDefaultFonts()
                    .DisableTelemetry()
                    .DisableAgent()
                    .DisableMcp()
                    .HideDeveloperTools()
                    // In the page's head, so the browser does not ask for /favicon.ico before Scalar's script runs.
                    .AddHeadContent("""<link rel="icon" type="image/svg+xml" href="/favicon.svg">""")
                    .WithJavaScriptConfiguration("/js/api-reference.config.js")
                    .WithCustomCss(ReadableText)
                    .AddHeaderContent("""<nav class="portal-back" aria-label="Portal"><a href="/">← SiteBuilder Portal</a></nav>""")
                    .WithNonce();
                foreach (var (name, title) in Documents)
                {
                    options.AddDocument(name, title, isDefault: name == Documents[0].Name);
                }

                // A browser can only call the API of the portal it is on (same origin, no CORS), so "try it" targets this one.
                options.Servers = [new ScalarServer("/v1", "This portal")];
            })
            .RequireAuthorization()
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                // Runs before SecurityHeaders' own callback (OnStarting runs last-registered first), which then keeps this policy.
                http.Response.OnStarting(() =>
                {
                    var nonce = http.Items[ScalarOptions.NonceHttpContextItemKey] as string;
                    http.Response.Headers.ContentSecurityPolicy = Policy(nonce);
                    return Task.CompletedTask;
                });
                return await next(context);
            });
        return app;
    }

    // Scalar's secondary and tertiary text greys and its HTTP method colours fall below WCAG AA contrast (4.5:1); these keep its look and pass.
    private const string ReadableText = """
        .light-mode { --scalar-color-2: #4f4f4f; --scalar-color-3: #5e5e5e;
          --scalar-color-green: #116329; --scalar-color-blue: #0550ae; --scalar-color-orange: #953800; --scalar-color-red: #a40e26;
          --scalar-color-yellow: #7d4e00; --scalar-color-purple: #6639ba; }
        .dark-mode { --scalar-color-2: #cfcfcf; --scalar-color-3: #b0b0b0; }
        .portal-back { padding: 8px 16px; font: 14px/1.5 system-ui, sans-serif; border-bottom: 1px solid var(--scalar-border-color); }
        .portal-back a { color: var(--scalar-color-1); }
        """;

    /// <summary>The portal's policy, plus Scalar's inline bootstrap script (by nonce) and the workers it starts from blobs.</summary>
    internal static string Policy(string? nonce) =>
        $"default-src 'self'; script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-src 'self'; " +
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";
}
