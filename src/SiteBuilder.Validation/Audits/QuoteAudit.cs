using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using SiteBuilder.Validation.Briefs;
using SiteBuilder.Validation.Document;

namespace SiteBuilder.Validation.Audits;

/// <summary>
/// "Quotes and testimonials come from the brief": every quote on the page (a <c>blockquote</c> or <c>q</c>, a figure
/// around one, or a card whose class says testimonial, review or quote) must be attributed to someone the brief names,
/// in words the brief gives them; and no placeholder card ("Customer name") may be left. A made-up review is a fake
/// review whichever model wrote it, so the page, not the provider, is checked. Deterministic: the page's markup and the
/// prompt's words, no model.
/// </summary>
internal static partial class QuoteAudit
{
    /// <summary>A page that puts words in someone's mouth, or still shows placeholder quotes, is not ready to publish.</summary>
    public const double UnsupportedCap = 8.0;

    /// <summary>Enough of a card's text to judge it; a card is a few lines.</summary>
    private const int MaxText = 4000;

    private static readonly HashSet<string> QuoteWords = new(StringComparer.OrdinalIgnoreCase) { "testimonial", "testimonials", "review", "reviews", "quote", "quotes" };

    /// <summary>Class name parts that mark a piece of a quote card (its author, its stars, its text), not the card.</summary>
    private static readonly HashSet<string> PieceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "author", "role", "cite", "citation", "meta", "title", "avatar", "photo", "image", "img", "stars", "star", "rating", "text",
        "body", "content", "footer", "header", "info", "details", "attribution", "source", "person", "by", "icon", "mark", "marks", "link", "count",
    };

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase) { "dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame", "rev", "chef" };

    public static void Run(PageDocument document, Brief brief, string prompt, AuditRecorder audits)
    {
        var cards = Cards(document);
        if (cards.Count == 0)
        {
            return;
        }

        audits.Applicable(AuditCatalog.BriefQuotes);
        var words = Words(prompt);
        var normalized = BriefReader.Normalize(prompt);
        var placeholder = -1;
        foreach (var card in cards)
        {
            var element = document.Elements[card];
            if (IsPlaceholder(document, card))
            {
                placeholder = placeholder < 0 ? card : placeholder;
                continue;
            }

            if (NameOf(element) is not { } name || brief.Name is { } subject && name.Contains(subject, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!Named(normalized, name))
            {
                audits.Fail(AuditCatalog.BriefQuotes, card, $"The page quotes {name}, who is not in the brief: publish only real customers' words, with their permission.");
            }
            else if (QuotedText(element) is { Length: > 0 } said && !words.Contains(Words(said), StringComparison.Ordinal))
            {
                audits.Fail(AuditCatalog.BriefQuotes, card, $"The page quotes {name} saying “{Shorten(said)}”, words the brief does not give them: quote people only in their own words.");
            }
        }

        if (placeholder >= 0)
        {
            audits.Fail(AuditCatalog.BriefQuotes, placeholder, "The testimonials are placeholders: replace them with real customers' words before publishing.");
        }
    }

    /// <summary>The highest score a page may have once its quotes are judged: 10, or <see cref="UnsupportedCap"/> when the audit failed.</summary>
    public static double Cap(IEnumerable<AuditResult> results) =>
        results.Any(r => r.Id == AuditCatalog.BriefQuotes.Id && r.Applicable && !r.Passed) ? UnsupportedCap : 10;

    /// <summary>
    /// The page's quote cards, each once: a quote element, or a figure or testimonial card around one, taking the outermost
    /// that holds a single quote; a grid or section of several quotes is a container, not a card. One pass in document order
    /// and a count of quote elements before each element, so a page of thousands of quotes stays linear.
    /// </summary>
    private static List<int> Cards(PageDocument document)
    {
        var hidden = new bool[document.Count];
        var inQuote = new bool[document.Count];
        var quotesBefore = new int[document.Count + 1];
        var candidates = new List<int>();
        for (var i = 0; i < document.Count; i++)
        {
            var element = document.Elements[i];
            var parent = document.Parent[i];
            hidden[i] = parent >= 0 && hidden[parent] || element.HasAttribute("hidden") || element.LocalName is "head" or "script" or "style" or "template" or "noscript";
            inQuote[i] = parent >= 0 && (inQuote[parent] || document.Elements[parent].LocalName is "blockquote" or "q");
            var quote = element.LocalName is "blockquote" or "q" && !inQuote[i] && !hidden[i];
            quotesBefore[i + 1] = quotesBefore[i] + (quote ? 1 : 0);
            if (!hidden[i] && (quote || HasCardClass(document, i) || element.LocalName == "figure"))
            {
                candidates.Add(i);
            }
        }

        int QuotesIn(int index) => quotesBefore[document.SubtreeEnd[index]] - quotesBefore[index];

        var cards = new List<int>();
        for (var k = 0; k < candidates.Count; k++)
        {
            var candidate = candidates[k];

            // A figure is a quote card only around a quote: a gallery tile's caption is not an attribution.
            var picture = document.Elements[candidate].LocalName == "figure" && !HasCardClass(document, candidate) && QuotesIn(candidate) == 0;
            var insideCard = cards.Count > 0 && candidate < document.SubtreeEnd[cards[^1]];
            if (!picture && !insideCard && QuotesIn(candidate) <= 1 && OutermostInside(document, candidates, k) <= 1)
            {
                cards.Add(candidate);
            }
        }

        return cards;
    }

    /// <summary>How many candidates lie inside candidate <paramref name="k"/> without lying inside one another (counting stops at two).</summary>
    private static int OutermostInside(PageDocument document, List<int> candidates, int k)
    {
        var end = document.SubtreeEnd[candidates[k]];
        var count = 0;
        var i = k + 1;
        while (i < candidates.Count && candidates[i] < end && count < 2)
        {
            count++;
            var skip = document.SubtreeEnd[candidates[i]];
            while (i < candidates.Count && candidates[i] < skip)
            {
                i++;
            }
        }

        return count;
    }

    /// <summary>"testimonial", "review-card", "card quote": a class that names a quote card; "review-author" names a piece of one.</summary>
    private static bool HasCardClass(PageDocument document, int index) =>
        document.Classes[index] is { } classes && classes.Any(c => c.Split('-', '_') is var parts && parts.Any(QuoteWords.Contains) && !parts.Any(PieceWords.Contains));

    /// <summary>A card a marketer is meant to fill in: marked as a placeholder, or reading like one ("Customer name", "[Name]").</summary>
    private static bool IsPlaceholder(PageDocument document, int card)
    {
        for (var i = card; i < document.SubtreeEnd[card]; i++)
        {
            if (document.Elements[i].HasAttribute("data-placeholder") || document.Classes[i] is { } classes && classes.Any(c => c.Contains("placeholder", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return PlaceholderRegex().IsMatch(Lines(document.Elements[card]));
    }

    /// <summary>Who a card attributes its words to: a cite, an author or name element, the caption, or a line starting with a dash.</summary>
    private static string? NameOf(IElement card)
    {
        var attribution = card.QuerySelectorAll("*").FirstOrDefault(e => e.LocalName is "cite" || NamesAuthor(e))
            ?? card.QuerySelectorAll("figcaption, footer").FirstOrDefault();
        // A bare blockquote is attributed by what follows it: a caption or cite, or a line that starts with a dash.
        var next = card.LocalName is "blockquote" or "q" ? card.NextElementSibling : null;
        var text = attribution is not null ? Lines(attribution)
            : next is not null && next.LocalName is "figcaption" or "cite" or "footer" ? Lines(next)
            : DashLineRegex().Match(next is null ? Lines(card) : Lines(card) + "\n" + Lines(next)) is { Success: true } dash ? dash.Value
            : null;
        if (text is null)
        {
            return null;
        }

        // The first line is the name; a role follows it after a comma, a middle dot, a bracket or a line break ("Sam Lee, barista"),
        // or after the element that sets the name apart ("<strong>Sam Lee</strong> Barista").
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => l.Any(char.IsLetter)) ?? string.Empty;
        if (attribution?.Children.FirstOrDefault(c => !IsHidden(c)) is { LocalName: "strong" or "b" or "span" or "a" or "cite" } lead
            && Lines(lead).Trim() is { Length: > 1 } set && line.StartsWith(set, StringComparison.Ordinal))
        {
            line = set;
        }

        var name = NameCutRegex().Split(line.TrimStart('—', '–', '-', '~', ' '))[0].Trim();
        return name.Length is > 1 and <= 60 && char.IsUpper(name[0]) && name.Split(' ').Length <= 5 ? name : null;
    }

    private static bool NamesAuthor(IElement element) =>
        element.ClassList.Any(c => c.Split('-', '_').Any(p => p is "name" or "author" or "cite" or "citation" or "attribution" or "by"))
        || element.GetAttribute("itemprop") is "author" or "name";

    /// <summary>The words the card quotes: its quote element's text without an attribution inside it.</summary>
    private static string? QuotedText(IElement card)
    {
        var quote = card.LocalName is "blockquote" or "q" ? card : card.QuerySelector("blockquote, q");
        if (quote is null)
        {
            return null;
        }

        return Lines(quote, skip: e => e.LocalName is "cite" or "footer" || NamesAuthor(e)).Replace('\n', ' ').Trim().Trim('"', '“', '”', '\'', '‘', '’', ' ');
    }

    /// <summary>Whether the brief names the person: the same words in the (normalized) prompt ("Noah T." for "Noah Taylor" too), titles aside.</summary>
    private static bool Named(string normalizedPrompt, string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => Titles.Contains(w.TrimEnd('.'))).ToList();
        if (words.Count == 0)
        {
            return true;
        }

        var pattern = string.Join(@"\s+", words.Select(w => w.TrimEnd('.') is { Length: 1 } initial ? Regex.Escape(initial) + @"[\p{L}'’-]*\.?" : Regex.Escape(w)));
        var regex = new Regex(@"(?<![\p{L}])" + pattern + @"(?![\p{L}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return regex.IsMatch(normalizedPrompt);
    }

    /// <summary>Letters and digits only, lower case, single spaces: quotes compare whatever their punctuation and quote marks.</summary>
    private static string Words(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("'", string.Empty, StringComparison.Ordinal).Replace("’", string.Empty, StringComparison.Ordinal))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().Trim();
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57].TrimEnd() + "…";

    /// <summary>An element's visible text, a line per block and per <c>br</c>; aria-hidden pieces (avatars, stars) are left out.</summary>
    private static string Lines(IElement element, Func<IElement, bool>? skip = null)
    {
        var text = new StringBuilder();
        var stack = new Stack<(INode Node, bool Leaving)>();
        stack.Push((element, false));
        while (stack.Count > 0 && text.Length < MaxText)
        {
            var (node, leaving) = stack.Pop();
            if (leaving)
            {
                text.Append('\n');
                continue;
            }

            if (node is IText textNode)
            {
                text.Append(textNode.Data);
                continue;
            }

            if (node is not IElement current || current != element && (IsHidden(current) || skip?.Invoke(current) == true))
            {
                continue;
            }

            if (current.LocalName == "br")
            {
                text.Append('\n');
                continue;
            }

            if (current.LocalName is not ("span" or "a" or "strong" or "b" or "em" or "i" or "small" or "q" or "cite" or "abbr"))
            {
                stack.Push((current, true));
            }

            for (var child = current.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, false));
            }
        }

        return WhitespaceRegex().Replace(text.ToString(), " ");
    }

    /// <summary>Not read as text: hidden or aria-hidden pieces (avatars, stars), scripts, styles and drawings.</summary>
    private static bool IsHidden(IElement element) =>
        element.HasAttribute("hidden") || element.LocalName is "script" or "style" or "template" or "svg"
        || string.Equals(element.GetAttribute("aria-hidden")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"[ \t\r\f\u00A0]+")]
    private static partial Regex WhitespaceRegex();

    [GeneratedRegex(@"(?m)^\s*[—–~-]\s*\p{Lu}[^\n]{0,80}")]
    private static partial Regex DashLineRegex();

    /// <summary>Where a name ends and who they are begins: "Sam Lee, barista", "Ana · Lisbon", "Tom Ortiz (CERN)", "Jo – student".</summary>
    [GeneratedRegex(@"\s*(?:[,·|(/]|\s[—–-]\s)")]
    private static partial Regex NameCutRegex();

    [GeneratedRegex(@"lorem ipsum|\b(?:customer|client|guest|reader|attendee|member|supporter|your|full|speaker'?s?|team member'?s?)\s+name\b|\[[^\]\n]{2,40}\]|\badd (?:a|an|your) (?:customer|client|guest|reader|attendee|supporter)'?s? (?:words|quote|review)", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceholderRegex();
}
