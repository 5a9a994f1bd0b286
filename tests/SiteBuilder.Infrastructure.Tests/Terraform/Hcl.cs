using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>
/// Parses HCL with <c>@cdktf/hcl2json</c> (tests/emulators/hcl2json.js): no terraform binary runs here, so this is the
/// syntax check, and its JSON is what the policy and agreement rules read.
/// </summary>
public static class Hcl
{
    private static readonly TimeSpan ParseTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Parses each named text; a file with a syntax error maps to <see cref="HclFile.Error"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, HclFile>> ParseAsync(IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken = default)
    {
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node hcl2json.js.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(files).AsMemory(), cancellationToken);
        process.StandardInput.Close();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ParseTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"hcl2json.js failed with exit code {process.ExitCode}: {await errors}");
        }

        var results = JsonNode.Parse(await output)!.AsObject();
        return results.ToDictionary(
            pair => pair.Key,
            pair => new HclFile(pair.Key, pair.Value!["json"]?.AsObject(), pair.Value["error"]?.GetValue<string>()));
    }

    /// <summary>Parses one text that must be valid (fixtures).</summary>
    public static async Task<JsonObject> ParseValidAsync(string text, string name = "fixture.tf")
    {
        var file = (await ParseAsync(new Dictionary<string, string> { [name] = text }))[name];
        return file.Json ?? throw new InvalidOperationException($"{name} does not parse: {file.Error}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>One parsed file: its JSON, or the parser's message (with line and column).</summary>
public sealed record HclFile(string Path, JsonObject? Json, string? Error);
