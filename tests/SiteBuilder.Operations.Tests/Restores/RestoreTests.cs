using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Identity;
using SiteBuilder.Operations.Restores;

namespace SiteBuilder.Operations.Tests.Restores;

public sealed class RestoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARestoreNeedsTechLeadAndDevOpsLeadAndGoesToANewNameOnce()
    {
        var backend = new RecordingRestore();
        await using var ops = await OpsHost.StartAsync(services: s => s.AddSingleton<IPointInTimeRestore>(backend));
        var restores = ops.Get<RestoreService>();
        var at = backend.Latest.AddHours(-2);

        var inPlace = await Assert.ThrowsAsync<OperationsException>(() => restores.RequestAsync("Fake", "site-builder-operations-prod", at, "site-builder-operations-prod", "bad deploy", OpsHost.Operator, Ct));
        var outside = await Assert.ThrowsAsync<OperationsException>(() => restores.RequestAsync("Fake", "site-builder-operations-prod", backend.Latest.AddDays(1), "ops-restored", "bad deploy", OpsHost.Operator, Ct));
        var restore = await restores.RequestAsync("Fake", "site-builder-operations-prod", at, "ops-restored-1", "A bad migration dropped rows", OpsHost.Operator, Ct);
        await restores.ApproveAsync(restore.Id, Roles.TechLead, null, OpsHost.TechLead, Ct);
        var oneSignOff = await Assert.ThrowsAsync<OperationsException>(() => restores.ExecuteAsync(restore.Id, OpsHost.Operator, Ct));
        await restores.ApproveAsync(restore.Id, Roles.DevOpsLead, null, OpsHost.DevOpsLead, Ct);
        var done = await restores.ExecuteAsync(restore.Id, OpsHost.Operator, Ct);
        var again = await Assert.ThrowsAsync<OperationsException>(() => restores.ExecuteAsync(restore.Id, OpsHost.Operator, Ct));

        Assert.Equal("newName", inPlace.Field);
        Assert.Equal("pointInTime", outside.Field);
        Assert.Equal(OperationsError.GateNotMet, oneSignOff.Error);
        Assert.Equal([new RestoreTarget("site-builder-operations-prod", at, "ops-restored-1")], backend.Calls);
        Assert.Equal("ops-restored-1", done.Request.Result?.NewName);
        Assert.Equal(OperationsError.Conflict, again.Error);
    }

    [Fact]
    public async Task WithoutARestoreBackendRestoreIsPlainlyUnavailable()
    {
        await using var ops = await OpsHost.StartAsync();
        var restores = ops.Get<RestoreService>();

        var error = await Assert.ThrowsAsync<OperationsException>(() => restores.ListSourcesAsync(Ct));

        Assert.False(restores.IsAvailable);
        Assert.Equal(OperationsError.Unavailable, error.Error);
    }

    private sealed class RecordingRestore : IPointInTimeRestore
    {
        public DateTimeOffset Latest { get; } = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

        public List<RestoreTarget> Calls { get; } = [];

        public string Kind => "Fake";

        public IReadOnlyList<string> Sources => ["site-builder-operations-prod"];

        public Task<RestoreWindow> GetWindowAsync(string source, CancellationToken cancellationToken) =>
            Task.FromResult(new RestoreWindow(Latest.AddDays(-35), Latest, []));

        public Task<RestoreResult> RestoreAsync(RestoreTarget target, CancellationToken cancellationToken)
        {
            Calls.Add(target);
            return Task.FromResult(new RestoreResult(target.NewName, target.PointInTime ?? Latest, "restored"));
        }
    }
}
