using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing.OpenApi;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Validation;

public sealed class ValidationRateLimitTests(RateLimitWindowFixture portal) : IClassFixture<RateLimitWindowFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The61stValidationInAMinuteIsRateLimitedInItsOwnBucket()
    {
        var tenant = $"r-{Guid.NewGuid():N}"[..14];
        var client = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(tenant, Roles.Marketer), tenant);
        var other = $"r-{Guid.NewGuid():N}"[..14];
        var otherClient = portal.Factory.CreateApiClient(await portal.Factory.CreateTokenAsync(other, Roles.Marketer), other);

        // The limit counts in fixed one-minute windows; the fixture's clock stands still at the start of one, so the 61 calls share it.

        // Both validation endpoints count against the same validation limit.
        for (var call = 1; call <= 60; call++)
        {
            var response = call % 2 == 0
                ? await client.PostAsync("/v1/validate", new StringContent(Pages.Good, Encoding.UTF8, "text/html"), Ct)
                : await client.GetAsync("/v1/sites/no-such-site-abc123/validate", Ct);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"call {call}: {(int)response.StatusCode}");
            Assert.Equal("60", response.Headers.GetValues("RateLimit-Limit").Single());
            Assert.Equal((60 - call).ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("RateLimit-Remaining").Single());
        }

        var limited = await client.PostAsync("/v1/validate", new StringContent(Pages.Good, Encoding.UTF8, "text/html"), Ct);

        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        await OpenApiContract.Load("validation-api.yaml").AssertResponseAsync(limited, Ct);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.PostAsync("/v1/validate", new StringContent(Pages.Good, Encoding.UTF8, "text/html"), Ct)).StatusCode);

        // The agents' bucket of the same tenant is untouched.
        var theme = await client.PostAsJsonAsync("/v1/agents/theme", new { prompt = "A spring sale page" }, Ct);
        Assert.Equal(HttpStatusCode.OK, theme.StatusCode);
        Assert.Equal("19", theme.Headers.GetValues("RateLimit-Remaining").Single());
    }
}
