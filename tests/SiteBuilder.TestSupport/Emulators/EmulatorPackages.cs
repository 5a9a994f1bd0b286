using System.Diagnostics;
using System.Security.Cryptography;

namespace SiteBuilder.TestSupport.Emulators;

/// <summary>
/// Installs <c>tests/emulators</c> with <c>npm ci</c> when its node_modules is missing or older than package-lock.json.
/// A file lock serialises the install across processes, since test assemblies run in parallel.
/// </summary>
public static class EmulatorPackages
{
    private const string InstalledMarker = ".sitebuilder-installed";
    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    public static async Task EnsureInstalledAsync(string emulatorsDirectory, CancellationToken cancellationToken = default)
    {
        if (IsInstalled(emulatorsDirectory))
        {
            return;
        }

        await InProcess.WaitAsync(cancellationToken);
        try
        {
            await using var crossProcess = await AcquireFileLockAsync(Path.Combine(emulatorsDirectory, ".npm-ci.lock"), cancellationToken);
            if (!IsInstalled(emulatorsDirectory))
            {
                await RunNpmCiAsync(emulatorsDirectory, cancellationToken);
                await File.WriteAllTextAsync(MarkerPath(emulatorsDirectory), LockHash(emulatorsDirectory), cancellationToken);
            }
        }
        finally
        {
            InProcess.Release();
        }
    }

    /// <summary>Installed by a completed <c>npm ci</c> of the current package-lock.json (an interrupted install leaves no marker).</summary>
    public static bool IsInstalled(string emulatorsDirectory)
    {
        var marker = MarkerPath(emulatorsDirectory);
        return File.Exists(marker) && File.ReadAllText(marker) == LockHash(emulatorsDirectory);
    }

    private static string MarkerPath(string emulatorsDirectory) => Path.Combine(emulatorsDirectory, "node_modules", InstalledMarker);

    private static string LockHash(string emulatorsDirectory)
    {
        var lockFile = Path.Combine(emulatorsDirectory, "package-lock.json");
        if (!File.Exists(lockFile))
        {
            throw new FileNotFoundException($"{lockFile} is missing: the emulators are installed from the committed lock with 'npm ci'.", lockFile);
        }

        return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(lockFile)));
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock on Unix and a share lock on Windows; both exclude other processes.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < InstallTimeout)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static async Task RunNpmCiAsync(string emulatorsDirectory, CancellationToken cancellationToken)
    {
        var npm = Executables.Require("npm", $"install the emulators ('npm ci' in {emulatorsDirectory})");
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = emulatorsDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{npm} ci' in {emulatorsDirectory}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'npm ci' in {emulatorsDirectory} did not finish within {InstallTimeout.TotalMinutes} minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'npm ci' in {emulatorsDirectory} failed with exit code {process.ExitCode}:{Environment.NewLine}{await output}{await errors}");
        }
    }
}
