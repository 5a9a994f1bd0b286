using System.Net;
using System.Net.Http.Json;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing.OpenApi;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Agents;

public sealed class AgentsRateLimitTests(RateLimitWindowFixture portal) : IClassFixture<RateLimitWindowFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The21stAgentsCallInAMinuteIsRateLimitedAndAnotherTenantIsNot()
    {
        var tenant = "t" + Guid.NewGuid().ToString("N")[..10];
        var other = "t" + Guid.NewGuid().ToString("N")[..10];
        var client = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, Roles.Marketer), tenant);
        var otherClient = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(other, Roles.Marketer), other);

        // The limit counts in fixed one-minute windows; the fixture's clock stands still at the start of one, so the 21 calls share it.

        // Logo and background calls count against the same agents limit.
        for (var call = 1; call <= 20; call++)
        {
            var agent = call % 2 == 0 ? "logo" : "background";
            var response = await client.PostAsJsonAsync($"/v1/agents/{agent}", new { prompt = "Acme", colors = new[] { "#0066CC" }, count = 1 }, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"call {call}: {(int)response.StatusCode}");
            Assert.Equal("20", response.Headers.GetValues("RateLimit-Limit").Single());
            Assert.Equal((20 - call).ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("RateLimit-Remaining").Single());
        }

        var limited = await client.PostAsJsonAsync("/v1/agents/logo", AgentCalls.LogoBody(1), Ct);

        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        await OpenApiContract.AssertResponseAsync("agents-api.yaml", limited, "POST", "/agents/logo", Ct);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.PostAsJsonAsync("/v1/agents/logo", AgentCalls.LogoBody(1), Ct)).StatusCode);

        // Reading the tenant's assets is not an agent call and goes on working.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/assets", Ct)).StatusCode);
    }
}
