using System.Security.Cryptography;
using SiteBuilder.Operations.Approvals;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Promotions;
using SiteBuilder.Operations.Releases;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Tests.Store;

/// <summary>What every <see cref="IOperationsStore"/> must do. Derived classes supply the implementation.</summary>
public abstract class OperationsStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private IOperationsStore? _store;

    protected IOperationsStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    protected abstract ValueTask<IOperationsStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Unique(string stem) => $"{stem}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";

    private static Release NewRelease(string version, DateTimeOffset? at = null) => new()
    {
        Version = version,
        Commit = "0123456789abcdef0123456789abcdef01234567",
        ImageDigest = "sha256:" + new string('a', 64),
        TerraformCommit = "89abcdef",
        Notes = "Checkout is faster; \"quotes\", commas, and ünïcode survive.",
        Evidence = new ReleaseEvidence { TestsPassed = true, CoveragePercent = 87.5, ReviewApproved = true, Links = ["https://ci.example.com/run/1"] },
        RegisteredBy = "ci-bot",
        CreatedAt = at ?? Noon,
    };

    private static PromotionRequest NewPromotion(string id) => new()
    {
        Id = id,
        ReleaseVersion = "1.0.0",
        ReleaseFingerprint = "a|b|c",
        Source = "dev",
        Target = "sit",
        RequestedBy = "olga",
        RequestedByName = "Olga Operator",
        CreatedAt = Noon,
    };

    [Fact]
    public async Task AnInsertedDocumentIsFoundWithEveryFieldAtRevisionOne()
    {
        var release = NewRelease(Unique("1.0"));

        var stored = await Store.InsertAsync(release, Cancellation);

        Assert.Equal(1, stored.Revision);
        var found = await Store.FindAsync<Release>(release.Version, Cancellation);
        Assert.NotNull(found);
        Assert.Equal(release.Notes, found.Notes);
        Assert.Equal(release.Evidence.Links, found.Evidence.Links);
        Assert.Equal(release.Evidence with { Links = found.Evidence.Links }, found.Evidence);
        Assert.Equal(stored with { Evidence = found.Evidence }, found with { Evidence = found.Evidence });
    }

    [Fact]
    public async Task InsertingATakenIdIsADuplicateAndKeepsTheFirst()
    {
        var version = Unique("2.0");
        await Store.InsertAsync(NewRelease(version), Cancellation);

        await Assert.ThrowsAsync<OpsDuplicateException>(() => Store.InsertAsync(NewRelease(version) with { Notes = "impostor" }, Cancellation));

        Assert.NotEqual("impostor", (await Store.FindAsync<Release>(version, Cancellation))!.Notes);
    }

    [Fact]
    public async Task UpdateBumpsTheRevisionAndAStaleRevisionConflicts()
    {
        var created = await Store.InsertAsync(NewPromotion(Unique("pro")), Cancellation);
        var approval = new Approval("TechLead", "tina", "Tina Lead", Noon, Noon.AddHours(24), "ok");

        var updated = await Store.UpdateAsync(created with { Approvals = [approval] }, Cancellation);
        await Assert.ThrowsAsync<OpsConflictException>(() => Store.UpdateAsync(created with { DeploymentId = "dep-late" }, Cancellation));

        Assert.Equal(2, updated.Revision);
        var found = (await Store.FindAsync<PromotionRequest>(created.Id, Cancellation))!;
        Assert.Equal(2, found.Revision);
        Assert.Equal([approval], found.Approvals);
        Assert.Null(found.DeploymentId);
    }

    [Fact]
    public async Task UpdatingAMissingDocumentConflictsAndCreatesNothing()
    {
        var ghost = NewPromotion(Unique("ghost")) with { Revision = 1 };

        await Assert.ThrowsAsync<OpsConflictException>(() => Store.UpdateAsync(ghost, Cancellation));

        Assert.Null(await Store.FindAsync<PromotionRequest>(ghost.Id, Cancellation));
    }

    [Fact]
    public async Task OfTwentyRacingUpdatesOfOneRevisionExactlyOneWins()
    {
        var created = await Store.InsertAsync(NewPromotion(Unique("race")), Cancellation);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await Store.UpdateAsync(created with { DeploymentId = $"dep-{i}" }, Cancellation);
                return true;
            }
            catch (OpsConflictException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, won => won);
        Assert.Equal(2, (await Store.FindAsync<PromotionRequest>(created.Id, Cancellation))!.Revision);
    }

    [Fact]
    public async Task ListReturnsOneKindNewestFirst()
    {
        var older = await Store.InsertAsync(NewRelease(Unique("3.0"), Noon.AddMinutes(-5)), Cancellation);
        var newer = await Store.InsertAsync(NewRelease(Unique("3.1"), Noon.AddMinutes(5)), Cancellation);
        var promotion = await Store.InsertAsync(NewPromotion(Unique("pro")), Cancellation);

        var listed = (await Store.ListAsync<Release>(Cancellation)).Select(r => r.Version).ToList();
        var promotions = (await Store.ListAsync<PromotionRequest>(Cancellation)).Select(p => p.Id).ToList();

        Assert.True(listed.IndexOf(newer.Version) < listed.IndexOf(older.Version));
        Assert.DoesNotContain(promotion.Id, listed);
        Assert.Contains(promotion.Id, promotions);
        Assert.DoesNotContain(newer.Version, promotions);
    }

    [Fact]
    public async Task AuditEntriesComeBackOldestFirstFilteredByTimeActorAndEnvironment()
    {
        var actor = Unique("auditor");
        var january = new DateTimeOffset(2027, 1, 31, 23, 59, 0, TimeSpan.Zero);
        AuditEntry Entry(DateTimeOffset at, string? environment, string who) =>
            new(AuditEntry.NewId(at), at, who, "Ada Auditor", "promotion.requested", environment, "pro-1", "detail, with \"quotes\"");
        var first = Entry(january, "sit", actor);
        var second = Entry(january.AddMinutes(2), "prod", actor);
        var third = Entry(january.AddMinutes(3), "sit", actor);
        var someoneElse = Entry(january.AddMinutes(1), "sit", Unique("other"));
        foreach (var entry in new[] { third, someoneElse, second, first })
        {
            await Store.AppendAuditAsync(entry, Cancellation);
        }

        Assert.Equal([first, second, third], await Store.QueryAuditAsync(new AuditQuery(Actor: actor.ToUpperInvariant()), Cancellation));
        Assert.Equal([first, third], await Store.QueryAuditAsync(new AuditQuery(Actor: actor, Environment: "sit"), Cancellation));
        Assert.Equal([second], await Store.QueryAuditAsync(new AuditQuery(january.AddMinutes(1), january.AddMinutes(3), actor), Cancellation));
    }

    [Fact]
    public async Task AnAuditEntryIsNeverOverwritten()
    {
        var at = new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = new AuditEntry(AuditEntry.NewId(at), at, Unique("auditor"), "Ada", "release.registered", null, "1.0", "first");

        await Store.AppendAuditAsync(entry, Cancellation);
        await Assert.ThrowsAsync<OpsDuplicateException>(() => Store.AppendAuditAsync(entry with { Detail = "rewritten" }, Cancellation));

        Assert.Equal([entry], await Store.QueryAuditAsync(new AuditQuery(Actor: entry.Actor), Cancellation));
    }
}
