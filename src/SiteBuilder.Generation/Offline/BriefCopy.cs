using System.Text.RegularExpressions;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Validation.Briefs;

namespace SiteBuilder.Generation.Offline;

/// <summary>
/// Copy written from the brief, as a copywriter would: the intro says who and what, every selling point becomes a card,
/// every price a tier or a line of fine print, and the FAQ answers when, where and how much in the brief's own words.
/// Stock lines fill only what the brief leaves out, and never a stock line with a number in it (a number the brief did
/// not give is a claim the page cannot make).
/// </summary>
internal static partial class BriefCopy
{
    /// <summary>
    /// "Brewly is a smart coffee grinder with 40 grind settings, a built-in scale and app control." An opening that only names
    /// the business ("Welcome to Harbor Food Bank.", "TrailMate is an app.") goes on with what the brief says next:
    /// "Harbor Food Bank serves 3,200 families a month in Tacoma.", "Leeds Frontend Meetup: monthly talks on CSS and accessibility."
    /// </summary>
    public static string? Intro(PageContext page)
    {
        var opening = Opening(page);
        if (!SaysOnlyTheName(opening, page) || Description(page) is not { } more)
        {
            return opening;
        }

        if (WeVerbRegex().Match(more) is { Success: true } we)
        {
            return Sentence($"{page.Brand} {Conjugate(we.Groups["verb"].Value)}{we.Groups["rest"].Value}");
        }

        var start = opening is null || opening.StartsWith("Welcome to ", StringComparison.Ordinal) ? page.Brand : opening.TrimEnd('.');
        return Sentence($"{start}: {Uncapitalize(more, page.Brief)}");
    }

    /// <summary>
    /// A point continued after a colon: "Monthly talks on CSS" → "monthly talks on CSS". The reader capitalised the point; a
    /// word the brief also capitalises mid-sentence ("Listen on Spotify") is a name and keeps its capital.
    /// </summary>
    private static string Uncapitalize(string point, Brief brief)
    {
        var first = point.Split(' ')[0];
        var named = brief.Points.Any(p => p.Contains(" " + first, StringComparison.Ordinal));
        return first.Length > 1 && char.IsUpper(first[0]) && first[1..].All(char.IsLower) && !named ? char.ToLowerInvariant(point[0]) + point[1..] : point;
    }

    /// <summary>Whether an opening says nothing but the name and what it is.</summary>
    private static bool SaysOnlyTheName(string? opening, PageContext page)
    {
        if (opening is null)
        {
            return true;
        }

        var known = $"{page.Brand} {page.Brief.Name} {page.Brief.Category} welcome to is a an the here".ToLowerInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return opening.ToLowerInvariant().Split([' ', '.', ',', ':'], StringSplitOptions.RemoveEmptyEntries).All(known.Contains);
    }

    /// <summary>The brief's first point after the opening that describes rather than prices or offers (three words or more).</summary>
    private static string? Description(PageContext page) =>
        Points(page).FirstOrDefault(p => p.Split(' ').Length >= 3 && !MoneyRegex().IsMatch(p) && !OfferStartRegex().IsMatch(p) && !p.Contains('%', StringComparison.Ordinal));

    /// <summary>"serve" → "serves", "teach" → "teaches", "carry" → "carries", "are" → "is"; modal verbs stay.</summary>
    private static string Conjugate(string verb) => verb switch
    {
        "are" => "is",
        "have" => "has",
        "do" => "does",
        "go" => "goes",
        "can" or "will" or "may" or "must" or "should" or "would" or "could" => verb,
        _ when verb.EndsWith('s') || verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith("ch", StringComparison.Ordinal) || verb.EndsWith('x') || verb.EndsWith('z') => verb + "es",
        _ when verb.Length > 2 && verb.EndsWith('y') && !"aeiou".Contains(verb[^2], StringComparison.Ordinal) => verb[..^1] + "ies",
        _ => verb + "s",
    };

    private static string? Opening(PageContext page)
    {
        var brief = page.Brief;
        if (brief.Category is null && brief.Points.Count == 0)
        {
            return null;
        }

        var name = page.Brand;
        var first = IntroPoint(page);
        // "A holiday sale for Hearth & Home candles" names the business but says only that there is a sale: the offer says more.
        var mentionsCategory = first is not null && (brief.Category is null || first.Contains(LastWord(brief.Category), StringComparison.OrdinalIgnoreCase))
            && !SaleIntroRegex().IsMatch(first);

        // A sale leads with its offer when the brief does not describe the business in its opening ("Black Friday sale for …").
        if (!mentionsCategory && OfferPoint(page) is { } offer)
        {
            var says = brief.Category is null || offer.Contains(LastWord(brief.Category), StringComparison.OrdinalIgnoreCase) || name.Contains(LastWord(brief.Category), StringComparison.OrdinalIgnoreCase);
            return says ? Sentence(Capitalize(offer)) : Sentence($"{name} {brief.Category}: {Uncapitalize(offer, brief)}");
        }

        if (first is not null)
        {
            var sentence = Sentence(ThirdPerson(first, name));
            return mentionsCategory || brief.Category is null || !Countable(brief.Category) ? sentence : $"{name} is {Article(brief.Category!)} {brief.Category}. {sentence}";
        }

        var audience = brief.Audience is null ? string.Empty : $" for {brief.Audience}";
        if (brief.Category is { } named && name.Contains(named, StringComparison.OrdinalIgnoreCase))
        {
            return audience.Length == 0 ? $"Welcome to {name}." : $"Welcome to {name}, here{audience}.";
        }

        return brief.Category is null || !Countable(brief.Category) ? null : $"{name} is {Article(brief.Category)} {brief.Category}{audience}.";
    }

    /// <summary>The brief's first point that is an offer: "30% off hiking and camping gear until August 31".</summary>
    private static string? OfferPoint(PageContext page) =>
        page.Kind is BusinessKind.Shop or BusinessKind.Product || page.Id == "ecommerce-sale"
            ? page.Brief.Points.FirstOrDefault(p => OfferStartRegex().IsMatch(p))
            : null;

    /// <summary>"X is a jackets" and "X is a kitchenware" are not sentences: only a singular, countable category takes "a".</summary>
    private static bool Countable(string category)
    {
        var last = LastWord(category);
        return !(last.EndsWith('s') && !last.EndsWith("ss", StringComparison.Ordinal)) && !last.EndsWith("ware", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The point that introduces the subject (it names it), if the brief opens with one.</summary>
    public static string? IntroPoint(PageContext page)
    {
        var brief = page.Brief;
        var first = brief.Points.FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        var names = brief.Name is { } n && first.Contains(n, StringComparison.OrdinalIgnoreCase);
        var says = brief.Category is { } c && first.Contains(LastWord(c), StringComparison.OrdinalIgnoreCase);
        return names || says ? first : null;
    }

    /// <summary>The selling points after the intro, without bare calls to action.</summary>
    public static IReadOnlyList<string> Points(PageContext page)
    {
        var intro = IntroPoint(page);
        var cta = page.Brief.CallToAction;
        return [.. page.Brief.Points.Where(p => !ReferenceEquals(p, intro) && p != intro && !string.Equals(p, cta, StringComparison.OrdinalIgnoreCase) && !ActionOnlyRegex().IsMatch(p))];
    }

    /// <summary>Short notes under the hero buttons: the brief's offers, deadline, first features and counts ("40 grind settings").</summary>
    public static List<string> Notes(PageContext page)
    {
        var brief = page.Brief;
        return
        [
            .. brief.Facts
                .Where(f => f.Kind is BriefFactKind.Offer or BriefFactKind.Deadline or BriefFactKind.Feature or BriefFactKind.Discount)
                .Concat(StatFacts(brief).Where(f => !DurationRegex().IsMatch(f.Text)))
                .Select(f => Capitalize(f.Text))
                .Where(text => text.Split(' ').Length <= 5)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(3),
        ];
    }

    /// <summary>One card per selling point, titled by its most telling fact.</summary>
    public static List<Feature> Cards(PageContext page)
    {
        var cards = new List<Feature>();
        // An offer ("$149 until March 1") is the pricing's and the hero's to tell; a card repeats it only when the brief has nothing else.
        var points = Points(page);
        // A price line is the pricing's, the products' and the FAQ's to tell ("Plans: Solo $9/month, Team $29/month" is no feature).
        var selling = points.Where(p => !OfferStartRegex().IsMatch(p) && !MoneyRegex().IsMatch(p)).ToList();
        if (selling.Count == 0 && FactCards(page) is { Count: > 0 } facts)
        {
            return facts;
        }

        foreach (var point in selling.Count > 0 ? selling : points)
        {
            // "Recurring invoices, automatic payment reminders, multi-currency support": a list of features is a card each.
            var copy = ThirdPerson(point, page.Brand);
            if (ListItems(copy) is { } items)
            {
                cards.AddRange(items.Select(item => new Feature(Icon(BriefFactKind.Feature), Capitalize(item), string.Empty)));
                continue;
            }

            var fact = page.Brief.Facts.FirstOrDefault(f => f.Kind is BriefFactKind.Feature or BriefFactKind.Offer && point.Contains(f.Text, StringComparison.OrdinalIgnoreCase))
                ?? page.Brief.Facts.FirstOrDefault(f => point.Contains(f.Text, StringComparison.OrdinalIgnoreCase));
            var title = Title(point, fact);
            var text = Sentence(copy);
            cards.Add(new Feature(Icon(fact?.Kind), title, string.Equals(text.TrimEnd('.'), title, StringComparison.OrdinalIgnoreCase) ? string.Empty : text));
        }

        return [.. cards.DistinctBy(c => c.Title, StringComparer.OrdinalIgnoreCase).Take(6)];
    }

    /// <summary>The items of a point that is a list of short names ("a, b and c", each up to five words), or null.</summary>
    private static List<string>? ListItems(string point)
    {
        var items = point.TrimEnd('.').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(item => item.StartsWith("and ", StringComparison.OrdinalIgnoreCase) ? item[4..] : item)
            .ToList();
        return items.Count >= 2 && items.All(item => item.Split(' ').Length <= 5 && !MoneyRegex().IsMatch(item)) ? items : null;
    }

    /// <summary>Cards for a brief that is one sentence: its named features, counts and offers, each a title.</summary>
    private static List<Feature> FactCards(PageContext page) =>
    [
        .. page.Brief.Facts.Where(f => f.Kind is BriefFactKind.Feature or BriefFactKind.Offer)
            .Concat(StatFacts(page.Brief))
            .Select(f => new Feature(Icon(f.Kind), Capitalize(f.Text), string.Empty))
            .DistinctBy(f => f.Title, StringComparer.OrdinalIgnoreCase)
            .Take(6),
    ];

    /// <summary>The brief's prices as tiers: "Solo $9/month", "Early-bird tickets $399". Thresholds ("over $75") stay fine print.</summary>
    public static List<Tier> Tiers(PageContext page)
    {
        var brief = page.Brief;
        var includes = brief.Facts.Where(f => f.Kind is BriefFactKind.Feature or BriefFactKind.Offer).Select(f => Capitalize(f.Text)).Distinct().Take(3).ToArray();
        var tiers = new List<Tier>();
        foreach (var price in brief.OfKind(BriefFactKind.Price))
        {
            if (price.Label is { } threshold && ThresholdRegex().IsMatch(threshold))
            {
                continue;
            }

            var point = PointWith(page, price.Text);
            var pack = point is null ? null : PackRegex().Match(point) is { Success: true } m && m.Groups["price"].Value == price.Text ? m.Groups["count"].Value : null;
            var name = price.Label ?? (pack is null ? null : $"Pack of {pack}") ?? PointTitle(point) ?? page.Kind switch
            {
                BusinessKind.Event or BusinessKind.Course => tiers.Count == 0 ? "Entry" : "Later entry",
                BusinessKind.Nonprofit => "Your gift",
                _ => tiers.Count == 0 ? page.Brand : $"{page.Brand} option {tiers.Count + 1}",
            };
            var period = price.Context ?? string.Empty;
            // A line that prices several tiers ("Solo $9/month, Team $29/month") is no one tier's summary: its name and price say it.
            var summary = point is null || MoneyRegex().Count(point) > 1 ? string.Empty : Sentence(ThirdPerson(point, page.Brand));
            tiers.Add(new Tier(name, price.Text, period, summary, includes, tiers.Count == 0, page.PrimaryAction));
            if (tiers.Count == 4)
            {
                break;
            }
        }

        return tiers;
    }

    /// <summary>A brief without prices that offers something free: one tier, "Free", with the brief's features.</summary>
    public static List<Tier> FreeTiers(PageContext page)
    {
        var brief = page.Brief;
        var free = brief.Facts.FirstOrDefault(f => f.Kind is BriefFactKind.Offer or BriefFactKind.Feature
            && (f.Text.Equals("free", StringComparison.OrdinalIgnoreCase) || f.Text.StartsWith("free ", StringComparison.OrdinalIgnoreCase)));
        if (free is null)
        {
            return [];
        }

        var name = free.Text.Contains(' ', StringComparison.Ordinal) ? Capitalize(free.Text) : page.Kind is BusinessKind.Event or BusinessKind.Course ? "Entry" : page.Brand;
        var includes = brief.Facts.Where(f => f.Kind is BriefFactKind.Feature or BriefFactKind.Offer && f != free).Select(f => Capitalize(f.Text)).Distinct().Take(3).ToArray();
        return [new Tier(name, "Free", string.Empty, string.Empty, includes, true, page.PrimaryAction)];
    }

    private const string ShopPrices = "Prices are marked on every product, and the price you see is the price you pay.";

    /// <summary>What a pricing section says when the brief names no price: an honest line, never an invented amount.</summary>
    public static string NoPrices(PageContext page) => page.Kind switch
    {
        BusinessKind.Event => "Ticket prices are coming soon.",
        BusinessKind.Course => "Fees are coming soon. Ask us and we'll tell you first.",
        BusinessKind.Nonprofit => "Give what you can, once or every month. Every gift goes to the work.",
        BusinessKind.Restaurant => "Ask us about set menus and group bookings.",
        BusinessKind.Shop or BusinessKind.Product => ShopPrices,
        _ when page.Id == "ecommerce-sale" => ShopPrices,
        BusinessKind.LocalService or BusinessKind.Portfolio => "Every job is different: ask us for a quote, with no obligation.",
        _ => $"Ask us about plans and prices, or {page.PrimaryAction.ToLowerInvariant()} to get started.",
    };

    /// <summary>
    /// What a sale without named products puts on sale, from its reduction: "40% off all jackets and boots" is jackets and boots,
    /// "30% off hiking and camping gear" is hiking and camping gear, "25% off" alone is the brief's category.
    /// </summary>
    public static List<string> SaleLines(PageContext page)
    {
        var brief = page.Brief;
        var discount = Reduction(brief);
        if (discount is null)
        {
            return [];
        }

        var point = brief.Points.FirstOrDefault(p => p.Contains(discount.Text, StringComparison.OrdinalIgnoreCase)) ?? string.Empty;
        var at = point.IndexOf(discount.Text, StringComparison.OrdinalIgnoreCase);
        var scope = at < 0 ? string.Empty : ScopeRegex().Match(point[(at + discount.Text.Length)..]).Groups["scope"].Value.Trim();
        if (scope.Length == 0 || scope is "everything" or "sitewide" or "storewide")
        {
            return brief.Category is { } category ? [Capitalize(category)] : [];
        }

        var parts = PartSplitRegex().Split(scope).Where(p => p.Length > 0).ToList();
        return parts.Count > 1 && parts.All(p => p.EndsWith('s')) ? [.. parts.Select(Capitalize)] : [Capitalize(scope)];
    }

    /// <summary>The brief's reduction: "40% off", or an offer that works as one ("buy 2 get 1 free").</summary>
    public static BriefFact? Reduction(Brief brief) =>
        brief.OfKind(BriefFactKind.Discount).FirstOrDefault()
        ?? brief.OfKind(BriefFactKind.Offer).FirstOrDefault(o => o.Text.StartsWith("buy", StringComparison.OrdinalIgnoreCase) || o.Text.Equals("bogo", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The fine print of a pricing or product section: what the brief's price lines say that the cards above do not. A clause
    /// whose every amount is on a card goes ("Solo $9/month, Team $29/month" under the Solo and Team cards); the rest stays
    /// ("$45 each or 2 for $80, this weekend only" → "This weekend only."; "Free shipping over $50." stays whole).
    /// </summary>
    public static List<string> PricePoints(PageContext page, IEnumerable<Tier> shown, string? onTheCards = null)
    {
        var tiers = shown.ToList();
        var used = tiers.Select(t => t.Summary).ToHashSet(StringComparer.Ordinal);
        var amounts = tiers.Select(t => t.Price).Append(onTheCards ?? string.Empty)
            .SelectMany(text => AmountRegex().Matches(text).Select(m => m.Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var lines = new List<string>();
        foreach (var point in page.Brief.Points.Where(p => MoneyRegex().IsMatch(p) || p.Contains('%', StringComparison.Ordinal)))
        {
            var copy = ThirdPerson(point, page.Brand);
            var sentence = Sentence(copy);
            if (used.Contains(sentence))
            {
                continue;
            }

            var clauses = ClauseRegex().Split(copy).Where(c => c.Length > 0).ToList();
            var left = clauses.Where(c => AmountRegex().Matches(c) is var found && (found.Count == 0 || found.Any(m => !amounts.Contains(m.Value)))).ToList();
            if (left.Count == clauses.Count)
            {
                lines.Add(sentence);
            }
            else if (left.Count > 0 && left.Any(c => c.Split(' ').Length > 1))
            {
                lines.Add(Sentence(Capitalize(string.Join(", ", left))));
            }
        }

        return [.. lines.Distinct()];
    }

    /// <summary>The FAQ the brief can answer: when, where, how much, what's included, in its own words.</summary>
    public static List<Question> Questions(PageContext page)
    {
        var brief = page.Brief;
        var questions = new List<Question>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        // The lead and the closing band already say these sentences whole: asked "when?", the FAQ answers with the when.
        var said = new[] { Intro(page), Closing(page) }.OfType<string>().ToHashSet(StringComparer.Ordinal);

        void Ask(string question, IEnumerable<BriefFactKind> kinds)
        {
            var kindSet = kinds.ToHashSet();
            if (kindSet.Contains(BriefFactKind.Date))
            {
                var when = brief.Facts.Where(f => kindSet.Contains(f.Kind)).ToList();
                var points = brief.Points.Where(p => when.Any(f => p.Contains(f.Text, StringComparison.OrdinalIgnoreCase))).ToList();
                if (points.Count > 0 && points.All(p => said.Contains(Sentence(ThirdPerson(p, page.Brand)))) && points.All(used.Add))
                {
                    var dates = string.Join(", ", when.Select(f => f.Text).Distinct(StringComparer.OrdinalIgnoreCase));
                    // "How long does the offer last?" — "Until August 31.", not "August 31."
                    var offer = page.Kind is BusinessKind.Product or BusinessKind.Shop && when.All(f => f.Kind == BriefFactKind.Date) && !RangeWordsRegex().IsMatch(dates);
                    questions.Add(new Question(question, Sentence(Capitalize(offer ? "until " + dates : dates))));
                    return;
                }
            }

            // "Free shipping over $50" does not say how much anything costs: a threshold answers no price question.
            var answer = brief.Points
                .Where(p => brief.Facts.Any(f => kindSet.Contains(f.Kind) && p.Contains(f.Text, StringComparison.OrdinalIgnoreCase)
                    && !(f.Kind == BriefFactKind.Price && f.Label is { } label && ThresholdRegex().IsMatch(label))))
                .Where(used.Add)
                .Select(p => Sentence(ThirdPerson(p, page.Brand)))
                .ToList();
            if (answer.Count > 0)
            {
                questions.Add(new Question(question, string.Join(" ", answer)));
            }
        }

        var kind = page.Kind;
        Ask(kind switch
        {
            BusinessKind.Event or BusinessKind.Course => "When is it?",
            BusinessKind.Restaurant or BusinessKind.LocalService => "When are you open?",
            BusinessKind.Product or BusinessKind.Shop => "How long does the offer last?",
            BusinessKind.Newsletter => "When does it come out?",
            _ => "What are the dates?",
        }, [BriefFactKind.Date, BriefFactKind.Time, BriefFactKind.Deadline]);
        Ask(kind switch
        {
            BusinessKind.Event or BusinessKind.Course => "Where is it?",
            BusinessKind.Restaurant or BusinessKind.LocalService => "Where can I find you?",
            _ => "Where is it available?",
        }, [BriefFactKind.Place]);
        Ask(kind switch
        {
            BusinessKind.Event => "How much are tickets?",
            BusinessKind.Nonprofit => "What does my gift do?",
            _ => "How much does it cost?",
        }, [BriefFactKind.Price, BriefFactKind.Discount]);
        Ask("What do I get?", [BriefFactKind.Feature, BriefFactKind.Offer, BriefFactKind.Number]);
        return questions;
    }

    /// <summary>Numbers of the brief as stats ("40" speakers), when it gives at least two.</summary>
    public static List<Stat> Stats(PageContext page)
    {
        var stats = StatFacts(page.Brief).Select(f => NumberRegex().Match(f.Text)).Select(m => new Stat(m.Groups[1].Value, m.Groups[2].Value.Trim('-', ' '))).ToList();
        return stats.Count >= 2 ? stats.Take(4).ToList() : [];
    }

    /// <summary>Counts worth a stat: a number and the plural it counts ("40 speakers", "3,200 families").</summary>
    public static IEnumerable<BriefFact> StatFacts(Brief brief) =>
        brief.OfKind(BriefFactKind.Number).Where(f => NumberRegex().Match(f.Text) is { Success: true } m && m.Groups[2].Value.Split(' ')[^1] is { Length: > 2 } last
            && last.EndsWith('s') && !last.EndsWith("ss", StringComparison.Ordinal) && !m.Groups[1].Value.EndsWith('K'));

    /// <summary>The brief's clauses with times in them ("Open 11am–10pm, closed Mondays"), for opening hours.</summary>
    public static List<string> HoursLines(PageContext page) =>
        [.. page.Brief.Points.Where(p => page.Brief.Facts.Any(f => f.Kind == BriefFactKind.Time && p.Contains(f.Text, StringComparison.OrdinalIgnoreCase))).Select(p => Sentence(ThirdPerson(p, page.Brand)))];

    /// <summary>The brief's first place with a name (a phone number is a way to reach it, not a place).</summary>
    public static string? FirstPlace(PageContext page) => FirstPlace(page.Brief);

    public static string? FirstPlace(Brief brief) => brief.OfKind(BriefFactKind.Place).Select(f => f.Text).FirstOrDefault(t => t.Any(char.IsLetter));

    public static string? FirstDate(PageContext page) => page.Brief.OfKind(BriefFactKind.Date).Select(f => f.Text).FirstOrDefault();

    /// <summary>A closing line: the offer and its deadline in the brief's words, when it has them.</summary>
    public static string? Closing(PageContext page)
    {
        var brief = page.Brief;
        // A bare "Free tier" is a note, not a closing line.
        var point = brief.Points.FirstOrDefault(p => p.Split(' ').Length > 3 && brief.Facts.Any(f => f.Kind is BriefFactKind.Deadline or BriefFactKind.Discount or BriefFactKind.Offer && p.Contains(f.Text, StringComparison.OrdinalIgnoreCase)));
        return point is null ? null : Sentence(ThirdPerson(point, page.Brand));
    }

    /// <summary>
    /// A stock line that promises something concrete ("Join the waitlist … three months of Plus free", "Try every feature
    /// free for 14 days") fits only a brief that says the same: its promise words must be the brief's too.
    /// </summary>
    public static bool ClaimsOnlyWhatTheBriefSays(PageContext page, string text)
    {
        var brief = string.Join(' ', page.Brief.Points.Concat(page.Brief.Facts.Select(f => f.Text)).Append(page.PrimaryAction)).ToLowerInvariant();
        return PromiseRegex().Matches(text).All(m => brief.Contains(m.Value.ToLowerInvariant(), StringComparison.Ordinal));
    }

    /// <summary>Stock lines are kept only when they make no claim with a number in it.</summary>
    public static bool IsSafeStock(string text) => !text.Any(char.IsDigit) && !CountOrDateWordRegex().IsMatch(text);

    private static string? PointTitle(string? point)
    {
        var colon = point?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon is > 2 and < 30 && point![..colon].Split(' ').Length <= 3 ? point[..colon] : null;
    }

    private static string? PointWith(PageContext page, string text) => page.Brief.Points.FirstOrDefault(p => p.Contains(text, StringComparison.Ordinal));

    private static string Title(string point, BriefFact? fact)
    {
        if (fact is { Kind: BriefFactKind.Feature or BriefFactKind.Offer or BriefFactKind.Number or BriefFactKind.Place } && fact.Text.Split(' ').Length <= 5)
        {
            return Capitalize(fact.Text);
        }

        // The point's first clause when it is short; a title is never a sentence cut off mid-way.
        var first = ClauseRegex().Split(point)[0].TrimEnd('.', ':', ';');
        var words = point.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Capitalize(first.Split(' ').Length <= 6 ? first : string.Join(' ', words.Take(3)).TrimEnd(',', ':', ';', '.'));
    }

    private static string Icon(BriefFactKind? kind) => kind switch
    {
        BriefFactKind.Date or BriefFactKind.Deadline => "calendar",
        BriefFactKind.Time => "clock",
        BriefFactKind.Place => "pin",
        BriefFactKind.Price or BriefFactKind.Discount or BriefFactKind.Offer => "gift",
        BriefFactKind.Number => "chart",
        BriefFactKind.Feature => "sparkle",
        _ => "check",
    };

    /// <summary>A marketer's note as page copy: "I'm Theo Park, a …" → "Theo Park is a …"; "Promote Little Fern, a …" → "Little Fern is a …".</summary>
    internal static string ThirdPerson(string point, string name)
    {
        var text = LeadRegex().Replace(point, string.Empty);
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && text[..colon].Split(' ').Length <= 3 && !text[..colon].Contains(name, StringComparison.OrdinalIgnoreCase) && text[(colon + 2)..].Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            text = text[(colon + 2)..];
        }

        if (text.StartsWith("the " + name, StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
        }

        // Both patterns name the page's brand, so they are built per brand; the static Replace keeps them in Regex's cache
        // rather than parsing them again on every point of every section. Anchored at the start, each matches at most once.
        var escaped = Regex.Escape(name);
        text = Regex.Replace(text, @"^(?:We're|We are|I'm|I am)\s+(a|an)\s+(.+?)\s+(?:called|named)\s+" + escaped + @"\b",
            m => $"{name} is {m.Groups[1].Value.ToLowerInvariant()} {m.Groups[2].Value}", RegexOptions.IgnoreCase);
        text = Regex.Replace(text, "^" + escaped + @",\s+(?:(a|an|the|our)\s|(?=[a-z]))",
            m => m.Groups[1].Success ? $"{name} is {m.Groups[1].Value.ToLowerInvariant()} " : $"{name} is ", RegexOptions.IgnoreCase);
        text = LabelRegex().Replace(text, string.Empty);
        text = WeRegex().Replace(text, m => m.Value.StartsWith("We'", StringComparison.Ordinal) || m.Value.StartsWith("we'", StringComparison.Ordinal) ? "We have " : m.Value);
        return Capitalize(text.Trim());
    }

    internal static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || ".!?".Contains(trimmed[^1], StringComparison.Ordinal) ? trimmed : trimmed + ".";
    }

    internal static string Article(string noun) => "aeiou".Contains(char.ToLowerInvariant(noun[0]), StringComparison.Ordinal) && !noun.StartsWith("uni", StringComparison.OrdinalIgnoreCase) ? "an" : "a";

    private static string LastWord(string text) => text.Split(' ')[^1];

    internal static string Capitalize(string value) => LayoutAgent.Capitalize(value);

    [GeneratedRegex(@"^(?:I'm|I am|We're launching|We are launching|We're opening|Promote|Announce|Introducing|Launching)\s+(?:the\s+|our\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex LeadRegex();

    /// <summary>"Features: …", "Plans: …": a brief's list label, not copy.</summary>
    [GeneratedRegex(@"^(?:Features|Plans|Pricing|Prices|Price|Menu|Services|Highlights|Details|Includes)\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LabelRegex();

    /// <summary>"We serve 3,200 families a month in Tacoma", "we come to your home in Sacramento".</summary>
    [GeneratedRegex(@"^[Ww]e\s+(?<verb>[a-z]+)(?<rest>\s.+)$")]
    private static partial Regex WeVerbRegex();

    [GeneratedRegex(@"^We've\s")]
    private static partial Regex WeRegex();

    [GeneratedRegex(@"^(?:book a demo|download free|call now|donate|sign up|subscribe(?: free)?|order now|buy now|shop now|register now|apply now|listen now|pre-?order now)$", RegexOptions.IgnoreCase)]
    private static partial Regex ActionOnlyRegex();

    [GeneratedRegex(@"\b(?:over|above|goal|to|from|minimum)$|^(?:regular|was|normally|usually|rrp|retail|list price)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThresholdRegex();

    [GeneratedRegex(@"[$£€]\s?\d")]
    private static partial Regex MoneyRegex();

    /// <summary>An amount of money or a percentage: "$9", "£1,450", "€3.99", "30%".</summary>
    [GeneratedRegex(@"[$£€]\s?\d+(?:,\d{3})*(?:\.\d+)?|\d{1,3}\s?%")]
    private static partial Regex AmountRegex();

    /// <summary>Where a line of prices divides: "$45 each or 2 for $80, this weekend only".</summary>
    [GeneratedRegex(@",\s+|;\s+|\s+or\s+")]
    private static partial Regex ClauseRegex();

    [GeneratedRegex(@"\s(?:to|through|and)\s|[–-]", RegexOptions.IgnoreCase)]
    private static partial Regex RangeWordsRegex();

    /// <summary>A multi-buy price: "2 for $80".</summary>
    [GeneratedRegex(@"\b(?<count>\d{1,2})\s+for\s+(?<price>[$£€]\s?\d+(?:,\d{3})*(?:\.\d+)?)")]
    private static partial Regex PackRegex();

    [GeneratedRegex(@"\b(?:waitlist|free|trial|one|two|three|four|five|six|seven|eight|nine|ten|early-bird|plus|premium|walk-ins?|drop in)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PromiseRegex();

    /// <summary>
    /// A count or a date written in words ("Eight seats for the tasting menu", "Open from May to September"): a claim too.
    /// Months and days only capitalised: "you may", "march on" are no dates.
    /// </summary>
    [GeneratedRegex(@"\b(?:(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty|hundred|dozen)|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")]
    private static partial Regex CountOrDateWordRegex();

    /// <summary>" all jackets and boots, November 28 …" → "jackets and boots".</summary>
    [GeneratedRegex(@"^\s*(?:on\s+)?(?:all\s+|our\s+|every\s+|selected\s+)?(?<scope>[a-z][a-z -]{1,40}?)(?=\s+(?:until|till|through|ends?|for|with|from|when|this|at|in|on|by)\b|[,.;:!]|$)")]
    private static partial Regex ScopeRegex();

    [GeneratedRegex(@",\s*|\s+and\s+")]
    private static partial Regex PartSplitRegex();

    [GeneratedRegex(@"^(?:up\s+to\s+)?(?:\d{1,3}\s?%\s+off|[$£€]\s?\d[\d,.]*\s+off|buy\s+(?:one|\d+)\s+get)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OfferStartRegex();

    [GeneratedRegex(@"^(?:an?\s+|the\s+|our\s+)?(?:[\w'-]+\s+){0,2}(?:sale|clearance|sales event)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SaleIntroRegex();

    /// <summary>"24 hours", "3 payments": a count of time or instalments says nothing on its own, so it is no hero note.</summary>
    [GeneratedRegex(@"\b(?:seconds|minutes|hours|days|weeks|months|years|nights|payments|instalments|installments)$", RegexOptions.IgnoreCase)]
    private static partial Regex DurationRegex();

    [GeneratedRegex(@"^(\d[\d,.]*(?:\+|x|%|/7|K)?)[-\s]?(.*)$")]
    private static partial Regex NumberRegex();
}
