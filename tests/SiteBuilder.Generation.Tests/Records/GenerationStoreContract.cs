using System.Security.Cryptography;
using SiteBuilder.Generation.Records;

namespace SiteBuilder.Generation.Tests.Records;

/// <summary>What every <see cref="IGenerationStore"/> must do. Derived classes supply the implementation.</summary>
/// <remarks>A derived class may share its store between tests (one DynamoDB table per class), so every test uses its own tenant.</remarks>
public abstract class GenerationStoreContract : IAsyncLifetime
{
    /// <summary>Not a round number: sub-millisecond ticks must survive a round trip too.</summary>
    protected static readonly DateTimeOffset Created = new DateTimeOffset(2026, 11, 25, 9, 30, 15, 123, TimeSpan.Zero).AddTicks(4567);

    private IGenerationStore? _store;

    protected IGenerationStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    protected abstract ValueTask<IGenerationStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected static string NewTenant() => "tenant-" + RandomNumberGenerator.GetHexString(8, lowercase: true);

    /// <summary>A generation with every field set, as the runner leaves a complete one.</summary>
    protected static GenerationRecord NewGeneration(string tenant, DateTimeOffset createdAt, string siteId = "summer-sale-k3f9q2", int version = 1) => new()
    {
        Id = GenerationIds.NewGenerationId(createdAt),
        Tenant = tenant,
        SiteId = siteId,
        Version = version,
        ParentGenerationId = version > 1 ? GenerationIds.NewGenerationId(createdAt.AddMinutes(-5)) : null,
        Prompt = "Create a summer sale page for Acme Outdoors — 30% off «hiking» gear, \"free\" shipping & returns",
        TemplateId = "ecommerce-sale",
        PrimaryColor = "#0066CC",
        SecondaryColor = "#FF6600",
        Logo = "https://assets.example.test/acme/logo.svg",
        Provider = "bedrock",
        ModelId = "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        CreatedBy = "dana@acme.example",
        Status = GenerationStatus.Queued,
        Progress = 0,
        Message = "Queued",
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };

    [Fact]
    public async Task ACreatedGenerationIsFoundWithEveryFieldAndRowVersionOne()
    {
        var generation = NewGeneration(NewTenant(), Created) with
        {
            Status = GenerationStatus.Complete,
            Progress = 100,
            Message = "Complete",
            Error = new GenerationError("GENERATION_FAILED", "An earlier attempt failed."),
            HtmlKey = "acme/summer-sale-k3f9q2/gen-x/index.html",
            BrandScore = 8.7,
            Note = "The page already had a testimonials section.",
            InputTokens = 1850,
            OutputTokens = 12_345_678_901,
            LastEventId = 42,
            CancelRequested = true,
            UpdatedAt = Created.AddSeconds(9.5),
            FirstChunkAt = Created.AddMilliseconds(812.3456),
            CompletedAt = Created.AddSeconds(9.5),
            RowVersion = 17,
        };

        var created = await Store.CreateAsync(generation, Cancellation);

        Assert.Equal(generation with { RowVersion = 1 }, created);
        Assert.Equal(created, await Store.GetAsync(generation.Tenant, generation.Id, Cancellation));
    }

    [Fact]
    public async Task EmptyAndMissingOptionalFieldsRoundTrip()
    {
        var generation = NewGeneration(NewTenant(), Created) with
        {
            PrimaryColor = null,
            SecondaryColor = null,
            Logo = null,
            Message = "",
            Error = new GenerationError("GENERATION_FAILED", ""),
            HtmlKey = null,
            BrandScore = null,
            InputTokens = null,
            OutputTokens = null,
            FirstChunkAt = null,
            CompletedAt = null,
        };

        var created = await Store.CreateAsync(generation, Cancellation);

        var found = await Store.GetAsync(generation.Tenant, generation.Id, Cancellation);
        Assert.Equal(created, found);
        Assert.Equal("", found!.Message);
        Assert.Equal("", found.Error!.Message);
        Assert.Null(found.ParentGenerationId);

        var updated = await Store.UpdateAsync(found with { Message = null, Error = null, BrandScore = 0, Note = "Nothing to change." }, Cancellation);
        Assert.Equal(updated, await Store.GetAsync(generation.Tenant, generation.Id, Cancellation));
        Assert.Equal("Nothing to change.", updated.Note);
    }

    [Fact]
    public async Task AnotherTenantsGenerationIsNotFound()
    {
        var generation = await Store.CreateAsync(NewGeneration(NewTenant(), Created), Cancellation);
        var other = NewTenant();

        Assert.Null(await Store.GetAsync(other, generation.Id, Cancellation));
        Assert.Empty((await Store.ListAsync(other, 10, null, Cancellation)).Items);
        Assert.Empty(await Store.ListSiteVersionsAsync(other, generation.SiteId, Cancellation));
        Assert.Null(await Store.GetAsync(generation.Tenant, GenerationIds.NewGenerationId(Created), Cancellation));
    }

    [Fact]
    public async Task CreatingAnExistingIdConflictsAndKeepsTheFirst()
    {
        var first = await Store.CreateAsync(NewGeneration(NewTenant(), Created), Cancellation);

        await Assert.ThrowsAsync<GenerationConflictException>(() => Store.CreateAsync(first with { Prompt = "An impostor", Status = GenerationStatus.Failed }, Cancellation));

        Assert.Equal(first, await Store.GetAsync(first.Tenant, first.Id, Cancellation));
        Assert.Single((await Store.ListAsync(first.Tenant, 10, null, Cancellation)).Items);
    }

    [Fact]
    public async Task UpdateSavesTheChangesAndBumpsTheRowVersion()
    {
        var created = await Store.CreateAsync(NewGeneration(NewTenant(), Created), Cancellation);
        var changed = created with
        {
            Status = GenerationStatus.Generating,
            Progress = 45,
            Message = "Written 12.5 KB of the page",
            Provider = "offline",
            ModelId = "offline-composer-1",
            LastEventId = 9,
            FirstChunkAt = Created.AddMilliseconds(40),
            UpdatedAt = Created.AddSeconds(2),
        };

        var updated = await Store.UpdateAsync(changed, Cancellation);
        var again = await Store.UpdateAsync(updated with { Progress = 50 }, Cancellation);

        Assert.Equal(changed with { RowVersion = 2 }, updated);
        Assert.Equal(3, again.RowVersion);
        Assert.Equal(again, await Store.GetAsync(created.Tenant, created.Id, Cancellation));
    }

    [Fact]
    public async Task UpdatingFromAStaleRowVersionConflictsAndKeepsTheWinner()
    {
        var created = await Store.CreateAsync(NewGeneration(NewTenant(), Created), Cancellation);
        var winner = await Store.UpdateAsync(created with { CancelRequested = true }, Cancellation);

        await Assert.ThrowsAsync<GenerationConflictException>(() => Store.UpdateAsync(created with { Progress = 30 }, Cancellation));

        Assert.Equal(winner, await Store.GetAsync(created.Tenant, created.Id, Cancellation));
    }

    [Fact]
    public async Task UpdatingAGenerationThatIsNotThereConflicts()
    {
        var created = await Store.CreateAsync(NewGeneration(NewTenant(), Created), Cancellation);

        await Assert.ThrowsAsync<GenerationConflictException>(() => Store.UpdateAsync(NewGeneration(created.Tenant, Created) with { RowVersion = 1 }, Cancellation));
        await Assert.ThrowsAsync<GenerationConflictException>(() => Store.UpdateAsync(created with { Tenant = NewTenant() }, Cancellation));

        Assert.Equal(created, await Store.GetAsync(created.Tenant, created.Id, Cancellation));
    }

    [Fact]
    public async Task HistoryIsNewestFirstInPagesThatFollowTheCursor()
    {
        var tenant = NewTenant();
        var created = new List<GenerationRecord>();
        for (var i = 0; i < 8; i++)
        {
            // Created out of order: the history follows the time in the id, not the order of writes.
            created.Add(await Store.CreateAsync(NewGeneration(tenant, Created.AddSeconds((i * 5) % 8)), Cancellation));
        }

        await Store.CreateAsync(NewGeneration(NewTenant(), Created.AddMinutes(1)), Cancellation);

        var pages = new List<GenerationPage>();
        string? cursor = null;
        do
        {
            var page = await Store.ListAsync(tenant, 3, cursor, Cancellation);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal([3, 3, 2], pages.Select(p => p.Items.Count));
        Assert.Null(pages[^1].NextCursor);
        var expected = created.OrderByDescending(g => g.CreatedAt).ToList();
        Assert.Equal(expected, pages.SelectMany(p => p.Items));
        Assert.Equal(expected.Select(g => g.Id).Order(StringComparer.Ordinal).Reverse(), pages.SelectMany(p => p.Items).Select(g => g.Id));
    }

    [Fact]
    public async Task APageThatEndsAtTheLastGenerationHasNoNextCursor()
    {
        var tenant = NewTenant();
        for (var i = 0; i < 4; i++)
        {
            await Store.CreateAsync(NewGeneration(tenant, Created.AddSeconds(i)), Cancellation);
        }

        var first = await Store.ListAsync(tenant, 2, null, Cancellation);
        var second = await Store.ListAsync(tenant, 2, first.NextCursor, Cancellation);
        var all = await Store.ListAsync(tenant, 4, null, Cancellation);

        Assert.NotNull(first.NextCursor);
        Assert.Equal(2, second.Items.Count);
        Assert.Null(second.NextCursor);
        Assert.Equal(4, all.Items.Count);
        Assert.Null(all.NextCursor);
        Assert.Empty((await Store.ListAsync(NewTenant(), 5, null, Cancellation)).Items);
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("aGVsbG8")]
    [InlineData("Z2VuLTAx")]
    [InlineData("////")]
    public async Task ACursorWeDidNotMakeIsAFormatError(string cursor) =>
        await Assert.ThrowsAsync<FormatException>(() => Store.ListAsync(NewTenant(), 10, cursor, Cancellation));

    [Fact]
    public async Task SiteVersionsAreOldestFirstAndOnlyThatSites()
    {
        var tenant = NewTenant();
        var v3 = await Store.CreateAsync(NewGeneration(tenant, Created.AddMinutes(3), "spring-sale", 3), Cancellation);
        var v1 = await Store.CreateAsync(NewGeneration(tenant, Created.AddMinutes(1), "spring-sale", 1), Cancellation);
        var v2 = await Store.CreateAsync(NewGeneration(tenant, Created.AddMinutes(2), "spring-sale", 2), Cancellation);
        // A site whose id starts with the other's, and the same site id under another tenant.
        await Store.CreateAsync(NewGeneration(tenant, Created.AddMinutes(4), "spring-sale-2", 1), Cancellation);
        await Store.CreateAsync(NewGeneration(NewTenant(), Created.AddMinutes(5), "spring-sale", 4), Cancellation);
        var v2Now = await Store.UpdateAsync(v2 with { Status = GenerationStatus.Complete, BrandScore = 9.4 }, Cancellation);

        var versions = await Store.ListSiteVersionsAsync(tenant, "spring-sale", Cancellation);

        Assert.Equal([v1, v2Now, v3], versions);
        Assert.Empty(await Store.ListSiteVersionsAsync(tenant, "spring", Cancellation));
    }

    [Fact]
    public async Task FindStaleReturnsOnlyUnfinishedGenerationsOlderThanTheCutoff()
    {
        var tenant = NewTenant();
        var cutoff = Created.AddMinutes(10);
        var old = Created.AddMinutes(1);
        var queued = await Create(GenerationStatus.Queued, old);
        var generating = await Create(GenerationStatus.Generating, old);
        var validating = await Create(GenerationStatus.Validating, old);
        await Create(GenerationStatus.Generating, cutoff);
        await Create(GenerationStatus.Generating, cutoff.AddSeconds(1));
        await Create(GenerationStatus.Complete, old);
        await Create(GenerationStatus.Failed, old);
        await Create(GenerationStatus.Cancelled, old);
        // Stale while it ran, then it finished: it must leave the stuck-work index.
        var finished = await Create(GenerationStatus.Generating, old);
        await Store.UpdateAsync(finished with { Status = GenerationStatus.Complete, UpdatedAt = old.AddSeconds(1) }, Cancellation);
        // It ran stale, then a heartbeat refreshed it.
        var refreshed = await Create(GenerationStatus.Generating, old);
        await Store.UpdateAsync(refreshed with { UpdatedAt = cutoff.AddSeconds(5) }, Cancellation);

        var stale = (await Store.FindStaleAsync(cutoff, Cancellation)).Where(g => g.Tenant == tenant).ToList();

        Assert.Equal(new[] { queued.Id, generating.Id, validating.Id }.Order(StringComparer.Ordinal), stale.Select(g => g.Id).Order(StringComparer.Ordinal));
        Assert.Equal(generating, stale.Single(g => g.Id == generating.Id));

        async Task<GenerationRecord> Create(GenerationStatus status, DateTimeOffset updatedAt) =>
            await Store.CreateAsync(NewGeneration(tenant, Created) with { Status = status, UpdatedAt = updatedAt }, Cancellation);
    }

    [Fact]
    public async Task EventsAreReadInOrderAfterAnIdUpToALimit()
    {
        var generationId = GenerationIds.NewGenerationId(Created);
        var events = Enumerable.Range(1, 30).Select(i => new GenerationEvent(i, new ChunkEvent($"<p>part {i} — «ünïcode» & \"quotes\"</p>"))).ToList();
        await Store.AppendEventsAsync(generationId, events[..10], Cancellation);
        await Store.AppendEventsAsync(generationId, events[10..], Cancellation);
        await Store.AppendEventsAsync(GenerationIds.NewGenerationId(Created), [new GenerationEvent(1, new ProgressEvent(0, "Starting generation...", "start"))], Cancellation);

        Assert.Equal(events, await Store.ReadEventsAsync(generationId, 0, 100, Cancellation));
        Assert.Equal(events[5..12], await Store.ReadEventsAsync(generationId, 5, 7, Cancellation));
        Assert.Equal(events[29..], await Store.ReadEventsAsync(generationId, 29, 10, Cancellation));
        Assert.Empty(await Store.ReadEventsAsync(generationId, 30, 10, Cancellation));
        Assert.Empty(await Store.ReadEventsAsync(GenerationIds.NewGenerationId(Created), 0, 10, Cancellation));

        // Paging through with a small limit gives every event once.
        var read = new List<GenerationEvent>();
        for (var page = await Store.ReadEventsAsync(generationId, 0, 4, Cancellation); page.Count > 0; page = await Store.ReadEventsAsync(generationId, read[^1].Id, 4, Cancellation))
        {
            read.AddRange(page);
        }

        Assert.Equal(events, read);
    }

    [Fact]
    public async Task ReadingWithTheLargestLimitReturnsEveryLaterEvent()
    {
        // Recovery reads "everything after the row's last event id" this way.
        var generationId = GenerationIds.NewGenerationId(Created);
        var events = Enumerable.Range(1, 5).Select(i => new GenerationEvent(i, new ProgressEvent(i, $"step {i}", "layout_agent"))).ToList();
        await Store.AppendEventsAsync(generationId, events, Cancellation);

        Assert.Equal(events[2..], await Store.ReadEventsAsync(generationId, 2, int.MaxValue, Cancellation));
    }

    [Fact]
    public async Task AnEventOfABigChunkRoundTrips()
    {
        var generationId = GenerationIds.NewGenerationId(Created);
        var big = new GenerationEvent(1, new ChunkEvent(string.Concat(Enumerable.Repeat("<section class=\"x\">ünï</section>", 3000))));

        await Store.AppendEventsAsync(generationId, [big], Cancellation);

        Assert.Equal([big], await Store.ReadEventsAsync(generationId, 0, 10, Cancellation));
    }

    [Fact]
    public async Task RecordingAnEventIdTwiceConflictsAndKeepsTheFirst()
    {
        var generationId = GenerationIds.NewGenerationId(Created);
        var first = new GenerationEvent(1, new ProgressEvent(0, "Starting generation...", "start"));
        await Store.AppendEventsAsync(generationId, [first, new GenerationEvent(2, new ChunkEvent("a"))], Cancellation);

        await Assert.ThrowsAsync<GenerationConflictException>(() => Store.AppendEventsAsync(generationId, [first with { Data = new ErrorEvent("GENERATION_FAILED", "second writer") }], Cancellation));

        Assert.Equal(first, (await Store.ReadEventsAsync(generationId, 0, 10, Cancellation))[0]);
        Assert.Equal(2, (await Store.ReadEventsAsync(generationId, 0, 10, Cancellation)).Count);
    }

    [Fact]
    public async Task ConcurrentAppendsAllLandAndAConflictFailsOnlyItself()
    {
        // Many generations appending at once (the SQLite store commits them together): one caller's conflict is its own.
        var taken = GenerationIds.NewGenerationId(Created);
        await Store.AppendEventsAsync(taken, [new GenerationEvent(2, new ChunkEvent("first"))], Cancellation);
        var generations = Enumerable.Range(0, 40).Select(i => GenerationIds.NewGenerationId(Created.AddSeconds(i))).ToList();

        var appends = generations
            .Select(id => Store.AppendEventsAsync(id, [new GenerationEvent(1, new ProgressEvent(0, id, "start")), new GenerationEvent(2, new ChunkEvent("x"))], Cancellation))
            .Append(Store.AppendEventsAsync(taken, [new GenerationEvent(2, new ErrorEvent("GENERATION_FAILED", "lost the race"))], Cancellation))
            .ToList();
        var conflict = appends[^1];

        await Assert.ThrowsAsync<GenerationConflictException>(() => conflict);
        await Task.WhenAll(appends.SkipLast(1));
        foreach (var id in generations)
        {
            Assert.Equal([1L, 2L], (await Store.ReadEventsAsync(id, 0, 10, Cancellation)).Select(e => e.Id));
        }

        Assert.Equal([new GenerationEvent(2, new ChunkEvent("first"))], await Store.ReadEventsAsync(taken, 0, 10, Cancellation));
    }

    [Fact]
    public async Task ConcurrentWritesOfEveryKindAllLandAndAStaleUpdateFailsOnlyItself()
    {
        // Creates, row updates, event appends and site creations at once (the SQLite store commits them together).
        var tenant = NewTenant();
        var stale = await Store.CreateAsync(NewGeneration(tenant, Created), Cancellation);
        await Store.UpdateAsync(stale with { Progress = 20 }, Cancellation);
        var generations = Enumerable.Range(1, 30).Select(i => NewGeneration(tenant, Created.AddSeconds(i), siteId: $"site-{i}")).ToList();

        var created = await Task.WhenAll(generations.Select(g => Store.CreateAsync(g, Cancellation)));
        var writes = created
            .Select(g => (Task)Store.UpdateAsync(g with { Status = GenerationStatus.Generating, Progress = 15, Message = "Writing" }, Cancellation))
            .Concat(created.Select(g => Store.AppendEventsAsync(g.Id, [new GenerationEvent(1, new ProgressEvent(0, "Starting generation...", "start"))], Cancellation)))
            .Concat(created.Select(g => Store.CreateSiteAsync(new Site { Tenant = tenant, SiteId = g.SiteId, Name = g.SiteId, CreatedAt = Created, UpdatedAt = Created }, Cancellation)))
            .ToList();
        var conflict = Store.UpdateAsync(stale with { Progress = 30 }, Cancellation);

        await Assert.ThrowsAsync<GenerationConflictException>(() => conflict);
        await Task.WhenAll(writes);
        foreach (var g in created)
        {
            var stored = await Store.GetAsync(tenant, g.Id, Cancellation);
            Assert.Equal((GenerationStatus.Generating, 15, 2L), (stored!.Status, stored.Progress, stored.RowVersion));
            Assert.Single(await Store.ReadEventsAsync(g.Id, 0, 10, Cancellation));
            Assert.NotNull(await Store.GetSiteAsync(tenant, g.SiteId, Cancellation));
        }

        Assert.Equal(20, (await Store.GetAsync(tenant, stale.Id, Cancellation))!.Progress);
    }

    [Fact]
    public async Task AppendingNoEventsDoesNothing()
    {
        var generationId = GenerationIds.NewGenerationId(Created);

        await Store.AppendEventsAsync(generationId, [], Cancellation);

        Assert.Empty(await Store.ReadEventsAsync(generationId, 0, 10, Cancellation));
    }

    [Fact]
    public async Task SitesAreCreatedOnceAndListedMostRecentlyUpdatedFirst()
    {
        var tenant = NewTenant();
        var draft = new Site { Tenant = tenant, SiteId = "spring-sale", Name = "Spring sale — «été»", CreatedAt = Created, UpdatedAt = Created };
        var launched = new Site
        {
            Tenant = tenant, SiteId = "launch-abc123", Name = "Launch", LatestGenerationId = GenerationIds.NewGenerationId(Created), LatestVersion = 2,
            LatestBrandScore = 9.25, CreatedAt = Created.AddMinutes(1), UpdatedAt = Created.AddMinutes(1),
        };
        var other = new Site { Tenant = NewTenant(), SiteId = "spring-sale", Name = "Not ours", CreatedAt = Created, UpdatedAt = Created.AddHours(1) };
        await Store.CreateSiteAsync(draft, Cancellation);
        await Store.CreateSiteAsync(launched, Cancellation);
        await Store.CreateSiteAsync(other, Cancellation);

        await Assert.ThrowsAsync<GenerationConflictException>(() => Store.CreateSiteAsync(draft with { Name = "Again" }, Cancellation));
        Assert.Equal(draft, await Store.GetSiteAsync(tenant, "spring-sale", Cancellation));
        Assert.Null((await Store.GetSiteAsync(tenant, "spring-sale", Cancellation))!.LatestGenerationId);
        Assert.Null(await Store.GetSiteAsync(tenant, "nowhere", Cancellation));
        Assert.Equal([launched, draft], await Store.ListSitesAsync(tenant, Cancellation));

        var first = GenerationIds.NewGenerationId(Created.AddMinutes(2));
        Assert.True(await Store.RecordCompletedVersionAsync(tenant, "spring-sale", first, 1, 8.5, Created.AddMinutes(2), Cancellation));

        var published = draft with { LatestGenerationId = first, LatestVersion = 1, LatestBrandScore = 8.5, UpdatedAt = Created.AddMinutes(2) };
        Assert.Equal(published, await Store.GetSiteAsync(tenant, "spring-sale", Cancellation));
        Assert.Equal([published, launched], await Store.ListSitesAsync(tenant, Cancellation));
        Assert.Equal([other], await Store.ListSitesAsync(other.Tenant, Cancellation));
        Assert.Empty(await Store.ListSitesAsync(NewTenant(), Cancellation));
    }

    [Fact]
    public async Task AVersionThatCompletesAfterALaterOneLeavesTheLaterOneTheSitesPage()
    {
        var tenant = NewTenant();
        var site = new Site { Tenant = tenant, SiteId = "autumn-sale-q1w2e3", Name = "Autumn sale", CreatedAt = Created, UpdatedAt = Created };
        await Store.CreateSiteAsync(site, Cancellation);
        var (second, third) = (GenerationIds.NewGenerationId(Created.AddMinutes(1)), GenerationIds.NewGenerationId(Created.AddMinutes(2)));

        Assert.True(await Store.RecordCompletedVersionAsync(tenant, site.SiteId, third, 3, 9.0, Created.AddMinutes(4), Cancellation));
        Assert.False(await Store.RecordCompletedVersionAsync(tenant, site.SiteId, second, 2, 7.0, Created.AddMinutes(5), Cancellation));

        Assert.Equal(site with { LatestGenerationId = third, LatestVersion = 3, LatestBrandScore = 9.0, UpdatedAt = Created.AddMinutes(4) }, await Store.GetSiteAsync(tenant, site.SiteId, Cancellation));
        Assert.False(await Store.RecordCompletedVersionAsync(NewTenant(), site.SiteId, third, 4, 9.0, Created.AddMinutes(6), Cancellation));
        Assert.False(await Store.RecordCompletedVersionAsync(tenant, "nowhere-000000", third, 1, 9.0, Created.AddMinutes(6), Cancellation));
        Assert.Null(await Store.GetSiteAsync(tenant, "nowhere-000000", Cancellation));
    }

    [Fact]
    public async Task RenamingASiteChangesOnlyItsNameAndOnlyForItsTenant()
    {
        var tenant = NewTenant();
        var site = new Site
        {
            Tenant = tenant, SiteId = "brewly-a1b2c3", Name = "Brewly is a smart coffee grinder with 40 grind settings", LatestGenerationId = GenerationIds.NewGenerationId(Created),
            LatestVersion = 3, LatestBrandScore = 9.5, CreatedAt = Created, UpdatedAt = Created.AddMinutes(5),
        };
        await Store.CreateSiteAsync(site, Cancellation);

        Assert.True(await Store.RenameSiteAsync(tenant, site.SiteId, "Brewly launch «été»", Cancellation));

        Assert.Equal(site with { Name = "Brewly launch «été»" }, await Store.GetSiteAsync(tenant, site.SiteId, Cancellation));
        Assert.False(await Store.RenameSiteAsync(NewTenant(), site.SiteId, "Not ours", Cancellation));
        Assert.False(await Store.RenameSiteAsync(tenant, "nowhere-000000", "Nothing", Cancellation));
        Assert.Null(await Store.GetSiteAsync(tenant, "nowhere-000000", Cancellation));
        Assert.Equal("Brewly launch «été»", (await Store.GetSiteAsync(tenant, site.SiteId, Cancellation))!.Name);
    }

    [Fact]
    public async Task ARenameBetweenACompletionsReadAndItsWriteKeepsTheNameAndTheCompletedVersion()
    {
        var tenant = NewTenant();
        var site = new Site { Tenant = tenant, SiteId = "brewly-a1b2c3", Name = "Brewly is a smart coffee grinder", CreatedAt = Created, UpdatedAt = Created };
        await Store.CreateSiteAsync(site, Cancellation);
        var completed = GenerationIds.NewGenerationId(Created.AddMinutes(3));

        // The interleaving that lost renames: the completion reads the site, a marketer renames it, then the completion writes.
        var read = await Store.GetSiteAsync(tenant, site.SiteId, Cancellation);
        Assert.True(await Store.RenameSiteAsync(tenant, site.SiteId, "Brewly launch", Cancellation));
        Assert.True(await Store.RecordCompletedVersionAsync(tenant, site.SiteId, completed, read!.LatestVersion + 1, 8.75, Created.AddMinutes(3), Cancellation));

        Assert.Equal(
            site with { Name = "Brewly launch", LatestGenerationId = completed, LatestVersion = 1, LatestBrandScore = 8.75, UpdatedAt = Created.AddMinutes(3) },
            await Store.GetSiteAsync(tenant, site.SiteId, Cancellation));
    }

    [Fact]
    public async Task ARenameBetweenARestoresReadAndItsWriteKeepsTheNameAndTheRestoredVersion()
    {
        var tenant = NewTenant();
        var site = new Site { Tenant = tenant, SiteId = "osteria-lume-z9y8x7", Name = "Osteria Lume", CreatedAt = Created, UpdatedAt = Created };
        await Store.CreateSiteAsync(site, Cancellation);
        var (first, second) = (GenerationIds.NewGenerationId(Created.AddMinutes(1)), GenerationIds.NewGenerationId(Created.AddMinutes(2)));
        Assert.True(await Store.RecordCompletedVersionAsync(tenant, site.SiteId, second, 2, 9.0, Created.AddMinutes(3), Cancellation));

        var read = await Store.GetSiteAsync(tenant, site.SiteId, Cancellation);
        Assert.True(await Store.RenameSiteAsync(tenant, site.SiteId, "Osteria Lume · dinner", Cancellation));
        // The first version has no score (it was never validated): the site shows none, not the second's.
        Assert.True(await Store.RestoreVersionAsync(tenant, read!.SiteId, first, null, Created.AddMinutes(4), Cancellation));

        Assert.Equal(
            site with { Name = "Osteria Lume · dinner", LatestGenerationId = first, LatestVersion = 2, LatestBrandScore = null, UpdatedAt = Created.AddMinutes(4) },
            await Store.GetSiteAsync(tenant, site.SiteId, Cancellation));
        Assert.False(await Store.RestoreVersionAsync(NewTenant(), site.SiteId, first, null, Created.AddMinutes(5), Cancellation));
        Assert.False(await Store.RestoreVersionAsync(tenant, "nowhere-000000", first, null, Created.AddMinutes(5), Cancellation));
        Assert.Null(await Store.GetSiteAsync(tenant, "nowhere-000000", Cancellation));
    }
}
