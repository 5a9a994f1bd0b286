using System.Globalization;

using static SiteBuilder.Benchmarks.BenchStats;

namespace SiteBuilder.Benchmarks;

/// <summary>
/// What recording metrics costs the 200-stream generation run: two portals (offline composer), one recording as shipped and
/// one with <c>SiteBuilder:Observability:Record=false</c> (no listener on the meters, no rollups, no EMF), warmed alike, then
/// runs of 200 concurrent streams taken in turns so both see the same machine. Compares the portals' CPU time per generation
/// (from /proc: load-independent, unlike wall-clock); the target is ≤ 1 % more with recording on.
/// </summary>
internal static class RecordingOverheadBenchmark
{
    private const int Rounds = 3;
    private const int Streams = 200;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task<int> RunAsync()
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
        await using var on = await GenerationBenchmark.Portal.StartAsync(new Dictionary<string, string>());
        await using var off = await GenerationBenchmark.Portal.StartAsync(new Dictionary<string, string> { ["SiteBuilder__Observability__Record"] = "false" });
        // The same warm-up for both: tiered compilation and SQLite's pages settle before anything is compared.
        foreach (var portal in new[] { on, off })
        {
            await portal.MeasureAsync(concurrency: 50, total: 400);
        }

        var withRecording = new List<double>();
        var without = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            var a = await on.MeasureAsync(Streams, Streams);
            var b = await off.MeasureAsync(Streams, Streams);
            withRecording.Add(a.CpuMsPerGeneration);
            without.Add(b.CpuMsPerGeneration);
            Console.WriteLine(string.Create(Inv,
                $"round {round}: {Streams} streams, CPU ms per generation recording {a.CpuMsPerGeneration:0.00} ({a.Errors} errors), not recording {b.CpuMsPerGeneration:0.00} ({b.Errors} errors)"));
        }

        var recording = Median(withRecording);
        var baseline = Median(without);
        var overhead = (recording - baseline) / baseline * 100;
        var pass = overhead <= 1;
        Console.WriteLine(string.Create(Inv,
            $"recording overhead at {Streams} streams (median of {Rounds} rounds): {recording:0.00} vs {baseline:0.00} CPU ms per generation = {overhead:+0.0;-0.0} % (target ≤ 1 %) {(pass ? "PASS" : "FAIL")}; load average {LoadAverage()}"));
        return pass ? 0 : 1;
    }

    private static double Median(List<double> values) => Percentile([.. values.Order()], 0.5);
}
