using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Identity;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>
/// Issue 13 points 9 and 12: hostile input on every <c>/v1</c> route of the app's own endpoint table. No answer is a 5xx, and every
/// error is a problem detail with a <c>code</c>, never the portal's HTML.
/// </summary>
public sealed class ApiFuzzTests(HardeningFixture portal) : IClassFixture<HardeningFixture>
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    /// <summary>
    /// Not <c>%00</c>: Kestrel refuses a request line with a NUL before the app sees it (and the test server will not send one);
    /// NUL is sent in queries and bodies instead.
    /// </summary>
    private static readonly string[] HostileIds =
    [
        "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e", "..", "caf%C3%A9", "%01%02%1B", new string('a', 4000), "%E2%80%AE", "gen-%0d%0aSet-Cookie:x",
        "gen-20261206-aaaaaaaaaaaa", "%25", "%F0%9F%92%A9",
    ];

    private static readonly string[] HostileQueries =
    [
        "limit=abc", "limit=99999999999999999999", "limit=1&limit=2", "limit=-1", "limit=%00", "cursor=%00", "cursor=..%2F..", "cursor=" + new string('z', 3000),
        "kind=..%2F", "kind=logo&kind=upload", "lastEventId=abc", "lastEventId=-5", "lastEventId=1&lastEventId=2", "fileName=..%2F..%2Fx.png",
        "primaryColor=%00", "primaryColor=" + new string('#', 500),
    ];

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostileIdsInEveryRouteParameterNeverGiveA5xx()
    {
        var (client, tenant) = await AdminAsync();
        var failures = new List<string>();
        foreach (var route in ApiRoutes())
        {
            foreach (var parameter in route.Parameters.Where(p => p != "tenant_id"))
            {
                foreach (var hostile in HostileIds)
                {
                    var path = route.Fill(tenant, parameter, hostile);
                    await CheckAsync(client, failures, new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = JsonBody(route) });
                }
            }

            foreach (var hostile in HostileIds.Take(6))
            {
                if (route.Parameters.Contains("tenant_id"))
                {
                    await CheckAsync(client, failures, new HttpRequestMessage(new HttpMethod(route.Method), route.FillTenant(hostile)) { Content = JsonBody(route) });
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task WrongMethodsOnEveryRouteAreProblemsWithACode()
    {
        var (client, tenant) = await AdminAsync();
        var failures = new List<string>();
        foreach (var path in ApiRoutes().GroupBy(r => r.Pattern))
        {
            var allowed = path.Select(r => r.Method).ToHashSet();
            foreach (var method in Methods.Where(m => !allowed.Contains(m)))
            {
                var response = await CheckAsync(client, failures, new HttpRequestMessage(new HttpMethod(method), path.First().Fill(tenant)));
                if (response.StatusCode != HttpStatusCode.MethodNotAllowed)
                {
                    failures.Add($"{method} {path.Key}: {(int)response.StatusCode}, expected 405: {Shorten(await response.Content.ReadAsStringAsync(Ct))}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task MalformedBodiesAndContentTypesOnEveryWritingRouteAreValidationErrors()
    {
        var (client, tenant) = await AdminAsync();
        var failures = new List<string>();
        foreach (var route in ApiRoutes().Where(r => r.Method is "POST" or "PUT"))
        {
            foreach (var body in MalformedBodies())
            {
                await CheckAsync(client, failures, new HttpRequestMessage(new HttpMethod(route.Method), route.Fill(tenant)) { Content = body() });
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task RepeatedOverflowingAndControlCharacterQueriesOnEveryRouteNeverGiveA5xx()
    {
        var (client, tenant) = await AdminAsync();
        var failures = new List<string>();
        foreach (var route in ApiRoutes())
        {
            foreach (var query in HostileQueries)
            {
                await CheckAsync(client, failures, new HttpRequestMessage(new HttpMethod(route.Method), route.Fill(tenant) + "?" + query) { Content = JsonBody(route) });
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryRouteWithoutATokenIsA401Problem()
    {
        var client = portal.Factory.CreateClient();
        foreach (var route in ApiRoutes())
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), route.Fill("acme")), Ct);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("limit=99999999999999999999")]
    [InlineData("limit=1&limit=2")]
    public async Task AnUnreadableLimitIsAValidationErrorNamingLimit(string query)
    {
        var (client, tenant) = await AdminAsync();

        var response = await client.GetAsync($"/v1/sites/{tenant}/generations?{query}", Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _), problem.ToString());
    }

    [Fact]
    public async Task AWrongMethodIsA405ProblemThatListsTheAllowedMethods()
    {
        var (client, _) = await AdminAsync();

        var response = await client.DeleteAsync("/v1/me", Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "VALIDATION_ERROR");
        Assert.Contains("GET", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Type: image/png\r\n\r\nabc\r\n--x--\r\n")]
    [InlineData("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc\r\n--x--\r\n")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc")]
    public async Task AMalformedMultipartUploadIsAValidationErrorNotTheErrorPage(string contentType, string body)
    {
        var (client, _) = await AdminAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await client.PostAsync("/v1/assets", content, Ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task AnUnknownApiPathIsANotFoundProblem()
    {
        var (client, _) = await AdminAsync();

        await AssertProblemAsync(await client.GetAsync("/v1/no-such-thing", Ct), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    /// <summary>Sends one request and records it when the answer is a 5xx or an error that is not a problem with a code.</summary>
    private async Task<HttpResponseMessage> CheckAsync(HttpClient client, List<string> failures, HttpRequestMessage request)
    {
        var label = $"{request.Method} {Shorten(request.RequestUri!.OriginalString)}";
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        }
        catch (HttpRequestException e)
        {
            failures.Add($"{label}: {e.Message}");
            return new HttpResponseMessage(HttpStatusCode.InternalServerError);
        }

        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            failures.Add($"{label}: {status} {Shorten(await response.Content.ReadAsStringAsync(Ct))}");
        }
        else if (status >= 400)
        {
            var type = response.Content.Headers.ContentType?.MediaType;
            var text = await response.Content.ReadAsStringAsync(Ct);
            if (type != "application/problem+json" || !HasCode(text))
            {
                failures.Add($"{label}: {status} {type} {Shorten(text)}");
            }
        }
        else if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            // A stream that started: the request was good enough; stop reading.
            response.Dispose();
        }

        return response;
    }

    private static bool HasCode(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + "…" : text;

    private static IEnumerable<Func<HttpContent>> MalformedBodies()
    {
        yield return () => Json("{");
        yield return () => Json("[]");
        yield return () => Json("\"a string\"");
        yield return () => Json("null");
        yield return () => Json("{\"prompt\": 123, \"count\": \"four\", \"colors\": {}, \"brandAssets\": [], \"html\": 5, \"style\": null}");
        yield return () => Json("{\"prompt\": \"" + new string('x', 300_000) + "\"}");
        yield return () => Json("{\"prompt\": \"\\u0000\\u0001\\u001b[31m\", \"templateId\": \"..\\/..\\/etc\", \"siteId\": \"\\u0000\", \"parentGenerationId\": \"../x\"}");
        yield return () => Json("{\"brandAssets\": {\"logo\": \"../../../../etc/passwd\", \"primaryColor\": \"#GGGGGG\"}, \"prompt\": \"x\", \"count\": 2147483648}");
        yield return () => Json(new string('[', 10_000));
        yield return () => Typed("hello", "text/plain");
        yield return () => Typed("<xml/>", "application/xml");
        yield return () => Typed("a=b&c", "application/x-www-form-urlencoded");
        yield return () => Typed("--x\r\nContent-Type: text/plain\r\n\r\nabc\r\n--x--\r\n", "multipart/form-data; boundary=x");
        yield return () => Typed("abc", "multipart/form-data");
        yield return () => Typed("\u0000\u0001", "application/json; charset=utf-32");
        yield return () => new ByteArrayContent([0xFF, 0xFE, 0x00, 0xD8]);
    }

    private static ByteArrayContent Json(string text) => Typed(text, "application/json");

    private static ByteArrayContent Typed(string text, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static HttpContent? JsonBody(ApiRoute route) => route.Method is "POST" or "PUT" ? Json("{}") : null;

    private async Task<(HttpClient Client, string Tenant)> AdminAsync()
    {
        var tenant = "fz" + Guid.NewGuid().ToString("N")[..10];
        var token = await portal.Factory.CreateTokenAsync(tenant, Roles.Admin);
        var client = portal.Factory.CreateApiClient(token, tenant);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return (client, tenant);
    }

    /// <summary>Every <c>/v1</c> route the running app maps, from its endpoint table: a new route is fuzzed without being listed here.</summary>
    private IReadOnlyList<ApiRoute> ApiRoutes()
    {
        var routes = portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new ApiRoute(m, e.RoutePattern.RawText!.TrimEnd('/'), [.. e.RoutePattern.Parameters.Select(p => p.Name)])))
            .ToList();
        Assert.True(routes.Count >= 15, $"Only {routes.Count} /v1 routes found");
        return routes;
    }

    private sealed record ApiRoute(string Method, string Pattern, IReadOnlyList<string> Parameters)
    {
        public string Fill(string tenant, string? hostileParameter = null, string? hostile = null)
        {
            var path = Pattern;
            foreach (var parameter in Parameters)
            {
                var value = parameter == "tenant_id" ? tenant : parameter == hostileParameter ? hostile! : "x-1";
                path = path.Replace("{" + parameter + "}", value, StringComparison.Ordinal);
            }

            return path.Length == 0 ? "/" : path;
        }

        public string FillTenant(string hostileTenant) => Fill(hostileTenant);
    }
}
