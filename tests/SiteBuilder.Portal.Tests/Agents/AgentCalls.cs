using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using SiteBuilder.BrandAssets.Uploads;
using SiteBuilder.Portal.Testing;
using SiteBuilder.Portal.Testing.OpenApi;

namespace SiteBuilder.Portal.Tests.Agents;

/// <summary>Calls the agents and asset endpoints the way a client would, and checks what every answer must hold.</summary>
internal static class AgentCalls
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static object LogoBody(int count = 4, string style = "modern") => new
    {
        prompt = "Logo for \"Acme Coffee\", a modern roastery",
        style,
        colors = new[] { "#0066CC", "#FF6600" },
        count,
    };

    public static async Task<JsonElement> CreateAsync(HttpClient client, string agent, object body)
    {
        var response = await client.PostAsJsonAsync($"/v1/agents/{agent}", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        // Every agent answer the tests see, offline or from a Bedrock model, is also held to openapi/agents-api.yaml.
        await OpenApiContract.AssertResponseAsync("agents-api.yaml", response, "POST", $"/agents/{agent}", Ct);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// The done-when of issue 5 for one agent answer: distinct ids, each url fetches an image of the declared content type,
    /// each preview decodes to an image. Returns the fetched bytes by id.
    /// </summary>
    public static async Task<Dictionary<string, byte[]>> AssertImagesAsync(HttpClient client, JsonElement answer, string type, int count)
    {
        Assert.Equal(type, answer.GetProperty("type").GetString());
        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(count, results.Count);
        Assert.Equal(count, results.Select(r => r.GetProperty("id").GetString()).Distinct().Count());

        var fetched = new Dictionary<string, byte[]>();
        foreach (var result in results)
        {
            var declared = result.GetProperty("contentType").GetString()!;
            var url = new Uri(result.GetProperty("url").GetString()!);
            Assert.Equal($"/v1/assets/{result.GetProperty("id").GetString()}/content", url.AbsolutePath);

            var response = await client.GetAsync(url.PathAndQuery, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(declared, response.Content.Headers.ContentType?.MediaType);
            AssertServedAsAnImage(response);
            var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
            Assert.Equal(declared, AssetContent.Sniff(bytes).ContentType());

            var preview = result.GetProperty("preview").GetString()!;
            var comma = preview.IndexOf(',', StringComparison.Ordinal);
            Assert.StartsWith("data:image/", preview, StringComparison.Ordinal);
            Assert.EndsWith(";base64", preview[..comma], StringComparison.Ordinal);
            var previewBytes = Convert.FromBase64String(preview[(comma + 1)..]);
            var previewType = AssetContent.Sniff(previewBytes);
            Assert.Equal(preview["data:".Length..preview.IndexOf(';', StringComparison.Ordinal)], previewType.ContentType());
            if (previewType != AssetType.Svg)
            {
                Assert.True(AssetContent.ReadSize(previewBytes) is { Width: <= 256, Height: <= 256 }, "A raster preview fits 256 px.");
            }

            fetched[result.GetProperty("id").GetString()!] = bytes;
        }

        Assert.Equal(count, fetched.Values.Select(Convert.ToBase64String).Distinct().Count());
        return fetched;
    }

    /// <summary>Served bytes stay an image: the declared type, no sniffing, and a policy that runs nothing.</summary>
    public static void AssertServedAsAnImage(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("sandbox", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
    }

    public static MultipartFormDataContent Form(byte[] content, string fileName, string contentType = "image/png")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    /// <summary>A browser-like client signed in to the portal with a cookie (the sign-in form, with its antiforgery token).</summary>
    public static async Task<HttpClient> SignInAsync(PortalFactory factory, string userName, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync("/account/login", Ct)).QuerySelector("form.account-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.Add(new("Input.UserName", userName));
        fields.Add(new("Input.Password", password));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
