using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using static SiteBuilder.Benchmarks.BenchStats;
using SiteBuilder.Validation;

namespace SiteBuilder.Benchmarks;

/// <summary>
/// Times <see cref="BrandValidator.Validate"/> on realistic landing pages of 10 KB, 100 KB and 1 MB. Each size is
/// warmed up first (tiered JIT needs a few hundred calls, and two seconds, to reach optimized code), then timed
/// call by call. The table gives wall-clock p50, p95 and max, and the calling thread's CPU time (p50, p95), which
/// a busy machine does not inflate. The issue's budget is p95 ≤ 15 ms at 100 KB, and a smaller page must meet it
/// too; 1 MB has no budget and is reported for information. The PASS/FAIL lines judge wall-clock p95.
/// </summary>
internal static class ValidationBenchmark
{
    // Qualified: the portal reference brings the SiteBuilder.BrandAssets namespace into scope.
    private static readonly SiteBuilder.Validation.BrandAssets Brand = new("#0066CC", "#FF6600", ["#1B998B"], "/assets/northwind-logo.svg", ["Inter", "Poppins"]);

    // The pipeline validates every page with its prompt, so the "matches the brief" audit is part of what is timed. The
    // brief is the one the benchmark page answers (an autumn shoe sale), so the score printed is a good page's score.
    private const string Brief = "An autumn sale page for Northwind Footwear: up to 40% off walking, trail and city shoes this week only, memberships from £4 a month, and 10% off a first order.";

    private static readonly (string Label, int Size, int Iterations, double? TargetP95Ms)[] Sizes =
    [
        ("10KB", 10 * 1024, 1_000, 15),
        ("100KB", 100 * 1024, 400, 15),
        ("1MB", 1024 * 1024, 40, null),
    ];

    public static int Run()
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"{Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, .NET {Environment.Version}, load average {LoadAverage()}"));
        var results = new List<Result>();
        foreach (var (label, size, iterations, target) in Sizes)
        {
            var html = LandingPageFactory.Build(size);
            var score = BrandValidator.Validate(html, Brand, Brief).BrandScore;
            WarmUp(html, iterations);

            GC.Collect();
            GC.WaitForPendingFinalizers();
            var wall = new double[iterations];
            var cpu = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var cpuStarted = ThreadCpuClock.NowMs;
                var started = Stopwatch.GetTimestamp();
                BrandValidator.Validate(html, Brand, Brief);
                wall[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                cpu[i] = ThreadCpuClock.NowMs - cpuStarted;
            }

            Array.Sort(wall);
            Array.Sort(cpu);
            results.Add(new Result(label, Encoding.UTF8.GetByteCount(html), iterations, Percentile(wall, 0.50), Percentile(wall, 0.95), wall[^1],
                Percentile(cpu, 0.50), Percentile(cpu, 0.95), score, target));
        }

        Console.WriteLine(string.Create(inv, $"{"size",-6} {"bytes",9} {"runs",5} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"cpu p50",8} {"cpu p95",8} {"score",6}"));
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(inv, $"{r.Label,-6} {r.Bytes,9} {r.Iterations,5} {r.P50,8:0.00} {r.P95,8:0.00} {r.Max,8:0.00} {r.CpuP50,8:0.00} {r.CpuP95,8:0.00} {r.Score,6:0.0}"));
        }

        Console.WriteLine(string.Create(inv, $"load average after: {LoadAverage()}"));
        var failed = false;
        foreach (var r in results)
        {
            if (r.Target is not { } target)
            {
                Console.WriteLine(string.Create(inv, $"validation {r.Label} p50={r.P50:0.00}ms p95={r.P95:0.00}ms target none (information)"));
                continue;
            }

            var pass = r.P95 <= target;
            failed |= !pass;
            Console.WriteLine(string.Create(inv, $"validation {r.Label} p50={r.P50:0.00}ms p95={r.P95:0.00}ms target p95<={target:0}ms {(pass ? "PASS" : "FAIL")}"));
        }

        return failed ? 1 : 0;
    }

    private static void WarmUp(string html, int iterations)
    {
        var clock = Stopwatch.StartNew();
        var calls = 0;
        while (calls < Math.Max(50, iterations / 2) || clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            BrandValidator.Validate(html, Brand, Brief);
            calls++;
        }
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    private sealed record Result(string Label, int Bytes, int Iterations, double P50, double P95, double Max, double CpuP50, double CpuP95, double Score, double? Target);
}
