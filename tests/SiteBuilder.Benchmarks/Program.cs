using SiteBuilder.Benchmarks;

// Usage: bench.sh [mode] — "all" runs every mode. Later areas add their modes to this table.
var modes = new Dictionary<string, Func<int>>(StringComparer.OrdinalIgnoreCase)
{
    ["validation"] = ValidationBenchmark.Run,
    ["generation"] = GenerationBenchmark.Run,
    ["runbooks"] = RunbooksBenchmark.Run,
    ["pages"] = PageWeightBenchmark.Run,
    ["dashboard"] = DashboardBenchmark.Run,
    ["recording"] = RecordingOverheadBenchmark.Run,
};

var mode = args.Length > 0 ? args[0] : "all";
if (mode.Equals("all", StringComparison.OrdinalIgnoreCase))
{
    var failures = 0;
    foreach (var (name, run) in modes)
    {
        Console.WriteLine($"== {name}");
        failures += run() == 0 ? 0 : 1;
    }

    return failures == 0 ? 0 : 1;
}

if (modes.TryGetValue(mode, out var selected))
{
    return selected();
}

await Console.Error.WriteLineAsync($"Unknown mode '{mode}'. Modes: all, {string.Join(", ", modes.Keys)}.");
return 2;
