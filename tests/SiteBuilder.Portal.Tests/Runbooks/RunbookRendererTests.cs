using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using SiteBuilder.Portal.Runbooks;

namespace SiteBuilder.Portal.Tests.Runbooks;

public sealed partial class RunbookRendererTests : IDisposable
{
    private readonly string _docs = Path.Combine(Path.GetTempPath(), "runbooks-" + Guid.NewGuid().ToString("N"));

    public RunbookRendererTests()
    {
        Directory.CreateDirectory(Path.Combine(_docs, "runbooks"));
        Directory.CreateDirectory(Path.Combine(_docs, "images"));
        Write("runbooks/troubleshooting_runbook.md", """
            # Troubleshooting Runbook

            What to do when an alarm fires.

            ## 2. Common issues

            ### 2.5 DynamoDB throttling

            ### Restore site-builder-generation-{env}

            Requests are throttled when a partition is hot. See [rollback](./rollback_runbook.md#when-to-roll-back) and
            [the API](../api_documentation.md#rate-limits), or the [picture](../images/board.png).

            ```bash aws
            # Check throttles
            aws cloudwatch get-metric-statistics --namespace "SiteBuilder/{env}" --region {region} \
              --dimensions Name=TableName,Value={generation_table} --period 60 | grep '<none>'
            ```

            <script>alert("raw html")</script>

            [bad](javascript:alert(1))
            """);
        Write("runbooks/rollback_runbook.md", """
            # Rollback Runbook

            Putting an environment back on an earlier release.

            ## When to roll back

            Roll back when requests are throttled for more than ten minutes after a deployment.
            """);
        Write("api_documentation.md", """
            # API Documentation

            The API.

            ## Rate limits

            Over the limit a call is refused with <b>429</b>.
            """);
        Write("deployment.md", "# Deploying to AWS\n\nFrom an empty account.\n");
        File.WriteAllBytes(Path.Combine(_docs, "images", "board.png"), [0x89, 0x50, 0x4E, 0x47]);
    }

    [Fact]
    public void RunbooksLiveUnderTheirShortNameAndOtherDocsUnderDocs()
    {
        var library = new DocumentLibrary(_docs);

        Assert.Equal(["/runbooks/troubleshooting", "/runbooks/rollback", "/runbooks/docs/api-documentation", "/runbooks/docs/deployment"],
            library.Documents.Select(d => d.Route));
        Assert.Equal("Troubleshooting Runbook", library.FindByRoute("/runbooks/troubleshooting")!.Title);
        Assert.Equal("What to do when an alarm fires.", library.FindByRoute("/runbooks/troubleshooting")!.Summary);
    }

    [Fact]
    public void ASummaryIsTheOverviewsFirstParagraphNotTheDocumentInformation()
    {
        Write("runbooks/deployment_runbook.md", """
            # Deployment Runbook

            ## Document Information

            | Field | Value |
            |-------|-------|
            | Owner | DevOps Team |

            Commands in this document use placeholders.

            ## 1. Overview

            This runbook takes a release from CI into DEV and promotes it to `PROD`.

            | Way | Use it when |
            """);

        var summary = new DocumentLibrary(_docs).FindByRoute("/runbooks/deployment")!.Summary;

        Assert.Equal("This runbook takes a release from CI into DEV and promotes it to PROD.", summary);
    }

    [Fact]
    public void RawHtmlInADocumentIsShownAsTextNotRun()
    {
        var html = Render("/runbooks/troubleshooting");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void LinksBetweenDocumentsBecomePortalRoutesWithTheirAnchors()
    {
        var html = Render("/runbooks/troubleshooting");

        Assert.Contains("href=\"/runbooks/rollback#when-to-roll-back\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/runbooks/docs/api-documentation#rate-limits\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/runbooks/files/images/board.png\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HeadingsGetGitHubAnchorsAndATableOfContents()
    {
        var library = new DocumentLibrary(_docs);
        var rendered = new RunbookRenderer(library).Render(library.FindByRoute("/runbooks/troubleshooting")!);

        Assert.Equal([(2, "2-common-issues", "2. Common issues"), (3, "25-dynamodb-throttling", "2.5 DynamoDB throttling"), (3, "restore-site-builder-generation-env", "Restore site-builder-generation-{env}")],
            rendered.Toc.Select(t => (t.Level, t.Anchor, t.Text)));
        Assert.Contains("id=\"25-dynamodb-throttling\"", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"#25-dynamodb-throttling\"", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ShellBlocksAreHighlightedEscapedAndCopyable()
    {
        var html = Render("/runbooks/troubleshooting");

        Assert.Contains("<button type=\"button\" class=\"runbook-copy\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"runbook-code-language\">bash · needs AWS credentials</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-comment\"># Check throttles</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-string\">&quot;SiteBuilder/{env}&quot;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-attr\">--region</span>", html, StringComparison.Ordinal);
        Assert.Contains("&#39;&lt;none&gt;&#39;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ChoosingAnEnvironmentFillsItsRegionTableAndNamesInCommands()
    {
        var library = new DocumentLibrary(_docs);
        var environments = new RunbookEnvironments(new ConfigurationBuilder().Build());
        var html = new RunbookRenderer(library).Render(library.FindByRoute("/runbooks/troubleshooting")!, environments.Find("prod")).Html;

        Assert.Contains("af-south-1", html, StringComparison.Ordinal);
        Assert.Contains("site-builder-generation-prod", html, StringComparison.Ordinal);
        Assert.Contains("SiteBuilder/prod", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{region}", html, StringComparison.Ordinal);
        Assert.Equal("eu-west-1", environments.Find("sit")!.Region);
    }

    [Fact]
    public void ConfiguredEnvironmentRegionAndUrlWinOverTheSeeds()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SiteBuilder:Operations:Environments:prod:Region"] = "eu-central-1",
            ["SiteBuilder:Operations:Environments:prod:ApiBaseUrl"] = "https://api.example.test/",
        }).Build();

        var prod = new RunbookEnvironments(configuration).Find("PROD")!;

        Assert.Equal(("eu-central-1", "https://api.example.test"), (prod.Region, prod.ApiUrl));
    }

    [Fact]
    public void SearchFindsWordPrefixesAcrossDocumentsAndMarksThem()
    {
        using var search = new RunbookSearch(new DocumentLibrary(_docs));

        var hits = search.Search("throttl");

        Assert.Equal(["/runbooks/troubleshooting#25-dynamodb-throttling", "/runbooks/rollback#when-to-roll-back"], hits.Select(h => h.Href).Take(2));
        Assert.Contains("<mark>throttling</mark>", hits[0].TitleHtml, StringComparison.Ordinal);
        Assert.Contains("<mark>throttled</mark>", hits[1].SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchSnippetsAreEncodedAndOddQueriesAreHarmless()
    {
        using var search = new RunbookSearch(new DocumentLibrary(_docs));

        var hit = Assert.Single(search.Search("refused 429"));
        Assert.Contains("&lt;b&gt;<mark>429</mark>", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.Empty(search.Search("\"*) OR NEAR( -- ;"));
        Assert.Empty(search.Search("   "));
        Assert.Equal("\"rate\"* \"limit\"*", RunbookSearch.ToMatchExpression("rate-limit"));
    }

    /// <summary>The shipped docs: each renders, and every link into the portal's docs lands on a document and an anchor that exist.</summary>
    [Fact]
    public void EveryShippedDocumentRendersAndItsInternalLinksResolve()
    {
        var library = new DocumentLibrary(Path.Combine(AppContext.BaseDirectory, "docs"));
        var renderer = new RunbookRenderer(library);
        Assert.Contains(library.Documents, d => d.Route == "/runbooks/docs/api-documentation");
        var ids = library.Documents.ToDictionary(d => d.Route, d => IdPattern().Matches(renderer.Render(d).Html).Select(m => m.Groups[1].Value).ToHashSet());

        var broken = new List<string>();
        foreach (var document in library.Documents)
        {
            foreach (Match link in HrefPattern().Matches(renderer.Render(document).Html))
            {
                var href = System.Net.WebUtility.HtmlDecode(link.Groups[1].Value);
                var (path, anchor) = href.IndexOf('#') is var hash and >= 0 ? (href[..hash], href[(hash + 1)..]) : (href, "");
                path = path.Length == 0 ? document.Route : path;
                var fine = path.StartsWith(DocumentLibrary.FilesPrefix + "/", StringComparison.Ordinal)
                    ? File.Exists(Path.Combine(library.Folder, path[(DocumentLibrary.FilesPrefix.Length + 1)..]))
                    : !path.StartsWith("/runbooks", StringComparison.Ordinal) || (ids.TryGetValue(path, out var targets) && (anchor.Length == 0 || targets.Contains(anchor)));
                if (!fine)
                {
                    broken.Add($"{document.Path}: {href}");
                }
            }
        }

        Assert.True(broken.Count == 0, "Links that go nowhere:\n" + string.Join("\n", broken));
    }

    private string Render(string route)
    {
        var library = new DocumentLibrary(_docs);
        return new RunbookRenderer(library).Render(library.FindByRoute(route)!).Html;
    }

    private void Write(string path, string markdown) => File.WriteAllText(Path.Combine(_docs, path), markdown);

    public void Dispose() => Directory.Delete(_docs, recursive: true);

    [GeneratedRegex("id=\"([^\"]+)\"")]
    private static partial Regex IdPattern();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex HrefPattern();
}
