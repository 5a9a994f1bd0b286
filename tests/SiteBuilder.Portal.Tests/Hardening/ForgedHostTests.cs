using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing;
using SiteBuilder.Portal.Tests.Agents;
using SiteBuilder.TestSupport.FakeBedrockImages;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>Issue 13 point 8: a forged <c>Host</c> header never reaches a URL or a redirect when the public address is configured.</summary>
public sealed class ForgedHostTests : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://portal.sitebuilder.test";
    private const string Forged = "evil.example";

    private readonly PortalFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory.Settings["SiteBuilder:PublicBaseUrl"] = PublicBaseUrl;
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task AnUploadedAssetsUrlNamesTheConfiguredHostNotTheForgedOne()
    {
        var client = _factory.CreateApiClient(await _factory.CreateTokenAsync("acme", Roles.Marketer), "acme");
        client.DefaultRequestHeaders.Host = Forged;

        var response = await client.PostAsync("/v1/assets", AgentCalls.Form(TinyPng.Solid(8, 8, 1, 2, 3), "a.png"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(Forged, body, StringComparison.OrdinalIgnoreCase);
        var url = new Uri(JsonDocument.Parse(body).RootElement.GetProperty("url").GetString()!);
        Assert.Equal("portal.sitebuilder.test", url.Host);
    }

    [Fact]
    public async Task TheSignInRedirectNamesTheConfiguredHostNotTheForgedOne()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Host = Forged;

        var response = await client.GetAsync("/account/profile", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.DoesNotContain(Forged, location.OriginalString, StringComparison.OrdinalIgnoreCase);
        if (location.IsAbsoluteUri)
        {
            Assert.Equal("portal.sitebuilder.test", location.Host);
        }

        Assert.StartsWith("/account/login", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
    }
}
