using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Identity;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Portal.Testing.OpenApi;

namespace SiteBuilder.Portal.Tests;

/// <summary><c>/v1/ops/metrics</c> and <c>/v1/ops/alarms</c> on a real portal: ops roles only, answers as <c>openapi/observability-api.yaml</c> says.</summary>
public sealed class OpsMetricsApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static OpenApiContract Contract => OpenApiContract.Load("observability-api.yaml");

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> OpsClientAsync(string role = Roles.Operator)
    {
        var token = await portal.Factory.CreateTokenAsync("acme", role);
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task AnOperatorReadsAgentCallsRecordedByThePortalAndTheAlarmList()
    {
        var client = await OpsClientAsync();
        var marketer = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync("acme", Roles.Marketer), "acme");
        await marketer.PostAsync("/v1/agents/theme", new StringContent("""{"prompt":"A coffee shop","templateId":"ecommerce-sale"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        await portal.Factory.Services.GetRequiredService<MetricsRecorder>().FlushAsync(Ct);

        var metric = await client.GetAsync("/v1/ops/metrics?name=AgentInvocations&dimension=theme_selector&period=300", Ct);
        var alarms = await client.GetAsync("/v1/ops/alarms", Ct);

        Assert.Equal(HttpStatusCode.OK, metric.StatusCode);
        await Contract.AssertResponseAsync(metric, "GET", "/ops/metrics", Ct);
        var series = JsonDocument.Parse(await metric.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.True(series.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("value").GetDouble()) >= 1);
        Assert.Equal("Agent", series.GetProperty("dimensionName").GetString());
        Assert.Equal(HttpStatusCode.OK, alarms.StatusCode);
        await Contract.AssertResponseAsync(alarms, "GET", "/ops/alarms", Ct);
        var list = JsonDocument.Parse(await alarms.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("alarms");
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("id").GetString() == "agent-errors" && a.GetProperty("runbookUrl").GetString() == "/runbooks/troubleshooting#agent-errors");
    }

    [Fact]
    public async Task BadParametersAreValidationErrorsThatNameEachField()
    {
        var client = await OpsClientAsync(Roles.TechLead);

        var response = await client.GetAsync("/v1/ops/metrics?name=Nope&period=90&environment=mars&from=yesterday", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Contract.AssertResponseAsync(response, "GET", "/ops/metrics", Ct);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.Equal(["environment", "from", "name", "period"], errors.EnumerateObject().Select(e => e.Name).Order().ToList());
    }

    [Fact]
    public async Task AMarketerOrNoTokenIsRefused()
    {
        var marketer = await OpsClientAsync(Roles.Marketer);
        var anonymous = portal.Factory.CreateClient();

        var forbidden = await marketer.GetAsync("/v1/ops/alarms", Ct);
        var unauthorized = await anonymous.GetAsync("/v1/ops/alarms", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        await Contract.AssertResponseAsync(forbidden, "GET", "/ops/alarms", Ct);
        await Contract.AssertResponseAsync(unauthorized, "GET", "/ops/alarms", Ct);
    }
}
