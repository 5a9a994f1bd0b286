namespace SiteBuilder.Benchmarks;

/// <summary>What every benchmark mode reports the same way.</summary>
internal static class BenchStats
{
    /// <summary>The nearest-rank percentile of values already sorted ascending.</summary>
    public static double Percentile(double[] sorted, double fraction)
    {
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The 1-minute load average, so a reader can tell a busy machine from slow code.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
