using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SiteBuilder.TestSupport.Emulators;

/// <summary>
/// One emulator started as <c>node start.js …</c> on a free loopback port. Its standard input stays open while it runs:
/// start.js exits when that pipe closes, so the emulator dies with the test process even when no dispose runs.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _errors;

    private EmulatorProcess(Process process, StringBuilder errors, int port)
    {
        _process = process;
        _errors = errors;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The operating system's id of the node process (for checks that it is gone).</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Installs the emulator packages when needed and starts <c>node start.js {arguments}</c> in <c>tests/emulators</c>.</summary>
    public static async Task<EmulatorProcess> StartAsync(
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var directory = RepositoryRoot.EmulatorsDirectory();
        await EmulatorPackages.EnsureInstalledAsync(directory, cancellationToken);
        var node = Executables.Require("node", $"run the emulators in {directory}");
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("start.js");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var description = $"node start.js {string.Join(' ', arguments)}";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{description}' in {directory}.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        try
        {
            var port = await ReadPortAsync(process, description, errors, cancellationToken);
            // Keep draining stdout so a chatty emulator can never block on a full pipe.
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            return new EmulatorProcess(process, errors, port);
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>What the emulator wrote to stderr so far, for failure messages.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Closes the emulator's standard input, as a test process that dies would, and waits for it to exit.</summary>
    public async Task<bool> CloseInputAndWaitForExitAsync(TimeSpan timeout)
    {
        _process.StandardInput.Close();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            // Kill was sent; the kernel reaps it. Nothing more a test can do.
        }

        _process.Dispose();
    }

    private static async Task<int> ReadPortAsync(Process process, string description, StringBuilder errors, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'{description}' did not report its port within {StartTimeout.TotalSeconds} s.{Describe(errors)}");
        }

        if (line is null)
        {
            await process.WaitForExitAsync(cancellationToken);
            throw new InvalidOperationException($"'{description}' exited with code {process.ExitCode} before it was ready.{Describe(errors)}");
        }

        try
        {
            using var ready = JsonDocument.Parse(line);
            return ready.RootElement.GetProperty("port").GetInt32();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException($"'{description}' printed '{line}' instead of {{\"port\":N}}.{Describe(errors)}", e);
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private static string Describe(StringBuilder errors)
    {
        lock (errors)
        {
            return errors.Length == 0 ? "" : $"{Environment.NewLine}stderr:{Environment.NewLine}{errors}";
        }
    }
}
