using System.Text.RegularExpressions;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>The keys of the README's configuration table: the one list of settings the portal documents.</summary>
public static partial class ReadmeConfiguration
{
    public static IReadOnlySet<string> Keys(string readme)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var section = readme.Split("\n## Configuration", 2) is [_, var rest] ? rest.Split("\n## ", 2)[0] : "";
        foreach (var line in section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal)))
        {
            var firstCell = line.Split('|', StringSplitOptions.RemoveEmptyEntries)[0];
            var names = BacktickedName().Matches(firstCell).Select(m => m.Groups[1].Value).ToList();
            var first = names[0];
            keys.Add(first);
            // "`A:B:Region`, `UserPoolId`" documents A:B:Region and its sibling A:B:UserPoolId in one row.
            var parent = first.Contains(':') ? first[..first.LastIndexOf(':')] : "";
            foreach (var sibling in names.Skip(1))
            {
                keys.Add(sibling.Contains(':') || parent.Length == 0 ? sibling : $"{parent}:{sibling}");
            }
        }

        return keys;
    }

    /// <summary>The configuration key an environment variable sets: <c>__</c> is <c>:</c>; an array index names its list.</summary>
    public static string KeyOf(string environmentVariable)
    {
        var segments = environmentVariable.Split("__").ToList();
        while (segments.Count > 1 && segments[^1].All(char.IsAsciiDigit))
        {
            segments.RemoveAt(segments.Count - 1);
        }

        return string.Join(':', segments);
    }

    public static bool Documents(IReadOnlySet<string> keys, string key) =>
        keys.Contains(key) || keys.Any(documented => documented.EndsWith(":*", StringComparison.Ordinal)
            && key.StartsWith(documented[..^1], StringComparison.Ordinal));

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex BacktickedName();
}
