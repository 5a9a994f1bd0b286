using System.Diagnostics;

namespace SiteBuilder.Portal.Tests;

/// <summary>Runs the built portal executable (server or CLI) as a separate process, as an operator would.</summary>
internal static class PortalProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "SiteBuilder.Portal.dll");

    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static async Task<Result> RunAsync(IEnumerable<string> args, IDictionary<string, string> environment, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The portal did not exit within {timeout}: {await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
