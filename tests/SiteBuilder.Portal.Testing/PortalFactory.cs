using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Identity.Tokens;

namespace SiteBuilder.Portal.Testing;

/// <summary>
/// The whole portal on its embedded defaults (SQLite and folders in a fresh temp data directory), minting real tokens
/// through the real issuer. <see cref="Settings"/> overrides configuration per test class (e.g. DynamoDB on the emulator).
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public PortalFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "sitebuilder-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    /// <summary>Configuration on top of appsettings.json, as <c>Section:Key</c> pairs.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("SiteBuilder:DataDirectory", DataDirectory);
        // Tests that do not watch the page grow get the offline composer's page at once; a test can set a pace in Settings.
        builder.UseSetting("SiteBuilder:Generation:OfflineSectionDelay", "00:00:00");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// Starts the portal on a real Kestrel port and returns its address (<c>http://127.0.0.1:PORT</c>), for a browser or a
    /// client in another process. Call it before anything else starts the server.
    /// </summary>
    public string StartOnLoopbackPort()
    {
        UseKestrel(0);
        StartServer();
        return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    public AccountService Accounts => Services.GetRequiredService<AccountService>();

    /// <summary>Creates a local account (unique name unless given) and returns it with its password.</summary>
    public async Task<(Account Account, string Password)> CreateUserAsync(string[] roles, string[] tenants, string? userName = null, string? password = null, string? displayName = null)
    {
        userName ??= $"user-{Guid.NewGuid():N}"[..20];
        return await Accounts.CreateAsync(new NewAccount(userName, roles, tenants, password ?? "correct horse battery staple", displayName));
    }

    /// <summary>A real token from the portal's issuer for a new account with these roles, acting for <paramref name="tenant"/>.</summary>
    public async Task<string> CreateTokenAsync(string tenant, params string[] roles)
    {
        var (account, _) = await CreateUserAsync(roles.Length > 0 ? roles : [Identity.Roles.Marketer], [tenant]);
        return await IssueTokenAsync(account, tenant);
    }

    public async Task<string> IssueTokenAsync(Account account, string tenant, TimeSpan? lifetime = null) =>
        (await Services.GetRequiredService<LocalTokenIssuer>().IssueAsync(account, tenant, lifetime)).AccessToken;

    /// <summary>An HTTP client that calls <c>/v1</c> as the token's user for <paramref name="tenant"/>.</summary>
    public HttpClient CreateApiClient(string token, string tenant)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("X-Tenant-Id", tenant);
        return client;
    }

    /// <summary>
    /// The paths of the static assets whose name carries their content's hash (<c>/app.f6970tqexj.css</c>), from the portal's
    /// endpoint table: what a page may reference to be cached for good. A name that only looks like one
    /// (<c>scalar.aspnetcore.js</c>) is not among them.
    /// </summary>
    public IReadOnlySet<string> FingerprintedAssetPaths() => Services.GetRequiredService<EndpointDataSource>().Endpoints
        .Select(e => e.Metadata.GetMetadata<StaticAssetDescriptor>())
        .OfType<StaticAssetDescriptor>()
        .Where(d => d.Properties.Any(p => p.Name == "fingerprint" && d.Route.Contains(p.Value, StringComparison.Ordinal)))
        .Select(d => "/" + d.Route)
        .ToHashSet(StringComparer.Ordinal);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a background task; the temp folder is cleaned by the OS.
        }
    }
}
