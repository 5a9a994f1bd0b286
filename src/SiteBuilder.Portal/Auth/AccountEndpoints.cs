using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using SiteBuilder.Identity.Tokens;
using SiteBuilder.Portal.Components;

namespace SiteBuilder.Portal.Auth;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();

        // A form post with an antiforgery token: no link, image or form on another site can sign anyone out.
        account.MapPost("/logout", async (HttpContext context, IConfiguration configuration, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form has expired.", detail: "Reload the page and sign out again.");
            }

            var user = PortalUser.From(context.User);
            await context.SignOutAsync(PortalAuthentication.CookieScheme);
            if (user?.Source == PortalClaims.EntraSource && PortalAuthentication.IsEntraConfigured(configuration))
            {
                return Results.SignOut(new AuthenticationProperties { RedirectUri = "/account/login?signedOut=true" }, [PortalAuthentication.EntraScheme]);
            }

            return Results.LocalRedirect("/account/login?signedOut=true");
        });

        account.MapGet("/login/entra", (string? returnUrl, IConfiguration configuration) =>
            PortalAuthentication.IsEntraConfigured(configuration)
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = NavigationHelpers.SafeReturnUrl(returnUrl) }, [PortalAuthentication.EntraScheme])
                : Results.NotFound()).AllowAnonymous();

        // The local issuer's public keys, for clients and gateways that verify tokens themselves.
        app.MapGet("/.well-known/jwks.json", async (SigningKeyRing keys, CancellationToken cancellationToken) =>
            Results.Json(await keys.GetPublicJwksAsync(cancellationToken))).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
