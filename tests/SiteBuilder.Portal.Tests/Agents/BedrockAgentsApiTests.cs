using System.Net;
using System.Net.Http.Json;
using Amazon.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.BrandAssets;
using SiteBuilder.BrandAssets.Images.Bedrock;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing;
using SiteBuilder.Portal.Testing.OpenApi;
using SiteBuilder.TestSupport.FakeBedrockImages;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Agents;

/// <summary>The portal with <c>SiteBuilder:Images:Provider=Bedrock</c>, pointed at a local fake that verifies SigV4 for real.</summary>
internal sealed class BedrockPortalFactory(Uri endpoint, string modelId, AWSCredentials credentials) : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Settings["SiteBuilder:Images:Provider"] = "bedrock";
        Settings["SiteBuilder:Images:Bedrock:ModelId"] = modelId;
        Settings["SiteBuilder:Images:Bedrock:Region"] = FakeBedrockImageEndpoint.Region;
        Settings["SiteBuilder:Images:Bedrock:Endpoint"] = endpoint.ToString();
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddKeyedSingleton(BrandAssetsServiceCollectionExtensions.BedrockCredentialsKey, credentials));
    }
}

public sealed class BedrockAgentsApiTests : IAsyncLifetime
{
    private FakeBedrockImageEndpoint _fake = default!;
    private BedrockPortalFactory _stability = default!;
    private BedrockPortalFactory _nova = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OpenApiContract AgentsContract => OpenApiContract.Load("agents-api.yaml");

    public async ValueTask InitializeAsync()
    {
        _fake = await FakeBedrockImageEndpoint.StartAsync(Ct);
        // Temporary keys, as an ECS task role has: the session token must travel and be signed.
        _stability = new BedrockPortalFactory(_fake.BaseAddress, BedrockImageModel.StableImageCore, FakeBedrockImageEndpoint.SessionCredentials);
        _nova = new BedrockPortalFactory(_fake.BaseAddress, BedrockImageModel.NovaCanvas, FakeBedrockImageEndpoint.Credentials);
    }

    public async ValueTask DisposeAsync()
    {
        await _stability.DisposeAsync();
        await _nova.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private static async Task<HttpClient> MarketerAsync(PortalFactory factory, string tenant = "acme") =>
        factory.CreateApiClient(await factory.CreateTokenAsync(tenant, Roles.Marketer), tenant);

    [Fact]
    public async Task FourStabilityLogosAreFourSignedCallsWithTheSessionTokenInStabilitysBodyShape()
    {
        var client = await MarketerAsync(_stability);

        var answer = await AgentCalls.CreateAsync(client, "logo", AgentCalls.LogoBody(count: 4));

        var images = await AgentCalls.AssertImagesAsync(client, answer, "logo", 4);
        Assert.All(images.Values, bytes => Assert.Equal(0x89, bytes[0]));
        Assert.All(answer.GetProperty("results").EnumerateArray(), r => Assert.StartsWith("data:image/jpeg;base64,", r.GetProperty("preview").GetString(), StringComparison.Ordinal));

        var calls = _fake.Requests.Where(r => r.ModelId == BedrockImageModel.StableImageCore).ToList();
        Assert.Equal(4, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.True(call.SignatureValid, call.SignatureError);
            Assert.Equal(200, call.Status);
            Assert.Equal("/model/stability.stable-image-core-v1%3A1/invoke", call.RawTarget);
            Assert.Equal(FakeBedrockImageEndpoint.SessionToken, call.Header("x-amz-security-token"));
            Assert.Contains("x-amz-security-token", call.SignedHeaders);
            Assert.Equal(["aspect_ratio", "negative_prompt", "output_format", "prompt", "seed"], call.Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal("1:1", call.Json.GetProperty("aspect_ratio").GetString());
            Assert.Contains("Acme Coffee", call.Json.GetProperty("prompt").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal(4, calls.Select(c => c.Json.GetProperty("seed").GetInt64()).Distinct().Count());
    }

    [Fact]
    public async Task NovaCanvasBackgroundsAreOneSignedCallWithoutASessionTokenForLongLivedKeys()
    {
        var client = await MarketerAsync(_nova);
        var before = _fake.Requests.Count(r => r.ModelId == BedrockImageModel.NovaCanvas);

        var answer = await AgentCalls.CreateAsync(client, "background", new { prompt = "Summer sale hero", colors = new[] { "#E11D48" }, count = 3, aspectRatio = "16:9" });

        await AgentCalls.AssertImagesAsync(client, answer, "background", 3);
        var call = Assert.Single(_fake.Requests.Where(r => r.ModelId == BedrockImageModel.NovaCanvas).Skip(before));
        Assert.True(call.SignatureValid, call.SignatureError);
        Assert.Null(call.Header("x-amz-security-token"));
        Assert.Equal("TEXT_IMAGE", call.Json.GetProperty("taskType").GetString());
        var config = call.Json.GetProperty("imageGenerationConfig");
        Assert.Equal(3, config.GetProperty("numberOfImages").GetInt32());
        Assert.Equal(0, config.GetProperty("width").GetInt32() % 16);
        Assert.True(config.GetProperty("width").GetInt32() > config.GetProperty("height").GetInt32());
    }

    [Theory]
    [InlineData(FakeImageReply.Throttled)]
    [InlineData(FakeImageReply.Unavailable)]
    public async Task ABusyOrUnavailableModelIsServiceUnavailableWithRetryAfter(FakeImageReply reply)
    {
        await using var fake = await FakeBedrockImageEndpoint.StartAsync(Ct);
        fake.Reply = reply;
        await using var factory = new BedrockPortalFactory(fake.BaseAddress, BedrockImageModel.StableImageCore, FakeBedrockImageEndpoint.Credentials);
        var client = await MarketerAsync(factory);

        var response = await client.PostAsJsonAsync("/v1/agents/logo", AgentCalls.LogoBody(1), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        await AgentsContract.AssertResponseAsync(response, "POST", "/agents/logo", Ct);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.DoesNotContain("Exception", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FakeImageReply.ContentFilteredRequest, BedrockImageModel.StableImageCore)]
    [InlineData(FakeImageReply.FilteredOutput, BedrockImageModel.StableImageCore)]
    [InlineData(FakeImageReply.FilteredOutput, BedrockImageModel.NovaCanvas)]
    public async Task AContentFilterAnswerIsAValidationErrorAMarketerUnderstands(FakeImageReply reply, string modelId)
    {
        await using var fake = await FakeBedrockImageEndpoint.StartAsync(Ct);
        fake.Reply = reply;
        await using var factory = new BedrockPortalFactory(fake.BaseAddress, modelId, FakeBedrockImageEndpoint.Credentials);
        var client = await MarketerAsync(factory);

        var response = await client.PostAsJsonAsync("/v1/agents/logo", AgentCalls.LogoBody(2), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AgentsContract.AssertResponseAsync(response, "POST", "/agents/logo", Ct);
        var message = problem.GetProperty("errors").GetProperty("prompt")[0].GetString()!;
        Assert.Contains("content filter", message, StringComparison.Ordinal);
        Assert.Contains("Try describing the logo", message, StringComparison.Ordinal);
        Assert.DoesNotContain("ValidationException", message, StringComparison.Ordinal);
        Assert.Equal(0, (await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/assets", Ct)).GetProperty("assets").GetArrayLength());
    }

    [Fact]
    public async Task KeysBedrockRefusesAreAGenerationFailure()
    {
        await using var factory = new BedrockPortalFactory(_fake.BaseAddress, BedrockImageModel.StableImageCore,
            new BasicAWSCredentials(FakeBedrockImageEndpoint.AccessKeyId, "not-the-secret"));
        var client = await MarketerAsync(factory);

        var response = await client.PostAsJsonAsync("/v1/agents/logo", AgentCalls.LogoBody(1), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.InternalServerError, "GENERATION_FAILED");
        await AgentsContract.AssertResponseAsync(response, "POST", "/agents/logo", Ct);
        Assert.DoesNotContain("Signature", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SiteBuilder__Images__Provider", "Midjourney", "SiteBuilder:Images:Provider")]
    [InlineData("SiteBuilder__Images__Bedrock__ModelId", "openai.dall-e-3", "SiteBuilder:Images:Bedrock:ModelId")]
    [InlineData("SiteBuilder__Images__Bedrock__Region", "Oregon", "SiteBuilder:Images:Bedrock:Region")]
    [InlineData("SiteBuilder__Images__Bedrock__Endpoint", "http://bedrock.example.com", "SiteBuilder:Images:Bedrock:Endpoint")]
    public async Task ABadImageSettingStopsTheStartNamingTheKey(string variable, string value, string key)
    {
        var directory = Directory.CreateTempSubdirectory("sitebuilder-config-").FullName;
        try
        {
            var result = await PortalProcess.RunAsync(["--urls", "http://127.0.0.1:0"],
                new Dictionary<string, string> { ["SiteBuilder__Images__Provider"] = "Bedrock", [variable] = value, ["SiteBuilder__DataDirectory"] = directory },
                directory, TimeSpan.FromSeconds(60), Ct);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(key, result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
