using System.Diagnostics;
using System.Text.RegularExpressions;
using SiteBuilder.TestSupport;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Infrastructure.Tests.Container;

/// <summary>
/// Does what the Dockerfile does, without Docker: copies the build stage's COPY sources (minus .dockerignore) into a
/// fresh context, runs its <c>dotnet</c> commands there, then starts the published output as the final stage would,
/// in Production, with the data directory a separate writable folder. Once per test run.
/// </summary>
public sealed partial class PublishedPortal : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);

    private readonly TempDirectory work = new("published-portal");

    public string RepositoryRootPath { get; } = RepositoryRoot.Find();

    public IReadOnlyList<DockerStage> Stages { get; private set; } = [];

    public DockerStage Build => Stages[0];

    public DockerStage Final => Stages[^1];

    /// <summary>Where the build stage's <c>dotnet publish -o</c> writes inside the image.</summary>
    public string ImagePublishPath { get; private set; } = "";

    public string PublishDirectory => work.Combine("publish");

    public string DataDirectory => work.Combine("data");

    public string HomeDirectory => work.Combine("home");

    /// <summary>The portal as the image runs it: its own data directory and home, nothing else configured.</summary>
    public RunningPortal Default { get; private set; } = null!;

    public Uri BaseAddress => Default.BaseAddress;

    public string Output => Default.Output;

    /// <summary>Every file of the published app (path, size, time) as it was before the portal started.</summary>
    public IReadOnlyDictionary<string, (long Length, DateTime Written)> AppFilesBeforeStart { get; private set; } = new Dictionary<string, (long, DateTime)>();

    public async ValueTask InitializeAsync()
    {
        Stages = Dockerfile.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRootPath, "Dockerfile")));
        var context = work.Combine("context");
        CopyBuildContext(context);
        foreach (var run in Build.All("RUN"))
        {
            await RunBuildCommandAsync(run.Arguments, context);
        }

        AppFilesBeforeStart = Snapshot(PublishDirectory);
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(HomeDirectory);
        await StartAsync();
    }

    public static IReadOnlyDictionary<string, (long Length, DateTime Written)> Snapshot(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetRelativePath(directory, path),
            path => (new FileInfo(path).Length, File.GetLastWriteTimeUtc(path)));

    private void CopyBuildContext(string context)
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryRootPath, ".dockerignore"))
            .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        foreach (var copy in Build.All("COPY"))
        {
            var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var destination = Path.Combine(context, parts[^1]);
            foreach (var source in parts[..^1])
            {
                var from = Path.Combine(RepositoryRootPath, source);
                if (Directory.Exists(from))
                {
                    CopyDirectory(from, destination, source.TrimEnd('/'), ignored);
                }
                else
                {
                    Directory.CreateDirectory(destination);
                    File.Copy(from, Path.Combine(destination, Path.GetFileName(source)));
                }
            }
        }
    }

    private static void CopyDirectory(string from, string to, string relative, IReadOnlyList<string> ignored)
    {
        if (IsIgnored(relative, ignored))
        {
            return;
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var name = Path.GetFileName(file);
            if (!IsIgnored($"{relative}/{name}", ignored))
            {
                File.Copy(file, Path.Combine(to, name));
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            CopyDirectory(directory, Path.Combine(to, name), $"{relative}/{name}", ignored);
        }
    }

    /// <summary>.dockerignore's forms used here: <c>name</c> (from the root) and <c>**/name</c> (at any depth), with <c>*</c> in a name.</summary>
    public static bool IsIgnored(string relativePath, IReadOnlyList<string> patterns)
    {
        var segments = relativePath.Split('/');
        foreach (var pattern in patterns)
        {
            var anyDepth = pattern.StartsWith("**/", StringComparison.Ordinal);
            var glob = "^" + Regex.Escape(anyDepth ? pattern[3..] : pattern).Replace("\\*", "[^/]*", StringComparison.Ordinal) + "$";
            if (anyDepth ? segments.Any(segment => Regex.IsMatch(segment, glob)) : Regex.IsMatch(segments[0], glob))
            {
                return true;
            }
        }

        return false;
    }

    private async Task RunBuildCommandAsync(string command, string context)
    {
        var arguments = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (arguments[0] != "dotnet")
        {
            throw new InvalidOperationException($"The build stage runs '{command}'; this test can only run dotnet commands.");
        }

        var output = arguments.FindIndex(argument => argument is "-o" or "--output");
        if (output >= 0)
        {
            ImagePublishPath = arguments[output + 1];
            arguments[output + 1] = PublishDirectory;
        }

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = context, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not finish within {PublishTimeout.TotalMinutes} minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private async Task StartAsync()
    {
        Default = await StartPortalAsync(new Dictionary<string, string>
        {
            ["SiteBuilder__DataDirectory"] = DataDirectory,
            ["HOME"] = HomeDirectory,
        });
    }

    /// <summary>The portal started as the image starts it, with the Dockerfile's ENV, Production, and the given variables on top.</summary>
    public async Task<RunningPortal> StartPortalAsync(IReadOnlyDictionary<string, string> environment)
    {
        var entryPoint = Dockerfile.ExecForm(Final.All("ENTRYPOINT").Single().Arguments);
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPort.GetFree()}");
        var start = new ProcessStartInfo(entryPoint[0]) { WorkingDirectory = PublishDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in entryPoint.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        // Only what the image sets: nothing of this test process's own configuration leaks in.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("SiteBuilder", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase) || name.Equals("Urls", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in Final.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Urls"] = baseAddress.ToString();
        start.Environment["TMPDIR"] = work.Combine("tmp");
        Directory.CreateDirectory(work.Combine("tmp"));
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var portal = new RunningPortal(Process.Start(start)!, baseAddress);
        try
        {
            await portal.WaitUntilHealthyAsync(StartTimeout);
            return portal;
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Default is not null)
        {
            await Default.DisposeAsync();
        }

        work.Dispose();
    }
}
