using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using JsonPointer = Json.Pointer.JsonPointer;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing.OpenApi;

namespace SiteBuilder.Portal.Tests;

/// <summary>Real <c>/v1</c> answers against <c>openapi/*.yaml</c>, and the checker itself: it must reject what breaks the contract.</summary>
public sealed class OpenApiContractTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Generation = "generation-api.yaml";
    private static readonly string[] Files = ["generation-api.yaml", "agents-api.yaml", "validation-api.yaml", "operations-api.yaml"];

    // Organisation-wide (/v1/ops, no tenant header): read like the others, but not held to the tenant-scoped common components.
    private static readonly string[] OrganisationWideFiles = ["observability-api.yaml"];

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OpenApiContract Contract => OpenApiContract.Load(Generation);

    public static TheoryData<string> OpenApiFiles => new(Files.Concat(OrganisationWideFiles).ToArray());

    [Fact]
    public async Task MeAnswerMatchesTheContract()
    {
        var token = await portal.Factory.CreateTokenAsync("acme", Roles.Marketer);

        var response = await portal.Factory.CreateApiClient(token, "acme").GetAsync("/v1/me", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Contract.AssertResponseAsync(response, "GET", "/me", Ct);
    }

    [Fact]
    public async Task NoTokenAnswerMatchesTheContract()
    {
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "acme");

        var response = await client.GetAsync("/v1/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Contract.AssertResponseAsync(response, "GET", "/me", Ct);
    }

    [Fact]
    public async Task AnotherTenantAnswerMatchesTheContract()
    {
        var token = await portal.Factory.CreateTokenAsync("acme");

        var response = await portal.Factory.CreateApiClient(token, "globex").GetAsync("/v1/me", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Contract.AssertResponseAsync(response, "GET", "/me", Ct);
    }

    [Fact]
    public async Task MissingTenantHeaderAnswerMatchesTheContract()
    {
        var token = await portal.Factory.CreateTokenAsync("acme");
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/v1/me", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The operation is found from the request itself, as feature tests will usually call it.
        await Contract.AssertResponseAsync(response, Ct);
    }

    [Theory]
    [MemberData(nameof(OpenApiFiles))]
    public async Task OpenApiFileReadsWithoutErrorsOrWarnings(string file)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        await using var stream = File.OpenRead(Path.Combine(OpenApiContract.Directory, file));

        var result = await OpenApiDocument.LoadAsync(stream, "yaml", settings, Ct);

        Assert.Empty(result.Diagnostic!.Errors.Select(e => e.ToString()));
        Assert.Empty(result.Diagnostic.Warnings.Select(w => w.ToString()));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
        Assert.Equal("1.0.0", result.Document!.Info.Version);
        Assert.Contains(result.Document.Servers!, server => server.Url == "http://127.0.0.1:5080/v1");
    }

    [Fact]
    public void CommonComponentsAreTheSameInEveryFile()
    {
        string[] common =
        [
            "/servers", "/security", "/components/securitySchemes", "/components/parameters/TenantId", "/components/headers",
            "/components/schemas/ErrorCode", "/components/schemas/Problem", "/components/schemas/ValidationProblem",
            "/components/responses/BadRequest", "/components/responses/Unauthorized", "/components/responses/Forbidden",
            "/components/responses/NotFound", "/components/responses/RateLimited", "/components/responses/InternalError",
            "/components/responses/ServiceUnavailable",
        ];
        var reference = OpenApiContract.Load(Generation).Document;

        foreach (var file in Files.Skip(1))
        {
            var document = OpenApiContract.Load(file).Document;
            foreach (var pointer in common)
            {
                var expected = JsonPointer.Parse(pointer).Evaluate(reference);
                var actual = JsonPointer.Parse(pointer).Evaluate(document);
                Assert.True(expected is not null, $"{Generation} has nothing at {pointer}");
                Assert.True(actual is not null && JsonElement.DeepEquals(expected.Value, actual.Value), $"{file} differs from {Generation} at {pointer}");
            }
        }
    }

    [Fact]
    public void BodyMissingARequiredFieldFailsNamingTheKeywordAndLocation()
    {
        var json = """{"displayName":"Mia","tenant":"acme","roles":["Marketer"],"source":"local"}""";

        var failure = Assert.Throws<OpenApiContractException>(() => Contract.AssertMatchesSchema("MeResponse", json));

        Assert.Contains("keyword 'required'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("user", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/components/schemas/MeResponse", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTypeDeepInsideARefFailsAtThatInstanceLocation()
    {
        var json = """{"title":"Bad.","status":400,"code":"VALIDATION_ERROR","traceId":"abc","errors":{"prompt":"not an array"}}""";

        var failure = Assert.Throws<OpenApiContractException>(() => Contract.AssertMatchesSchema("ValidationProblem", json));

        Assert.Contains("instance /errors/prompt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("keyword 'type'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownErrorCodeFailsTheProblemSchema()
    {
        var json = """{"title":"Bad.","status":400,"code":"OOPS","traceId":"abc"}""";

        var failure = Assert.Throws<OpenApiContractException>(() => Contract.AssertMatchesSchema("Problem", json));

        Assert.Contains("keyword 'enum'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("instance /code", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseWithAnUndeclaredFieldFails()
    {
        using var response = JsonResponse(HttpStatusCode.OK, "application/json",
            """{"user":"mia","displayName":"Mia","tenant":"acme","roles":["Marketer"],"source":"local","password":"x"}""");

        var failure = await Assert.ThrowsAsync<OpenApiContractException>(() => Contract.AssertResponseAsync(response, "GET", "/me", Ct));

        Assert.Contains("keyword 'additionalProperties'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("instance /password", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndeclaredStatusFails()
    {
        using var response = JsonResponse(HttpStatusCode.Conflict, "application/problem+json", """{"title":"x","status":409,"code":"VALIDATION_ERROR","traceId":"t"}""");

        var failure = await Assert.ThrowsAsync<OpenApiContractException>(() => Contract.AssertResponseAsync(response, "GET", "/me", Ct));

        Assert.Contains("status 409 is not declared", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndeclaredContentTypeFails()
    {
        using var response = JsonResponse(HttpStatusCode.Forbidden, "application/json", """{"title":"x","status":403,"code":"FORBIDDEN","traceId":"t"}""");

        var failure = await Assert.ThrowsAsync<OpenApiContractException>(() => Contract.AssertResponseAsync(response, "GET", "/me", Ct));

        Assert.Contains("content type application/json is not declared", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingDeclaredHeaderFails()
    {
        using var response = JsonResponse(HttpStatusCode.Unauthorized, "application/problem+json", """{"title":"x","status":401,"code":"UNAUTHORIZED","traceId":"t"}""");

        var failure = await Assert.ThrowsAsync<OpenApiContractException>(() => Contract.AssertResponseAsync(response, "GET", "/me", Ct));

        Assert.Contains("header WWW-Authenticate is missing", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOperationFails()
    {
        using var response = JsonResponse(HttpStatusCode.OK, "application/json", "{}");

        var failure = await Assert.ThrowsAsync<OpenApiContractException>(() => Contract.AssertResponseAsync(response, "DELETE", "/me", Ct));

        Assert.Contains("DELETE /me is not in the spec", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestPathsMatchTheirTemplateAfterTheServerBasePath()
    {
        Assert.Equal("/v1", Contract.ServerBasePath);
        Assert.Equal("/me", Contract.MatchPathTemplate("/v1/me"));
        Assert.Throws<OpenApiContractException>(() => Contract.MatchPathTemplate("/v1/nothing-here"));
    }

    private static HttpResponseMessage JsonResponse(HttpStatusCode status, string mediaType, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };
}
