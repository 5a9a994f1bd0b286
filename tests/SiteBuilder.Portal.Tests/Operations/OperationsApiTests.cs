using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests.Operations;

/// <summary><c>/v1/ops</c> end to end on the embedded portal: the local demo's environments are this portal.</summary>
public sealed class OperationsApiTests : IAsyncLifetime
{
    private readonly OperationsPortalFactory _portal = new();
    private OpsApiClient _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _ = _portal.Server;
        _api = await new OpsApiClient(_portal).WithPeopleAsync();
    }

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task AnOperatorsDevToSitPromotionIsSignedByTwoOthersDeployedOnceAndShownLiveWithItsAuditTrail()
    {
        var version = OpsApiClient.NewVersion();
        await _api.RegisterAsync(version);
        Assert.Equal("succeeded", (await _api.LiveInDevAsync(version))["status"]!.GetValue<string>());

        var created = await _api.PostAsync(_api.Operator, "/v1/ops/promotions", new { version, target = "sit" }, HttpStatusCode.Created);
        var id = created["request"]!["id"]!.GetValue<string>();
        Assert.Equal("dev", created["request"]!["source"]!.GetValue<string>());
        foreach (var check in created["checklist"]!.AsArray())
        {
            await _api.PostAsync(_api.Operator, $"/v1/ops/promotions/{id}/checks/{check!["key"]}", new { evidence = "CR-1234" });
        }

        var own = await _api.PostAsync(_api.Operator, $"/v1/ops/promotions/{id}/approvals", new { role = "TechLead" }, HttpStatusCode.Forbidden);
        var early = await _api.PostAsync(_api.Operator, $"/v1/ops/promotions/{id}/deploy", null, HttpStatusCode.Conflict);
        await _api.PostAsync(_api.TechLead, $"/v1/ops/promotions/{id}/approvals", new { role = "TechLead", comment = "tests green" });
        var twice = await _api.PostAsync(_api.TechLead, $"/v1/ops/promotions/{id}/approvals", new { role = "DevOpsLead" }, HttpStatusCode.Forbidden);
        var ready = await _api.PostAsync(_api.DevOpsLead, $"/v1/ops/promotions/{id}/approvals", new { role = "DevOpsLead", comment = "capacity fine" });
        var started = await _api.PostAsync(_api.Operator, $"/v1/ops/promotions/{id}/deploy", null, HttpStatusCode.Accepted);
        var again = await _api.PostAsync(_api.Operator, $"/v1/ops/promotions/{id}/deploy", null);
        var finished = await _api.FinishedAsync(started["id"]!.GetValue<string>());
        var board = await _api.GetAsync(_api.Operator, "/v1/ops/environments");

        Assert.Equal("FORBIDDEN", own["code"]!.GetValue<string>());
        Assert.Contains("someone else must sign", own["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("GATE_NOT_MET", early["code"]!.GetValue<string>());
        Assert.Equal(["TechLead sign-off", "DevOpsLead sign-off"], early["missing"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("FORBIDDEN", twice["code"]!.GetValue<string>());
        Assert.True(ready["gate"]!["isMet"]!.GetValue<bool>());
        Assert.Equal(started["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());
        Assert.Equal("succeeded", finished["status"]!.GetValue<string>());
        Assert.All(finished["verification"]!.AsArray(), v => Assert.True(v!["passed"]!.GetValue<bool>(), v["detail"]!.GetValue<string>()));
        Assert.True(board["localDemo"]!.GetValue<bool>());
        var sit = board["environments"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "sit")!;
        Assert.Equal(version, sit["live"]!["version"]!.GetValue<string>());
        Assert.Equal(_api.OperatorName, sit["live"]!["by"]!.GetValue<string>());
        Assert.True(sit["health"]!["passed"]!.GetValue<bool>());

        var audit = (await _api.GetAsync(_api.Operator, "/v1/ops/audit?environment=sit"))["entries"]!.AsArray();
        Assert.Equal(
            ["promotion.requested", "promotion.check_ticked", "promotion.check_ticked", "promotion.check_ticked", "promotion.approved", "promotion.approved", "deployment.queued", "deployment.succeeded"],
            audit.Select(e => e!["action"]!.GetValue<string>()));
        using var csvResponse = await _api.Operator.GetAsync("/v1/ops/audit?environment=sit&format=csv", Ct);
        await OpsApiClient.Contract.AssertResponseAsync(csvResponse, Ct);
        var rows = (await csvResponse.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at,actor,actor_name,action,environment,subject,detail,id", rows[0]);
        Assert.Equal(audit.Select(e => e!["id"]!.GetValue<string>()), rows.Skip(1).Select(r => r[(r.LastIndexOf(',') + 1)..]));
        Assert.Equal("attachment; filename=\"operations-audit.csv\"", csvResponse.Content.Headers.ContentDisposition?.ToString());
    }

    [Fact]
    public async Task FiftyConcurrentDeployCallsAnswerOneDeploymentAndASecondPromotionWhileItRunsIsAConflict()
    {
        var version = OpsApiClient.NewVersion();
        var other = OpsApiClient.NewVersion();
        await _api.RegisterAsync(version);
        await _api.RegisterAsync(other);
        var first = await _api.ApprovedPromotionAsync(version, "dev", (_api.TechLead, Roles.TechLead));
        var second = await _api.ApprovedPromotionAsync(other, "dev", (_api.TechLead, Roles.TechLead));

        _portal.HoldVerification();
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => _api.Operator.PostAsync($"/v1/ops/promotions/{first}/deploy", null, Ct), Ct)));
        var conflict = await _api.PostAsync(_api.Operator, $"/v1/ops/promotions/{second}/deploy", null, HttpStatusCode.Conflict);
        _portal.ReleaseVerification();

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK }));
        var ids = new HashSet<string>();
        foreach (var answer in answers)
        {
            ids.Add(JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct))!["id"]!.GetValue<string>());
        }

        var deploymentId = Assert.Single(ids);
        Assert.Equal("CONFLICT", conflict["code"]!.GetValue<string>());
        Assert.Contains(deploymentId, conflict["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await _api.FinishedAsync(deploymentId);
        var devDeployments = (await _api.GetAsync(_api.Operator, "/v1/ops/deployments?environment=dev"))["deployments"]!.AsArray();
        Assert.Single(devDeployments, d => d!["requestId"]!.GetValue<string>() == first);
    }

    [Fact]
    public async Task BadInputGetsAClearProblemAndLeavesTheAuditLogUnchanged()
    {
        var version = OpsApiClient.NewVersion();
        await _api.RegisterAsync(version);
        await _api.LiveInDevAsync(version);
        var before = await _api.AuditJsonAsync();

        var cases = new (string Path, object Body, HttpStatusCode Status, string Code, string Says)[]
        {
            ("/v1/ops/promotions", new { version, target = "qa" }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "'qa' is not an environment"),
            ("/v1/ops/promotions", new { version, target = "dev", source = "sit" }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "DEV is the first stage"),
            ("/v1/ops/promotions", new { version, target = "prod", source = "dev" }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "PROD is promoted from SIT only"),
            ("/v1/ops/promotions", new { version, target = "prod" }, HttpStatusCode.Conflict, "CONFLICT", "promote it to SIT first"),
            ("/v1/ops/promotions", new { version = "9.9.9-nope", target = "dev" }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "No release '9.9.9-nope'"),
            ("/v1/ops/releases", OpsApiClient.ReleaseBody(version), HttpStatusCode.Conflict, "CONFLICT", "already registered"),
            ("/v1/ops/releases", new { version = "", commit = "xyz" }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "The commit is a git SHA"),
            ("/v1/ops/rollbacks", new { environment = "dev", type = "sideways", target = "previous", reason = "errors up" }, HttpStatusCode.BadRequest, "VALIDATION_ERROR", "not a rollback type"),
        };

        foreach (var (path, body, status, code, says) in cases)
        {
            var problem = await _api.PostAsync(_api.Operator, path, body, status);
            Assert.Equal(code, problem["code"]!.GetValue<string>());
            Assert.Contains(says, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(before, await _api.AuditJsonAsync());
        }
    }

    [Fact]
    public async Task AnExpiredSignOffIsRefusedByNameAndNothingIsDeployedOrAudited()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new OperationsPortalFactory { TestServices = s => s.AddSingleton<TimeProvider>(clock) };
        _ = portal.Server;
        var api = await new OpsApiClient(portal).WithPeopleAsync();
        var version = OpsApiClient.NewVersion();
        await api.RegisterAsync(version);
        var id = await api.ApprovedPromotionAsync(version, "dev", (api.TechLead, Roles.TechLead));
        var before = await api.AuditJsonAsync();

        clock.Advance(TimeSpan.FromHours(24));
        var expired = await api.PostAsync(api.Operator, $"/v1/ops/promotions/{id}/deploy", null, HttpStatusCode.Conflict);

        Assert.Equal("GATE_NOT_MET", expired["code"]!.GetValue<string>());
        Assert.StartsWith("TechLead sign-off (the one by Tom TechLead expired at", expired["missing"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await api.AuditJsonAsync());
        Assert.Empty((await api.GetAsync(api.Operator, "/v1/ops/deployments"))["deployments"]!.AsArray());
    }

    [Fact]
    public async Task OnlyOperationsRolesReachTheOperationsApiAndOperationsTokensReachNoTenant()
    {
        var marketer = await _portal.CreateTokenAsync("acme", Roles.Marketer);
        var (_, opsToken) = await _portal.CreateOpsUserAsync("Olga Two", Roles.Operator);
        var anonymous = _portal.CreateClient();
        var marketerClient = _portal.CreateOpsClient(marketer);

        var noToken = await _api.GetAsync(anonymous, "/v1/ops/environments", HttpStatusCode.Unauthorized);
        var notOps = await _api.GetAsync(marketerClient, "/v1/ops/environments", HttpStatusCode.Forbidden);
        var ownerCannotRequest = await _api.PostAsync(_api.ProductOwner, "/v1/ops/promotions", new { version = "1.0.0", target = "dev" }, HttpStatusCode.Forbidden);
        using var tenantCall = await _portal.CreateApiClient(opsToken, "acme").GetAsync("/v1/me", Ct);

        Assert.Equal("UNAUTHORIZED", noToken["code"]!.GetValue<string>());
        Assert.Equal("FORBIDDEN", notOps["code"]!.GetValue<string>());
        Assert.Equal("FORBIDDEN", ownerCannotRequest["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, tenantCall.StatusCode);
    }

    [Fact]
    public async Task AProdRollbackWithOneSignOffDoesNotRunAndWithTechLeadAndDevOpsLeadPutsProdBackOnThePreviewedRelease()
    {
        var (first, second) = (OpsApiClient.NewVersion(), OpsApiClient.NewVersion());
        foreach (var version in new[] { first, second })
        {
            await _api.RegisterAsync(version);
            await _api.LiveInDevAsync(version);
            var sit = await _api.ApprovedPromotionAsync(version, "sit", (_api.TechLead, Roles.TechLead), (_api.DevOpsLead, Roles.DevOpsLead));
            await _api.FinishedAsync((await _api.PostAsync(_api.Operator, $"/v1/ops/promotions/{sit}/deploy", null, HttpStatusCode.Accepted))["id"]!.GetValue<string>());
            var prod = await _api.ApprovedPromotionAsync(version, "prod", (_api.TechLead, Roles.TechLead), (_api.DevOpsLead, Roles.DevOpsLead), (_api.ProductOwner, Roles.ProductOwner));
            await _api.FinishedAsync((await _api.PostAsync(_api.Operator, $"/v1/ops/promotions/{prod}/deploy", null, HttpStatusCode.Accepted))["id"]!.GetValue<string>());
        }

        var preview = await _api.GetAsync(_api.Operator, "/v1/ops/rollbacks/preview?environment=prod&type=full&target=previous");
        var rollback = await _api.PostAsync(_api.Operator, "/v1/ops/rollbacks",
            new { environment = "prod", type = "full", target = "previous", trigger = "error_rate", reason = "5xx at 14 % after the release" }, HttpStatusCode.Created);
        var id = rollback["request"]!["id"]!.GetValue<string>();
        await _api.PostAsync(_api.TechLead, $"/v1/ops/rollbacks/{id}/approvals", new { role = "TechLead" });
        var oneSignOff = await _api.PostAsync(_api.Operator, $"/v1/ops/rollbacks/{id}/execute", null, HttpStatusCode.Conflict);
        await _api.PostAsync(_api.DevOpsLead, $"/v1/ops/rollbacks/{id}/approvals", new { role = "DevOpsLead" });
        var deployment = await _api.PostAsync(_api.Operator, $"/v1/ops/rollbacks/{id}/execute", null, HttpStatusCode.Accepted);
        var finished = await _api.FinishedAsync(deployment["id"]!.GetValue<string>());
        var prodCard = (await _api.GetAsync(_api.Operator, "/v1/ops/environments"))["environments"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "prod")!;
        var shown = await _api.GetAsync(_api.Operator, $"/v1/ops/rollbacks/{id}/preview");

        Assert.Equal("GATE_NOT_MET", oneSignOff["code"]!.GetValue<string>());
        Assert.Equal(["DevOpsLead sign-off"], oneSignOff["missing"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal((second, first), (preview["fromVersion"]!.GetValue<string>(), preview["toVersion"]!.GetValue<string>()));
        Assert.Equal(preview.ToJsonString(), shown.ToJsonString());
        Assert.Equal("succeeded", finished["status"]!.GetValue<string>());
        Assert.Equal(first, prodCard["live"]!["version"]!.GetValue<string>());
        Assert.Equal(preview["toImageDigest"]!.GetValue<string>(), prodCard["live"]!["imageDigest"]!.GetValue<string>());
        Assert.Equal(preview["toTerraformCommit"]!.GetValue<string>(), prodCard["live"]!["terraformCommit"]!.GetValue<string>());
    }

    [Fact]
    public async Task ADeploymentRecordedByOperationsIsTheMarkerOnItsEnvironmentsDashboards()
    {
        var version = OpsApiClient.NewVersion();
        await _api.RegisterAsync(version);
        await _api.LiveInDevAsync(version);
        var annotations = _portal.Services.GetRequiredService<SiteBuilder.Observability.Dashboards.IDeploymentAnnotations>();
        var now = DateTimeOffset.UtcNow;

        var dev = await annotations.ListAsync("dev", now.AddHours(-1), now.AddHours(1), Ct);
        var sit = await annotations.ListAsync("sit", now.AddHours(-1), now.AddHours(1), Ct);

        var marker = Assert.Single(dev, a => a.Version == version);
        Assert.Equal("deployment", marker.Kind);
        Assert.Contains("succeeded", marker.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(sit, a => a.Version == version);
    }

    [Fact]
    public async Task RestoreSourcesAreTheSnapshotsOfTheEmbeddedDatabase()
    {
        var answer = await _api.GetAsync(_api.Operator, "/v1/ops/restores/sources", HttpStatusCode.OK);

        var source = Assert.Single(answer["sources"]!.AsArray());
        Assert.Equal(("Sqlite", "sitebuilder.db"), (source!["backend"]!.GetValue<string>(), source["source"]!.GetValue<string>()));
    }
}
