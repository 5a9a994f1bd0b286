using SiteBuilder.Identity;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Identity.Tokens;
using SiteBuilder.Portal.Hosting;
using SiteBuilder.Storage;

namespace SiteBuilder.Portal.Cli;

/// <summary>
/// <c>users …</c>, <c>token …</c> and <c>tokens …</c>: account administration and API tokens from the shell, with the server's own
/// configuration and store. Results go to stdout (a token prints alone, for <c>$(…)</c>); messages go to stderr.
/// </summary>
public static class AdminCli
{
    private const string Usage = """
        Usage:
          users add NAME --role ROLE [--role ROLE …] [--tenant T …] [--password P] [--display-name "Full Name"]
          users list
          users set-roles NAME --role ROLE [--role ROLE …]
          users set-tenants NAME --tenant T [--tenant T …]
          users reset-password NAME [--password P]
          users disable NAME | users enable NAME | users unlock NAME
          token --user NAME --tenant T [--ttl 1h] [--name LABEL]
          token --user NAME [--ttl 1h] [--name LABEL]   (no tenant: an operations token for /v1/ops; the user needs an operations role)
          tokens list --user NAME
          tokens revoke --user NAME ID
          releases register --user NAME --version V --commit SHA --image-digest sha256:… --terraform-commit SHA
                            [--notes TEXT] [--tests-passed true|false] [--coverage 87.5] [--review-approved true|false] [--link URL …]

        Roles: Marketer, Operator, TechLead, DevOpsLead, ProductOwner, Admin. Several values may also be comma-separated.
        Configuration comes from appsettings.json and SiteBuilder__… environment variables, as for the server.
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "users" or "token" or "tokens" or "releases" or "help" or "--help";

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        if (args[0] is "help" or "--help")
        {
            await stdout.WriteLineAsync(Usage);
            return 0;
        }

        var parsed = CliArguments.Parse(args);
        if (parsed.Error is not null)
        {
            await stderr.WriteLineAsync($"{parsed.Error}\n\n{Usage}");
            return 2;
        }

        // Command-line configuration is left out: these arguments are the command's, not settings.
        var builder = PortalHost.CreateBuilder([]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        await using var app = builder.Build();
        try
        {
            await app.Services.GetRequiredService<StorageInitializer>().InitializeAsync();
            var accounts = app.Services.GetRequiredService<AccountService>();
            return (parsed.Verb, parsed.Action) switch
            {
                ("users", "add") => await AddAsync(accounts, parsed, stdout),
                ("users", "list") => await ListAsync(accounts, stdout),
                ("users", "set-roles") => await Report(accounts.SetRolesAsync(parsed.Name!, parsed.Roles), stdout, "Roles set"),
                ("users", "set-tenants") => await Report(accounts.SetTenantsAsync(parsed.Name!, parsed.Tenants), stdout, "Tenants set"),
                ("users", "disable") => await Report(accounts.SetDisabledAsync(parsed.Name!, true), stdout, "Disabled"),
                ("users", "enable") => await Report(accounts.SetDisabledAsync(parsed.Name!, false), stdout, "Enabled"),
                ("users", "unlock") => await Report(accounts.UnlockAsync(parsed.Name!), stdout, "Unlocked"),
                ("users", "reset-password") => await ResetAsync(accounts, parsed, stdout),
                ("token", _) => await TokenAsync(app.Services, accounts, parsed, stdout),
                ("tokens", "list") => await ListTokensAsync(app.Services, parsed, stdout),
                ("tokens", "revoke") => await RevokeTokenAsync(app.Services, parsed, stdout),
                ("releases", "register") => await RegisterReleaseAsync(app.Services, accounts, parsed, stdout),
                _ => throw new InvalidOperationException("unreachable: the parser accepts only known commands"),
            };
        }
        catch (AccountValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                await stderr.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
            }

            return 1;
        }
        catch (Exception e) when (e is AccountConflictException or AccountNotFoundException or TokenRequestException or SiteBuilder.Operations.OperationsException)
        {
            await stderr.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Exception e) when (ConfigurationProblem.Describe(e) is { } problem)
        {
            await stderr.WriteLineAsync($"Configuration error: {problem}");
            return 1;
        }
    }

    private static async Task<int> AddAsync(AccountService accounts, CliArguments parsed, TextWriter stdout)
    {
        var (account, password) = await accounts.CreateAsync(new NewAccount(parsed.Name!, parsed.Roles, parsed.Tenants, parsed.Password, parsed.DisplayName));
        await stdout.WriteLineAsync($"Created {account.UserName} (roles: {Join(account.Roles)}; tenants: {Join(account.Tenants)})");
        if (parsed.Password is null)
        {
            await stdout.WriteLineAsync($"Password: {password}");
        }

        return 0;
    }

    private static async Task<int> ListAsync(AccountService accounts, TextWriter stdout)
    {
        await stdout.WriteLineAsync($"{"USER",-24} {"ROLES",-36} {"TENANTS",-28} STATUS");
        foreach (var a in await accounts.ListAsync())
        {
            var status = a.Disabled ? "disabled" : a.IsLockedOut(DateTimeOffset.UtcNow) ? "locked" : "active";
            await stdout.WriteLineAsync($"{a.UserName,-24} {Join(a.Roles),-36} {Join(a.Tenants),-28} {status}");
        }

        return 0;
    }

    private static async Task<int> ResetAsync(AccountService accounts, CliArguments parsed, TextWriter stdout)
    {
        var password = await accounts.ResetPasswordAsync(parsed.Name!, parsed.Password);
        await stdout.WriteLineAsync(parsed.Password is null ? $"Password: {password}" : "Password set");
        return 0;
    }

    private static async Task<int> TokenAsync(IServiceProvider services, AccountService accounts, CliArguments parsed, TextWriter stdout)
    {
        var account = await accounts.FindAsync(parsed.User!) ?? throw new AccountNotFoundException(parsed.User!);
        var issuer = services.GetRequiredService<LocalTokenIssuer>();
        var lifetime = LocalTokenIssuer.ParseLifetime(parsed.Ttl);
        var name = parsed.Options.TryGetValue("name", out var names) ? names[^1] : "CLI";
        var issued = parsed.Tenant is null ? await issuer.IssueOperationsAsync(account, lifetime, name) : await issuer.IssueAsync(account, parsed.Tenant, lifetime, name);
        await stdout.WriteLineAsync(issued.AccessToken);
        return 0;
    }

    private static async Task<int> ListTokensAsync(IServiceProvider services, CliArguments parsed, TextWriter stdout)
    {
        var now = DateTimeOffset.UtcNow;
        await stdout.WriteLineAsync($"{"ID",-32} {"NAME",-24} {"TENANT",-12} {"CREATED",-17} {"EXPIRES",-17} {"LAST USED",-17} STATUS");
        foreach (var t in await services.GetRequiredService<ApiTokenRegistry>().ListAsync(parsed.User!))
        {
            await stdout.WriteLineAsync($"{t.Id,-32} {t.Name,-24} {t.Tenant ?? "-",-12} {Time(t.CreatedAt),-17} {Time(t.ExpiresAt),-17} {(t.LastUsedAt is { } used ? Time(used) : "never"),-17} {t.Status(now).ToLowerInvariant()}");
        }

        return 0;
    }

    private static async Task<int> RevokeTokenAsync(IServiceProvider services, CliArguments parsed, TextWriter stdout)
    {
        // Whoever runs the CLI has the server's data; the audit trail names the shell account.
        var revoked = await services.GetRequiredService<ApiTokenRegistry>().RevokeAsync(parsed.User!, parsed.Name!, $"cli:{Environment.UserName}")
            ?? throw new TokenRequestException("id", $"'{parsed.User}' has no token '{parsed.Name}' (see: tokens list --user {parsed.User}).");
        await stdout.WriteLineAsync($"Revoked {revoked.Id} ({revoked.Name}); calls with it are refused within a minute.");
        return 0;
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>For CI scripts: registers a release as the named operations user (the same checks and audit line as the API).</summary>
    private static async Task<int> RegisterReleaseAsync(IServiceProvider services, AccountService accounts, CliArguments parsed, TextWriter stdout)
    {
        var account = await accounts.FindAsync(parsed.User!) ?? throw new AccountNotFoundException(parsed.User!);
        if (!Auth.OperationsPolicies.RequestRoles.Any(account.IsInRole))
        {
            throw new TokenRequestException("user", $"'{account.UserName}' may not register releases: that needs one of {string.Join(", ", Auth.OperationsPolicies.RequestRoles)}.");
        }

        var options = parsed.Options;
        string? One(string key) => options.TryGetValue(key, out var v) ? v[^1] : null;
        var evidence = new SiteBuilder.Operations.Releases.ReleaseEvidence
        {
            TestsPassed = bool.TryParse(One("tests-passed"), out var tests) && tests,
            ReviewApproved = bool.TryParse(One("review-approved"), out var review) && review,
            CoveragePercent = double.TryParse(One("coverage"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var coverage) ? coverage : null,
            Links = options.TryGetValue("link", out var links) ? links : [],
        };
        var release = await services.GetRequiredService<SiteBuilder.Operations.Releases.ReleaseService>().RegisterAsync(
            new SiteBuilder.Operations.Releases.NewRelease(One("version"), One("commit"), One("image-digest"), One("terraform-commit"), One("notes"), evidence),
            new SiteBuilder.Operations.OpsActor(account.UserName, account.DisplayName, account.Roles));
        await stdout.WriteLineAsync($"Registered release {release.Version} (image {release.ImageDigest})");
        return 0;
    }

    private static async Task<int> Report(Task<Account> change, TextWriter stdout, string what)
    {
        var account = await change;
        await stdout.WriteLineAsync($"{what}: {account.UserName} (roles: {Join(account.Roles)}; tenants: {Join(account.Tenants)}{(account.Disabled ? "; disabled" : "")})");
        return 0;
    }

    private static string Join(IEnumerable<string> values) => values.Any() ? string.Join(",", values.Order(StringComparer.Ordinal)) : "-";
}

/// <summary>The parsed command line of the admin CLI.</summary>
internal sealed record CliArguments(string Verb, string? Action, string? Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Tenants,
    string? Password, string? DisplayName, string? User, string? Tenant, string? Ttl, string? Error)
{
    /// <summary>Every option as given, for commands with many (releases register).</summary>
    public IReadOnlyDictionary<string, List<string>> Options { get; init; } = new Dictionary<string, List<string>>();

    private static readonly string[] ReleaseOptions = ["user", "version", "commit", "image-digest", "terraform-commit", "notes", "tests-passed", "coverage", "review-approved", "link"];

    private static readonly string[] UserActions = ["add", "list", "set-roles", "set-tenants", "reset-password", "disable", "enable", "unlock"];

    public static CliArguments Parse(string[] args)
    {
        var verb = args[0];
        var positional = new List<string>();
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var (option, value) = equals > 0 ? (arg[2..equals], arg[(equals + 1)..]) : (arg[2..], null);
            if (value is null)
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return Fail(verb, $"--{option} needs a value.");
                }

                value = args[++i];
            }

            if (!options.TryGetValue(option, out var list))
            {
                options[option] = list = [];
            }

            list.Add(value);
        }

        List<string> Many(string key) => options.TryGetValue(key, out var v) ? [.. v.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))] : [];
        string? One(string key) => options.TryGetValue(key, out var v) ? v[^1] : null;

        var known = verb switch
        {
            "token" => new[] { "user", "tenant", "ttl", "name" },
            "tokens" => ["user"],
            "releases" => ReleaseOptions,
            _ => ["role", "tenant", "password", "display-name"],
        };
        var unknown = options.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
        {
            return Fail(verb, $"Unknown option --{unknown}.");
        }

        if (verb == "token")
        {
            return One("user") is null
                ? Fail(verb, "token needs --user NAME (and --tenant T for a tenant's API; without it, an operations token).")
                : new CliArguments(verb, null, null, [], [], null, null, One("user"), One("tenant"), One("ttl"), null) { Options = options };
        }

        if (verb == "tokens")
        {
            var tokensAction = positional.FirstOrDefault();
            return tokensAction switch
            {
                not ("list" or "revoke") => Fail(verb, "tokens needs one of: list, revoke."),
                _ when One("user") is null => Fail(verb, $"tokens {tokensAction} needs --user NAME."),
                "revoke" when positional.Count < 2 => Fail(verb, "tokens revoke needs the token's id (see: tokens list --user NAME)."),
                _ => new CliArguments(verb, tokensAction, positional.ElementAtOrDefault(1), [], [], null, null, One("user"), null, null, null),
            };
        }

        if (verb == "releases")
        {
            if (positional.FirstOrDefault() != "register")
            {
                return Fail(verb, "releases needs: register.");
            }

            var missing = new[] { "user", "version", "commit", "image-digest", "terraform-commit" }.FirstOrDefault(k => One(k) is null);
            return missing is not null
                ? Fail(verb, $"releases register needs --{missing}.")
                : new CliArguments(verb, "register", null, [], [], null, null, One("user"), null, null, null) { Options = options };
        }

        var action = positional.FirstOrDefault();
        if (action is null || !UserActions.Contains(action))
        {
            return Fail(verb, $"users needs one of: {string.Join(", ", UserActions)}.");
        }

        var name = positional.Skip(1).FirstOrDefault();
        if (action != "list" && name is null)
        {
            return Fail(verb, $"users {action} needs a user name.");
        }

        if (action is "add" or "set-roles" && Many("role").Count == 0)
        {
            return Fail(verb, $"users {action} needs at least one --role.");
        }

        return new CliArguments(verb, action, name, Many("role"), Many("tenant"), One("password"), One("display-name"), null, null, null, null);
    }

    private static CliArguments Fail(string verb, string error) => new(verb, null, null, [], [], null, null, null, null, null, error);
}
