using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SiteBuilder.Generation.Records;

/// <summary>
/// Ids that sort by creation time (a ULID-style 48-bit millisecond timestamp in Crockford base32, then 80 random bits),
/// so "newest first" is a reverse key order in SQLite and DynamoDB alike.
/// </summary>
public static partial class GenerationIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string NewGenerationId(DateTimeOffset now) => "gen-" + Ulid(now);

    /// <summary>A readable site id from the prompt's first words, e.g. <c>summer-sale-k3f9q2</c>.</summary>
    public static string NewSiteId(string prompt)
    {
        var words = WordPattern().Matches(prompt.ToLowerInvariant())
            .Select(m => m.Value)
            .Where(w => w.Length > 2 && !StopWords.Contains(w))
            .Take(3);
        var slug = string.Join('-', words);
        var suffix = RandomNumberGenerator.GetString(Alphabet, 6);
        return (slug.Length > 0 ? slug[..Math.Min(slug.Length, 40)].Trim('-') + "-" : "site-") + suffix;
    }

    public static bool IsGenerationId(string? value) => value is not null && GenerationIdPattern().IsMatch(value);

    public static bool IsSiteId(string? value) => value is not null && SiteIdPattern().IsMatch(value);

    private static string Ulid(DateTimeOffset now)
    {
        var text = new StringBuilder(26);
        var millis = (ulong)now.ToUnixTimeMilliseconds();
        for (var shift = 45; shift >= 0; shift -= 5)
        {
            text.Append(Alphabet[(int)((millis >> shift) & 31)]);
        }

        text.Append(RandomNumberGenerator.GetString(Alphabet, 16));
        return text.ToString();
    }

    private static readonly HashSet<string> StopWords =
        ["the", "and", "for", "with", "create", "make", "build", "landing", "page", "website", "site", "that", "this", "our", "your", "new", "a", "an"];

    [GeneratedRegex("[a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex("^gen-[0-9a-z]{26}$", RegexOptions.CultureInvariant)]
    private static partial Regex GenerationIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SiteIdPattern();
}
