using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing;
using SiteBuilder.Portal.Testing.OpenApi;

namespace SiteBuilder.Portal.Tests.Operations;

/// <summary>The steps a team takes through <c>/v1/ops</c>, each answer checked against <c>openapi/operations-api.yaml</c>.</summary>
internal sealed class OpsApiClient(OperationsPortalFactory portal)
{
    public static OpenApiContract Contract => OpenApiContract.Load("operations-api.yaml");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Operator { get; private set; } = null!;
    public HttpClient TechLead { get; private set; } = null!;
    public HttpClient DevOpsLead { get; private set; } = null!;
    public HttpClient ProductOwner { get; private set; } = null!;
    public string OperatorName { get; private set; } = "";

    public async Task<OpsApiClient> WithPeopleAsync()
    {
        var (op, opToken) = await portal.CreateOpsUserAsync("Olga Operator", Roles.Operator);
        OperatorName = op.UserName;
        Operator = portal.CreateOpsClient(opToken);
        TechLead = portal.CreateOpsClient((await portal.CreateOpsUserAsync("Tom TechLead", Roles.TechLead)).Token);
        DevOpsLead = portal.CreateOpsClient((await portal.CreateOpsUserAsync("Dora DevOps", Roles.DevOpsLead)).Token);
        ProductOwner = portal.CreateOpsClient((await portal.CreateOpsUserAsync("Paul Product", Roles.ProductOwner)).Token);
        return this;
    }

    public static string NewVersion() => $"1.{RandomNumberGenerator.GetInt32(1000)}.{RandomNumberGenerator.GetInt32(100000)}";

    public static object ReleaseBody(string version) => new
    {
        version,
        commit = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)),
        imageDigest = "sha256:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
        terraformCommit = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
        notes = $"Release {version}: faster checkout",
        evidence = new { testsPassed = true, coveragePercent = 88.5, reviewApproved = true, links = new[] { "https://ci.example.com/runs/1" } },
    };

    public async Task<JsonObject> SendAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        await Contract.AssertResponseAsync(response, Ct);
        return JsonNode.Parse(text) as JsonObject ?? [];
    }

    public Task<JsonObject> PostAsync(HttpClient client, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(client, HttpMethod.Post, path, body ?? new { }, expected);

    public Task<JsonObject> GetAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(client, HttpMethod.Get, path, null, expected);

    public Task RegisterAsync(string version) => PostAsync(Operator, "/v1/ops/releases", ReleaseBody(version), HttpStatusCode.Created);

    /// <summary>Requests a promotion, ticks its checklist as the Operator, and has <paramref name="approvers"/> sign it.</summary>
    public async Task<string> ApprovedPromotionAsync(string version, string target, params (HttpClient Client, string Role)[] approvers)
    {
        var created = await PostAsync(Operator, "/v1/ops/promotions", new { version, target }, HttpStatusCode.Created);
        var id = created["request"]!["id"]!.GetValue<string>();
        foreach (var check in created["checklist"]!.AsArray())
        {
            await PostAsync(Operator, $"/v1/ops/promotions/{id}/checks/{check!["key"]}", new { evidence = "https://evidence.example.com/" + check["key"] });
        }

        foreach (var (client, role) in approvers)
        {
            await PostAsync(client, $"/v1/ops/promotions/{id}/approvals", new { role, comment = $"{role} ok" });
        }

        return id;
    }

    /// <summary>Polls the deployment until it has finished.</summary>
    public async Task<JsonObject> FinishedAsync(string deploymentId)
    {
        for (var i = 0; i < 300; i++)
        {
            var deployment = await GetAsync(Operator, $"/v1/ops/deployments/{deploymentId}");
            if (deployment["status"]!.GetValue<string>() is "succeeded" or "failed")
            {
                return deployment;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"Deployment {deploymentId} did not finish in 30 s.");
    }

    public async Task<JsonObject> LiveInDevAsync(string version)
    {
        var id = await ApprovedPromotionAsync(version, "dev", (TechLead, Roles.TechLead));
        var deployment = await PostAsync(Operator, $"/v1/ops/promotions/{id}/deploy", null, HttpStatusCode.Accepted);
        return await FinishedAsync(deployment["id"]!.GetValue<string>());
    }

    public async Task<string> AuditJsonAsync() =>
        JsonSerializer.Serialize(await GetAsync(Operator, "/v1/ops/audit"));
}
