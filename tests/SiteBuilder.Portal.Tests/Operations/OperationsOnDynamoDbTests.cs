using System.Net;
using System.Text.Json.Nodes;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Portal.Tests.Operations;

/// <summary>Two portal instances on one operations table in dynalite: fifty Deploy calls split between them start one deployment.</summary>
public sealed class OperationsOnDynamoDbTests(DynaliteTables tables) : IClassFixture<DynaliteTables>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OperationsPortalFactory Instance()
    {
        var portal = new OperationsPortalFactory();
        foreach (var (key, value) in tables.Emulator.Configuration(tables.Names))
        {
            portal.Settings[key] = value;
        }

        return portal;
    }

    [Fact]
    public async Task FiftyDeployCallsOverTwoPortalInstancesStartOneDeployment()
    {
        await using var first = Instance();
        await using var second = Instance();
        _ = first.Server;
        _ = second.Server;
        var api = await new OpsApiClient(first).WithPeopleAsync();
        var version = OpsApiClient.NewVersion();
        await api.RegisterAsync(version);
        var id = await api.ApprovedPromotionAsync(version, "dev", (api.TechLead, Roles.TechLead));
        var operatorOnSecond = second.CreateOpsClient((await second.Services.GetRequiredService<SiteBuilder.Identity.Tokens.LocalTokenIssuer>()
            .IssueOperationsAsync((await second.Accounts.FindAsync(api.OperatorName, Ct))!, cancellationToken: Ct)).AccessToken);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => (i % 2 == 0 ? api.Operator : operatorOnSecond).PostAsync($"/v1/ops/promotions/{id}/deploy", null, Ct), Ct)));
        var ids = new HashSet<string>();
        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, await answer.Content.ReadAsStringAsync(Ct));
            ids.Add(JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct))!["id"]!.GetValue<string>());
        }

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        var deploymentId = Assert.Single(ids);
        Assert.Equal("succeeded", (await api.FinishedAsync(deploymentId))["status"]!.GetValue<string>());
        var deployments = (await api.GetAsync(api.Operator, "/v1/ops/deployments?environment=dev"))["deployments"]!.AsArray();
        Assert.Single(deployments, d => d!["requestId"]!.GetValue<string>() == id);
    }
}
