using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>
/// Parses HCL with <c>@cdktf/hcl2json</c> (tests/emulators/hcl2json.js): no terraform binary runs here, so this is the
/// syntax check, and its JSON is what the policy and agreement rules read. One node process serves the whole test
/// run; it exits when this process closes its standard input (on exit, or on a crash).
/// </summary>
public static class Hcl
{
    private static readonly TimeSpan ParseTimeout = TimeSpan.FromMinutes(2);
    private static readonly SemaphoreSlim OneRequestAtATime = new(1, 1);
    private static Process? server;

    /// <summary>Parses each named text; a file with a syntax error maps to <see cref="HclFile.Error"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, HclFile>> ParseAsync(IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken = default)
    {
        await OneRequestAtATime.WaitAsync(cancellationToken);
        try
        {
            var process = await ServerAsync(cancellationToken);
            await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(files).AsMemory(), cancellationToken);
            await process.StandardInput.FlushAsync(cancellationToken);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ParseTimeout);
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // An answer still on its way would be read as the next request's: start afresh.
                process.Kill();
                server = null;
                throw;
            }

            if (line is null)
            {
                server = null;
                throw new InvalidOperationException($"hcl2json.js stopped: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            return JsonNode.Parse(line)!.AsObject().ToDictionary(
                pair => pair.Key,
                pair => new HclFile(pair.Key, pair.Value!["json"]?.AsObject(), pair.Value["error"]?.GetValue<string>()));
        }
        finally
        {
            OneRequestAtATime.Release();
        }
    }

    /// <summary>Parses one text that must be valid (fixtures).</summary>
    public static async Task<JsonObject> ParseValidAsync(string text, string name = "fixture.tf")
    {
        var file = (await ParseAsync(new Dictionary<string, string> { [name] = text }))[name];
        return file.Json ?? throw new InvalidOperationException($"{name} does not parse: {file.Error}");
    }

    private static async Task<Process> ServerAsync(CancellationToken cancellationToken)
    {
        if (server is { HasExited: false })
        {
            return server;
        }

        var emulators = RepositoryRoot.EmulatorsDirectory();
        await EmulatorPackages.EnsureInstalledAsync(emulators, cancellationToken);
        var node = FindOnPath("node") ?? throw new InvalidOperationException("'node' was not found on PATH; the HCL checks need Node.js 20 or later.");
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = emulators,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("hcl2json.js");
        start.ArgumentList.Add("--serve");
        server = Process.Start(start) ?? throw new InvalidOperationException("Could not start node hcl2json.js --serve.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopServer();
        return server;
    }

    private static void StopServer()
    {
        if (server is { HasExited: false } running)
        {
            running.StandardInput.Close();
            if (!running.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                running.Kill();
            }
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>One parsed file: its JSON, or the parser's message (with line and column).</summary>
public sealed record HclFile(string Path, JsonObject? Json, string? Error);
