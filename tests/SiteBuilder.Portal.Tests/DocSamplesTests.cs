using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Generation.Records;
using SiteBuilder.Generation.Pipeline;
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
            ["generation-curl"] = StreamsTheWholeGeneration,
            ["generation-python"] = PrintsTheCompleteEventOfTheAssembledPage,
            ["generation-javascript"] = PrintsTheCompleteEventOfTheAssembledPage,
            ["generation-resume-curl"] = StreamsTheEventsAfterId3,
            ["generation-history-curl"] = PrintsTheHistory,
            ["generation-cancel-curl"] = PrintsTheLatestGenerationsState,
            ["validate-site-curl"] = PrintsTheSitesReport,
            ["validate-curl"] = PrintsAReportThatFailsSecurity,
            ["validate-python"] = PrintsTheSeedShapeWithItsIssues,
            ["validate-javascript"] = PrintsTheScoreAndEachIssue,
            ["validate-error-curl"] = PrintsAValidationProblemForHtml,
        };

    /// <summary>Samples that act on the tenant's latest generation: the test makes one first, as a reader would have.</summary>
    private static readonly HashSet<string> NeedAGeneration = new(StringComparer.Ordinal) { "generation-history-curl", "generation-cancel-curl" };

    private static OpenApiContract Contract => OpenApiContract.Load("generation-api.yaml");

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Samples => new(DocSampleReader.ReadApiDocumentation().Select(sample => sample.Name));

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task SampleRunsAsWrittenAgainstALivePortal(string name)
    {
        var sample = DocSampleReader.ReadApiDocumentation().Single(s => s.Name == name);
        Assert.True(Expectations.TryGetValue(name, out var expect), $"{sample} has no expectation: add one to {nameof(DocSamplesTests)}.{nameof(Expectations)}.");
        var (account, _) = await portal.Factory.CreateUserAsync([Roles.Marketer], ["acme"], displayName: "Mia Marketer");
        var token = await portal.Factory.IssueTokenAsync(account, "acme");
        using var api = new HttpClient { BaseAddress = new Uri(portal.Address), Timeout = TimeSpan.FromMinutes(2) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        api.DefaultRequestHeaders.Add("X-Tenant-Id", "acme");
        var caller = new SampleCaller(account, "acme", token, api);
        var environment = SampleRunner.ApiEnvironment(portal.Address, caller.Token, caller.Tenant);
        if (NeedAGeneration.Contains(name))
        {
            await api.GenerateAsync("acme", new { prompt = "A newsletter page for a cooking letter" }, Ct);
        }

        if (name.StartsWith("validate-site-", StringComparison.Ordinal))
        {
            caller = caller with { Site = await GenerateSiteAsync(caller) };
            environment["SITE_ID"] = caller.Site.SiteId;
        }

        var result = await SampleRunner.RunAsync(sample, environment, cancellationToken: Ct);

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

    [Fact]
    public void TheGenerationSamplesCoverEveryLanguageAndTheSeedsCurl()
    {
        var samples = DocSampleReader.ReadApiDocumentation().Where(s => s.Name.StartsWith("generation-", StringComparison.Ordinal)).ToList();

        Assert.Equal(Enum.GetValues<SampleLanguage>().Order(), samples.Select(s => s.Language).Distinct().Order());
        var seed = samples.Single(s => s.Name == "generation-curl").Code;
        Assert.Contains("-H \"Accept: text/event-stream\"", seed, StringComparison.Ordinal);
        Assert.Contains("-d '{\"prompt\": \"Create a landing page\"}'", seed, StringComparison.Ordinal);
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

    /// <remarks>Issue 4: the seed's curl streams progress → chunk … → complete, every event with an id and no event field, and the chunks are the stored page.</remarks>
    private static async Task StreamsTheWholeGeneration(SampleCaller caller, SampleResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var events = SseParser.ParseAll(result.Stdout);
        GenerationContractTests.AssertEventsMatchTheirSchemas(events);
        Assert.Equal("progress", events[0].Type);
        Assert.Equal("chunk", events.First(e => e.Type != "progress").Type);
        Assert.Equal("complete", events[^1].Type);
        var complete = events[^1].Json;
        Assert.InRange(complete.GetProperty("brandScore").GetDouble(), 0, 10);
        Assert.Equal(await caller.Api.HtmlAsync(caller.Tenant, complete.GetProperty("generationId").GetString()!, TestContext.Current.CancellationToken), Sse.Html(events));
    }

    private static async Task PrintsTheCompleteEventOfTheAssembledPage(SampleCaller caller, SampleResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var printed = JsonDocument.Parse(result.Stdout.TrimEnd().Split('\n')[^1]).RootElement;
        var complete = System.Text.Json.Nodes.JsonNode.Parse(printed.GetRawText())!.AsObject();
        var pageLength = (int)complete["pageLength"]!;
        complete.Remove("pageLength");
        complete.Remove("lastEventId");
        Contract.AssertMatchesSchema("CompleteEvent", complete.ToJsonString());
        var html = await caller.Api.HtmlAsync(caller.Tenant, (string)complete["generationId"]!, TestContext.Current.CancellationToken);
        Assert.Equal(html.Length, pageLength);
    }

    private static Task StreamsTheEventsAfterId3(SampleCaller caller, SampleResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var events = SseParser.ParseAll(result.Stdout);
        GenerationContractTests.AssertEventsMatchTheirSchemas(events, firstId: 4);
        Assert.Equal("complete", events[^1].Type);
        return Task.CompletedTask;
    }

    private static Task PrintsTheHistory(SampleCaller caller, SampleResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var history = ParseJson(result);
        Contract.AssertMatchesSchema("GenerationList", history);
        Assert.NotEmpty(history.GetProperty("items").EnumerateArray());
        return Task.CompletedTask;
    }

    private static Task PrintsTheLatestGenerationsState(SampleCaller caller, SampleResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var state = ParseJson(result);
        Contract.AssertMatchesSchema("GenerationState", state);
        Assert.Contains(state.GetProperty("status").GetString(), new[] { "complete", "cancelled" });
        return Task.CompletedTask;
    }

    private static Task PrintsTheSitesReport(SampleCaller caller, SampleResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var report = ParseJson(result);
        OpenApiContract.AssertMatchesSchema("validation-api.yaml", "SiteValidationReport", report);
        Assert.Equal(caller.Site!.SiteId, report.GetProperty("siteId").GetString());
        Assert.Equal(caller.Site.Id, report.GetProperty("generationId").GetString());
        Assert.Equal(caller.Site.BrandScore, report.GetProperty("brandScore").GetDouble());
        return Task.CompletedTask;
    }

    private static Task PrintsAReportThatFailsSecurity(SampleCaller caller, SampleResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var report = ParseJson(result);
        OpenApiContract.AssertMatchesSchema("validation-api.yaml", "ValidationReport", report);
        Assert.False(report.GetProperty("securityPassed").GetBoolean());
        Assert.Contains(report.GetProperty("issues").EnumerateArray(), i => i.GetProperty("rule").GetString() == "no-script");
        Assert.Contains(report.GetProperty("palette").EnumerateArray(), c => c.GetProperty("onBrand").GetBoolean() && c.GetProperty("nearestBrandColor").GetString() == "#0066CC");
        return Task.CompletedTask;
    }

    private static Task PrintsTheSeedShapeWithItsIssues(SampleCaller caller, SampleResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var report = ParseJson(result);
        Assert.Equal(["brandScore", "securityPassed", "performanceMs", "accessibilityPassed", "issues"], report.EnumerateObject().Select(p => p.Name));
        Assert.False(report.GetProperty("securityPassed").GetBoolean());
        // #777777 on white is 4.47:1 and fails AA.
        Assert.False(report.GetProperty("accessibilityPassed").GetBoolean());
        var rules = report.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("rule").GetString()).ToList();
        Assert.Contains("no-inline-event-handlers", rules);
        Assert.Contains("color-contrast", rules);
        return Task.CompletedTask;
    }

    private static Task PrintsTheScoreAndEachIssue(SampleCaller caller, SampleResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^Brand score \d+(\.\d)?/10, security failed, accessibility failed, about \d+ ms to load$", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("- [error] security: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("- [error] accessibility: ", StringComparison.Ordinal) && l.Contains("#777777", StringComparison.Ordinal));
        return Task.CompletedTask;
    }

    private static Task PrintsAValidationProblemForHtml(SampleCaller caller, SampleResult result)
    {
        Assert.True(result.ExitCode == 22, result.ToString());
        var problem = ParseJson(result);
        OpenApiContract.AssertMatchesSchema("validation-api.yaml", "ValidationProblem", problem);
        Assert.True(problem.GetProperty("errors").TryGetProperty("html", out _), result.ToString());
        return Task.CompletedTask;
    }

    /// <summary>A finished generation of a new site in the caller's tenant, for the samples that validate a site.</summary>
    private async Task<GenerationRecord> GenerateSiteAsync(SampleCaller caller)
    {
        var generations = portal.Factory.Services.GetRequiredService<GenerationService>();
        var generation = await generations.StartAsync(caller.Tenant, caller.Account.UserName, new GenerationRequest { Prompt = "A spring sale page for Northwind outdoor gear" }, Ct);
        while (!generation.Status.IsTerminal())
        {
            await Task.Delay(50, Ct);
            generation = (await generations.GetAsync(caller.Tenant, generation.Id, Ct))!;
        }

        Assert.Equal(GenerationStatus.Complete, generation.Status);
        return generation;
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
    private sealed record SampleCaller(Account Account, string Tenant, string Token, HttpClient Api, GenerationRecord? Site = null);
}
