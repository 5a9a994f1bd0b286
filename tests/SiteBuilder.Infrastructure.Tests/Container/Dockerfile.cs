using System.Text.Json;
using System.Text.RegularExpressions;

namespace SiteBuilder.Infrastructure.Tests.Container;

/// <summary>One instruction of a Dockerfile, continuation lines joined.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments);

/// <summary>One <c>FROM ... AS name</c> stage and its instructions.</summary>
public sealed record DockerStage(string Image, string Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(instruction => instruction.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));

    public string WorkDir => All("WORKDIR").LastOrDefault()?.Arguments ?? "/";

    /// <summary>Every <c>ENV</c> of the stage (the <c>KEY=value KEY2=value2</c> form).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        All("ENV").SelectMany(env => env.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1].Trim('"') : "");
}

/// <summary>Just enough of the Dockerfile format to run its build stage and its entry point without Docker.</summary>
public static partial class Dockerfile
{
    public static IReadOnlyList<DockerStage> Parse(string text)
    {
        var logical = ContinuedLine().Replace(text, " ").Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'));

        var stages = new List<DockerStage>();
        List<DockerInstruction>? current = null;
        foreach (var line in logical)
        {
            var parts = line.Split(' ', 2);
            var instruction = new DockerInstruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1].Trim() : "");
            if (instruction.Keyword == "FROM")
            {
                var from = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                current = [];
                stages.Add(new DockerStage(from[0], from.Length >= 3 && from[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? from[2] : "", current));
            }
            else
            {
                (current ?? throw new FormatException($"'{line}' comes before the first FROM."))!.Add(instruction);
            }
        }

        return stages;
    }

    /// <summary>The arguments of an exec-form instruction (<c>["a", "b"]</c>), after any <c>--options</c> and <c>CMD</c>.</summary>
    public static IReadOnlyList<string> ExecForm(string arguments)
    {
        var start = arguments.IndexOf('[', StringComparison.Ordinal);
        return start < 0
            ? throw new FormatException($"'{arguments}' is not in exec form [\"...\"].")
            : JsonSerializer.Deserialize<string[]>(arguments[start..]) ?? [];
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuedLine();
}
