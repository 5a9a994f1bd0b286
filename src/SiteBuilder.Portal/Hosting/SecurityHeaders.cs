using SiteBuilder.Portal.Components.Pages.Workspace;

namespace SiteBuilder.Portal.Hosting;

/// <summary>
/// Headers every portal page carries. Scripts only from our origin (Blazor and MudBlazor need nothing else) and the preview
/// frames' scroll reporter (<see cref="PreviewFrame.Script"/>, by its hash: the preview's srcdoc frames inherit this policy,
/// and each also carries its own, stricter one, so only that script runs there); inline styles are allowed because MudBlazor
/// sets them; the portal is never framed by another site.
/// </summary>
internal static class SecurityHeaders
{
    public static readonly string PortalPolicy =
        $"default-src 'self'; script-src 'self' {PreviewFrame.ScriptHash}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; font-src 'self' data:; " +
        "connect-src 'self'; frame-src 'self' blob: data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            // Endpoints that serve other content (generated pages, the API reference) set their own policy first.
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = PortalPolicy;
            }

            if (!headers.ContainsKey("X-Frame-Options"))
            {
                headers.XFrameOptions = "DENY";
            }
            return Task.CompletedTask;
        });
        await next();
    });
}
