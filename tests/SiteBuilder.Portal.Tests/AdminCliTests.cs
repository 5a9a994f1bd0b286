using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Portal.Api;
using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests;

/// <summary>The admin CLI as a separate process on the same data directory as a running portal.</summary>
public sealed class AdminCliTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _ = _portal.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task CliUserAndTokenWorkAgainstTheRunningPortal()
    {
        var added = await CliAsync("users", "add", "carol", "--role", "Marketer", "--tenant", "acme");
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("Created carol", added.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"Password: \S{20}", added.StdOut);

        var token = await CliAsync("token", "--user", "carol", "--tenant", "acme", "--ttl", "2h");

        Assert.Equal(0, token.ExitCode);
        var jwt = token.StdOut.Trim();
        Assert.Equal(3, jwt.Split('.').Length);
        Assert.DoesNotContain('\n', jwt);
        var me = await _portal.CreateApiClient(jwt, "acme").GetFromJsonAsync<MeResponse>("/v1/me", Ct);
        Assert.Equal("carol", me!.User);
        Assert.Equal(HttpStatusCode.Forbidden, (await _portal.CreateApiClient(jwt, "globex").GetAsync("/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task TheInitialAdminPasswordFileHoldsJustThePassword()
    {
        // Read by people and by scripts ($(cat data/initial-admin-password)): no byte-order mark, one line, the password that signs in.
        var path = Path.Combine(_portal.DataDirectory, "initial-admin-password");
        while (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            await Task.Delay(50, Ct);
        }

        var bytes = await File.ReadAllBytesAsync(path, Ct);
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        Assert.Matches(@"^\S{20}\n$", text);
        var accounts = _portal.Services.GetRequiredService<SiteBuilder.Identity.Accounts.AccountService>();
        Assert.Equal(SiteBuilder.Identity.Accounts.SignInOutcome.Succeeded, (await accounts.SignInAsync("admin", text.Trim(), Ct)).Outcome);
    }

    [Fact]
    public async Task GivenPasswordIsNotPrintedAndWorks()
    {
        var added = await CliAsync("users", "add", "dave", "--role", "TechLead,DevOpsLead", "--password", "a long enough password");

        Assert.Equal(0, added.ExitCode);
        Assert.DoesNotContain("a long enough password", added.StdOut, StringComparison.Ordinal);
        var result = await _portal.Accounts.SignInAsync("dave", "a long enough password", Ct);
        Assert.Equal(Identity.Accounts.SignInOutcome.Succeeded, result.Outcome);
        Assert.Equal(["DevOpsLead", "TechLead"], result.Account!.Roles.Order());
    }

    [Fact]
    public async Task BadInputGetsAClearMessageAndExitCode()
    {
        var unknownRole = await CliAsync("users", "add", "erin", "--role", "Wizard");
        Assert.Equal(1, unknownRole.ExitCode);
        Assert.Contains("Unknown role(s): Wizard", unknownRole.StdErr, StringComparison.Ordinal);

        var marketerWithoutTenant = await CliAsync("users", "add", "erin", "--role", "Marketer");
        Assert.Equal(1, marketerWithoutTenant.ExitCode);
        Assert.Contains("A marketer needs at least one tenant", marketerWithoutTenant.StdErr, StringComparison.Ordinal);

        await CliAsync("users", "add", "frank", "--role", "Marketer", "--tenant", "acme");
        var noTenant = await CliAsync("token", "--user", "frank");
        Assert.Equal(1, noTenant.ExitCode);
        Assert.Contains("holds no operations role", noTenant.StdErr, StringComparison.Ordinal);
        Assert.Contains("--tenant", noTenant.StdErr, StringComparison.Ordinal);

        var notMember = await CliAsync("token", "--user", "frank", "--tenant", "globex");
        Assert.Equal(1, notMember.ExitCode);
        Assert.Contains("not a member of the tenant 'globex'", notMember.StdErr, StringComparison.Ordinal);
        Assert.Equal("", notMember.StdOut);
    }

    [Fact]
    public async Task AnOperationsUserGetsATenantlessTokenForTheOperationsApiAndScriptsRegisterReleases()
    {
        await CliAsync("users", "add", "otto", "--role", "Operator");
        var digest = "sha256:" + new string('c', 64);

        var token = await CliAsync("token", "--user", "otto");
        var registered = await CliAsync("releases", "register", "--user", "otto", "--version", "4.2.0", "--commit", "abcdef1234", "--image-digest", digest,
            "--terraform-commit", "1234abcd", "--notes", "Checkout, faster", "--tests-passed", "true", "--coverage", "91.5", "--link", "https://ci.example.com/9");
        var duplicate = await CliAsync("releases", "register", "--user", "otto", "--version", "4.2.0", "--commit", "abcdef1234", "--image-digest", digest, "--terraform-commit", "1234abcd");

        Assert.Equal(0, token.ExitCode);
        Assert.Equal(0, registered.ExitCode);
        Assert.Contains("Registered release 4.2.0", registered.StdOut, StringComparison.Ordinal);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already registered", duplicate.StdErr, StringComparison.Ordinal);
        var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.StdOut.Trim());
        var release = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/ops/releases/4.2.0", Ct);
        Assert.Equal(91.5, release.GetProperty("release").GetProperty("evidence").GetProperty("coveragePercent").GetDouble());
        Assert.Equal("otto", release.GetProperty("release").GetProperty("registeredBy").GetString());
    }

    [Fact]
    public async Task DisablingFromTheCliRevokesTokens()
    {
        await CliAsync("users", "add", "gina", "--role", "Marketer", "--tenant", "acme");
        var jwt = (await CliAsync("token", "--user", "gina", "--tenant", "acme")).StdOut.Trim();

        Assert.Equal(0, (await CliAsync("users", "disable", "gina")).ExitCode);

        var list = await CliAsync("users", "list");
        Assert.Matches(@"gina\s+Marketer\s+acme\s+disabled", list.StdOut);
        // This portal was never asked about gina, so nothing is cached: the next call already fails.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _portal.CreateApiClient(jwt, "acme").GetAsync("/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task CliListsAUsersTokensAndRevokesOne()
    {
        await CliAsync("users", "add", "hugo", "--role", "Marketer", "--tenant", "acme");
        var jwt = (await CliAsync("token", "--user", "hugo", "--tenant", "acme", "--name", "nightly build")).StdOut.Trim();
        var id = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(jwt).Id;

        var listed = await CliAsync("tokens", "list", "--user", "hugo");
        var revoked = await CliAsync("tokens", "revoke", "--user", "hugo", id);
        var missing = await CliAsync("tokens", "revoke", "--user", "hugo", "feedfacefeedfacefeedfacefeedface");

        Assert.Matches($@"{id}\s+nightly build\s+acme\s.*\sactive", listed.StdOut);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains($"Revoked {id} (nightly build)", revoked.StdOut, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Matches($@"{id}\s+nightly build\s.*\srevoked", (await CliAsync("tokens", "list", "--user", "hugo")).StdOut);
        // This portal never saw the token, so nothing is cached: the first call is already refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _portal.CreateApiClient(jwt, "acme").GetAsync("/v1/me", Ct)).StatusCode);
    }

    private Task<PortalProcess.Result> CliAsync(params string[] args) =>
        PortalProcess.RunAsync(args, new Dictionary<string, string> { ["SiteBuilder__DataDirectory"] = _portal.DataDirectory }, _portal.DataDirectory, TimeSpan.FromSeconds(60), Ct);
}
