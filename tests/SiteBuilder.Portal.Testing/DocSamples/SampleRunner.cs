using System.Diagnostics;
using System.Text;

namespace SiteBuilder.Portal.Testing.DocSamples;

/// <summary>What a sample printed and how it ended.</summary>
public sealed record SampleResult(DocSample Sample, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Everything a failing assertion should show.</summary>
    public override string ToString() => $"{Sample} exited {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Runs documentation samples the way a reader would: bash through <c>bash -c</c> (curl), Python through
/// <c>$SITEBUILDER_PYTHON</c> or a <c>python3</c> that has httpx, JavaScript through Node's own <c>fetch</c> as an ES module
/// (so top-level <c>await</c> works, as in a saved <c>.mjs</c> file). The environment is the test's plus the variables given.
/// </summary>
public static class SampleRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<string> Python = new(FindPython);

    /// <summary>The variables the documentation's samples read: <c>BASE_URL</c> (ending in <c>/v1</c>), <c>TOKEN</c> and the seed's <c>JWT_TOKEN</c>, <c>TENANT_ID</c>.</summary>
    public static Dictionary<string, string> ApiEnvironment(string portalAddress, string token, string tenant) => new(StringComparer.Ordinal)
    {
        ["BASE_URL"] = $"{portalAddress.TrimEnd('/')}/v1",
        ["TOKEN"] = token,
        ["JWT_TOKEN"] = token,
        ["TENANT_ID"] = tenant,
    };

    /// <summary>Runs <paramref name="sample"/>; a sample still running after <paramref name="timeout"/> is killed (with its children) and reported as a <see cref="TimeoutException"/>.</summary>
    public static async Task<SampleResult> RunAsync(DocSample sample, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        switch (sample.Language)
        {
            case SampleLanguage.Bash:
                start.FileName = "bash";
                start.ArgumentList.Add("-eo");
                start.ArgumentList.Add("pipefail");
                start.ArgumentList.Add("-c");
                break;
            case SampleLanguage.Python:
                start.FileName = Python.Value;
                start.ArgumentList.Add("-c");
                break;
            case SampleLanguage.JavaScript:
                start.FileName = "node";
                start.ArgumentList.Add("--input-type=module");
                start.ArgumentList.Add("-e");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(sample), sample.Language, "Unknown sample language.");
        }

        start.ArgumentList.Add(sample.Code);
        // The portal is on loopback: a proxy configured for this machine must not be asked for it.
        start.Environment["NO_PROXY"] = start.Environment["no_proxy"] = "127.0.0.1,localhost";
        start.Environment["PYTHONUNBUFFERED"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName} for {sample}.");
        process.StandardInput.Close();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var reading = Task.WhenAll(CopyAsync(process.StandardOutput, stdout), CopyAsync(process.StandardError, stderr));

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            await reading;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await reading;
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{sample} did not finish within {(timeout ?? DefaultTimeout).TotalSeconds:0} s and was stopped.\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
        }

        return new SampleResult(sample, process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static async Task CopyAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }

    // pyenv's shim may come first on PATH with a python3 that lacks httpx; Debian's python3-httpx is for /usr/bin/python3.
    private static string FindPython()
    {
        if (Environment.GetEnvironmentVariable("SITEBUILDER_PYTHON") is { Length: > 0 } configured)
        {
            return configured;
        }

        const string debian = "/usr/bin/python3";
        return File.Exists(debian) && CanImportHttpx(debian) ? debian : "python3";
    }

    private static bool CanImportHttpx(string python)
    {
        try
        {
            using var check = Process.Start(new ProcessStartInfo(python, ["-c", "import httpx"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (check is null)
            {
                return false;
            }

            if (!check.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                check.Kill(entireProcessTree: true);
                return false;
            }

            return check.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
