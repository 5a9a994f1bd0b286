using System.Text.Json;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Portal.Testing.DocSamples;
using SiteBuilder.Portal.Testing.OpenApi;

namespace SiteBuilder.Portal.Tests;

/// <summary>
/// Every sample marked <c>&lt;!-- sample: NAME --&gt;</c> in docs/api_documentation.md runs, as a reader would run it,
/// against a live portal, and what it prints is checked. Adding a sample to the doc means adding its expectation here.
/// </summary>
public sealed partial class DocSamplesTests(LivePortalFixture portal) : IClassFixture<LivePortalFixture>
{
    private static readonly IReadOnlyDictionary<string, Func<SampleCaller, SampleResult, Task>> Expectations =
        new Dictionary<string, Func<SampleCaller, SampleResult, Task>>(StringComparer.Ordinal)
        {
            ["me-curl"] = PrintsTheCaller,
            ["me-python"] = PrintsTheCaller,
            ["me-javascript"] = PrintsTheCaller,
            ["problem-curl"] = PrintsAForbiddenProblem,
            ["agents-logo-curl"] = PrintsTwoLogos,
            ["agents-logo-python"] = DownloadsTwoLogos,
            ["agents-logo-javascript"] = DownloadsTwoLogos,
            ["agents-background-curl"] = PrintsOneBackground,
            ["agents-theme-curl"] = PrintsTheTheme,
            ["agents-layout-curl"] = PrintsTheLayout,
            ["assets-upload-curl"] = PrintsTheUploadedSvg,
            ["assets-list-python"] = PrintsTheLogoList,
            ["brand-kit-curl"] = PrintsTheSavedBrandKit,
        };

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Samples => new(DocSampleReader.ReadApiDocumentation().Select(sample => sample.Name));

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task SampleRunsAsWrittenAgainstALivePortal(string name)
    {
        var sample = DocSampleReader.ReadApiDocumentation().Single(s => s.Name == name);
        Assert.True(Expectations.TryGetValue(name, out var expect), $"{sample} has no expectation: add one to {nameof(DocSamplesTests)}.{nameof(Expectations)}.");
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"], displayName: "Mia Marketer");
        var caller = new SampleCaller(account, "acme", await portal.Factory.IssueTokenAsync(account, "acme"));

        var result = await SampleRunner.RunAsync(sample, SampleRunner.ApiEnvironment(portal.Address, caller.Token, caller.Tenant), cancellationToken: Ct);

        await expect!(caller, result);
    }

    [Fact]
    public void EveryExpectationHasItsSampleInTheDoc()
    {
        var marked = DocSampleReader.ReadApiDocumentation().Select(sample => sample.Name).ToHashSet(StringComparer.Ordinal);

        var orphans = Expectations.Keys.Where(name => !marked.Contains(name)).ToList();
        Assert.True(orphans.Count == 0, $"Expectations for samples the doc no longer marks: {string.Join(", ", orphans)}");
    }

    [Fact]
    public void TheIdentitySamplesCoverEveryLanguage()
    {
        var languages = DocSampleReader.ReadApiDocumentation().Where(s => s.Name.StartsWith("me-", StringComparison.Ordinal)).Select(s => s.Language);

        Assert.Equal(Enum.GetValues<SampleLanguage>().Order(), languages.Order());
    }

    private static Task PrintsTheCaller(SampleCaller caller, SampleResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var me = ParseJson(result);
        OpenApiContract.AssertMatchesSchema("generation-api.yaml", "MeResponse", me);
        Assert.Equal(caller.Account.UserName, me.GetProperty("user").GetString());
        Assert.Equal("Mia Marketer", me.GetProperty("displayName").GetString());
        Assert.Equal(caller.Tenant, me.GetProperty("tenant").GetString());
        return Task.CompletedTask;
    }

    private static Task PrintsAForbiddenProblem(SampleCaller caller, SampleResult result)
    {
        // curl --fail-with-body exits 22 on an HTTP error and still prints the body.
        Assert.True(result.ExitCode == 22, result.ToString());
        var problem = ParseJson(result);
        OpenApiContract.AssertMatchesSchema("generation-api.yaml", "Problem", problem);
        Assert.Equal("FORBIDDEN", problem.GetProperty("code").GetString());
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        return Task.CompletedTask;
    }

    private static JsonElement ParseJson(SampleResult result)
    {
        try
        {
            return JsonDocument.Parse(result.Stdout).RootElement;
        }
        catch (JsonException e)
        {
            Assert.Fail($"{result.Sample} did not print JSON ({e.Message}).\n{result}");
            throw;
        }
    }

    /// <summary>Who a sample runs as: a fresh account, its tenant and a real token.</summary>
    private sealed record SampleCaller(Account Account, string Tenant, string Token);
}
