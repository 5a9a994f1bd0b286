using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SiteBuilder.Identity.Accounts;

public enum SignInOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Disabled,
}

public sealed record SignInResult(SignInOutcome Outcome, Account? Account = null, DateTimeOffset? LockedUntil = null);

/// <summary>The rules of local accounts: hashed passwords, lockout, roles and tenants. Used by the portal and the CLI alike.</summary>
public sealed class AccountService(IAccountStore store, IOptions<AccountOptions> options, TimeProvider clock)
{
    private static readonly PasswordHasher<Account> Hasher = new();

    public AccountOptions Options => options.Value;

    public Task<Account?> FindAsync(string userName, CancellationToken cancellationToken = default) => store.FindAsync(userName, cancellationToken);

    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    /// <summary>Creates an account. With no password given, one is generated and returned so the caller can show it once.</summary>
    public async Task<(Account Account, string Password)> CreateAsync(NewAccount request, CancellationToken cancellationToken = default)
    {
        AccountValidation.ThrowIfInvalid(AccountValidation.Validate(request));
        var password = request.Password ?? GeneratePassword();
        var now = clock.GetUtcNow();
        var account = new Account
        {
            UserName = request.UserName.Trim().ToLowerInvariant(),
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.UserName.Trim() : request.DisplayName.Trim(),
            PasswordHash = "",
            Roles = request.Roles.Select(r => Roles.Normalize(r)!).ToHashSet(),
            Tenants = request.Tenants.Select(t => t.Trim()).ToHashSet(),
            SecurityStamp = Account.NewSecurityStamp(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        account = account with { PasswordHash = Hasher.HashPassword(account, password) };
        return (await store.CreateAsync(account, cancellationToken), password);
    }

    /// <summary>Checks a password, counting failures: the fifth wrong one locks the account for the lockout period.</summary>
    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var account = await store.FindAsync(userName, cancellationToken);
            if (account is null)
            {
                // Hash anyway so an unknown name takes as long as a wrong password.
                Hasher.VerifyHashedPassword(DummyAccount, DummyHash, password);
                return new SignInResult(SignInOutcome.InvalidCredentials);
            }

            var now = clock.GetUtcNow();
            var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);

            // Until the password is right, a disabled or locked account answers like an unknown name: a guesser learns nothing,
            // and failures against a locked account do not extend its lock.
            if (account.Disabled || account.IsLockedOut(now))
            {
                return verdict == PasswordVerificationResult.Failed ? new SignInResult(SignInOutcome.InvalidCredentials)
                    : account.Disabled ? new SignInResult(SignInOutcome.Disabled)
                    : new SignInResult(SignInOutcome.LockedOut, LockedUntil: account.LockedUntil);
            }

            var updated = verdict switch
            {
                PasswordVerificationResult.Failed => RecordFailure(account, now),
                PasswordVerificationResult.SuccessRehashNeeded => account with { PasswordHash = Hasher.HashPassword(account, password), FailedSignIns = 0, LockedUntil = null, UpdatedAt = now },
                _ when account.FailedSignIns > 0 || account.LockedUntil is not null => account with { FailedSignIns = 0, LockedUntil = null, UpdatedAt = now },
                _ => account,
            };

            try
            {
                if (!ReferenceEquals(updated, account))
                {
                    updated = await store.UpdateAsync(updated, cancellationToken);
                }
            }
            catch (AccountConflictException) when (attempt < 5)
            {
                // A concurrent sign-in changed the counter: count again on the fresh record.
                continue;
            }

            return verdict == PasswordVerificationResult.Failed
                ? updated.IsLockedOut(now) ? new SignInResult(SignInOutcome.LockedOut, LockedUntil: updated.LockedUntil) : new SignInResult(SignInOutcome.InvalidCredentials)
                : new SignInResult(SignInOutcome.Succeeded, updated);
        }
    }

    public Task<Account> SetRolesAsync(string userName, IEnumerable<string> roles, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, account =>
        {
            var normalized = roles.Select(r => Roles.Normalize(r) ?? throw new AccountValidationException(new() { ["roles"] = [$"'{r}' is not a role. Roles: {string.Join(", ", Roles.All)}."] })).ToHashSet();
            // Losing a role ends the sessions and tokens that had it; gaining one does not need to.
            return account with { Roles = normalized, SecurityStamp = account.Roles.IsSubsetOf(normalized) ? account.SecurityStamp : Account.NewSecurityStamp() };
        }, cancellationToken);

    public Task<Account> SetTenantsAsync(string userName, IEnumerable<string> tenants, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, account =>
        {
            var list = tenants.Select(t => t.Trim()).Where(t => t.Length > 0).ToHashSet();
            var invalid = list.FirstOrDefault(t => !TenantId.IsValid(t));
            return invalid is null
                ? account with { Tenants = list, SecurityStamp = account.Tenants.IsSubsetOf(list) ? account.SecurityStamp : Account.NewSecurityStamp() }
                : throw new AccountValidationException(new() { ["tenants"] = [$"'{invalid}' is not valid: {TenantId.Rule}."] });
        }, cancellationToken);

    public Task<Account> SetDisplayNameAsync(string userName, string displayName, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, account => account with { DisplayName = string.IsNullOrWhiteSpace(displayName) ? account.UserName : displayName.Trim() }, cancellationToken);

    public Task<Account> SetDisabledAsync(string userName, bool disabled, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, account => account with { Disabled = disabled, SecurityStamp = disabled ? Account.NewSecurityStamp() : account.SecurityStamp }, cancellationToken);

    /// <summary>Ends every session and token of the account: they carry the old stamp.</summary>
    public Task<Account> SignOutEverywhereAsync(string userName, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, account => account with { SecurityStamp = Account.NewSecurityStamp() }, cancellationToken);

    public Task<Account> UnlockAsync(string userName, CancellationToken cancellationToken = default) =>
        ChangeAsync(userName, account => account with { FailedSignIns = 0, LockedUntil = null }, cancellationToken);

    /// <summary>Sets a new password (generated when none is given) and clears any lockout.</summary>
    public async Task<string> ResetPasswordAsync(string userName, string? newPassword = null, CancellationToken cancellationToken = default)
    {
        if (newPassword is not null && AccountValidation.ValidatePassword(newPassword) is { } problem)
        {
            throw new AccountValidationException(new() { ["password"] = [problem] });
        }

        var password = newPassword ?? GeneratePassword();
        await ChangeAsync(userName, account => account with
        {
            PasswordHash = Hasher.HashPassword(account, password), FailedSignIns = 0, LockedUntil = null, SecurityStamp = Account.NewSecurityStamp(),
        }, cancellationToken);
        return password;
    }

    /// <summary>Changes one's own password after checking the current one.</summary>
    public async Task<bool> ChangePasswordAsync(string userName, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        var account = await store.FindAsync(userName, cancellationToken) ?? throw new AccountNotFoundException(userName);
        if (Hasher.VerifyHashedPassword(account, account.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            return false;
        }

        await ResetPasswordAsync(userName, newPassword, cancellationToken);
        return true;
    }

    /// <summary>A password of 20 characters from an alphabet without look-alikes (about 113 bits).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    private Account RecordFailure(Account account, DateTimeOffset now)
    {
        // Failures start over after a quiet AddressWindow, so a slow trickle (one address throttled to a few an hour) never adds up to a lock.
        var recent = account.UpdatedAt + options.Value.AddressWindow > now ? account.FailedSignIns : 0;
        var failures = recent + 1;
        return failures >= options.Value.MaxFailedSignIns
            ? account with { FailedSignIns = 0, LockedUntil = now + options.Value.LockoutDuration, UpdatedAt = now }
            : account with { FailedSignIns = failures, UpdatedAt = now };
    }

    private async Task<Account> ChangeAsync(string userName, Func<Account, Account> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var account = await store.FindAsync(userName, cancellationToken) ?? throw new AccountNotFoundException(userName);
            try
            {
                return await store.UpdateAsync(change(account) with { UpdatedAt = clock.GetUtcNow() }, cancellationToken);
            }
            catch (AccountConflictException) when (attempt < 5)
            {
                // Someone else saved first: apply the change to their version.
            }
        }
    }

    private static readonly Account DummyAccount = new() { UserName = "-", DisplayName = "-", PasswordHash = "", CreatedAt = default, UpdatedAt = default };
    private static readonly string DummyHash = Hasher.HashPassword(DummyAccount, GeneratePassword());
}

public sealed class AccountNotFoundException(string userName) : Exception($"There is no account named '{userName}'.");
