using System.Net;
using System.Text;
using System.Text.Json;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing.OpenApi;
using static SiteBuilder.Portal.Tests.ApiAssertions;

namespace SiteBuilder.Portal.Tests.Hardening;

/// <summary>
/// Issue 13 point 6: <c>POST /v1/validate</c> works on one page at most <c>SiteBuilder:Validation:TimeBudget</c>. The budget here is
/// one millisecond, which no 2 MB page can be checked in, so the outcome does not hang on the machine's speed: the validator stops at
/// its next check and the answer is a 400 on <c>html</c> that names the budget.
/// </summary>
public sealed class ValidationTimeBudgetTests : IAsyncLifetime
{
    private readonly GenerationPortal _portal = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _portal.Settings["SiteBuilder:Validation:TimeBudget"] = "00:00:00.001";
        _ = _portal.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task ATwoMegabytePathologicalPageEndsWithAProblemNamingTheTimeBudget()
    {
        var tenant = "vb" + Guid.NewGuid().ToString("N")[..10];
        var api = _portal.ApiClient(await _portal.CreateTokenAsync(tenant, Roles.Marketer), tenant);

        var response = await api.PostAsync("/v1/validate", new StringContent(PathologicalPage(), Encoding.UTF8, "text/html"), Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var message = problem.GetProperty("errors").GetProperty("html")[0].GetString();
        Assert.Contains("time budget", message, StringComparison.Ordinal);
        await OpenApiContract.Load("validation-api.yaml").AssertResponseAsync(response, Ct);
    }

    /// <summary>Just under 2 MB: nesting 300 deep (past the parser's guard), then tens of thousands of styled elements.</summary>
    private static string PathologicalPage()
    {
        var page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><title>Deep</title><style>");
        for (var i = 0; i < 400; i++)
        {
            page.Append(System.Globalization.CultureInfo.InvariantCulture, $"div.c{i} > span:not(.x) ~ em {{ color: #{i % 256:X2}3366; }}\n");
        }

        page.Append("</style></head><body>");
        page.Insert(page.Length, "<div>", 300);
        while (page.Length < ValidationApiMaxBytes - 200)
        {
            page.Append("<div class=\"c7\"><span>Offer</span><em>now</em><a href=\"#x\">Buy</a></div>");
        }

        page.Insert(page.Length, "</div>", 300);
        return page.Append("</body></html>").ToString();
    }

    private const int ValidationApiMaxBytes = Api.ValidationApi.MaxRequestBytes - 4096;
}
