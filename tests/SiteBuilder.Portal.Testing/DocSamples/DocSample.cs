using System.Text.RegularExpressions;
using SiteBuilder.Portal.Testing.OpenApi;

namespace SiteBuilder.Portal.Testing.DocSamples;

/// <summary>A runnable code block of the documentation: its name (from the marker), language, code and where it starts.</summary>
public sealed record DocSample(string Name, SampleLanguage Language, string Code, string Source, int Line)
{
    public override string ToString() => $"{Name} ({Language}, {Source}:{Line})";
}

public enum SampleLanguage
{
    Bash,
    Python,
    JavaScript,
}

/// <summary>
/// Finds the runnable samples of a Markdown document: a fenced block right after <c>&lt;!-- sample: NAME --&gt;</c>
/// (blank lines between are allowed), fenced as <c>```bash</c>, <c>```python</c> or <c>```javascript</c>.
/// A marker that is not followed by such a block, or a name used twice, is an error, so a typo cannot silently drop a sample.
/// </summary>
public static partial class DocSampleReader
{
    /// <summary>The repository's <c>docs/api_documentation.md</c>.</summary>
    public static string ApiDocumentationPath => Path.Combine(OpenApiContract.RepositoryRoot, "docs", "api_documentation.md");

    public static IReadOnlyList<DocSample> ReadApiDocumentation() => Read(ApiDocumentationPath);

    public static IReadOnlyList<DocSample> Read(string path) =>
        Parse(File.ReadAllText(path), Path.GetRelativePath(OpenApiContract.RepositoryRoot, path));

    public static IReadOnlyList<DocSample> Parse(string markdown, string source)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var samples = new List<DocSample>();
        string? fence = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (fence is not null)
            {
                if (line.TrimStart().StartsWith(fence, StringComparison.Ordinal) && line.Trim().Trim(fence[0]).Length == 0)
                {
                    fence = null;
                }

                continue;
            }

            if (Fence().Match(line) is { Success: true } opening)
            {
                fence = opening.Groups["fence"].Value;
                continue;
            }

            if (Marker().Match(line) is not { Success: true } marker)
            {
                continue;
            }

            var name = marker.Groups["name"].Value;
            var start = i + 1;
            while (start < lines.Length && string.IsNullOrWhiteSpace(lines[start]))
            {
                start++;
            }

            var block = start < lines.Length ? Fence().Match(lines[start]) : Match.Empty;
            if (!block.Success)
            {
                throw new FormatException($"{source}:{i + 1}: the marker for sample '{name}' must be followed by a fenced code block.");
            }

            var language = LanguageOf(block.Groups["info"].Value.Trim())
                ?? throw new FormatException($"{source}:{start + 1}: sample '{name}' is fenced as '{block.Groups["info"].Value.Trim()}'; use bash, python or javascript.");
            var closing = block.Groups["fence"].Value;
            var end = start + 1;
            while (end < lines.Length && !(lines[end].TrimStart().StartsWith(closing, StringComparison.Ordinal) && lines[end].Trim().Trim(closing[0]).Length == 0))
            {
                end++;
            }

            if (end >= lines.Length)
            {
                throw new FormatException($"{source}:{start + 1}: the code block of sample '{name}' is never closed.");
            }

            if (samples.Any(s => s.Name == name))
            {
                throw new FormatException($"{source}:{i + 1}: sample '{name}' is marked twice; sample names must be unique.");
            }

            samples.Add(new DocSample(name, language, string.Join('\n', lines[(start + 1)..end]) + "\n", source, start + 2));
            i = end;
        }

        return samples;
    }

    private static SampleLanguage? LanguageOf(string info) => info.Split(' ')[0].ToLowerInvariant() switch
    {
        "bash" or "sh" or "shell" => SampleLanguage.Bash,
        "python" or "py" => SampleLanguage.Python,
        "javascript" or "js" => SampleLanguage.JavaScript,
        _ => null,
    };

    [GeneratedRegex(@"^\s*<!--\s*sample:\s*(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*-->\s*$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\s{0,3}(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex Fence();
}
