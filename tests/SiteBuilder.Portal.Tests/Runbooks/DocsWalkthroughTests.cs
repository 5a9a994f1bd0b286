using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace SiteBuilder.Portal.Tests.Runbooks;

/// <summary>
/// Issue 12 point 3, "the docs as a reader follows them": every shell block of a document runs in one shell, in the order
/// of the document, as written, against a portal started on a fresh data directory. A block that fails stops the reader;
/// so does any call the portal answered 401 (a reader who follows the docs always has a working token). Blocks fenced
/// with a need (<c>```bash aws</c>, <c>github</c>, <c>repo</c>, <c>config</c>) are skipped by that rule; <c>fails</c>
/// blocks must end non-zero.
/// </summary>
public sealed partial class DocsWalkthroughTests
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The documents a newcomer follows against a local portal; the runbooks act on deployed environments.</summary>
    public static TheoryData<string> Documents => new("README.md", "docs/api_documentation.md");

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task AReaderFollowingTheDocumentInOrderOnAFreshPortalMeetsNoError(string path)
    {
        var blocks = DocCorpus.Get(path).Blocks.Where(b => b.IsShell && !b.Tags.Any(BlockNeeds.Skipped.Contains)).ToList();
        Assert.NotEmpty(blocks);

        await using var reader = await ReaderPortal.StartAsync(Ct);
        var walk = await reader.FollowAsync(blocks, Ct);

        Assert.True(walk.Finished, walk.Report("The reader stopped"));
        var refused = (await reader.RequestsAsync(Ct)).Where(r => r.Status == 401).ToList();
        Assert.True(refused.Count == 0, walk.Report("The portal refused the reader's token: " + string.Join(", ", refused)));
        Assert.True(File.Exists(Path.Combine(reader.Folder, "data", "sitebuilder.db")), "The CLI and the portal did not share the reader's data directory.");
    }

    /// <summary>The reader catches the two mistakes issue 12 found: an unset token variable and a user the document never made.</summary>
    [Fact]
    public async Task TheWalkThroughCatchesAnUnsetTokenAndAUserNobodyMade()
    {
        var doc = DocFile.Parse("fixture.md", """
            ```bash
            export BASE_URL=http://127.0.0.1:5080/v1
            export TENANT_ID=acme
            export TOKEN=$(dotnet run --project src/SiteBuilder.Portal -- token --user mia --tenant "$TENANT_ID")
            ```

            ```bash
            curl -sS -H "Authorization: Bearer ${JWT_TOKEN}" -H "X-Tenant-Id: ${TENANT_ID}" "${BASE_URL}/me"
            ```
            """);

        await using var reader = await ReaderPortal.StartAsync(Ct);
        var walk = await reader.FollowAsync(doc.Blocks, Ct);

        // Each line "succeeds" in the shell (export hides the CLI's failure, curl without -f exits 0): only the 401 tells.
        Assert.True(walk.Finished, walk.Report("The fixture was expected to run to its end"));
        Assert.Contains("mia", walk.Stderr, StringComparison.Ordinal);
        Assert.Contains(await reader.RequestsAsync(Ct), r => r is { Status: 401, Path: "/v1/me" });
    }

    /// <summary>The portal the reader started (the README's <c>dotnet run --project src/SiteBuilder.Portal</c>), from a fresh folder.</summary>
    private sealed partial class ReaderPortal : IAsyncDisposable
    {
        private readonly Process _portal;
        private readonly StringBuilder _log = new();

        private ReaderPortal(string folder, string address, Process portal)
        {
            (Folder, Address, _portal) = (folder, address, portal);
            _portal.OutputDataReceived += (_, e) => Append(e.Data);
            _portal.ErrorDataReceived += (_, e) => Append(e.Data);
        }

        public string Folder { get; }

        public string Address { get; }

        public static async Task<ReaderPortal> StartAsync(CancellationToken cancellationToken)
        {
            var folder = Path.Combine(Path.GetTempPath(), "sitebuilder-reader", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var address = $"http://127.0.0.1:{FreePort()}";
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { PortalProcess.DllPath, "--urls", address })
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (key, value) in Environment())
            {
                start.Environment[key] = value;
            }

            // Every request's status, to find the calls the portal refused.
            start.Environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";
            var reader = new ReaderPortal(folder, address, Process.Start(start)!);
            reader._portal.BeginOutputReadLine();
            reader._portal.BeginErrorReadLine();
            await reader.WaitUntilHealthyAsync(cancellationToken);
            return reader;
        }

        /// <summary>What both the portal and the reader's shell get: the offline composer without its reading pace, and no proxy for loopback.</summary>
        private static Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
        {
            ["SiteBuilder__Generation__OfflineSectionDelay"] = "00:00:00",
            ["NO_PROXY"] = "127.0.0.1,localhost",
            ["no_proxy"] = "127.0.0.1,localhost",
        };

        public sealed record Walk(bool Finished, int Blocks, DocCodeBlock? StoppedAt, int ExitCode, string Stdout, string Stderr)
        {
            public string Report(string what) =>
                $"{what}{(StoppedAt is null ? "" : $" at {StoppedAt}")} (exit {ExitCode}).\n--- stdout ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";

            private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
        }

        /// <summary>Runs the blocks in one bash, in order, each sourced so its variables carry to the next.</summary>
        public async Task<Walk> FollowAsync(IReadOnlyList<DocCodeBlock> blocks, CancellationToken cancellationToken)
        {
            var script = new StringBuilder($$"""
                set -o pipefail
                # `dotnet run --project src/SiteBuilder.Portal -- ARGS` is the portal's CLI: run the built one. Without ARGS it
                # starts the portal, which the test did from this folder: check that it answers.
                dotnet() {
                  if [ "$1" = run ] && [ "$2" = --project ] && [ "$3" = src/SiteBuilder.Portal ]; then
                    shift 3
                    while [ $# -gt 0 ] && [ "$1" != -- ]; do shift; done
                    [ "$1" = -- ] && shift
                    if [ $# -eq 0 ] || [ "$1" = --urls ]; then
                      command curl -fsS "{{Address}}/health" > /dev/null
                      return
                    fi
                    command dotnet '{{PortalProcess.DllPath}}' "$@"
                  else
                    command dotnet "$@"
                  fi
                }

                """);
            var port = new Uri(Address).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < blocks.Count; i++)
            {
                var file = Path.Combine(Folder, $".block-{i + 1}.sh");
                await File.WriteAllTextAsync(file, blocks[i].Code.Replace("127.0.0.1:5080", "127.0.0.1:" + port, StringComparison.Ordinal) + "\n", cancellationToken);
                script.AppendLine(CultureInfo($"echo '::block {i + 1}' >&2"));
                script.AppendLine(blocks[i].Tags.Contains(BlockNeeds.Fails)
                    ? CultureInfo($"source '{file}'; status=$?; [ $status -ne 0 ] || {{ echo '::expected a failure' >&2; exit 99; }}")
                    : CultureInfo($"set -e; source '{file}'; set +e"));
            }

            script.AppendLine("echo '::end' >&2");
            var start = new ProcessStartInfo("bash") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script.ToString());
            foreach (var (key, value) in Environment())
            {
                start.Environment[key] = value;
            }

            using var shell = Process.Start(start)!;
            shell.StandardInput.Close();
            var stdout = shell.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = shell.StandardError.ReadToEndAsync(cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromMinutes(5));
            try
            {
                await shell.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                shell.Kill(entireProcessTree: true);
                throw new TimeoutException($"The reader's shell did not finish within 5 minutes.\n{await stderr}");
            }

            var errors = await stderr;
            var last = BlockMarker().Matches(errors).LastOrDefault();
            var finished = errors.Contains("::end", StringComparison.Ordinal) && shell.ExitCode == 0;
            var stoppedAt = finished || last is null ? null : blocks[int.Parse(last.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1];
            return new Walk(finished, blocks.Count, stoppedAt, shell.ExitCode, await stdout, errors);
        }

        public sealed record Request(string Method, string Path, int Status)
        {
            public override string ToString() => $"{Method} {Path} → {Status}";
        }

        /// <summary>
        /// Every request the reader made, from the portal's request log. The log is written after the response is sent and
        /// through the console logger's queue, so a request the shell has finished may not be in it yet: ask once more with
        /// a marker and wait until the marker's line is written and every request that started has finished.
        /// </summary>
        public async Task<IReadOnlyList<Request>> RequestsAsync(CancellationToken cancellationToken)
        {
            var marker = $"/health?reader-done={Guid.NewGuid():N}";
            using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
            {
                (await http.GetAsync(Address + marker, cancellationToken)).EnsureSuccessStatusCode();
            }

            var until = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                string log;
                lock (_log)
                {
                    log = _log.ToString();
                }

                var finished = RequestFinished().Matches(log);
                var settled = finished.Any(m => m.Groups["url"].Value.EndsWith(marker, StringComparison.Ordinal))
                    && RequestStarting().Count(log) == finished.Count;
                if (settled || DateTime.UtcNow > until)
                {
                    return finished
                        .Where(m => !m.Groups["url"].Value.EndsWith(marker, StringComparison.Ordinal))
                        .Select(m => new Request(m.Groups["method"].Value, new Uri(m.Groups["url"].Value).AbsolutePath, int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture)))
                        .ToList();
                }

                await Task.Delay(50, cancellationToken);
            }
        }

        private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var until = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < until)
            {
                if (_portal.HasExited)
                {
                    throw new InvalidOperationException($"The portal stopped with {_portal.ExitCode}:\n{_log}");
                }

                try
                {
                    if ((await http.GetAsync($"{Address}/health", cancellationToken)).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Slow to answer on a busy machine: ask again.
                }

                await Task.Delay(250, cancellationToken);
            }

            throw new TimeoutException($"The portal did not answer /health within 2 minutes:\n{_log}");
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(line);
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);

        public async ValueTask DisposeAsync()
        {
            if (!_portal.HasExited)
            {
                _portal.Kill(entireProcessTree: true);
                await _portal.WaitForExitAsync();
            }

            _portal.Dispose();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a child that is going away; the temp folder is cleaned later.
            }
        }

        [GeneratedRegex(@"Request finished \S+ (?<method>[A-Z]+) (?<url>\S+) - (?<status>\d{3})")]
        private static partial Regex RequestFinished();

        [GeneratedRegex(@"Request starting \S+ [A-Z]+ ")]
        private static partial Regex RequestStarting();

        [GeneratedRegex(@"::block (\d+)")]
        private static partial Regex BlockMarker();
    }
}
