using System.Security.Cryptography;
using SiteBuilder.Identity.Tokens;

namespace SiteBuilder.Identity.Tests.Tokens;

/// <summary>What every <see cref="IApiTokenStore"/> must do. Derived classes supply the implementation.</summary>
public abstract class ApiTokenStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Minted = new(2026, 12, 6, 9, 30, 15, TimeSpan.Zero);

    private IApiTokenStore? _store;

    protected IApiTokenStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    protected abstract ValueTask<IApiTokenStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A user name no other test uses, since a test class may share its tables.</summary>
    private static string NewUserName() => $"user.{RandomNumberGenerator.GetHexString(8, lowercase: true)}";

    private static ApiToken NewToken(string userName, string? tenant = "acme", DateTimeOffset? created = null) => new()
    {
        Id = RandomNumberGenerator.GetHexString(32, lowercase: true),
        UserName = userName,
        Tenant = tenant,
        Name = "CI pipeline",
        CreatedAt = created ?? Minted,
        ExpiresAt = (created ?? Minted).AddDays(7),
    };

    [Fact]
    public async Task ARecordedTokenIsFoundWithEveryField()
    {
        var user = NewUserName();
        var token = NewToken(user) with { LastUsedAt = Minted.AddMinutes(3) };

        await Store.AddAsync(token, Cancellation);

        Assert.Equal(token, await Store.FindAsync(user, token.Id, Cancellation));
    }

    [Fact]
    public async Task AnOperationsTokenKeepsItsMissingTenant()
    {
        var user = NewUserName();
        var token = NewToken(user, tenant: null);

        await Store.AddAsync(token, Cancellation);

        var found = await Store.FindAsync(user, token.Id, Cancellation);
        Assert.NotNull(found);
        Assert.Null(found.Tenant);
    }

    [Fact]
    public async Task UserNamesAreStoredLowerCaseAndFoundInAnyCase()
    {
        var user = NewUserName();
        var token = NewToken(user.ToUpperInvariant());

        await Store.AddAsync(token, Cancellation);

        Assert.Equal(user, (await Store.FindAsync($" {user} ", token.Id, Cancellation))?.UserName);
        Assert.Single(await Store.ListAsync(user.ToUpperInvariant(), Cancellation));
    }

    [Fact]
    public async Task ATokenIsFoundOnlyUnderItsOwnUser()
    {
        var token = NewToken(NewUserName());
        await Store.AddAsync(token, Cancellation);

        Assert.Null(await Store.FindAsync(NewUserName(), token.Id, Cancellation));
        Assert.Null(await Store.FindAsync(token.UserName, RandomNumberGenerator.GetHexString(32, lowercase: true), Cancellation));
    }

    [Fact]
    public async Task RecordingAnIdTwiceIsRefusedAndKeepsTheFirst()
    {
        var token = NewToken(NewUserName());
        await Store.AddAsync(token, Cancellation);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AddAsync(token with { Name = "impostor" }, Cancellation));

        Assert.Equal("CI pipeline", (await Store.FindAsync(token.UserName, token.Id, Cancellation))?.Name);
    }

    [Fact]
    public async Task AUsersTokensAreListedNewestFirstAndNoOneElses()
    {
        var user = NewUserName();
        var older = NewToken(user, created: Minted);
        var newer = NewToken(user, tenant: "globex", created: Minted.AddHours(2));
        var middle = NewToken(user, tenant: null, created: Minted.AddHours(1));
        foreach (var token in new[] { older, newer, middle, NewToken(NewUserName()) })
        {
            await Store.AddAsync(token, Cancellation);
        }

        var listed = await Store.ListAsync(user, Cancellation);

        Assert.Equal([newer.Id, middle.Id, older.Id], listed.Select(t => t.Id));
        Assert.Empty(await Store.ListAsync(NewUserName(), Cancellation));
    }

    [Fact]
    public async Task RevokingRecordsWhenAndByWhomAndTheFirstRevocationStands()
    {
        var token = NewToken(NewUserName());
        await Store.AddAsync(token, Cancellation);

        var revoked = await Store.RevokeAsync(token.UserName, token.Id, "ada", Minted.AddHours(1), Cancellation);
        var again = await Store.RevokeAsync(token.UserName, token.Id, "bob", Minted.AddHours(2), Cancellation);

        var expected = token with { RevokedAt = Minted.AddHours(1), RevokedBy = "ada" };
        Assert.Equal(expected, revoked);
        Assert.Equal(expected, again);
        Assert.Equal(expected, await Store.FindAsync(token.UserName, token.Id, Cancellation));
        Assert.True(revoked!.IsRevoked);
    }

    [Fact]
    public async Task RevokingAMissingTokenReturnsNullAndCreatesNothing()
    {
        var user = NewUserName();
        var id = RandomNumberGenerator.GetHexString(32, lowercase: true);

        Assert.Null(await Store.RevokeAsync(user, id, "ada", Minted, Cancellation));

        Assert.Null(await Store.FindAsync(user, id, Cancellation));
        Assert.Empty(await Store.ListAsync(user, Cancellation));
    }

    [Fact]
    public async Task RevokingAnotherUsersTokenIdChangesNothing()
    {
        var token = NewToken(NewUserName());
        await Store.AddAsync(token, Cancellation);

        Assert.Null(await Store.RevokeAsync(NewUserName(), token.Id, "mallory", Minted, Cancellation));

        Assert.False((await Store.FindAsync(token.UserName, token.Id, Cancellation))!.IsRevoked);
    }

    [Fact]
    public async Task LastUseMovesForwardOnly()
    {
        var token = NewToken(NewUserName());
        await Store.AddAsync(token, Cancellation);

        await Store.TouchAsync(token.UserName, token.Id, Minted.AddMinutes(10), Cancellation);
        await Store.TouchAsync(token.UserName, token.Id, Minted.AddMinutes(5), Cancellation);

        Assert.Equal(Minted.AddMinutes(10), (await Store.FindAsync(token.UserName, token.Id, Cancellation))?.LastUsedAt);

        await Store.TouchAsync(token.UserName, token.Id, Minted.AddMinutes(20), Cancellation);
        Assert.Equal(Minted.AddMinutes(20), (await Store.FindAsync(token.UserName, token.Id, Cancellation))?.LastUsedAt);
    }

    [Fact]
    public async Task TouchingAMissingTokenCreatesNothing()
    {
        var user = NewUserName();
        var id = RandomNumberGenerator.GetHexString(32, lowercase: true);

        await Store.TouchAsync(user, id, Minted, Cancellation);

        Assert.Null(await Store.FindAsync(user, id, Cancellation));
    }
}
