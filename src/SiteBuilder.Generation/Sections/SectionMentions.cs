using System.Text.RegularExpressions;

namespace SiteBuilder.Generation.Sections;

/// <summary>A section named in a prompt: "with pricing" (wanted) or "no testimonials" (unwanted).</summary>
/// <param name="Kind">The section kind.</param>
/// <param name="Unwanted">The prompt asks for the section to go.</param>
/// <param name="Position">Where the mention starts in the prompt, for ordering.</param>
public sealed record SectionMention(string Kind, bool Unwanted, int Position);

/// <summary>Finds the sections a prompt names and whether it wants them or not.</summary>
public static partial class SectionMentions
{
    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
    {
        "no", "without", "remove", "removing", "drop", "skip", "exclude", "excluding", "omit", "lose", "delete", "hide", "not",
        "don't", "dont", "never", "rid", "minus", "ditch", "cut", "nix", "eliminate", "scrap",
    };

    private static readonly HashSet<string> Adverbs = new(StringComparer.Ordinal) { "not", "don't", "dont", "never", "no" };

    private static readonly HashSet<string> Wanting = new(StringComparer.Ordinal)
    {
        "with", "add", "adding", "include", "including", "plus", "also", "but", "keep", "want", "need", "then", "put", "insert", "show", "feature",
    };

    private static readonly HashSet<string> AfterAndWanting = new(StringComparer.Ordinal) { "a", "an", "add", "include", "with", "also", "plus", "put" };

    /// <summary>How many words a "no"/"without" reaches forward when no listed section follows it.</summary>
    private const int NegationReach = 5;

    public static IReadOnlyList<SectionMention> Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var tokens = TokenRegex().Matches(text.ToLowerInvariant().Replace('\u2019', '\'')).ToArray();
        var mentions = new List<SectionMention>();
        var negating = false;
        var sinceNegation = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i].Value;
            if (token.Length == 1 && ".;!?:".Contains(token[0], StringComparison.Ordinal))
            {
                negating = false;
                continue;
            }

            if (Negators.Contains(token))
            {
                negating = true;
                sinceNegation = 0;
                continue;
            }

            var afterAdverb = i > 0 && Adverbs.Contains(tokens[i - 1].Value);
            if (Wanting.Contains(token) && !afterAdverb)
            {
                negating = false;
                continue;
            }

            if (token == "and" && i + 1 < tokens.Length && AfterAndWanting.Contains(tokens[i + 1].Value))
            {
                negating = false;
                continue;
            }

            var matched = MatchPhrase(tokens, i);
            if (matched is { } hit)
            {
                mentions.Add(new SectionMention(hit.Kind, negating, tokens[i].Index));
                sinceNegation = 0;
                i += hit.Length - 1;
                continue;
            }

            if (negating && ++sinceNegation > NegationReach)
            {
                negating = false;
            }
        }

        return mentions;
    }

    /// <summary>Synonyms split into words and grouped by their first word, longest phrase first.</summary>
    private static readonly Dictionary<string, (string[] Words, string Kind)[]> PhrasesByFirstWord = SectionKinds.Synonyms
        .Select(entry => (Words: entry.Phrase.Split(' '), entry.Kind))
        .GroupBy(entry => entry.Words[0], StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.OrderByDescending(e => e.Words.Length).ToArray(), StringComparer.Ordinal);

    private static (string Kind, int Length)? MatchPhrase(Match[] tokens, int start)
    {
        if (!PhrasesByFirstWord.TryGetValue(tokens[start].Value, out var candidates))
        {
            return null;
        }

        foreach (var (words, kind) in candidates)
        {
            if (start + words.Length > tokens.Length)
            {
                continue;
            }

            var all = true;
            for (var w = 1; w < words.Length; w++)
            {
                if (tokens[start + w].Value != words[w])
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return (kind, words.Length);
            }
        }

        return null;
    }

    [GeneratedRegex(@"[a-z0-9&'\-]+|[.;!?,:]")]
    private static partial Regex TokenRegex();
}
