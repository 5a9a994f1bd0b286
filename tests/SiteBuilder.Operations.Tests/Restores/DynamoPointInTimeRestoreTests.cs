using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SiteBuilder.Operations.Restores;
using SiteBuilder.Storage;
using SiteBuilder.TestSupport.FakeDynamoDb;

namespace SiteBuilder.Operations.Tests.Restores;

public sealed class DynamoPointInTimeRestoreTests : IAsyncLifetime
{
    private const string Operations = "site-builder-operations-prod";
    private const string Generation = "site-builder-generation-prod";
    private static readonly DateTimeOffset Earliest = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2026, 12, 6, 9, 55, 0, TimeSpan.Zero);

    private FakeDynamoDbControlPlane _dynamo = null!;
    private IAmazonDynamoDB _client = null!;
    private DynamoPointInTimeRestore _restore = null!;

    public async ValueTask InitializeAsync()
    {
        _dynamo = await FakeDynamoDbControlPlane.StartAsync(TestContext.Current.CancellationToken);
        _dynamo.AddTable(Operations, Earliest, Latest);
        _dynamo.AddTable(Generation);
        _client = AwsClients.DynamoDb(new DynamoDbStorageOptions
        {
            ServiceUrl = _dynamo.BaseUrl.AbsoluteUri,
            Region = "af-south-1",
            AccessKeyId = "AKIDEXAMPLE",
            SecretAccessKey = "not-a-real-secret",
        });
        _restore = new DynamoPointInTimeRestore(_client, new ResourceNames(Generation, Operations, "assets", "sites"), NullLogger<DynamoPointInTimeRestore>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _dynamo.DisposeAsync();
    }

    [Fact]
    public async Task TheWindowIsTheEarliestAndLatestRestorableTimesDynamoDbReports()
    {
        var window = await _restore.GetWindowAsync(Operations, TestContext.Current.CancellationToken);

        Assert.Equal(Earliest, window.Earliest);
        Assert.Equal(Latest, window.Latest);
        Assert.Empty(window.Snapshots);
        var call = Assert.Single(_dynamo.Calls);
        Assert.Equal("DescribeContinuousBackups", call.Operation);
        Assert.Equal(Operations, call.Body["TableName"]!.GetValue<string>());
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", call.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoringToAChosenTimeAsksDynamoDbForThatTimeIntoTheNewTable()
    {
        var chosen = new DateTimeOffset(2026, 12, 5, 14, 30, 15, TimeSpan.Zero);

        var result = await _restore.RestoreAsync(new RestoreTarget(Operations, chosen, "site-builder-operations-prod-restored-1"), TestContext.Current.CancellationToken);

        var restore = Assert.Single(_dynamo.Calls, c => c.Operation == "RestoreTableToPointInTime").Body;
        Assert.Equal(Operations, restore["SourceTableName"]!.GetValue<string>());
        Assert.Equal("site-builder-operations-prod-restored-1", restore["TargetTableName"]!.GetValue<string>());
        Assert.Equal(chosen.ToUnixTimeSeconds(), (long)restore["RestoreDateTime"]!.GetValue<double>());
        Assert.Null(restore["UseLatestRestorableTime"]);
        Assert.Equal("site-builder-operations-prod-restored-1", result.NewName);
        Assert.Equal(chosen, result.RestoredTo);
        Assert.Contains("CREATING", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoringWithoutATimeAsksForTheLatestRestorableTime()
    {
        var result = await _restore.RestoreAsync(new RestoreTarget(Operations, null, Operations + "-latest"), TestContext.Current.CancellationToken);

        var restore = Assert.Single(_dynamo.Calls, c => c.Operation == "RestoreTableToPointInTime").Body;
        Assert.True(restore["UseLatestRestorableTime"]!.GetValue<bool>());
        Assert.Null(restore["RestoreDateTime"]);
        Assert.Equal(Latest, result.RestoredTo);
    }

    [Theory]
    [InlineData(Operations, "2026-10-31T23:59:59Z", Operations + "-copy-1", "pointInTime")]
    [InlineData(Operations, "2026-12-06T10:00:00Z", Operations + "-copy-2", "pointInTime")]
    [InlineData(Operations, null, Operations, "newName")]
    [InlineData(Operations, null, Generation, "newName")]
    [InlineData(Operations, null, "no spaces allowed", "newName")]
    [InlineData(Operations, null, "copy-of-operations", "newName")]
    [InlineData(Operations, null, Generation + "-copy", "newName")]
    [InlineData("someone-elses-table", null, "copy-3", "source")]
    public async Task ARestoreOutsideTheWindowOntoALiveTableOrFromAForeignTableIsRefusedBeforeDynamoDbIsAsked(string source, string? time, string newName, string field)
    {
        var pointInTime = time is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);

        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            _restore.RestoreAsync(new RestoreTarget(source, pointInTime, newName), TestContext.Current.CancellationToken));

        Assert.Equal(field, refused.Field);
        Assert.DoesNotContain(_dynamo.Calls, c => c.Operation == "RestoreTableToPointInTime");
    }

    [Fact]
    public async Task ARestoreRequestNamingATableOutsideItsSourcesPrefixIsRefusedBeforeAnyoneSignsIt()
    {
        await using var ops = await OpsHost.StartAsync(services: s => s.AddSingleton<IPointInTimeRestore>(_restore));
        var restores = ops.Get<RestoreService>();

        var refused = await Assert.ThrowsAsync<OperationsException>(() =>
            restores.RequestAsync(DynamoPointInTimeRestore.KindName, Operations, null, "ops-copy", "A bad migration dropped rows", OpsHost.Operator, TestContext.Current.CancellationToken));
        var accepted = await restores.RequestAsync(DynamoPointInTimeRestore.KindName, Operations, null, Operations + "-restored-1", "A bad migration dropped rows", OpsHost.Operator, TestContext.Current.CancellationToken);

        Assert.Equal("newName", refused.Field);
        Assert.Contains($"start the name with '{Operations}-'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Operations + "-restored-1", accepted.NewName);
        Assert.DoesNotContain(_dynamo.Calls, c => c.Operation == "RestoreTableToPointInTime");
    }

    [Fact]
    public async Task ANewNameThatAlreadyExistsIsRefusedNamingIt()
    {
        _dynamo.AddTable(Operations + "-taken");

        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            _restore.RestoreAsync(new RestoreTarget(Operations, null, Operations + "-taken"), TestContext.Current.CancellationToken));

        Assert.Equal("newName", refused.Field);
        Assert.Contains($"'{Operations}-taken' already exists", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATableWithoutPointInTimeRecoveryIsRefusedWithTheReason()
    {
        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() => _restore.GetWindowAsync(Generation, TestContext.Current.CancellationToken));

        Assert.Equal("source", refused.Field);
        Assert.Contains("not enabled", refused.Message, StringComparison.Ordinal);
    }
}
