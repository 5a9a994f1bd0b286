using SiteBuilder.Portal.Testing.DocSamples;

namespace SiteBuilder.Portal.Tests;

/// <summary>The marker convention and the runner, on small documents made here.</summary>
public sealed class DocSampleRunnerTests
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void MarkedBlocksAreFoundAndUnmarkedOnesAreNot()
    {
        var samples = DocSampleReader.Parse("""
            # Title

            ```bash
            echo not marked
            ```

            <!-- sample: greet -->

            ```bash
            echo "hello"
            ```

            <!-- sample: add -->
            ```python
            print(1 + 1)
            ```
            """, "test.md");

        Assert.Collection(
            samples,
            greet =>
            {
                Assert.Equal(("greet", SampleLanguage.Bash, "echo \"hello\"\n", 10), (greet.Name, greet.Language, greet.Code, greet.Line));
            },
            add => Assert.Equal(("add", SampleLanguage.Python), (add.Name, add.Language)));
    }

    [Fact]
    public void MarkerWithoutACodeBlockIsAnError()
    {
        var error = Assert.Throws<FormatException>(() => DocSampleReader.Parse("<!-- sample: lost -->\nSome text.\n", "test.md"));

        Assert.Contains("test.md:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'lost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedLanguageIsAnError()
    {
        var error = Assert.Throws<FormatException>(() => DocSampleReader.Parse("<!-- sample: ruby -->\n```ruby\nputs 1\n```\n", "test.md"));

        Assert.Contains("fenced as 'ruby'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateNameIsAnError()
    {
        var error = Assert.Throws<FormatException>(() => DocSampleReader.Parse("<!-- sample: a -->\n```bash\necho 1\n```\n<!-- sample: a -->\n```bash\necho 2\n```\n", "test.md"));

        Assert.Contains("marked twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunnerReturnsExitCodeAndBothStreams()
    {
        var sample = new DocSample("streams", SampleLanguage.Bash, "echo \"out $GREETING\"; echo err >&2; exit 3\n", "test.md", 1);

        var result = await SampleRunner.RunAsync(sample, new Dictionary<string, string> { ["GREETING"] = "hi" }, cancellationToken: Ct);

        Assert.Equal((3, "out hi\n", "err\n"), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public async Task PythonSamplesCanImportHttpx()
    {
        var sample = new DocSample("httpx", SampleLanguage.Python, "import httpx\nprint(httpx.__name__)\n", "test.md", 1);

        var result = await SampleRunner.RunAsync(sample, new Dictionary<string, string>(), cancellationToken: Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("httpx\n", result.Stdout);
    }

    [Fact]
    public async Task JavaScriptSamplesRunAsModulesWithTopLevelAwait()
    {
        var sample = new DocSample("await", SampleLanguage.JavaScript, "const value = await Promise.resolve(typeof fetch);\nconsole.log(value);\n", "test.md", 1);

        var result = await SampleRunner.RunAsync(sample, new Dictionary<string, string>(), cancellationToken: Ct);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("function\n", result.Stdout);
    }

    [Fact]
    public async Task SampleThatRunsTooLongIsStoppedAndReported()
    {
        var sample = new DocSample("slow", SampleLanguage.Bash, "echo started; sleep 30\n", "test.md", 1);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => SampleRunner.RunAsync(sample, new Dictionary<string, string>(), TimeSpan.FromSeconds(1), Ct));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Contains("started", error.Message, StringComparison.Ordinal);
    }
}
