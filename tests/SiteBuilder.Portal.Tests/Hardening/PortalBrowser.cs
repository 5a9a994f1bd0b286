using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>The portal as a browser without JavaScript uses it: cookies kept, redirects not followed, forms posted with their antiforgery token.</summary>
internal static class PortalBrowser
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static HttpClient Open(PortalFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the sign-in form; <paramref name="rawQuery"/> goes into the URL as given (already encoded).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string? rawQuery = null)
    {
        var url = rawQuery is null ? "/account/login" : $"/account/login?{rawQuery}";
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync(url, Ct)).QuerySelector("form.account-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.Add(new("Input.UserName", userName));
        fields.Add(new("Input.Password", password));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
    }

    /// <summary>The error the sign-in page shows, or null.</summary>
    public static async Task<string?> SignInErrorAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct)).QuerySelector("[data-testid=login-error]")?.TextContent.Trim();
}
