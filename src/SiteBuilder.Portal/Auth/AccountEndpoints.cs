using Microsoft.AspNetCore.Authentication;
using SiteBuilder.Portal.Components;

namespace SiteBuilder.Portal.Auth;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();

        // A form post (with antiforgery) so no link or image on another site can sign anyone out.
        account.MapPost("/logout", async (HttpContext context, IConfiguration configuration) =>
        {
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
        return app;
    }
}
