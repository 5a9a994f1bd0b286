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
    public async Task EachOpenApiDocumentIsServedAsInTheRepository(string name)
    {
        var response = await portal.Factory.CreateClient().GetAsync($"/openapi/{name}.yaml", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(OpenApiContract.Directory, $"{name}.yaml"), Ct), await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task OnlyTheThreeDocumentsAreServed()
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
