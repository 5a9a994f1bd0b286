using System.Text.RegularExpressions;

namespace SiteBuilder.Identity.Accounts;

/// <summary>What a new account must look like. Errors are keyed by field so forms and the CLI can show them where they belong.</summary>
public sealed record NewAccount(string UserName, IReadOnlyCollection<string> Roles, IReadOnlyCollection<string> Tenants, string? Password = null, string? DisplayName = null);

public static partial class AccountValidation
{
    public const int MinimumPasswordLength = 10;

    public static Dictionary<string, string[]> Validate(NewAccount request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName) || !UserNamePattern().IsMatch(request.UserName.Trim()))
        {
            errors["userName"] = ["A user name is 2–64 characters: letters, digits, '.', '_', '-' or '@'."];
        }

        var unknownRoles = request.Roles.Where(r => Identity.Roles.Normalize(r) is null).ToList();
        if (unknownRoles.Count > 0)
        {
            errors["roles"] = [$"Unknown role(s): {string.Join(", ", unknownRoles)}. Roles: {string.Join(", ", Identity.Roles.All)}."];
        }

        var badTenants = request.Tenants.Where(t => !TenantId.IsValid(t.Trim())).ToList();
        if (badTenants.Count > 0)
        {
            errors["tenants"] = [$"'{badTenants[0]}' is not valid: {TenantId.Rule}."];
        }
        else if (request.Roles.Any(r => Identity.Roles.Normalize(r) == Identity.Roles.Marketer) && request.Tenants.Count == 0)
        {
            errors["tenants"] = ["A marketer needs at least one tenant."];
        }

        if (request.Password is not null && ValidatePassword(request.Password) is { } problem)
        {
            errors["password"] = [problem];
        }

        return errors;
    }

    public static string? ValidatePassword(string password) =>
        password.Length < MinimumPasswordLength ? $"A password needs at least {MinimumPasswordLength} characters." : null;

    public static void ThrowIfInvalid(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new AccountValidationException(errors);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{2,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserNamePattern();
}

public sealed class AccountValidationException(Dictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
