using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SiteBuilder.Identity;
using SiteBuilder.TestSupport.FakeBedrockImages;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Agents;

/// <summary>The brand asset store and brand kit on <c>/v1</c>, and the portal's cookie-authorized image route.</summary>
public sealed class AssetsApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string ScriptSvg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"><rect width=\"40\" height=\"40\" fill=\"#0066CC\"/><script>fetch('/v1/me')</script></svg>";

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..10];

    private async Task<HttpClient> MarketerAsync(string tenant) =>
        portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, Roles.Marketer), tenant);

    [Fact]
    public async Task AMultipartUploadIsStoredAndServedAsItsSniffedType()
    {
        var client = await MarketerAsync(NewTenant());
        var png = TinyPng.Solid(320, 160, 0, 102, 204);

        // The declared type and name say JPEG; the bytes are a PNG, and the bytes win.
        var response = await client.PostAsync("/v1/assets", AgentCalls.Form(png, "brand.jpg", "image/jpeg"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var asset = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("upload", asset.GetProperty("kind").GetString());
        Assert.Equal("image/png", asset.GetProperty("contentType").GetString());
        Assert.Equal((320, 160), (asset.GetProperty("width").GetInt32(), asset.GetProperty("height").GetInt32()));
        Assert.Equal(png.Length, asset.GetProperty("size").GetInt64());
        Assert.Equal("brand.jpg", asset.GetProperty("description").GetString());
        Assert.Equal($"/v1/assets/{asset.GetProperty("id").GetString()}", response.Headers.Location!.OriginalString);

        var content = await client.GetAsync(new Uri(asset.GetProperty("url").GetString()!).PathAndQuery, Ct);
        Assert.Equal("image/png", content.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await content.Content.ReadAsByteArrayAsync(Ct));
        AgentCalls.AssertServedAsAnImage(content);
    }

    [Fact]
    public async Task ARawBodyUploadWorksWithCurlsDefaultContentType()
    {
        var client = await MarketerAsync(NewTenant());
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 40\"><rect width=\"120\" height=\"40\" fill=\"#FF6600\"/></svg>";
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(svg));
        body.Headers.ContentType = new("application/x-www-form-urlencoded");

        var response = await client.PostAsync("/v1/assets?fileName=wordmark.svg", body, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var asset = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("image/svg+xml", "wordmark.svg"), (asset.GetProperty("contentType").GetString(), asset.GetProperty("description").GetString()));
        Assert.Equal((120, 40), (asset.GetProperty("width").GetInt32(), asset.GetProperty("height").GetInt32()));
    }

    public static TheoryData<string, byte[], string, string> Refused() => new()
    {
        { "a 3 MB upload", [.. TinyPng.Solid(4, 4, 1, 2, 3), .. new byte[3 * 1024 * 1024]], "big.png", "larger than 2 MB" },
        { "an executable renamed .png", [.. "MZ"u8.ToArray(), 0x90, 0x00, .. "This program cannot be run in DOS mode."u8.ToArray()], "logo.png", "is a program, not an image" },
        { "an SVG carrying a script", Encoding.UTF8.GetBytes(ScriptSvg), "logo.svg", "contains a <script> element" },
        { "a text file", "hello"u8.ToArray(), "logo.png", "not supported" },
        { "a tiny PNG declaring 30000 × 30000 pixels", TinyPng.Declaring(30000, 30000), "huge.png", "the limit is 25 megapixels" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ARefusedUploadGetsAClear400AndNothingIsStored(string what, byte[] content, string fileName, string message)
    {
        var tenant = NewTenant();
        var client = await MarketerAsync(tenant);

        var multipart = await client.PostAsync("/v1/assets", AgentCalls.Form(content, fileName), Ct);
        var raw = await client.PostAsync($"/v1/assets?fileName={fileName}", new ByteArrayContent(content), Ct);

        foreach (var response in new[] { multipart, raw })
        {
            var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(problem.GetProperty("errors").GetProperty("file")[0].GetString()!.Contains(message, StringComparison.Ordinal), $"{what}: {problem}");
        }

        var listed = await client.GetFromJsonAsync<JsonElement>("/v1/assets", Ct);
        Assert.Equal(0, listed.GetProperty("assets").GetArrayLength());
        var tenantFolder = Path.Combine(portal.Factory.DataDirectory, "blobs", "assets", tenant);
        Assert.False(Directory.Exists(tenantFolder) && Directory.EnumerateFiles(tenantFolder, "*", SearchOption.AllDirectories).Any(), $"{what}: something reached storage");
    }

    [Fact]
    public async Task NoScriptReachesStorageThroughAnyPath()
    {
        var tenant = NewTenant();
        var client = await MarketerAsync(tenant);
        await client.PostAsync("/v1/assets", AgentCalls.Form(Encoding.UTF8.GetBytes(ScriptSvg), "x.svg", "image/svg+xml"), Ct);
        await AgentCalls.CreateAsync(client, "logo", AgentCalls.LogoBody(4));
        await AgentCalls.CreateAsync(client, "background", new { prompt = "Hero", colors = new[] { "#0066CC" }, count = 4 });

        var files = Directory.EnumerateFiles(Path.Combine(portal.Factory.DataDirectory, "blobs", "assets", tenant), "*", SearchOption.AllDirectories).ToList();

        Assert.Equal(8, files.Count);
        Assert.All(files, f => Assert.DoesNotContain("<script", File.ReadAllText(f), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AnotherTenantGets404ForAnAssetThroughTheApiAndTheUrls()
    {
        var acme = await MarketerAsync(NewTenant());
        var globexTenant = NewTenant();
        var globex = await MarketerAsync(globexTenant);
        var answer = await AgentCalls.CreateAsync(acme, "logo", AgentCalls.LogoBody(1));
        var result = answer.GetProperty("results")[0];
        var id = result.GetProperty("id").GetString()!;
        var url = new Uri(result.GetProperty("url").GetString()!).PathAndQuery;

        await AssertProblemAsync(await globex.GetAsync(url, Ct), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await globex.GetAsync($"/v1/assets/{id}", Ct), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await globex.DeleteAsync($"/v1/assets/{id}", Ct), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await globex.PutAsJsonAsync("/v1/brand-kit", new { logoAssetId = id }, Ct), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(0, (await globex.GetFromJsonAsync<JsonElement>("/v1/assets", Ct)).GetProperty("assets").GetArrayLength());

        // The owner still has it: the refusals above changed nothing.
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync(url, Ct)).StatusCode);
    }

    [Fact]
    public async Task TheUrlAloneDoesNotOpenAnAsset()
    {
        var tenant = NewTenant();
        var answer = await AgentCalls.CreateAsync(await MarketerAsync(tenant), "logo", AgentCalls.LogoBody(1));
        var url = new Uri(answer.GetProperty("results")[0].GetProperty("url").GetString()!).PathAndQuery;

        var anonymous = portal.Factory.CreateClient();
        anonymous.DefaultRequestHeaders.Add("X-Tenant-Id", tenant);

        await AssertProblemAsync(await anonymous.GetAsync(url, Ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task ThePortalImageRouteServesOnlyTheSignedInUsersTenants()
    {
        var (acmeTenant, globexTenant) = (NewTenant(), NewTenant());
        var answer = await AgentCalls.CreateAsync(await MarketerAsync(acmeTenant), "logo", AgentCalls.LogoBody(1));
        var id = answer.GetProperty("results")[0].GetProperty("id").GetString()!;
        var (insider, insiderPassword) = await portal.Factory.CreateUserAsync([Roles.Marketer], [acmeTenant]);
        var (outsider, outsiderPassword) = await portal.Factory.CreateUserAsync([Roles.Marketer], [globexTenant]);
        var (operatorAccount, operatorPassword) = await portal.Factory.CreateUserAsync([Roles.Operator], [acmeTenant]);
        var (admin, adminPassword) = await portal.Factory.CreateUserAsync([Roles.Admin], []);

        var own = await (await AgentCalls.SignInAsync(portal.Factory, insider.UserName, insiderPassword)).GetAsync($"/assets/{acmeTenant}/{id}/content", Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("image/svg+xml", own.Content.Headers.ContentType?.MediaType);
        AgentCalls.AssertServedAsAnImage(own);

        var outsiderClient = await AgentCalls.SignInAsync(portal.Factory, outsider.UserName, outsiderPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderClient.GetAsync($"/assets/{acmeTenant}/{id}/content", Ct)).StatusCode);
        // Naming their own tenant in the URL does not help: the record is keyed by the owner.
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderClient.GetAsync($"/assets/{globexTenant}/{id}/content", Ct)).StatusCode);

        var operatorClient = await AgentCalls.SignInAsync(portal.Factory, operatorAccount.UserName, operatorPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"/assets/{acmeTenant}/{id}/content", Ct)).StatusCode);

        var adminClient = await AgentCalls.SignInAsync(portal.Factory, admin.UserName, adminPassword);
        Assert.Equal(HttpStatusCode.OK, (await adminClient.GetAsync($"/assets/{acmeTenant}/{id}/content", Ct)).StatusCode);

        var anonymous = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var signedOut = await anonymous.GetAsync($"/assets/{acmeTenant}/{id}/content", Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/account/login", signedOut.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListingFiltersByKindAndRejectsAnUnknownKind()
    {
        var client = await MarketerAsync(NewTenant());
        await AgentCalls.CreateAsync(client, "logo", AgentCalls.LogoBody(2));
        await AgentCalls.CreateAsync(client, "background", new { prompt = "Hero", colors = new[] { "#0066CC" }, count = 1 });
        await client.PostAsync("/v1/assets", AgentCalls.Form(TinyPng.Solid(8, 8, 1, 2, 3), "a.png"), Ct);

        async Task<List<string?>> KindsAsync(string query) =>
            [.. (await client.GetFromJsonAsync<JsonElement>($"/v1/assets{query}", Ct)).GetProperty("assets").EnumerateArray().Select(a => a.GetProperty("kind").GetString())];

        Assert.Equal(["background", "logo", "logo", "upload"], (await KindsAsync("")).Order());
        Assert.Equal(["logo", "logo"], await KindsAsync("?kind=logo"));
        Assert.Equal(["upload"], await KindsAsync("?kind=upload"));
        await AssertProblemAsync(await client.GetAsync("/v1/assets?kind=font", Ct), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task DeletingAnAssetRemovesItAndItsBrandKitUse()
    {
        var client = await MarketerAsync(NewTenant());
        var id = (await AgentCalls.CreateAsync(client, "logo", AgentCalls.LogoBody(1))).GetProperty("results")[0].GetProperty("id").GetString();
        (await client.PutAsJsonAsync("/v1/brand-kit", new { brandName = "Acme", primaryColor = "#0066CC", logoAssetId = id }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/assets/{id}", Ct)).StatusCode);

        await AssertProblemAsync(await client.GetAsync($"/v1/assets/{id}/content", Ct), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await client.DeleteAsync($"/v1/assets/{id}", Ct), HttpStatusCode.NotFound, "NOT_FOUND");
        var kit = await client.GetFromJsonAsync<JsonElement>("/v1/brand-kit", Ct);
        Assert.Equal(JsonValueKind.Null, kit.GetProperty("logoAssetId").ValueKind);
        Assert.Equal("Acme", kit.GetProperty("brandName").GetString());
    }

    [Fact]
    public async Task TheBrandKitIsSavedAndReadBackWithItsLogoUrl()
    {
        var tenant = NewTenant();
        var client = await MarketerAsync(tenant);
        Assert.Equal(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>("/v1/brand-kit", Ct)).GetProperty("updatedAt").ValueKind);
        var id = (await AgentCalls.CreateAsync(client, "logo", AgentCalls.LogoBody(1))).GetProperty("results")[0].GetProperty("id").GetString();

        var saved = await client.PutAsJsonAsync("/v1/brand-kit", new { brandName = "Acme Coffee", primaryColor = "#0066cc", secondaryColor = "#FF6600", logoAssetId = id }, Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var kit = await client.GetFromJsonAsync<JsonElement>("/v1/brand-kit", Ct);
        Assert.Equal(("Acme Coffee", "#0066CC", "#FF6600", id), (kit.GetProperty("brandName").GetString(), kit.GetProperty("primaryColor").GetString(),
            kit.GetProperty("secondaryColor").GetString(), kit.GetProperty("logoAssetId").GetString()));
        var logo = await client.GetAsync(new Uri(kit.GetProperty("logoUrl").GetString()!).PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
    }

    [Fact]
    public async Task ABrandKitWithBadColoursIsRefusedByField()
    {
        var client = await MarketerAsync(NewTenant());

        var response = await client.PutAsJsonAsync("/v1/brand-kit", new { primaryColor = "blue", secondaryColor = "#12345G" }, Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(["primaryColor", "secondaryColor"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }
}
