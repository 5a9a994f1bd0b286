using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Identity.Tokens;
using SiteBuilder.Storage.Blobs;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Identity.Tests.Tokens;

/// <summary>Issue 13 point 3: every minted token is recorded, can be listed and revoked, and a revoked one is refused within the status cadence.</summary>
public sealed class ApiTokenRegistryTests : IAsyncLifetime
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = new("tokens");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private IApiTokenStore _store = null!;
    private LocalTokenIssuer _issuer = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("sitebuilder.db"), [SqliteApiTokenStore.Schema]);
        await database.MigrateAsync(Ct);
        _store = new SqliteApiTokenStore(database);
        _issuer = new LocalTokenIssuer(new SigningKeyRing(new FolderBlobStore(_directory.Combine("blobs")), _clock), _store, Options.Create(new LocalTokenOptions()), _clock);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>One instance's registry: its own cache, the shared store.</summary>
    private ApiTokenRegistry NewInstance() =>
        new(_store, new MemoryCache(new MemoryCacheOptions { Clock = new ClockAdapter(_clock) }), Options.Create(new AccountOptions { StatusCacheDuration = CacheDuration }), _clock);

    private static Account Dana() => new()
    {
        UserName = "Dana",
        DisplayName = "Dana Marketer",
        PasswordHash = "x",
        Roles = new HashSet<string> { Roles.Marketer, Roles.Operator },
        Tenants = new HashSet<string> { "acme" },
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task AMintedTokenIsRecordedUnderItsJtiWithItsNameTenantAndExpiry()
    {
        var issued = await _issuer.IssueAsync(Dana(), "acme", TimeSpan.FromDays(7), "  CI pipeline ", Ct);
        var operations = await _issuer.IssueOperationsAsync(Dana(), cancellationToken: Ct);

        Assert.Equal(issued.Id, new JsonWebToken(issued.AccessToken).Id);
        var listed = await NewInstance().ListAsync("dana", Ct);
        Assert.Equal(new[] { operations.Id, issued.Id }.Order(StringComparer.Ordinal), listed.Select(t => t.Id).Order(StringComparer.Ordinal));
        var recorded = Assert.Single(listed, t => t.Id == issued.Id);
        Assert.Equal(new ApiToken { Id = issued.Id, UserName = "dana", Tenant = "acme", Name = "CI pipeline", CreatedAt = _clock.GetUtcNow(), ExpiresAt = _clock.GetUtcNow().AddDays(7) }, recorded);
        var ops = Assert.Single(listed, t => t.Id == operations.Id);
        Assert.Null(ops.Tenant);
        Assert.Equal(LocalTokenIssuer.DefaultName, ops.Name);
    }

    [Fact]
    public async Task ANameWithControlCharactersOrTooLongIsRefusedAndNothingIsRecorded()
    {
        var bad = await Assert.ThrowsAsync<TokenRequestException>(() => _issuer.IssueAsync(Dana(), "acme", name: "ci\u0007", cancellationToken: Ct));
        await Assert.ThrowsAsync<TokenRequestException>(() => _issuer.IssueAsync(Dana(), "acme", name: new string('x', LocalTokenIssuer.MaxNameLength + 1), cancellationToken: Ct));

        Assert.Equal("name", bad.Field);
        Assert.Empty(await _store.ListAsync("dana", Ct));
    }

    [Fact]
    public async Task ARevokedTokenIsRefusedAtOnceOnTheSameInstanceAndWithinTheCacheDurationOnAnother()
    {
        var issued = await _issuer.IssueAsync(Dana(), "acme", cancellationToken: Ct);
        var here = NewInstance();
        var elsewhere = NewInstance();
        Assert.NotNull(await here.GetUsableAsync("dana", issued.Id, Ct));
        Assert.NotNull(await elsewhere.GetUsableAsync("dana", issued.Id, Ct));

        var revoked = await here.RevokeAsync("Dana", issued.Id, "ada", Ct);

        Assert.Equal("ada", revoked?.RevokedBy);
        Assert.Equal(_clock.GetUtcNow(), revoked?.RevokedAt);
        Assert.Null(await here.GetUsableAsync("dana", issued.Id, Ct));
        _clock.Advance(CacheDuration + TimeSpan.FromSeconds(1));
        Assert.Null(await elsewhere.GetUsableAsync("dana", issued.Id, Ct));
    }

    [Fact]
    public async Task AnUnrecordedTokenIsNotUsable() =>
        Assert.Null(await NewInstance().GetUsableAsync("dana", "0123456789abcdef0123456789abcdef", Ct));

    [Fact]
    public async Task LastUseIsRecordedCoarselyNotOnEveryCall()
    {
        var issued = await _issuer.IssueAsync(Dana(), "acme", cancellationToken: Ct);
        var registry = NewInstance();
        var firstUse = _clock.GetUtcNow();

        await registry.GetUsableAsync("dana", issued.Id, Ct);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await registry.GetUsableAsync("dana", issued.Id, Ct);
        Assert.Equal(firstUse, (await _store.FindAsync("dana", issued.Id, Ct))?.LastUsedAt);

        _clock.Advance(ApiTokenRegistry.LastUsedResolution);
        await registry.GetUsableAsync("dana", issued.Id, Ct);
        Assert.Equal(_clock.GetUtcNow(), (await _store.FindAsync("dana", issued.Id, Ct))?.LastUsedAt);
    }

    private sealed class ClockAdapter(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
