using System.Security.Cryptography;
using SiteBuilder.Identity.Accounts;

namespace SiteBuilder.Identity.Tests.Accounts;

/// <summary>What every <see cref="IAccountStore"/> must do. Derived classes supply the implementation.</summary>
public abstract class AccountStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Created = new(2026, 11, 25, 9, 30, 15, TimeSpan.Zero);

    private IAccountStore? _store;

    protected IAccountStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    protected abstract ValueTask<IAccountStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A user name no other test uses, since a test class may share its tables.</summary>
    protected static string NewUserName(string stem = "user") => $"{stem}.{RandomNumberGenerator.GetHexString(8, lowercase: true)}";

    protected static Account NewAccount(string userName) => new()
    {
        UserName = userName,
        DisplayName = "Dana Marketer",
        PasswordHash = "AQAAAAIAAYagAAAAE" + RandomNumberGenerator.GetHexString(32),
        Roles = new HashSet<string> { Roles.Marketer, Roles.Operator },
        Tenants = new HashSet<string> { "acme", "globex" },
        FailedSignIns = 2,
        CreatedAt = Created,
        UpdatedAt = Created.AddMinutes(5),
    };

    [Fact]
    public async Task ACreatedAccountIsFoundWithEveryField()
    {
        var account = NewAccount(NewUserName());

        var created = await Store.CreateAsync(account, Cancellation);

        Assert.Equal(1, created.Version);
        AssertSameAccount(account with { Version = 1 }, created);
        AssertSameAccount(created, await Store.FindAsync(account.UserName, Cancellation));
    }

    [Fact]
    public async Task UserNamesAreStoredLowerCaseAndFoundInAnyCase()
    {
        var name = NewUserName("Dana.Smith");

        var created = await Store.CreateAsync(NewAccount(name), Cancellation);

        Assert.Equal(name.ToLowerInvariant(), created.UserName);
        AssertSameAccount(created, await Store.FindAsync(name.ToUpperInvariant(), Cancellation));
        AssertSameAccount(created, await Store.FindAsync($"  {name} ", Cancellation));
    }

    [Fact]
    public async Task FindingAMissingAccountReturnsNull() =>
        Assert.Null(await Store.FindAsync(NewUserName("nobody"), Cancellation));

    [Fact]
    public async Task CreatingATakenNameInAnyCaseConflictsAndKeepsTheFirstAccount()
    {
        var name = NewUserName();
        var first = await Store.CreateAsync(NewAccount(name), Cancellation);

        await Assert.ThrowsAsync<AccountConflictException>(() => Store.CreateAsync(NewAccount(name.ToUpperInvariant()) with { DisplayName = "Impostor" }, Cancellation));

        AssertSameAccount(first, await Store.FindAsync(name, Cancellation));
    }

    [Fact]
    public async Task UpdateSavesTheChangesAndBumpsTheVersion()
    {
        var created = await Store.CreateAsync(NewAccount(NewUserName()), Cancellation);
        var changed = created with
        {
            DisplayName = "Dana Lead",
            PasswordHash = "new-hash",
            Roles = new HashSet<string> { Roles.TechLead },
            Tenants = new HashSet<string> { "initech" },
            Disabled = true,
            FailedSignIns = 4,
            SecurityStamp = "stamp-after-reset",
            UpdatedAt = created.UpdatedAt.AddHours(1),
        };

        var updated = await Store.UpdateAsync(changed, Cancellation);

        Assert.Equal(2, updated.Version);
        AssertSameAccount(changed with { Version = 2 }, updated);
        AssertSameAccount(updated, await Store.FindAsync(created.UserName, Cancellation));
        Assert.Equal(3, (await Store.UpdateAsync(updated, Cancellation)).Version);
    }

    [Fact]
    public async Task UpdatingAStaleVersionConflictsAndKeepsTheNewerChange()
    {
        var created = await Store.CreateAsync(NewAccount(NewUserName()), Cancellation);
        var first = await Store.UpdateAsync(created with { DisplayName = "First writer" }, Cancellation);

        await Assert.ThrowsAsync<AccountConflictException>(() => Store.UpdateAsync(created with { DisplayName = "Second writer" }, Cancellation));

        AssertSameAccount(first, await Store.FindAsync(created.UserName, Cancellation));
    }

    [Fact]
    public async Task UpdatingAMissingAccountConflictsAndCreatesNothing()
    {
        var ghost = NewAccount(NewUserName("ghost")) with { Version = 1 };

        await Assert.ThrowsAsync<AccountConflictException>(() => Store.UpdateAsync(ghost, Cancellation));

        Assert.Null(await Store.FindAsync(ghost.UserName, Cancellation));
    }

    [Fact]
    public async Task ListReturnsEveryAccountOrderedByUserName()
    {
        var stem = NewUserName("list");
        foreach (var suffix in new[] { "c", "a", "B" })
        {
            await Store.CreateAsync(NewAccount($"{stem}-{suffix}"), Cancellation);
        }

        var listed = (await Store.ListAsync(Cancellation)).Select(a => a.UserName).ToList();

        Assert.Equal([$"{stem}-a", $"{stem}-b", $"{stem}-c"], listed.Where(n => n.StartsWith(stem, StringComparison.Ordinal)));
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task ListedAccountsCarryEveryField()
    {
        var created = await Store.CreateAsync(NewAccount(NewUserName()) with { LockedUntil = Created.AddDays(1) }, Cancellation);

        var listed = Assert.Single(await Store.ListAsync(Cancellation), a => a.UserName == created.UserName);

        AssertSameAccount(created, listed);
    }

    [Fact]
    public async Task EmptyRolesAndTenantsRoundTripAsEmptySets()
    {
        var account = NewAccount(NewUserName()) with { Roles = new HashSet<string>(), Tenants = new HashSet<string>() };

        await Store.CreateAsync(account, Cancellation);

        var found = await Store.FindAsync(account.UserName, Cancellation);
        Assert.NotNull(found);
        Assert.Empty(found.Roles);
        Assert.Empty(found.Tenants);
    }

    [Fact]
    public async Task RolesAndTenantsCanBeClearedByAnUpdate()
    {
        var created = await Store.CreateAsync(NewAccount(NewUserName()), Cancellation);

        await Store.UpdateAsync(created with { Roles = new HashSet<string>(), Tenants = new HashSet<string>() }, Cancellation);

        var found = await Store.FindAsync(created.UserName, Cancellation);
        Assert.NotNull(found);
        Assert.Empty(found.Roles);
        Assert.Empty(found.Tenants);
    }

    [Fact]
    public async Task LockedUntilRoundTripsToTheTick()
    {
        // An offset other than UTC and sub-millisecond ticks: both must survive storage.
        var lockedUntil = new DateTimeOffset(2026, 11, 25, 11, 45, 30, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var created = await Store.CreateAsync(NewAccount(NewUserName()) with { LockedUntil = lockedUntil }, Cancellation);

        var found = await Store.FindAsync(created.UserName, Cancellation);

        Assert.NotNull(found);
        Assert.Equal(lockedUntil.UtcTicks, found.LockedUntil?.UtcTicks);
        Assert.True(found.IsLockedOut(lockedUntil.AddTicks(-1)));
        Assert.False(found.IsLockedOut(lockedUntil));
    }

    [Fact]
    public async Task ClearingLockedUntilRoundTripsAsNull()
    {
        var created = await Store.CreateAsync(NewAccount(NewUserName()) with { LockedUntil = Created.AddMinutes(15) }, Cancellation);

        await Store.UpdateAsync(created with { LockedUntil = null, FailedSignIns = 0 }, Cancellation);

        var found = await Store.FindAsync(created.UserName, Cancellation);
        Assert.NotNull(found);
        Assert.Null(found.LockedUntil);
        Assert.Equal(0, found.FailedSignIns);
    }

    [Fact]
    public async Task PreferencesAreNullUntilSaved() =>
        Assert.Null(await Store.GetPreferencesAsync($"subject-{Guid.NewGuid():N}", Cancellation));

    [Fact]
    public async Task SavedPreferencesAreReadBackAndOverwritten()
    {
        var subject = $"entra|{Guid.NewGuid():N}";
        var other = $"entra|{Guid.NewGuid():N}";

        await Store.SavePreferencesAsync(subject, new UserPreferences(DarkMode: true), Cancellation);
        await Store.SavePreferencesAsync(other, new UserPreferences(DarkMode: false), Cancellation);
        Assert.Equal(new UserPreferences(DarkMode: true), await Store.GetPreferencesAsync(subject, Cancellation));

        await Store.SavePreferencesAsync(subject, new UserPreferences(DarkMode: false), Cancellation);
        Assert.Equal(new UserPreferences(DarkMode: false), await Store.GetPreferencesAsync(subject, Cancellation));
        Assert.Equal(new UserPreferences(DarkMode: false), await Store.GetPreferencesAsync(other, Cancellation));
    }

    [Fact]
    public async Task ConcurrentUpdatesOfOneVersionLetExactlyOneWin()
    {
        var created = await Store.CreateAsync(NewAccount(NewUserName()), Cancellation);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await Store.UpdateAsync(created with { DisplayName = $"Writer {i}" }, Cancellation);
                return true;
            }
            catch (AccountConflictException)
            {
                return false;
            }
        }, Cancellation)));

        Assert.Single(outcomes, won => won);
        Assert.Equal(2, (await Store.FindAsync(created.UserName, Cancellation))!.Version);
    }

    /// <summary>Records compare sets by reference, so compare field by field.</summary>
    protected static void AssertSameAccount(Account expected, Account? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.UserName.ToLowerInvariant(), actual.UserName);
        Assert.Equal(expected.DisplayName, actual.DisplayName);
        Assert.Equal(expected.PasswordHash, actual.PasswordHash);
        Assert.Equal(expected.Roles.Order(StringComparer.Ordinal), actual.Roles.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Tenants.Order(StringComparer.Ordinal), actual.Tenants.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Disabled, actual.Disabled);
        Assert.Equal(expected.FailedSignIns, actual.FailedSignIns);
        Assert.Equal(expected.LockedUntil?.UtcTicks, actual.LockedUntil?.UtcTicks);
        Assert.Equal(expected.CreatedAt.UtcTicks, actual.CreatedAt.UtcTicks);
        Assert.Equal(expected.UpdatedAt.UtcTicks, actual.UpdatedAt.UtcTicks);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.SecurityStamp, actual.SecurityStamp);
    }
}
