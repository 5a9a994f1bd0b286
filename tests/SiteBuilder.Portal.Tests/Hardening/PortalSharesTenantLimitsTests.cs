using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Api;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>
/// Issue 13 point 6: generations, agent calls and validations started from the portal's pages count against the tenant's one budget
/// with <c>/v1</c>. The pages (Workspace, Assets, Validate) ask <see cref="TenantRateLimiter"/> before they act, as the API's filter
/// does; a refusal tells the person when to try again.
/// </summary>
public sealed class PortalSharesTenantLimitsTests : IAsyncLifetime
{
    // The clock stands at the start of a one-minute window, so every call of a test shares it.
    private readonly GenerationPortal _portal = new(clock: ShiftedClock.AtWindowStart(TimeSpan.FromSeconds(60)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<RateLimitGroup> Groups => [RateLimitGroup.Generation, RateLimitGroup.Agents, RateLimitGroup.Validation];

    public ValueTask InitializeAsync()
    {
        _portal.Settings["SiteBuilder:RateLimits:Generation"] = "3";
        _portal.Settings["SiteBuilder:RateLimits:Agents"] = "3";
        _portal.Settings["SiteBuilder:RateLimits:Validation"] = "3";
        _ = _portal.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task ABudgetUsedUpThroughTheApiRefusesThePortalWithWhenToRetry(RateLimitGroup group)
    {
        var tenant = "pl" + Guid.NewGuid().ToString("N")[..10];
        var api = _portal.ApiClient(await _portal.CreateTokenAsync(tenant, Roles.Marketer), tenant);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await CallAsync(api, tenant, group);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        var refused = await Limiter.AcquireAsync(tenant, group, Ct);

        Assert.False(refused.Allowed);
        Assert.Matches(@"Try again in \d+ seconds\.$", refused.PortalMessage(tenant));
        Assert.Contains(tenant, refused.PortalMessage(tenant), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task ABudgetUsedUpInThePortalRefusesTheApi(RateLimitGroup group)
    {
        var tenant = "pl" + Guid.NewGuid().ToString("N")[..10];
        var api = _portal.ApiClient(await _portal.CreateTokenAsync(tenant, Roles.Marketer), tenant);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Limiter.AcquireAsync(tenant, group, Ct)).Allowed);
        }

        using var refused = await CallAsync(api, tenant, group);

        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("0", refused.Headers.GetValues("RateLimit-Remaining").Single());
    }

    private TenantRateLimiter Limiter => _portal.Services.GetRequiredService<TenantRateLimiter>();

    private static Task<HttpResponseMessage> CallAsync(HttpClient api, string tenant, RateLimitGroup group) => group switch
    {
        RateLimitGroup.Generation => api.StartGenerationAsync(tenant, new { prompt = "A winter sale page for a coffee roastery" }, Ct),
        RateLimitGroup.Agents => api.PostAsJsonAsync("/v1/agents/theme", new { prompt = "A winter sale page for a coffee roastery" }, Ct),
        _ => api.PostAsync("/v1/validate", new StringContent("<!DOCTYPE html><html lang=\"en\"><title>x</title><h1>Sale</h1></html>", Encoding.UTF8, "text/html"), Ct),
    };
}
