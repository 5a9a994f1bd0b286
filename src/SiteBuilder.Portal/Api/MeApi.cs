using Microsoft.AspNetCore.Http.HttpResults;

namespace SiteBuilder.Portal.Api;

/// <summary>Who the caller's token belongs to.</summary>
public sealed record MeResponse(string User, string DisplayName, string Tenant, IReadOnlyList<string> Roles, string Source);

public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        app.MapV1().MapGet("/me", GetMe).WithName("GetMe").WithTags("Identity");
        return app;
    }

    private static Ok<MeResponse> GetMe(HttpContext context)
    {
        var caller = ApiCaller.From(context);
        return TypedResults.Ok(new MeResponse(caller.User.UserName, caller.User.DisplayName, caller.Tenant, caller.User.Roles, caller.User.Source));
    }
}
