using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Portal.Runbooks;

namespace SiteBuilder.Portal.Tests.Runbooks;

/// <summary>
/// Issue 12 point 3 (the seed's Gate 5, "runbooks actionable, API documentation accurate"): the README and every document
/// of <c>docs/</c> name only routes, codes, settings, metrics, alarms, resources, workflows and CLI commands the system has.
/// Each rule also runs on a wrong line, to prove it would catch one.
/// </summary>
public sealed class DocsAccuracyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private CodeFacts? _facts;

    private CodeFacts Facts => _facts ??= CodeFacts.Load(
        portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null ? ["GET"] : e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new AppRoute(method, e.RoutePattern.RawText!))));

    public static TheoryData<string> Documents => new(DocCorpus.All.Select(d => d.Path));

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryRouteADocumentNamesIsInTheEndpointTable(string path) => AssertNone(DocRules.Routes(DocCorpus.Get(path), Facts));

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryErrorCodeAndStatusADocumentNamesIsTheApis(string path) => AssertNone(DocRules.ErrorCodes(DocCorpus.Get(path), Facts));

    [Theory]
    [MemberData(nameof(Documents))]
    public void EverySettingAndRateLimitADocumentNamesIsTheConfigurations(string path) => AssertNone(DocRules.ConfigKeys(DocCorpus.Get(path), Facts));

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryMetricAlarmAndResourceNameADocumentNamesExists(string path) => AssertNone(DocRules.Observability(DocCorpus.Get(path), Facts));

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryWorkflowAndInputADocumentNamesIsInTheWorkflows(string path) => AssertNone(DocRules.Workflows(DocCorpus.Get(path), Facts));

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryPortalCliCommandADocumentShowsParses(string path) => AssertNone(DocRules.CliCommands(DocCorpus.Get(path)));

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryShellBlockThatNeedsTheCloudSaysSo(string path) => AssertNone(DocRules.BlockTags(DocCorpus.Get(path)));

    [Fact]
    public void TheApiDocumentationsMetricsSectionNamesEveryInstrumentAndMeter()
    {
        Assert.NotEmpty(Facts.Instruments);
        Assert.Contains("sitebuilder.agent.duration", Facts.Instruments);
        AssertNone(DocRules.MetricsSectionIsComplete(DocCorpus.Get("docs/api_documentation.md"), Facts));
    }

    [Fact]
    public void TheCodesTablesAndBucketsAreTheOnesTerraformCreates()
    {
        var terraformOnly = Facts.ResourceNames.Except(Facts.StorageNames);
        Assert.All(Facts.StorageNames, name => Assert.Contains(name, Facts.ResourceNames));
        Assert.Contains("site-builder-generation-api-{env}", terraformOnly);
    }

    /// <summary>Each alarm's runbook anchor lands on a section of that runbook as the portal renders it.</summary>
    [Fact]
    public void EveryAlarmsRunbookAnchorIsASectionOfItsRunbook()
    {
        var library = new DocumentLibrary(Path.Combine(DocCorpus.Root, "docs"));
        var renderer = new RunbookRenderer(library);
        var broken = new List<string>();
        foreach (var (id, runbook) in Facts.Alarms)
        {
            var (name, anchor) = (runbook.Split('#')[0], runbook.Split('#')[1]);
            var document = library.FindByRoute($"{DocumentLibrary.RoutePrefix}/{name}");
            if (document is null || !renderer.Render(document).Html.Contains($"id=\"{anchor}\"", StringComparison.Ordinal))
            {
                broken.Add($"{id}: {runbook}");
            }
        }

        Assert.True(broken.Count == 0, "Alarms whose runbook section does not exist:\n" + string.Join('\n', broken));
    }

    // ------------------------------------------------------------- each rule fails on a wrong line

    [Fact]
    public void TheRouteRuleCatchesAMissingRouteAWrongMethodAndACurlToNowhere()
    {
        var doc = DocFile.Parse("fixture.md", """
            `GET /v1/sites/{tenant_id}/generations/{id}` is real, `DELETE /v1/sites/{tenant_id}/generations/{id}` is not.
            `POST /v1/ops/promotions/{id}/approve` is not either, nor is `/v1/ops/rollbacks/{id}/undo`.

            ```bash
            API={api_url}/v1/ops
            curl -sS "$API/promotions/$PROMOTION_ID/checks/$check" -X POST -d '{}'
            curl -sS "$API/promotions/$PROMOTION_ID/sign" -d '{}'
            ```
            """);

        var problems = DocRules.Routes(doc, Facts).ToList();

        Assert.True(problems.Count == 4, string.Join("\n", problems));
        Assert.Contains(problems, p => p.Contains("DELETE /v1/sites/{tenant_id}/generations/{id}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("/approve", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("/undo", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("POST /v1/ops/promotions/$PROMOTION_ID/sign", StringComparison.Ordinal));
    }

    [Fact]
    public void TheErrorCodeRuleCatchesAnUnknownCodeAndAWrongStatus()
    {
        var doc = DocFile.Parse("fixture.md", """
            Over the limit: `429 RATE_LIMITED`. A stale write is `412 CONFLICT`; a missing model `503 MODEL_MISSING`.

            | Status | `code` |
            |--------|--------|
            | 401 | `UNAUTHORISED` |
            """);

        var problems = DocRules.ErrorCodes(doc, Facts).ToList();

        Assert.True(problems.Count == 3, string.Join("\n", problems));
        Assert.Contains(problems, p => p.Contains("CONFLICT is answered with 409, not 412", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MODEL_MISSING", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("UNAUTHORISED", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSettingRuleCatchesAnUnknownKeyAndAWrongRateLimit()
    {
        var doc = DocFile.Parse("fixture.md", """
            Set `SiteBuilder:Generation:Timeout` or `SiteBuilder:Generation:Bedrock:Temperature` (optional) per `SiteBuilder:Operations:Environments:{dev,sit,prod}:Region`.
            `SiteBuilder:Generation:TimeLimit` is not a setting, nor `SiteBuilder__Storage__Backend=DynamoDb`.
            | Generation | 12 req/min per tenant | `SiteBuilder:RateLimits:Generation` |
            """);

        var problems = DocRules.ConfigKeys(doc, Facts).ToList();

        Assert.True(problems.Count == 3, string.Join("\n", problems));
        Assert.Contains(problems, p => p.Contains("SiteBuilder:Generation:TimeLimit", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("SiteBuilder:Storage:Backend", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("12 req/min for SiteBuilder:RateLimits:Generation, but appsettings.json sets 10", StringComparison.Ordinal));
    }

    [Fact]
    public void TheObservabilityRuleCatchesARenamedMetricInstrumentAlarmAndTable()
    {
        var doc = DocFile.Parse("fixture.md", """
            OpenTelemetry: `sitebuilder.generation.ttlt` (meter `SiteBuilder.Pages`).

            | Alarm | Metric |
            |-------|--------|
            | `agent-errors` | `AgentErrors` |
            | `agent-failures` | `AgentFailures` |

            ```bash aws
            metric TimeToLastByte p95 300
            aws dynamodb describe-table --table-name site-builder-generations-{env}
            aws cloudwatch describe-alarms --alarm-names site-builder-prod-error-rate site-builder-prod-errors
            ```
            """);

        var problems = DocRules.Observability(doc, Facts).ToList();

        Assert.True(problems.Count == 7, string.Join("\n", problems));
        foreach (var wrong in new[] { "sitebuilder.generation.ttlt", "SiteBuilder.Pages", "agent-failures", "AgentFailures", "TimeToLastByte", "site-builder-generations-{env}", "site-builder-prod-errors" })
        {
            Assert.Contains(problems, p => p.Contains(wrong, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheMetricsSectionRuleCatchesAnInstrumentTheDocLeavesOut()
    {
        var doc = DocFile.Parse("fixture.md", "# API\n\n### Metrics\n\n`sitebuilder.agent.duration` on `SiteBuilder.Agents`.\n\n### Next\n\n`sitebuilder.api.rate_limited`\n");

        var problems = DocRules.MetricsSectionIsComplete(doc, Facts).ToList();

        Assert.Contains(problems, p => p.Contains("`sitebuilder.api.rate_limited`", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("`sitebuilder.agent.duration`", StringComparison.Ordinal));
    }

    [Fact]
    public void TheWorkflowRuleCatchesAMissingWorkflowAnUnknownInputAndALeftOutRequiredOne()
    {
        var doc = DocFile.Parse("fixture.md", """
            ```bash github
            gh workflow run rollback.yml --ref main -f deployment_id=x -f environment=dev -f type=app_only -f target_version=1.3.2
            gh workflow run hotfix.yml --ref main
            ```

            | operation | workflow | inputs |
            |---|---|---|
            | infrastructure | `.github/workflows/terraform-apply.yml` | `deployment_id`, `environment`, `commit` |
            """);

        var problems = DocRules.Workflows(doc, Facts).ToList();

        Assert.Contains(problems, p => p.Contains("rollback.yml has no input type", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("leaves out its required input rollback_type", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("workflow hotfix.yml is not in .github/workflows", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("terraform-apply.yml has no input commit", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the inputs of terraform-apply.yml leave out terraform_commit", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCliRuleCatchesCommandsTheParserRefuses()
    {
        var doc = DocFile.Parse("fixture.md", """
            ```bash
            dotnet run --project src/SiteBuilder.Portal -- users add mia --role Marketer --tenant acme
            TOKEN=$(dotnet run --project src/SiteBuilder.Portal -- token --user mia --tenant "$TENANT_ID" --ttl 1h)
            dotnet run --project src/SiteBuilder.Portal -- token --tenant acme
            dotnet run --project src/SiteBuilder.Portal -- users create mia --role Marketer
            ```

            Or `dotnet run --project src/SiteBuilder.Portal -- tokenz --user mia`.
            """);

        var problems = DocRules.CliCommands(doc).ToList();

        Assert.True(problems.Count == 3, string.Join("\n", problems));
        Assert.Contains(problems, p => p.Contains("token needs --user NAME", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("users needs one of", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'tokenz --user mia' is not a command", StringComparison.Ordinal));
    }

    [Fact]
    public void TheTagRuleCatchesACloudCallInAnUnmarkedBlock()
    {
        var doc = DocFile.Parse("fixture.md", """
            ```bash
            curl -fsS http://127.0.0.1:5080/health
            aws ecs describe-services --cluster site-builder-dev
            ```

            ```bash github
            gh run list --workflow rollback.yml
            ```

            ```bash later
            scripts/test.sh
            ```
            """);

        var problems = DocRules.BlockTags(doc).ToList();

        Assert.True(problems.Count == 3, string.Join("\n", problems));
        Assert.Contains(problems, p => p.Contains("calls aws", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown tag 'later'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("fence the block as ```bash repo", StringComparison.Ordinal));
    }

    private static void AssertNone(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, string.Join('\n', list));
    }
}
