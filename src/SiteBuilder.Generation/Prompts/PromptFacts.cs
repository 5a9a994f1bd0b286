using System.Globalization;
using System.Text.RegularExpressions;

namespace SiteBuilder.Generation.Prompts;

/// <summary>
/// What a marketer's prompt says about the page, read with simple heuristics: the brand, the offer,
/// the dates, the audience, the place. Every field is optional; the composer writes around what is missing.
/// </summary>
/// <param name="BrandName">"Acme Outdoors" from "for Acme Outdoors", "called Acme", "Acme's summer sale".</param>
/// <param name="EventName">"DevSummit 2026", "the Brooklyn Food Festival".</param>
/// <param name="Offer">"30% off", "Up to 50% off", "$20 off", "Buy one, get one free".</param>
/// <param name="OfferScope">"everything", "all swimwear".</param>
/// <param name="DiscountPercent">The percentage of a percent offer, for sale prices.</param>
/// <param name="Occasion">"Summer Sale", "Black Friday".</param>
/// <param name="Dates">"June 1–15", "this weekend only".</param>
/// <param name="Audience">"remote teams", "busy parents".</param>
/// <param name="Location">"Brooklyn", "the Moscone Center".</param>
/// <param name="Product">"project management tool", "smart water bottle".</param>
/// <param name="Benefit">Third person: "helps remote teams ship faster".</param>
/// <param name="Mission">Base form: "protect coastal wetlands".</param>
/// <param name="Topic">A newsletter's subject: "AI", "personal finance".</param>
/// <param name="Cadence">"weekly", "daily".</param>
/// <param name="Headline">A headline the prompt asks for explicitly.</param>
/// <param name="Cuisine">italian, japanese, mexican, cafe, grill, indian, plant or null.</param>
/// <param name="Role">"product designer", "wedding photographer".</param>
/// <param name="Currency">The currency symbol the prompt uses; "$" when none.</param>
/// <param name="Price">The first non-discount price named, e.g. "$29".</param>
/// <param name="FreeShipping">The prompt promises free shipping.</param>
public sealed partial record PromptFacts(
    string? BrandName = null,
    string? EventName = null,
    string? Offer = null,
    string? OfferScope = null,
    int? DiscountPercent = null,
    string? Occasion = null,
    string? Dates = null,
    string? Audience = null,
    string? Location = null,
    string? Product = null,
    string? Benefit = null,
    string? Mission = null,
    string? Topic = null,
    string? Cadence = null,
    string? Headline = null,
    string? Cuisine = null,
    string? Role = null,
    string Currency = "$",
    string? Price = null,
    bool FreeShipping = false)
{
    private const string Month = @"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private const string Day = @"\d{1,2}(?:st|nd|rd|th)?";
    private const string Range = @"\s*(?:-|–|—|to|through|thru|until)\s*";

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "I", "We", "Our", "My", "Your", "This", "That", "It", "A", "An", "Create", "Make", "Build", "Design", "Generate", "Write",
        "Please", "Need", "Landing", "Page", "Black", "Cyber", "Christmas", "Xmas", "Easter", "Halloween", "Thanksgiving", "Valentine",
        "Valentine's", "Mother's", "Father's", "Mothers", "Fathers", "Summer", "Spring", "Winter", "Fall", "Autumn", "Labor", "Labour",
        "Memorial", "Boxing", "Holiday", "Holidays", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "SaaS", "iOS", "Android", "AI", "B2B",
        "Free", "New", "Sale", "Hero", "FAQ", "CTA", "Q1", "Q2", "Q3", "Q4", "Use", "Add", "With", "And",
    };

    private static readonly HashSet<string> NameConnectors = new(StringComparer.OrdinalIgnoreCase) { "of", "and", "the", "&", "on" };

    private static readonly HashSet<string> AudienceStops = new(StringComparer.Ordinal)
    {
        "with", "who", "that", "to", "in", "on", "at", "and", "or", "but", "by", "from", "this", "which", "during", "until", "so",
        "because", "where", "when", "&", "featuring", "including", "like", "plus", "via", "using", "around", "across",
    };

    private static readonly HashSet<string> NotAudienceFirst = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "our", "your", "my", "its", "their", "this", "that", "these", "those", "all", "every", "each", "up", "only",
        "free", "just", "more", "less", "over", "under", "one", "two", "three", "us", "you", "them", "it", "everything", "any", "some",
    };

    private static readonly HashSet<string> NotAudienceWords = new(StringComparer.Ordinal)
    {
        "days", "weeks", "hours", "months", "years", "holidays", "sale", "sales", "deals", "products", "items", "orders", "savings",
        "prices", "details", "updates", "news", "page", "pages", "website", "sections", "section", "less", "free", "minutes",
        "reasons", "plans", "features", "tickets", "questions", "testimonials", "reviews", "photos", "gifts", "clothes", "goods",
    };

    private static readonly (string Word, string Cuisine)[] CuisineWords =
    [
        ("pizzeria", "italian"), ("pizza", "italian"), ("trattoria", "italian"), ("pasta", "italian"), ("italian", "italian"),
        ("sushi", "japanese"), ("ramen", "japanese"), ("izakaya", "japanese"), ("japanese", "japanese"),
        ("taqueria", "mexican"), ("tacos", "mexican"), ("taco", "mexican"), ("mexican", "mexican"),
        ("curry", "indian"), ("indian", "indian"), ("tandoori", "indian"),
        ("vegan", "plant"), ("plant-based", "plant"), ("vegetarian", "plant"),
        ("burger", "grill"), ("burgers", "grill"), ("bbq", "grill"), ("barbecue", "grill"), ("grill", "grill"), ("smokehouse", "grill"), ("steakhouse", "grill"),
        ("coffee", "cafe"), ("café", "cafe"), ("cafe", "cafe"), ("espresso", "cafe"), ("bakery", "cafe"), ("brunch", "cafe"), ("patisserie", "cafe"),
    ];

    /// <summary>Reads the facts from a prompt. Never throws; an empty prompt gives empty facts.</summary>
    public static PromptFacts From(string? prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return new PromptFacts();
        }

        var text = Normalize(prompt);
        var headline = FindHeadline(text);

        // A requested headline is copy, not a description: read the rest of the prompt without it.
        var rest = headline is null ? text : text.Replace(headline, " ", StringComparison.Ordinal);
        var (offer, scope, percent) = FindOffer(rest);
        var eventName = FindEventName(rest);
        var brand = FindBrand(rest, eventName);
        return new PromptFacts(
            BrandName: brand,
            EventName: eventName,
            Offer: offer,
            OfferScope: scope,
            DiscountPercent: percent,
            Occasion: FindOccasion(rest),
            Dates: FindDates(rest),
            Audience: FindAudience(rest),
            Location: FindLocation(rest, brand, eventName),
            Product: FindProduct(rest),
            Benefit: FindBenefit(rest),
            Mission: FindMission(rest),
            Topic: FindTopic(rest),
            Cadence: CadenceRegex().Match(rest) is { Success: true } cadence ? cadence.Value.ToLowerInvariant() : null,
            Headline: headline,
            Cuisine: FindCuisine(rest),
            Role: RoleRegex().Match(rest) is { Success: true } role ? role.Groups[1].Value.Trim().ToLowerInvariant() : null,
            Currency: CurrencyRegex().Match(rest) is { Success: true } currency ? currency.Value : "$",
            Price: FindPrice(rest),
            FreeShipping: FreeShippingRegex().IsMatch(rest));
    }

    private static string Normalize(string prompt) =>
        Whitespace().Replace(prompt.Replace('\u2019', '\'').Replace('\u201C', '"').Replace('\u201D', '"'), " ").Trim();

    internal static string? FindHeadline(string text)
    {
        var quoted = QuotedHeadlineRegex().Match(text);
        if (quoted.Success)
        {
            return Clean(quoted.Groups[1].Value);
        }

        var colon = ColonHeadlineRegex().Match(text);
        return colon.Success ? Clean(colon.Groups[1].Value) : null;
    }

    private static (string? Offer, string? Scope, int? Percent) FindOffer(string text)
    {
        var percent = PercentOffRegex().Match(text);
        if (percent.Success)
        {
            var value = int.Parse(percent.Groups[2].Value, CultureInfo.InvariantCulture);
            var upTo = percent.Groups[1].Success;
            var offer = (upTo ? "Up to " : string.Empty) + value.ToString(CultureInfo.InvariantCulture) + "% off";
            return (offer, FindScope(text[(percent.Index + percent.Length)..]), value);
        }

        var save = SavePercentRegex().Match(text);
        if (save.Success)
        {
            var value = int.Parse(save.Groups[2].Value, CultureInfo.InvariantCulture);
            return ((save.Groups[1].Success ? "Save up to " : "Save ") + value.ToString(CultureInfo.InvariantCulture) + "%", null, value);
        }

        var amount = AmountOffRegex().Match(text);
        if (amount.Success)
        {
            return (amount.Groups[1].Value + amount.Groups[2].Value + " off", FindScope(text[(amount.Index + amount.Length)..]), null);
        }

        if (BogoRegex().IsMatch(text))
        {
            return ("Buy one, get one free", null, null);
        }

        return HalfPriceRegex().IsMatch(text) ? ("Half price", null, 50) : (null, null, null);
    }

    private static string? FindScope(string after)
    {
        var match = ScopeRegex().Match(after);
        if (!match.Success)
        {
            return null;
        }

        var words = match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>();
        foreach (var word in words)
        {
            if (kept.Count > 0 && (AudienceStops.Contains(word) || word is "for" or "through" or "ends" or "only" or "now" or "landing" or "page"))
            {
                break;
            }

            kept.Add(word);
            if (kept.Count == 4)
            {
                break;
            }
        }

        return kept.Count == 0 ? null : string.Join(' ', kept);
    }

    private static string? FindOccasion(string text)
    {
        foreach (Match match in OccasionRegex().Matches(text))
        {
            var name = match.Groups[1].Value;
            var suffix = match.Groups[2].Success ? match.Groups[2].Value : null;
            var needsSuffix = name.ToLowerInvariant() is "spring" or "summer" or "autumn" or "fall" or "winter" or "flash" or "clearance"
                or "anniversary" or "warehouse" or "launch" or "holiday" or "end of season" or "end-of-season";
            if (needsSuffix && suffix is null)
            {
                continue;
            }

            return TitleCase(Whitespace().Replace(suffix is null ? name : name + " " + suffix, " "));
        }

        return SaleWordRegex().IsMatch(text) ? "Sale" : null;
    }

    private static string? FindDates(string text)
    {
        Match[] candidates = [MonthFirstRegex().Match(text), DayFirstRegex().Match(text), IsoDateRegex().Match(text), RelativeDateRegex().Match(text)];
        var first = candidates.Where(m => m.Success).OrderBy(m => m.Index).FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        var value = DashRange().Replace(first.Value.Trim(), "–");
        return char.ToUpperInvariant(value[0]) + value[1..];
    }

    private static string? FindAudience(string text)
    {
        foreach (Match trigger in AudienceTriggerRegex().Matches(text))
        {
            var after = text[(trigger.Index + trigger.Length)..];
            var words = new List<string>();
            var expectedIndex = 0;
            foreach (Match word in WordRegex().Matches(after))
            {
                // Only words separated by single spaces belong to the phrase; punctuation ends it.
                if (word.Index != expectedIndex)
                {
                    break;
                }

                var value = word.Value;
                if (!char.IsLower(value[0]) || AudienceStops.Contains(value))
                {
                    break;
                }

                words.Add(value);
                expectedIndex = word.Index + word.Length + 1;
                if (words.Count == 4 || expectedIndex > after.Length || after[expectedIndex - 1] != ' ')
                {
                    break;
                }
            }

            if (words.Count == 0 || NotAudienceFirst.Contains(words[0]) || words.Any(NotAudienceWords.Contains))
            {
                continue;
            }

            var last = words[^1];
            if (last.EndsWith('s') && !last.EndsWith("ss", StringComparison.Ordinal) || last is "everyone" or "anyone" or "people" or "children" or "staff" or "women" or "men")
            {
                return string.Join(' ', words);
            }
        }

        return null;
    }

    private static readonly string[] EventWords =
    [
        "Summit", "Conf", "Con", "Fest", "Expo", "Camp", "Days", "Live", "Meetup", "Workshop", "Forum", "Gala", "Hackathon", "Awards",
        "Week", "Symposium", "Fair", "Marathon", "Retreat",
    ];

    private static string? FindEventName(string text)
    {
        // The pattern backtracks over every capitalised run; most prompts name no event at all.
        if (!EventWords.Any(word => text.Contains(word, StringComparison.Ordinal)))
        {
            return null;
        }

        var match = EventNameRegex().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var words = match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && NotNames.Contains(words[0]) && !char.IsDigit(words[0][0]))
        {
            words.RemoveAt(0);
        }

        return words.Count == 0 ? null : string.Join(' ', words);
    }

    private static string? FindBrand(string text, string? eventName)
    {
        var names = text.Contains("called", StringComparison.OrdinalIgnoreCase) || text.Contains("named", StringComparison.OrdinalIgnoreCase)
            || text.Contains("brand", StringComparison.OrdinalIgnoreCase);
        foreach (var regex in names ? new[] { CalledQuotedRegex(), CalledRegex() } : [])
        {
            var match = regex.Match(text);
            if (match.Success)
            {
                return TrimName(match.Groups[1].Value, allowSingleStop: true);
            }
        }

        foreach (var regex in new[] { ForNameRegex(), PossessiveRegex(), LeadingNameRegex() })
        {
            foreach (Match match in regex.Matches(text))
            {
                var name = TrimName(match.Groups[1].Value, allowSingleStop: false);
                if (name is not null && !string.Equals(name, eventName, StringComparison.Ordinal))
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static string? TrimName(string candidate, bool allowSingleStop)
    {
        var words = candidate.Trim().TrimEnd('.', ',', ':', ';', '!', '?').Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 0 && words[^1].EndsWith("'s", StringComparison.Ordinal))
        {
            words[^1] = words[^1][..^2];
        }

        while (words.Count > 0 && NameConnectors.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        if (words.Count == 0 || !allowSingleStop && NotNames.Contains(words[0]))
        {
            return null;
        }

        // A name that is only a holiday or a month is not a brand.
        if (!allowSingleStop && words.All(NotNames.Contains))
        {
            return null;
        }

        var name = string.Join(' ', words).Trim('"', '\'');
        return name.Length is >= 2 and <= 48 ? name : null;
    }

    private static string? FindLocation(string text, string? brand, string? eventName)
    {
        foreach (Match match in LocationRegex().Matches(text))
        {
            var words = match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

            // A place ends with its sentence: "at LX Factory. Speakers include …" is LX Factory ("St." is no sentence end).
            var sentenceEnd = words.FindIndex(w => w.Length > 3 && w.EndsWith('.'));
            if (sentenceEnd >= 0)
            {
                words[sentenceEnd] = words[sentenceEnd].TrimEnd('.');
                words.RemoveRange(sentenceEnd + 1, words.Count - sentenceEnd - 1);
            }

            var stop = words.FindIndex(1, w => NotNames.Contains(w));
            if (stop > 0)
            {
                words.RemoveRange(stop, words.Count - stop);
            }

            while (words.Count > 0 && NameConnectors.Contains(words[^1]))
            {
                words.RemoveAt(words.Count - 1);
            }

            var firstProper = words.FirstOrDefault(w => w != "the");
            if (firstProper is null || NotNames.Contains(firstProper))
            {
                continue;
            }

            var place = string.Join(' ', words);
            if (!string.Equals(place, brand, StringComparison.Ordinal) && !string.Equals(place, eventName, StringComparison.Ordinal))
            {
                return place;
            }
        }

        return null;
    }

    private static string? FindProduct(string text)
    {
        foreach (Match match in ProductRegex().Matches(text))
        {
            var value = match.Groups[1].Value.Trim().ToLowerInvariant();
            if (value.StartsWith("new ", StringComparison.Ordinal))
            {
                value = value[4..];
            }

            if (!value.Contains("landing", StringComparison.Ordinal) && !value.Contains("page", StringComparison.Ordinal)
                && !value.Contains("website", StringComparison.Ordinal) && !value.Contains("sale", StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    private static string? FindBenefit(string text)
    {
        var match = BenefitRegex().Match(text);
        if (!match.Success)
        {
            return null;
        }

        return ThirdPerson(match.Groups[1].Value.ToLowerInvariant()) + " " + CutClause(match.Groups[2].Value);
    }

    private static string? FindMission(string text)
    {
        var match = MissionRegex().Match(text);
        return match.Success ? BaseForm(match.Groups[1].Value.ToLowerInvariant()) + " " + CutClause(match.Groups[2].Value) : null;
    }

    private static string? FindTopic(string text)
    {
        var about = TopicAboutRegex().Match(text);
        if (about.Success)
        {
            return CutClause(about.Groups[1].Value);
        }

        var before = TopicBeforeRegex().Match(text);
        return before.Success ? before.Groups[1].Value.Trim() : null;
    }

    private static string? FindCuisine(string text)
    {
        var lower = text.ToLowerInvariant();
        foreach (var (word, cuisine) in CuisineWords)
        {
            if (Templates.TemplateCatalog.Mentions(lower, word))
            {
                return cuisine;
            }
        }

        return null;
    }

    private static string? FindPrice(string text)
    {
        foreach (Match match in PriceRegex().Matches(text))
        {
            var after = text[(match.Index + match.Length)..].TrimStart();
            if (!after.StartsWith("off", StringComparison.OrdinalIgnoreCase))
            {
                return match.Groups[1].Value + match.Groups[2].Value;
            }
        }

        return null;
    }

    private static string CutClause(string value)
    {
        var words = value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = new List<string>();
        foreach (var word in words)
        {
            if (kept.Count >= 2 && word is "and" or "with" or "using" or "featuring" or "including" or "plus" or "landing" or "page")
            {
                break;
            }

            kept.Add(word);
            if (kept.Count == 9)
            {
                break;
            }
        }

        return string.Join(' ', kept).TrimEnd('.', ',', ':', ';', '-');
    }

    private static string ThirdPerson(string verb)
    {
        if (verb.EndsWith('s'))
        {
            return verb;
        }

        return verb.EndsWith('y') ? verb[..^1] + "ies" : verb + "s";
    }

    private static string BaseForm(string verb)
    {
        if (verb.EndsWith("ies", StringComparison.Ordinal))
        {
            return verb[..^3] + "y";
        }

        if (verb is "houses" or "raises" or "rescues" or "organises" or "organizes" or "manages" or "saves" or "gives" or "provides" or "educates" or "restores")
        {
            return verb[..^1];
        }

        return verb.EndsWith('s') && !verb.EndsWith("ss", StringComparison.Ordinal) ? verb[..^1] : verb;
    }

    internal static string Clean(string value) => value.Trim().Trim('"', '\'', ' ').TrimEnd('.', ',', ';', ':');

    internal static string TitleCase(string value)
    {
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s*(?:-|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b)\s*(?=\d|[A-Za-z]+\s+\d)")]
    private static partial Regex DashRange();

    [GeneratedRegex(@"\b(?:headline|heading|title|tagline|h1)\s*(?:should\s+(?:be|say|read)|that\s+says|saying|reading|reads|says|of|is|to|:|=)?\s*""([^""]{3,120})""", RegexOptions.IgnoreCase)]
    private static partial Regex QuotedHeadlineRegex();

    [GeneratedRegex(@"\b(?:headline|h1)\s*:\s*([^\n.!?""]{3,120})", RegexOptions.IgnoreCase)]
    private static partial Regex ColonHeadlineRegex();

    [GeneratedRegex(@"\b(up\s+to\s+)?(100|\d{1,2})\s?%\s*off\b", RegexOptions.IgnoreCase)]
    private static partial Regex PercentOffRegex();

    [GeneratedRegex(@"\bsave\s+(up\s+to\s+)?(100|\d{1,2})\s?%", RegexOptions.IgnoreCase)]
    private static partial Regex SavePercentRegex();

    [GeneratedRegex(@"([$£€])\s?(\d{1,5}(?:[.,]\d{2})?)\s+off\b", RegexOptions.IgnoreCase)]
    private static partial Regex AmountOffRegex();

    [GeneratedRegex(@"\b(?:buy\s+one,?\s+get\s+one(?:\s+free)?|bogo)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BogoRegex();

    [GeneratedRegex(@"\bhalf[- ]price\b", RegexOptions.IgnoreCase)]
    private static partial Regex HalfPriceRegex();

    [GeneratedRegex(@"\bfree\s+(?:shipping|delivery)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FreeShippingRegex();

    [GeneratedRegex(@"^\s+(?:on\s+)?((?:everything|sitewide|storewide|site-wide|store-wide)\b|(?:all|every|our|selected|select|the\s+entire|the\s+whole|new)\s+[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,3})")]
    private static partial Regex ScopeRegex();

    [GeneratedRegex(@"\b(black\s+friday|cyber\s+monday|boxing\s+day|labou?r\s+day|memorial\s+day|presidents'?\s+day|mother'?s\s+day|father'?s\s+day|valentine'?s(?:\s+day)?|christmas|holiday|easter|halloween|thanksgiving|back[- ]to[- ]school|new\s+year'?s?|spring|summer|autumn|fall|winter|end[- ]of[- ]season|clearance|flash|anniversary|warehouse|friends\s+and\s+family|grand\s+opening|launch)(?:\s+(sale|deals?|event|special|savings|collection|drop))?\b", RegexOptions.IgnoreCase)]
    private static partial Regex OccasionRegex();

    [GeneratedRegex(@"\bsale\b", RegexOptions.IgnoreCase)]
    private static partial Regex SaleWordRegex();

    [GeneratedRegex(@"\b" + Month + @"\.?\s+" + Day + @"(?:" + Range + @"(?:" + Month + @"\.?\s+)?" + Day + @")?(?:,?\s+\d{4})?\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthFirstRegex();

    [GeneratedRegex(@"\b" + Day + @"(?:" + Range + Day + @")?\s+" + Month + @"\b(?:\s+\d{4})?", RegexOptions.IgnoreCase)]
    private static partial Regex DayFirstRegex();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex(@"\b(?:(?:this|next)\s+(?:weekend|week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+only)?|(?:today|tonight|tomorrow)\s+only|for\s+(?:\d{1,3}|one|two|three|four|five|seven)\s+(?:hours|days)(?:\s+only)?|until\s+(?:midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeDateRegex();

    [GeneratedRegex(@"\b(?:aimed\s+at|targeting|targeted\s+at|designed\s+for|built\s+for|made\s+for|perfect\s+for|ideal\s+for|loved\s+by|for)\s+")]
    private static partial Regex AudienceTriggerRegex();

    [GeneratedRegex(@"[A-Za-z][A-Za-z'-]*")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"\b((?:(?:the|The)\s+)?(?:[A-Z0-9][\w&'.+-]*\s+){0,4}(?:[A-Z][\w&'.+-]*(?:Summit|Conf|Con|Fest|Expo|Camp|Days|Live)|Summit|Conference|Conf|Festival|Fest|Expo|Meetup|Workshop|Forum|Gala|Hackathon|Awards|Week|Days|Symposium|Fair|Marathon|Retreat|Bootcamp)(?:\s+'?\d{2,4})?)\b")]
    private static partial Regex EventNameRegex();

    [GeneratedRegex(@"\b(?:called|named|brand(?:ed)?(?:\s+name)?(?:\s+is)?)\s+""([^""]{2,48})""", RegexOptions.IgnoreCase)]
    private static partial Regex CalledQuotedRegex();

    [GeneratedRegex(@"\b(?:called|named)\s+([A-Z0-9][\w&'.+-]*(?:\s+[A-Z0-9][\w&'.+-]*){0,3})")]
    private static partial Regex CalledRegex();

    [GeneratedRegex(@"\b(?:for|by|from)\s+((?:[A-Z][\w&'.+-]*)(?:\s+(?:[A-Z0-9][\w&'.+-]*|&|of|and|the|on)){0,4})")]
    private static partial Regex ForNameRegex();

    [GeneratedRegex(@"\b([A-Z][\w&.+-]*(?:\s+[A-Z][\w&.+-]*){0,2})'s\s")]
    private static partial Regex PossessiveRegex();

    [GeneratedRegex(@"^\s*([A-Z][\w&'.+-]*(?:\s+[A-Z][\w&'.+-]*){0,3})\s*(?::|—|–|\s-\s)")]
    private static partial Regex LeadingNameRegex();

    [GeneratedRegex(@"\b(?:in|at)\s+((?:the\s+)?[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|of|the)){0,4})")]
    private static partial Regex LocationRegex();

    [GeneratedRegex(@"\b(?:a|an|our)\s+((?:new\s+)?(?:[A-Za-z][\w-]*\s+){0,3}?(?:tool|app|application|platform|software|service|api|assistant|tracker|planner|editor|crm|dashboard|marketplace|suite|game|extension|plugin|device|camera|smartwatch|watch|headphones|earbuds|speaker|bike|course|kit|subscription|sneakers?|bottle|notebook|backpack))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProductRegex();

    [GeneratedRegex(@"\b(?:that|which|to)\s+(helps?|lets?|makes?|turns?|saves?|keeps?|gives?|brings?|automates?|simplif(?:y|ies)|tracks?|protects?|connects?|finds?|manages?|organi[sz]es?|plans?)\s+([^.,;!?()""]{3,80})", RegexOptions.IgnoreCase)]
    private static partial Regex BenefitRegex();

    [GeneratedRegex(@"\b(?:to|that|which|we)\s+(help|helps|support|supports|protect|protects|provide|provides|end|ends|fight|fights|feed|feeds|house|houses|educate|educates|save|saves|restore|restores|plant|plants|clean|cleans|rescue|rescues|empower|empowers|bring|brings|give|gives)\s+([^.,;!?()""]{3,80})", RegexOptions.IgnoreCase)]
    private static partial Regex MissionRegex();

    [GeneratedRegex(@"\b(?:daily|weekly|monthly|bi-weekly|biweekly|fortnightly|quarterly)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CadenceRegex();

    [GeneratedRegex(@"\b(?:newsletter|digest|publication|roundup)\s+(?:about|on|covering|focused\s+on)\s+([^.,;!?""]{2,50})", RegexOptions.IgnoreCase)]
    private static partial Regex TopicAboutRegex();

    [GeneratedRegex(@"\b(?:daily|weekly|monthly|fortnightly|quarterly)\s+([A-Za-z][\w &+-]{0,30}?)\s+(?:newsletter|digest|email|roundup)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TopicBeforeRegex();

    [GeneratedRegex(@"\b(?:a|an|i'm\s+a|i\s+am\s+a|i'm\s+an|i\s+am\s+an)\s+((?:[\w-]+\s+){0,2}?(?:designer|photographer|developer|engineer|architect|illustrator|writer|artist|consultant|coach|filmmaker|animator|copywriter|stylist|ceramicist|potter|musician|videographer))\b", RegexOptions.IgnoreCase)]
    private static partial Regex RoleRegex();

    [GeneratedRegex(@"[$£€]")]
    private static partial Regex CurrencyRegex();

    [GeneratedRegex(@"([$£€])\s?(\d{1,5}(?:\.\d{2})?)")]
    private static partial Regex PriceRegex();
}
