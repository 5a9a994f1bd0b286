using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests.Workspace;

/// <summary>
/// The preview frames run one script, the scroll reporter that preview.js puts into every page with the frame's policy. A
/// srcdoc frame inherits the portal's policy as well, so the reporter runs only if the portal's script-src lists its hash,
/// and the frame's own policy must allow nothing else.
/// </summary>
public sealed class PreviewFramePolicyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePortalPolicyAllowsExactlyTheScriptThePreviewPutsIntoItsFrames()
    {
        var (account, password) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"]);
        var client = portal.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync("/account/login", Ct)).QuerySelector("form.account-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.Add(new("Input.UserName", account.UserName));
        fields.Add(new("Input.Password", password));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/account/login", new FormUrlEncodedContent(fields), Ct)).StatusCode);

        var response = await client.GetAsync("/workspace/acme", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var workspace = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        var host = workspace.QuerySelector("[data-testid=preview]")!;
        Assert.All(host.QuerySelectorAll("iframe.preview-frame"), frame => Assert.Equal("allow-scripts", frame.GetAttribute("sandbox")));
        // The head as preview.js puts it into a page, parsed as the frame's parser will.
        var head = new HtmlParser().ParseDocument("<!DOCTYPE html>" + host.GetAttribute("data-frame-head"));
        var script = Assert.Single(head.Scripts).Text;
        var hash = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)))}'";

        var portalPolicy = Directives(response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(["'self'", hash], portalPolicy["script-src"]);
        Assert.False(portalPolicy.ContainsKey("script-src-elem") || portalPolicy.ContainsKey("script-src-attr"));

        var meta = Assert.Single(head.QuerySelectorAll("meta[http-equiv]"));
        Assert.Equal("Content-Security-Policy", meta.GetAttribute("http-equiv"));
        var framePolicy = Directives(meta.GetAttribute("content")!);
        Assert.Equal([hash], framePolicy["script-src"]);
        Assert.Equal(["'none'"], framePolicy["default-src"]);
        Assert.Equal(["'none'"], framePolicy["base-uri"]);
        Assert.Equal(["'none'"], framePolicy["form-action"]);
        Assert.DoesNotContain(framePolicy, d => d.Key != "script-src" && d.Value.Any(source => source is "'self'" or "*" or "http:" || source.StartsWith("'sha", StringComparison.Ordinal)));
    }

    private static Dictionary<string, string[]> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);
}
