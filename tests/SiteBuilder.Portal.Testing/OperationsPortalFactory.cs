using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Identity.Tokens;
using SiteBuilder.Operations.Deployments;

namespace SiteBuilder.Portal.Testing;

/// <summary>
/// The portal for operations tests on the in-memory test server: the environments are the local demo (this portal's own
/// <c>/health</c> and <c>/v1/validate</c>), so verification calls are routed to the test server itself. <see cref="HoldVerification"/>
/// keeps deployments in <c>verifying</c> until <see cref="ReleaseVerification"/>, to test what happens while one runs.
/// </summary>
public class OperationsPortalFactory : PortalFactory
{
    private TaskCompletionSource _verification = CompletedGate();

    public void HoldVerification() => _verification = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseVerification() => _verification.TrySetResult();

    /// <summary>Services to replace, e.g. a fake clock.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(DeploymentVerifier.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new GatedHandler(() => _verification.Task, Server.CreateHandler()));
            TestServices?.Invoke(services);
        });
    }

    /// <summary>A new account with these roles (no tenant) and an operations token for it.</summary>
    public async Task<(Account Account, string Token)> CreateOpsUserAsync(string displayName, params string[] roles)
    {
        var (account, _) = await CreateUserAsync(roles, [], displayName: displayName);
        var token = await Services.GetRequiredService<LocalTokenIssuer>().IssueOperationsAsync(account);
        return (account, token.AccessToken);
    }

    /// <summary>A client for <c>/v1/ops</c>: a bearer token and no tenant header.</summary>
    public HttpClient CreateOpsClient(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    private sealed class GatedHandler(Func<Task> gate, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await gate().WaitAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
