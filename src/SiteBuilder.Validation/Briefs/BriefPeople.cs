using System.Text;
using System.Text.RegularExpressions;

namespace SiteBuilder.Validation.Briefs;

/// <summary>
/// The people a brief names for the page: the customers it quotes (<c>Include this review: "Best grinder I've owned." —
/// Sam Lee, barista</c>) and the speakers it lists (<c>speakers include Dr. Maya Chen (CERN) and Tom Ortiz</c>). A page
/// may attribute words only to them, so they are read exactly; a quoted phrase with no one named after or before it
/// (<c>"Early bird" tickets</c>, <c>a "Book now" button</c>) is not a testimonial.
/// </summary>
internal static partial class BriefPeople
{
    /// <summary>How far before a quote the words that hand it over are looked for: a short window keeps a long brief linear.</summary>
    private const int LeadWindow = 60;

    /// <summary>Words a capitalised phrase can start with that never start a person's name.</summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "This", "That", "Our", "Your", "My", "A", "An", "Page", "Button", "Headline", "Tagline", "Slogan", "Title", "Hero", "Call",
        "Include", "Add", "Use", "Show", "Quote", "Review", "Testimonial", "Speakers", "Speaker", "Tickets", "Price", "Pricing", "Features",
    };

    /// <summary>The brief's quotes, in the order it gives them, and the brief without them: one reading of the quotes serves both.</summary>
    public static (IReadOnlyList<BriefQuote> Quotes, string Unquoted) Read(string text)
    {
        var spans = QuoteMatches(text);
        return (QuotesOf(spans), Unquote(text, spans));
    }

    private static List<BriefQuote> QuotesOf(IReadOnlyList<(Match Match, int Start)> spans)
    {
        var quotes = new List<BriefQuote>();
        foreach (var (match, _) in spans)
        {
            var quote = new BriefQuote(Squash(match.Groups["text"].Value), Squash(match.Groups["who"].Value), Role(match.Groups["role"]));
            if (!quotes.Contains(quote))
            {
                quotes.Add(quote);
            }
        }

        return quotes;
    }

    /// <summary>
    /// The people a brief lists as speakers, hosts or the line-up, with the organisation in brackets after a name; read from
    /// the brief without its quotes (<see cref="Read"/>), so a name inside a customer's words is no speaker.
    /// </summary>
    public static IReadOnlyList<BriefPerson> Speakers(string unquoted)
    {
        var speakers = new List<BriefPerson>();
        foreach (Match list in SpeakerListRegex().Matches(unquoted))
        {
            foreach (Match item in SpeakerRegex().Matches(list.Groups["list"].Value))
            {
                var name = Squash(item.Groups["who"].Value);
                if (IsName(name) && !speakers.Any(s => s.Name == name))
                {
                    speakers.Add(new BriefPerson(name, Role(item.Groups["role"])));
                }
            }
        }

        return speakers;
    }

    /// <summary>
    /// The brief without its quotes and the words that hand them over ("Include this review:"): a customer's words are the
    /// testimonial's, never a selling point, a feature or a fact of the business.
    /// </summary>
    public static string WithoutQuotes(string text) => Unquote(text, QuoteMatches(text));

    private static string Unquote(string text, IReadOnlyList<(Match Match, int Start)> spans)
    {
        if (spans.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (match, start) in spans)
        {
            if (start < at)
            {
                continue;
            }

            result.Append(text, at, start - at).Append(' ');
            at = match.Index + match.Length;
        }

        result.Append(text, at, text.Length - at);
        var tidy = OrphanPunctuationRegex().Replace(result.ToString(), "$1");
        tidy = LeadingPunctuationRegex().Replace(tidy, string.Empty);
        return Whitespace().Replace(tidy, " ").Trim();
    }

    /// <summary>Each testimonial in the text, with where its hand-over words begin.</summary>
    private static List<(Match Match, int Start)> QuoteMatches(string text)
    {
        var found = new List<(Match Match, int Start)>();
        foreach (var regex in new[] { QuoteThenNameRegex(), NameThenQuoteRegex() })
        {
            foreach (Match match in regex.Matches(text))
            {
                var who = Squash(match.Groups["who"].Value);
                var words = Squash(match.Groups["text"].Value);
                var before = text[Math.Max(0, match.Index - LeadWindow)..match.Index];

                // "Use the tagline "Brew better" — Brewly" quotes the business, for a headline: not a customer.
                if (!IsName(who) || words.Split(' ').Length < 2 || CopyLeadRegex().IsMatch(before)
                    || found.Any(f => f.Match.Index < match.Index + match.Length && match.Index < f.Match.Index + f.Match.Length))
                {
                    continue;
                }

                var lead = LeadInRegex().Match(before);
                found.Add((match, lead.Success ? match.Index - before.Length + lead.Index : match.Index));
            }
        }

        return [.. found.OrderBy(f => f.Start)];
    }

    private static bool IsName(string name) => name.Length is >= 2 and <= 60 && !NotNames.Contains(name.Split(' ')[0].TrimEnd('.'));

    private static string? Role(Group group) => group.Success && Squash(group.Value).Trim(',', ' ', '.') is { Length: > 0 } role ? role : null;

    private static string Squash(string value) => Whitespace().Replace(value, " ").Trim();

    /// <summary>
    /// A person's name: capitalised words (the first with lower-case letters after its capital, so "CSS" or "TBA" is none),
    /// an optional title ("Dr."), initials ("Noah T.") and the small words of names ("van", "de").
    /// </summary>
    private const string Person =
        @"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Chef|Sir|Dame|Rev)\.?\s+)?\p{Lu}(?:\p{Ll}|['’]\p{Lu})[\p{L}'’-]*" +
        @"(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]*|van|von|der|den|de|da|das|dos|du|del|della|di|la|le|bin|al)(?![\p{L}'’-])){0,3}";

    /// <summary>Who someone is, after a comma: "barista", "Lisbon", "regular since 2019"; up to the end of its sentence or the next quote.</summary>
    private const string RoleAfterComma = @",\s*(?<role>[^""“”.;!?()]{2,60}?)(?=\s*(?:[.;!?](?:\s|$)|$|,?\s*(?:and\s+)?[""“']|\s[—–-]{1,2}\s))";

    private const string RoleInBrackets = @"\s*\((?<role>[^()""]{2,60})\)";

    private const string Said = @"(?:says|said|writes|wrote|puts\s+it|put\s+it|told\s+us)";

    /// <summary>
    /// The words first, then who said them: <c>"…" — Sam Lee, barista</c>, <c>"…" (Ana, Lisbon)</c>, <c>"…", says Dana</c>.
    /// Single quotes need the attribution right after them, so an apostrophe inside ("I've") does not end the words, and open
    /// only after a space or a bracket, so "We're Bob's" opens no quote.
    /// </summary>
    [GeneratedRegex(
        @"(?:[""“](?<text>[^""“”]{3,400}?)[""”]|(?<![\p{L}\d])'(?<text>(?:[^']|'(?=[a-z])){2,400}?)'(?=\s*(?:[—–~]|--?\s|\(|,?\s*" + Said + @")))" +
        @"(?:\s*(?:[—–~]|--?)\s*(?<who>" + Person + @")(?:" + RoleInBrackets + "|" + RoleAfterComma + @")?" +
        @"|\s*\((?<who>" + Person + @")(?:,\s*(?<role>[^()""]{2,60}))?\)" +
        @"|,?\s+" + Said + @"\s+(?<who>" + Person + @")(?:" + RoleInBrackets + "|" + RoleAfterComma + @")?)")]
    private static partial Regex QuoteThenNameRegex();

    /// <summary>
    /// Who said them first, then the words: <c>Quote from Dana (regular since 2019): "…"</c>, <c>a review by Sam Lee: "…"</c>,
    /// <c>Sam Lee says: "…"</c>. A bare <c>Name: "…"</c> is not enough (<c>Headline: "…"</c> reads the same).
    /// </summary>
    [GeneratedRegex(
        @"(?:\b(?i:quote|review|testimonial|words)s?\s+(?i:from|by)\s+(?<who>" + Person + @")(?:" + RoleInBrackets + @"|,\s*(?<role>[^:""“,()]{2,60}?))?\s*:?" +
        @"|(?<![\p{L}'’-])(?<who>" + Person + @")(?:" + RoleInBrackets + @"|,\s*(?<role>[^:""“,()]{2,60}?),)?\s+" + Said + @"\s*[:,]?)" +
        @"\s*[""“](?<text>[^""“”]{3,400}?)[""”]")]
    private static partial Regex NameThenQuoteRegex();

    /// <summary>Words that hand a quote over, just before it: "Include this review:", "Testimonials:", "Our member" (Jo Park says …).</summary>
    [GeneratedRegex(
        @"(?:\b(?:please\s+)?(?:include|add|use|show|feature|put)(?:\s+(?:this|these|the|a|an|our|one|two|three|some|real))*\s*)?" +
        @"(?:\b(?:(?:customer|client|guest|attendee|reader)\s+)?(?:reviews?|testimonials?|quotes?)(?:\s+(?:too|below|as\s+well))?\s*)?" +
        @"(?:\b(?:as\s+)?(?:our|a|one|another)\s+(?:happy\s+|loyal\s+|regular\s+|long-time\s+)?(?:member|customer|client|guest|regular|reader|student|attendee|patient|supporter|user)\s*)?:?\s*$",
        RegexOptions.IgnoreCase)]
    private static partial Regex LeadInRegex();

    /// <summary>Quoted words meant as the page's own copy: a headline, a tagline, a button's label.</summary>
    [GeneratedRegex(@"\b(?:headline|tagline|slogan|title|subheading|heading|cta|call[- ]to[- ]action|button|label|hero)\b[^.;!?""“]{0,30}$", RegexOptions.IgnoreCase)]
    private static partial Regex CopyLeadRegex();

    /// <summary>
    /// "speakers include …", "Speakers: …", "keynote by …", "line-up: …", "hosted by …", then names joined by commas and "and",
    /// each with its organisation in brackets if the brief gives one.
    /// </summary>
    [GeneratedRegex(
        @"\b(?i:(?:(?:keynote|guest|our|the|confirmed)\s+)?(?:speakers?|keynotes?|line-?up|panell?ists)(?:\s+(?:include|including|are|is|will\s+be)\s*:?|\s*:)" +
        @"|(?:talks?|keynote|sessions?|workshops?)\s+(?:from|by)|(?:hosted|led|taught|presented)\s+by|featuring\s+(?:keynote\s+)?speakers?)\s+" +
        @"(?<list>" + Person + @"(?:" + RoleInBrackets + @")?(?:(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)" + Person + @"(?:" + RoleInBrackets + @")?)*)")]
    private static partial Regex SpeakerListRegex();

    [GeneratedRegex(@"(?<who>" + Person + @")(?:" + RoleInBrackets + @")?")]
    private static partial Regex SpeakerRegex();

    /// <summary>What removing a quote leaves: "$149. . Free shipping", "owned: ; and".</summary>
    [GeneratedRegex(@"\s*[,;:]?\s*(?:[,;:]\s*)*([.!?])(?:\s*[.,;:])+|\s*[,;:]+\s*(?=[.!?]|$)")]
    private static partial Regex OrphanPunctuationRegex();

    [GeneratedRegex(@"^[\s.,;:]+")]
    private static partial Regex LeadingPunctuationRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
