using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SiteBuilder.Identity;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Releases;
using SiteBuilder.Storage;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Operations.Tests;

/// <summary>
/// The operations area as the portal composes it (AddStorage + AddOperations on a real SQLite file, or on dynalite), with its
/// environments answered by <see cref="FakeEnvironments"/> and a clock the test moves.
/// </summary>
public sealed class OpsHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempDirectory _directory;

    private OpsHost(IHost host, TempDirectory directory, FakeEnvironments environments, FakeTimeProvider clock)
    {
        _host = host;
        _directory = directory;
        Environments = environments;
        Clock = clock;
    }

    public static readonly OpsActor Operator = new("olga", "Olga Operator", [Roles.Operator]);
    public static readonly OpsActor TechLead = new("tom", "Tom TechLead", [Roles.TechLead]);
    public static readonly OpsActor SecondTechLead = new("tess", "Tess TechLead", [Roles.TechLead]);
    public static readonly OpsActor DevOpsLead = new("dora", "Dora DevOps", [Roles.DevOpsLead]);
    public static readonly OpsActor ProductOwner = new("paul", "Paul Product", [Roles.ProductOwner]);
    public static readonly OpsActor LeadOfBoth = new("bea", "Bea Both", [Roles.TechLead, Roles.DevOpsLead]);

    public FakeEnvironments Environments { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _host.Services;

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<OpsHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var directory = new TempDirectory("ops-host");
        var environments = new FakeEnvironments();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SiteBuilder:DataDirectory"] = directory.Path,
            ["SiteBuilder:Operations:EnginePollInterval"] = "00:00:00.050",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddStorage();
        builder.AddOperations();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddHttpClient(DeploymentVerifier.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => environments);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new OpsHost(host, directory, environments, clock);
    }

    public Task<Release> RegisterAsync(string version, string notes = "") =>
        Get<ReleaseService>().RegisterAsync(new NewRelease(version, Hex(version, 40), "sha256:" + Hex(version, 64), Hex("tf" + version, 12), notes,
            new ReleaseEvidence { TestsPassed = true, CoveragePercent = 90, ReviewApproved = true }), Operator);

    /// <summary>Waits until the deployment is finished (the runner works in the background).</summary>
    public async Task<Deployment> FinishedAsync(string deploymentId)
    {
        await Get<DeploymentRunner>().WhenIdleAsync();
        return await Get<DeploymentService>().GetAsync(deploymentId);
    }

    private static string Hex(string seed, int length) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(seed + "seed-padding-for-length")))[..length];

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

/// <summary>
/// The three environments' HTTP side, answering as the real portal does: <c>/health</c> with its JSON, <c>POST /v1/validate</c>
/// without a token with the API's 401 problem. <see cref="Healthy"/> off makes health answer 503.
/// </summary>
public sealed class FakeEnvironments : HttpMessageHandler
{
    public bool Healthy { get; set; } = true;

    public int Calls;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        var path = request.RequestUri!.AbsolutePath;
        HttpResponseMessage response = (request.Method.Method, path) switch
        {
            ("GET", "/health") when Healthy => Json(HttpStatusCode.OK, """{"status":"healthy","version":"0.1.0","environment":"local"}""", "application/json"),
            ("GET", "/health") => Json(HttpStatusCode.ServiceUnavailable, """{"status":"unhealthy"}""", "application/json"),
            ("POST", "/v1/validate") => Json(HttpStatusCode.Unauthorized, """{"status":401,"code":"UNAUTHORIZED","title":"Unauthorized."}""", "application/problem+json"),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        };
        return Task.FromResult(response);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body, string mediaType) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
}
