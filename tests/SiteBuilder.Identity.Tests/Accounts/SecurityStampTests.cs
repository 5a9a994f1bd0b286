using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Storage.Sqlite;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Identity.Tests.Accounts;

/// <summary>Issue 13 point 3: the changes that must end old sessions and tokens change the account's security stamp; others keep it.</summary>
public sealed class SecurityStampTests : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("stamp");
    private AccountService _accounts = null!;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task UseSqliteAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("sitebuilder.db"), [SqliteAccountStore.Schema, SqliteAccountStore.SecurityStampSchema]);
        await database.MigrateAsync(Ct);
        _accounts = new AccountService(new SqliteAccountStore(database), Options.Create(new AccountOptions()), TimeProvider.System);
    }

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChangesThatEndAccessGiveANewStampAndOthersKeepIt()
    {
        await UseSqliteAsync();
        var (account, password) = await _accounts.CreateAsync(new NewAccount("dana", [Roles.Marketer, Roles.Admin], ["acme", "globex"], null, null), Ct);
        Assert.NotEmpty(account.SecurityStamp);

        async Task<string> StampAfter(Func<Task> change)
        {
            await change();
            return (await _accounts.FindAsync("dana", Ct))!.SecurityStamp;
        }

        var stamp = account.SecurityStamp;
        Assert.Equal(stamp, await StampAfter(() => _accounts.SetRolesAsync("dana", [Roles.Marketer, Roles.Admin, Roles.Operator], Ct)));
        Assert.Equal(stamp, await StampAfter(() => _accounts.SetTenantsAsync("dana", ["acme", "globex", "initech"], Ct)));
        Assert.Equal(stamp, await StampAfter(() => _accounts.SetDisplayNameAsync("dana", "Dana", Ct)));
        Assert.Equal(stamp, await StampAfter(() => _accounts.SignInAsync("dana", password, Ct)));

        foreach (var change in new Func<Task>[]
        {
            () => _accounts.SetRolesAsync("dana", [Roles.Marketer, Roles.Operator], Ct),
            () => _accounts.SetTenantsAsync("dana", ["acme"], Ct),
            () => _accounts.ResetPasswordAsync("dana", null, Ct),
            () => _accounts.SetDisabledAsync("dana", true, Ct),
            () => _accounts.SignOutEverywhereAsync("dana", Ct),
        })
        {
            var next = await StampAfter(change);
            Assert.NotEqual(stamp, next);
            stamp = next;
        }
    }
}
