using System.Globalization;
using System.Text.RegularExpressions;

namespace SiteBuilder.BrandAssets.Images.Offline;

/// <summary>The brand name, its initials and a short tagline, read from a free-text prompt.</summary>
internal sealed partial record BrandText(string Name, string Initials, string? Tagline)
{
    private const int MaxNameWords = 4;
    private const int MaxNameLength = 32;

    private static readonly HashSet<string> Connectors = new(StringComparer.OrdinalIgnoreCase) { "&", "and", "of", "de", "la", "le", "du", "von", "van", "+" };

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "logo", "logos", "a", "an", "the", "create", "design", "make", "generate", "draw", "please", "need", "want",
        "i", "we", "our", "my", "us", "me", "background", "backgrounds", "hero", "banner", "image", "icon", "brand",
        "modern", "classic", "playful", "minimal", "minimalist", "bold", "new", "simple", "clean", "for", "with",
        "in", "on", "and", "or", "that", "this", "it", "is", "are", "wordmark", "monogram", "emblem", "badge", "mark",
    };

    private static readonly HashSet<string> Stops = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "that", "which", "who", "with", "in", "at", "from", "selling", "offering", "based", "using",
        "featuring", "where", "for", "to", "on", "by", "logo", "background", "style", "colors", "colours",
    };

    public static BrandText FromPrompt(string prompt)
    {
        var name = Quoted(prompt) ?? AfterIntroducer(prompt, requireCapital: true) ?? FirstCapitalisedRun(prompt)
            ?? AfterIntroducer(prompt, requireCapital: false) ?? "Brand";
        return new BrandText(name, InitialsOf(name), TaglineAfter(prompt, name));
    }

    /// <summary>Up to two initials from the significant words: "Acme Coffee" → "AC", "Nimbus" → "N".</summary>
    public static string InitialsOf(string name)
    {
        var letters = Words(name)
            .Where(w => !Connectors.Contains(w))
            .Select(w => w.First(char.IsLetterOrDigit))
            .Take(2)
            .Select(c => char.ToUpper(c, CultureInfo.InvariantCulture));
        var initials = string.Concat(letters);
        return initials.Length == 0 ? "B" : initials;
    }

    private static string? Quoted(string prompt)
    {
        var match = QuotedName().Match(prompt);
        return match.Success ? Clean(match.Groups["name"].Value) : null;
    }

    private static string? AfterIntroducer(string prompt, bool requireCapital)
    {
        foreach (Match match in Introducer().Matches(prompt))
        {
            var tail = prompt[(match.Index + match.Length)..];
            var words = new List<string>();
            foreach (var word in Words(LeadingClause(tail)))
            {
                var capital = char.IsUpper(word[0]) || char.IsDigit(word[0]);
                if (words.Count == 0 && (word.Equals("my", StringComparison.OrdinalIgnoreCase)
                    || word.Equals("our", StringComparison.OrdinalIgnoreCase)
                    || word.Equals("a", StringComparison.OrdinalIgnoreCase)
                    || word.Equals("an", StringComparison.OrdinalIgnoreCase)
                    || word.Equals("the", StringComparison.OrdinalIgnoreCase)))
                {
                    if (requireCapital)
                    {
                        break;
                    }

                    continue;
                }

                if (requireCapital ? !(capital || (words.Count > 0 && Connectors.Contains(word))) : Stops.Contains(word))
                {
                    break;
                }

                words.Add(word);
                if (words.Count == (requireCapital ? MaxNameWords : 3))
                {
                    break;
                }
            }

            var name = Join(words);
            if (name is not null)
            {
                return requireCapital ? name : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name);
            }
        }

        return null;
    }

    private static string? FirstCapitalisedRun(string prompt)
    {
        var words = new List<string>();
        foreach (var word in Words(prompt))
        {
            var capital = char.IsUpper(word[0]) || char.IsDigit(word[0]);
            if (capital && !NotNames.Contains(word))
            {
                words.Add(word);
                if (words.Count == MaxNameWords)
                {
                    break;
                }
            }
            else if (words.Count > 0 && Connectors.Contains(word))
            {
                words.Add(word);
            }
            else if (words.Count > 0)
            {
                break;
            }
        }

        return Join(words);
    }

    /// <summary>"Logo for Acme Coffee, a modern roastery" → "modern roastery".</summary>
    private static string? TaglineAfter(string prompt, string name)
    {
        var at = prompt.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var match = TaglineClause().Match(prompt[(at + name.Length)..]);
        if (!match.Success)
        {
            return null;
        }

        var words = new List<string>();
        foreach (var word in Words(match.Groups["tail"].Value))
        {
            if (Stops.Contains(word) || word.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            words.Add(word);
            if (words.Count == 3)
            {
                break;
            }
        }

        var tagline = string.Join(' ', words);
        return tagline.Length is > 2 and <= 28 ? tagline : null;
    }

    private static string LeadingClause(string text)
    {
        var end = text.IndexOfAny([',', '.', ';', ':', '!', '?', '(', ')', '\n', '—', '–']);
        return end < 0 ? text : text[..end];
    }

    private static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value);

    private static string? Join(List<string> words)
    {
        while (words.Count > 0 && Connectors.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        return words.Count == 0 ? null : Clean(string.Join(' ', words));
    }

    private static string? Clean(string name)
    {
        name = Whitespace().Replace(name, " ").Trim(' ', '.', '-', '\'');
        if (name.Length == 0)
        {
            return null;
        }

        return name.Length <= MaxNameLength ? name : name[..MaxNameLength].TrimEnd();
    }

    [GeneratedRegex("[\"“”«»](?<name>[^\"“”«»]{2,40})[\"“”«»]")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"\b(?:for|called|named|brand(?:ed)?\s+as|company|business|shop|studio)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Introducer();

    [GeneratedRegex(@"^\s*(?:,|—|–|-|:)\s*(?:an?|the)?\s*(?<tail>[^,.;:!?()\n]+)", RegexOptions.IgnoreCase)]
    private static partial Regex TaglineClause();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’\-]*|&|\+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
