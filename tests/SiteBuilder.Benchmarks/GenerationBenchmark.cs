using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SiteBuilder.TestSupport;
using SiteBuilder.TestSupport.FakeBedrock;

using static SiteBuilder.Benchmarks.BenchStats;

namespace SiteBuilder.Benchmarks;

/// <summary>
/// Runs generations against a real portal process on a loopback port (Release build, SQLite and folders in a temp data
/// directory), as clients would: POST, then read the event stream to its end. Per stream it times, from sending the POST,
/// the first event, the first chunk and the last chunk (TTLT), and the validation step (from the brand_validator progress
/// event to the complete event); per run, the portal's CPU time per generation (from /proc) and its peak resident memory.
/// Offline composer at 1, 50 and 200 concurrent streams on a just-started portal, then 200 again in steady state (after a
/// thousand more generations); then Claude through a fake Bedrock with a fixed time to first byte, to show what the API adds
/// to the model's own time to first chunk. Issue 4's targets: 200 concurrent streams with 0 errors and TTLT p95 ≤ 1 s; the
/// API adds ≤ 20 ms to the model's time to first chunk.
/// </summary>
internal static class GenerationBenchmark
{
    private const string Tenant = "bench";
    private static readonly TimeSpan ModelTimeToFirstByte = TimeSpan.FromMilliseconds(400);
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run()
    {
        var levels = (Environment.GetEnvironmentVariable("BENCH_GENERATION_CONCURRENCY") ?? "1,50,200")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        return RunAsync(levels).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int[] levels)
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
        var failed = false;

        await using (var offline = await Portal.StartAsync(new Dictionary<string, string>()))
        {
            Console.WriteLine($"offline composer, portal pid {offline.ProcessId}");
            // Just started: a warm-up of 100 generations takes every hot method past the 30 calls after which .NET recompiles it
            // optimized, then a pause for that background compilation, SQLite's pages and the composer's tables.
            await offline.MeasureAsync(concurrency: 10, total: 100);
            await Task.Delay(TimeSpan.FromSeconds(2));
            PrintHeader();
            foreach (var level in levels)
            {
                Print($"offline x{level}", await offline.MeasureAsync(level, total: Math.Max(level, 20)));
            }

            // Steady state, where the target applies: a portal that has served a while runs code that .NET has recompiled with the
            // profile of its real traffic (tiered PGO). A thousand more generations get it there on this machine.
            var warm = await offline.MeasureAsync(concurrency: 50, total: 1000);
            Print("warming x50", warm);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var steady = await offline.MeasureAsync(concurrency: 200, total: 200);
            Print("steady x200", steady);
            var pass = steady.Errors == 0 && warm.Errors == 0 && steady.Ttlt.P95 <= 1000;
            failed |= !pass;
            Console.WriteLine(string.Create(Inv, $"  target, steady state at 200 streams: 0 errors and TTLT p95 <= 1000 ms: errors={steady.Errors} p95={steady.Ttlt.P95:0} ms {(pass ? "PASS" : "FAIL")}"));
            Console.WriteLine($"  portal peak memory (VmHWM): {offline.PeakMemoryMb():0} MB");
        }

        await using var bedrock = await FakeBedrockServer.StartAsync();
        // Deltas of over 1 KB: each is sent on at once, so the first chunk waits for nothing but the model and the API.
        bedrock.DefaultScript = new FakeBedrockScript { Text = LongPage(40), DeltaCount = 20, TimeToFirstByte = ModelTimeToFirstByte };
        var c = bedrock.Credentials;
        await using (var claude = await Portal.StartAsync(new Dictionary<string, string>
        {
            ["SiteBuilder__Generation__Provider"] = "Bedrock",
            ["SiteBuilder__Generation__Bedrock__Endpoint"] = bedrock.BaseUrl.ToString(),
            ["SiteBuilder__Generation__Bedrock__Region"] = c.Region,
            ["AWS_ACCESS_KEY_ID"] = c.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = c.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = c.SessionToken ?? "",
            ["AWS_REGION"] = c.Region,
        }))
        {
            Console.WriteLine(string.Create(Inv, $"Claude on a fake Bedrock (time to first byte {ModelTimeToFirstByte.TotalMilliseconds:0} ms, SigV4 checked), portal pid {claude.ProcessId}"));
            await claude.MeasureAsync(concurrency: 1, total: 3);
            PrintHeader();
            var result = await claude.MeasureAsync(concurrency: 1, total: 20);
            Print("bedrock x1", result);
            var added = result.FirstChunk.P50 - ModelTimeToFirstByte.TotalMilliseconds;
            var pass = result.Errors == 0 && added <= 20;
            failed |= !pass;
            Console.WriteLine(string.Create(Inv, $"  API's share of time to first chunk (p50 - model's {ModelTimeToFirstByte.TotalMilliseconds:0} ms): {added:0.0} ms, target <= 20 ms {(pass ? "PASS" : "FAIL")}"));
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        return failed ? 1 : 0;
    }

    private static void PrintHeader() =>
        Console.WriteLine(string.Create(Inv, $"{"run",-12} {"streams",7} {"errors",6} {"1st event p50/p95",18} {"1st chunk p50/p95",18} {"TTLT p50/p95",16} {"validate p50/p95",17} {"wall s",7} {"peak MB",8} {"CPU ms/gen",10}"));

    private static void Print(string label, LevelResult r) =>
        Console.WriteLine(string.Create(Inv,
            $"{label,-12} {r.Streams,7} {r.Errors,6} {r.FirstEvent,18} {r.FirstChunk,18} {r.Ttlt,16} {r.Validation,17} {r.Wall.TotalSeconds,7:0.0} {r.PeakRssMb,8:0} {r.CpuMsPerGeneration,10:0.0}"));

    private static string LongPage(int sections)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Northwind Spring Sale</title><style>:root{--primary:#0066CC;--secondary:#FF6600}body{font-family:Inter,system-ui,sans-serif;margin:0;color:#1a1a1a}section{padding:2rem}</style></head><body><header><nav aria-label=\"Main\"><a href=\"#\">Northwind</a></nav></header><main>");
        for (var i = 1; i <= sections; i++)
        {
            html.Append(Inv, $"<section id=\"s{i}\" aria-labelledby=\"h{i}\"><h2 id=\"h{i}\">Section {i}: gear for every trail</h2><p>Our spring range is built for long days outside: waterproof shells, light packs and boots that are ready from the first step. Free returns for 60 days; members save another 10%.</p><p><a href=\"https://northwind.example/sale\">Shop the sale</a></p></section>");
        }

        return html.Append("</main><footer><p>© Northwind Outfitters</p></footer></body></html>").ToString();
    }

    /// <summary>p50 and p95 (nearest rank) of a set of milliseconds.</summary>
    internal readonly record struct Percentiles(double P50, double P95)
    {
        public static Percentiles Of(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? new(double.NaN, double.NaN) : new(Rank(sorted, 0.50), Rank(sorted, 0.95));
        }

        private static double Rank(double[] sorted, double fraction) => sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{P50:0}/{P95:0} ms");
    }

    internal sealed record LevelResult(int Streams, int Errors, Percentiles FirstEvent, Percentiles FirstChunk, Percentiles Ttlt, Percentiles Validation, TimeSpan Wall, double PeakRssMb, double CpuMsPerGeneration);

    private sealed record StreamTimes(bool Ok, double FirstEvent, double FirstChunk, double LastChunk, double Validation);

    /// <summary>The portal as a child process on a free loopback port, with its own temp data directory, a bench user and a token.</summary>
    internal sealed class Portal : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _dataDirectory;
        private readonly HttpClient _client;

        private Portal(Process process, string dataDirectory, HttpClient client)
        {
            _process = process;
            _dataDirectory = dataDirectory;
            _client = client;
        }

        /// <summary>The bench user's password, for what a browser does (sign in with the form).</summary>
        public const string BenchPassword = "bench-password-for-page-weights";

        public int ProcessId => _process.Id;

        public Uri Address => _client.BaseAddress!;

        public static string BenchTenant => Tenant;

        /// <summary>An Operator's account (password <see cref="BenchPassword"/>), made when asked for: the dashboard is theirs.</summary>
        public const string BenchOperator = "bench-ops";

        public static async Task<Portal> StartAsync(Dictionary<string, string> settings, bool withOperator = false)
        {
            var dataDirectory = Path.Combine(Path.GetTempPath(), "sitebuilder-bench", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dataDirectory);
            var environment = new Dictionary<string, string>(settings)
            {
                ["SiteBuilder__DataDirectory"] = dataDirectory,
                ["SiteBuilder__RateLimits__Generation"] = "100000",
                // 200 concurrent streams of the one bench tenant: its own caps out of the way; the instance's cap (1000) holds.
                ["SiteBuilder__Concurrency__GenerationsPerTenant"] = "100000",
                ["SiteBuilder__Concurrency__StreamsPerTenant"] = "100000",
                // The targets are the API's own time: the offline composer's pause before each section (a person's
                // reading pace in the workspace, 300 ms by default) would otherwise be most of every TTLT.
                ["SiteBuilder__Generation__OfflineSectionDelay"] = "00:00:00",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
            };
            await RunCliAsync(environment, "users", "add", "bench", "--role", "Marketer", "--tenant", Tenant, "--password", BenchPassword);
            if (withOperator)
            {
                await RunCliAsync(environment, "users", "add", BenchOperator, "--role", "Operator", "--password", BenchPassword);
            }

            var token = (await RunCliAsync(environment, "token", "--user", "bench", "--tenant", Tenant, "--ttl", "2h")).Trim().Split('\n')[^1].Trim();

            var address = $"http://127.0.0.1:{LoopbackPort.GetFree()}";
            var process = Process.Start(StartInfo(environment, "--urls", address))!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  portal: {line}"); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = new Uri(address),
                Timeout = TimeSpan.FromMinutes(5),
            };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            client.DefaultRequestHeaders.Add("X-Tenant-Id", Tenant);
            var portal = new Portal(process, dataDirectory, client);
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                    {
                        return portal;
                    }
                }
                catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
                {
                }

                if (deadline.Elapsed > TimeSpan.FromSeconds(60) || process.HasExited)
                {
                    await portal.DisposeAsync();
                    throw new InvalidOperationException("The portal did not start within 60 s.");
                }

                await Task.Delay(200);
            }
        }

        public async Task<LevelResult> MeasureAsync(int concurrency, int total)
        {
            var results = new List<StreamTimes>(total);
            var next = 0;
            var peakRss = 0.0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peakRss = Math.Max(peakRss, ReadStatusMb("VmRSS"));
                    await Task.Delay(50, CancellationToken.None);
                }
            });
            var cpuBefore = CpuTimeMs();
            var wall = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) <= total)
                {
                    var times = await GenerateAsync(n);
                    lock (results)
                    {
                        results.Add(times);
                    }
                }
            }));
            await Task.WhenAll(workers);
            wall.Stop();
            await sampling.CancelAsync();
            await sampler;
            // The portal's own CPU (user + system) over the run, scoring included, per generation.
            var cpuPerGeneration = (CpuTimeMs() - cpuBefore) / Math.Max(1, results.Count);

            var ok = results.Where(r => r.Ok).ToList();
            return new LevelResult(results.Count, results.Count - ok.Count,
                Percentiles.Of(ok.Select(r => r.FirstEvent)), Percentiles.Of(ok.Select(r => r.FirstChunk)),
                Percentiles.Of(ok.Select(r => r.LastChunk)), Percentiles.Of(ok.Select(r => r.Validation)), wall.Elapsed, peakRss, cpuPerGeneration);
        }

        public double PeakMemoryMb() => ReadStatusMb("VmHWM");

        /// <summary>utime + stime of the portal from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
        private double CpuTimeMs()
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return (long.Parse(fields[11], Inv) + long.Parse(fields[12], Inv)) * 10.0;
            }
            catch (IOException)
            {
                return double.NaN;
            }
        }

        private async Task<StreamTimes> GenerateAsync(int n)
        {
            var started = Stopwatch.GetTimestamp();
            double Now() => Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sites/{Tenant}/generation")
                {
                    Content = new StringContent(JsonSerializer.Serialize(new { prompt = $"A summer sale page for Northwind outdoor gear, run {n}", templateId = "ecommerce-sale" }), Encoding.UTF8, "application/json"),
                };
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                if (!response.IsSuccessStatusCode)
                {
                    return new StreamTimes(false, 0, 0, 0, 0);
                }

                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                double firstEvent = -1, firstChunk = -1, lastChunk = -1, validating = -1;
                string? line;
                while ((line = await reader.ReadLineAsync()) is not null)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var at = Now();
                    firstEvent = firstEvent < 0 ? at : firstEvent;
                    using var data = JsonDocument.Parse(line.AsMemory(6));
                    var root = data.RootElement;
                    switch (root.GetProperty("type").GetString())
                    {
                        case "chunk":
                            firstChunk = firstChunk < 0 ? at : firstChunk;
                            lastChunk = at;
                            break;
                        case "progress" when root.GetProperty("step").GetString() == "brand_validator":
                            validating = at;
                            break;
                        case "complete":
                            return new StreamTimes(firstChunk >= 0, firstEvent, firstChunk, lastChunk, at - validating);
                        case "error" or "cancelled":
                            return new StreamTimes(false, 0, 0, 0, 0);
                    }
                }

                return new StreamTimes(false, 0, 0, 0, 0);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException)
            {
                return new StreamTimes(false, 0, 0, 0, 0);
            }
        }

        private double ReadStatusMb(string field)
        {
            try
            {
                var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
                return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv) / 1024;
            }
            catch (IOException)
            {
                return 0;
            }
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean with the rest of the temp folder.
            }
        }

        private static ProcessStartInfo StartInfo(Dictionary<string, string> environment, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SiteBuilder.Portal.dll"));
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            return start;
        }

        private static async Task<string> RunCliAsync(Dictionary<string, string> environment, params string[] args)
        {
            using var process = Process.Start(StartInfo(environment, args))!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"portal {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
            }

            return await stdout;
        }
    }
}
