using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Identity;
using SiteBuilder.Operations;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Portal.Runbooks;
using SiteBuilder.Portal.Testing;
using SiteBuilder.Portal.Tests.Operations;

namespace SiteBuilder.Portal.Tests.Runbooks;

/// <summary>Issue 12 point 2: the Rollback Runbook's checklist is ticked inside a rollback; each tick is in the audit log (who, when) and on the request.</summary>
public sealed class RunbookChecklistTests : IAsyncLifetime
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
    public void ThePostRollbackChecklistIsTheRunbooksTaskListWithTheEnvironmentFilledIn()
    {
        var checklists = _portal.Services.GetRequiredService<RunbookChecklists>();

        var prod = checklists.PostRollback("prod")!;

        Assert.Equal("7. Post-Rollback Verification", prod.Title);
        Assert.Equal("/runbooks/rollback?env=prod#7-post-rollback-verification", prod.Href("prod"));
        Assert.True(prod.Items.Count >= 4, string.Join('\n', prod.Items));
        Assert.Contains(prod.Items, i => i.Text.Contains("site-builder-prod-error-rate", StringComparison.Ordinal));
        Assert.DoesNotContain(prod.Items, i => i.Text.Contains("{env}", StringComparison.Ordinal) || i.Text.Contains('`', StringComparison.Ordinal));
        Assert.Equal(prod.Items.Count, prod.Items.Select(i => i.Key).Distinct().Count());
    }

    [Fact]
    public async Task ATickInsideARollbackIsAnAuditLineWithWhoAndWhenAndShowsOnTheRequest()
    {
        var checklists = _portal.Services.GetRequiredService<RunbookChecklists>();
        var rollback = await DevRollbackAsync(run: false);
        var (operatorAccount, _) = await _portal.CreateOpsUserAsync("Rita Responder", Roles.Operator);
        var rita = new OpsActor(operatorAccount.UserName, operatorAccount.DisplayName, operatorAccount.Roles);
        var item = checklists.PostRollback("dev")!.Items[0];

        var early = await Assert.ThrowsAsync<OperationsException>(() => checklists.TickAsync(rollback, item.Key, rita, Ct));
        await RunAsync(rollback);
        var tick = await checklists.TickAsync(rollback, item.Key, rita, Ct);
        var again = await checklists.TickAsync(rollback, item.Key, rita, Ct);
        var unknown = await Assert.ThrowsAsync<OperationsException>(() => checklists.TickAsync(rollback, "not-an-item", rita, Ct));

        Assert.Contains("has not finished running", early.Message, StringComparison.Ordinal);
        Assert.Contains("not an item", unknown.Message, StringComparison.Ordinal);
        Assert.Equal((item.Key, "Rita Responder"), (tick.Key, tick.ByName));
        Assert.Equal(tick.At, again.At);
        var onRequest = Assert.Single(await checklists.TicksAsync(rollback, Ct));
        Assert.Equal((item.Key, item.Text, operatorAccount.UserName, tick.At), (onRequest.Key, onRequest.Text, onRequest.By, onRequest.At));
        var audit = await _portal.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Environment: "dev"), Ct);
        var line = Assert.Single(audit, e => e.Action == RunbookChecklists.RollbackCheckAction);
        Assert.Equal((operatorAccount.UserName, "Rita Responder", rollback, $"{item.Key}: {item.Text}"), (line.Actor, line.ActorName, line.Subject, line.Detail));
    }

    /// <summary>DEV runs two releases, then a rollback to the first is requested and signed by a second operator.</summary>
    private async Task<string> DevRollbackAsync(bool run)
    {
        foreach (var version in new[] { OpsApiClient.NewVersion(), OpsApiClient.NewVersion() })
        {
            await _api.RegisterAsync(version);
            await _api.LiveInDevAsync(version);
        }

        var rollback = await _api.PostAsync(_api.Operator, "/v1/ops/rollbacks",
            new { environment = "dev", type = "app_only", target = "previous", trigger = "error_rate", reason = "5xx at 14 % after the release" }, HttpStatusCode.Created);
        var id = rollback["request"]!["id"]!.GetValue<string>();
        var second = _portal.CreateOpsClient((await _portal.CreateOpsUserAsync("Otto Operator", Roles.Operator)).Token);
        await _api.PostAsync(second, $"/v1/ops/rollbacks/{id}/approvals", new { role = "Operator" });
        if (run)
        {
            await RunAsync(id);
        }

        return id;
    }

    private async Task RunAsync(string id)
    {
        var deployment = await _api.PostAsync(_api.Operator, $"/v1/ops/rollbacks/{id}/execute", null, HttpStatusCode.Accepted);
        Assert.Equal("succeeded", (await _api.FinishedAsync(deployment["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
    }
}
