using System.Net;
using System.Text.Json;
using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests;

public sealed class HealthTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LivenessNeedsNoTokenAndNamesVersionAndEnvironment()
    {
        var body = JsonDocument.Parse(await portal.Factory.CreateClient().GetStringAsync("/health", Ct)).RootElement;

        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("local", body.GetProperty("environment").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", body.GetProperty("version").GetString());
    }

    [Fact]
    public async Task ReadinessChecksStoreBlobsAndDataDirectory()
    {
        var response = await portal.Factory.CreateClient().GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal(["blobs", "dataDirectory", "drain", "store"], body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task ReadinessIs503NamingTheStoreWhenItDoesNotAnswer()
    {
        // DynamoDB on a port where nothing listens: the app starts (no tables to create), but is not ready.
        await using var unreachable = new PortalFactory();
        unreachable.Settings["SiteBuilder:Storage:Provider"] = "DynamoDb";
        unreachable.Settings["SiteBuilder:Storage:DynamoDb:ServiceUrl"] = $"http://127.0.0.1:{TestSupport.LoopbackPort.GetFree()}";
        unreachable.Settings["SiteBuilder:Storage:DynamoDb:AccessKeyId"] = "test";
        unreachable.Settings["SiteBuilder:Storage:DynamoDb:SecretAccessKey"] = "test";

        var response = await unreachable.CreateClient().GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var checks = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("checks").EnumerateArray().ToList();
        var store = checks.Single(c => c.GetProperty("name").GetString() == "store");
        Assert.Equal("fail", store.GetProperty("status").GetString());
        Assert.Contains("DynamoDb", store.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
