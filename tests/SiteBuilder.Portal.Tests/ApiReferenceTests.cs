using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SiteBuilder.Portal.Testing.OpenApi;

namespace SiteBuilder.Portal.Tests;

/// <summary>The contract as the portal serves it: the YAML documents to anyone, the interactive reference to signed-in users.</summary>
public sealed class ApiReferenceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("generation-api")]
    [InlineData("agents-api")]
    [InlineData("validation-api")]
    [InlineData("operations-api")]
    [InlineData("observability-api")]
    public async Task EachOpenApiDocumentIsServedAsInTheRepository(string name)
    {
        var response = await portal.Factory.CreateClient().GetAsync($"/openapi/{name}.yaml", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(OpenApiContract.Directory, $"{name}.yaml"), Ct), await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ADocumentIsRevalidatedNotFetchedAgain()
    {
        var client = portal.Factory.CreateClient();
        var first = await client.GetAsync("/openapi/generation-api.yaml", Ct);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
        var tag = Assert.IsType<System.Net.Http.Headers.EntityTagHeaderValue>(first.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/openapi/generation-api.yaml") { Headers = { IfNoneMatch = { tag } } };
        var second = await client.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task OnlyTheListedDocumentsAreServed()
    {
        var response = await portal.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/openapi/appsettings.yaml", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ReferenceAsksAnonymousVisitorsToSignIn()
    {
        var response = await portal.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/docs/api", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?returnUrl=%2Fdocs%2Fapi", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}
