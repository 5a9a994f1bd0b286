using System.Text.RegularExpressions;

namespace SiteBuilder.Validation.Briefs;

/// <summary>
/// Reads a brief with plain heuristics, the way a copywriter skims one: the name and what it is, then every concrete
/// fact (money, dates, times, places, counts, named features, offers). Deterministic and fast: a few regular
/// expressions over a prompt of at most a few thousand characters.
/// </summary>
internal static partial class BriefReader
{
    private const string Month = @"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private const string Day = @"\d{1,2}(?:st|nd|rd|th)?";
    private const string Dash = @"\s*(?:-|–|—|to|through|until)\s*";
    private const string NameWord = @"[A-Z0-9][\w'’&.+-]*";
    private const string NameJoin = @"(?<![a-z]{2}\.)\s+";
    private const string Name = NameWord + @"(?:" + NameJoin + @"(?:" + NameWord + @"|&|of|and|de|la|del|for(?=\s+[A-Z])))*";

    private static readonly HashSet<string> NotNameWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "I", "I'm", "We", "We're", "Our", "My", "Your", "This", "That", "It", "A", "An", "Create", "Make", "Build", "Design", "Generate", "Write",
        "Please", "Need", "Landing", "Page", "Website", "Site", "Homepage", "Launch", "Promote", "Announce", "Sign", "Signup", "Sales", "Donation",
        "Opening", "Mobile", "App", "Portfolio", "Showcase", "Summer", "Spring", "Winter", "Autumn", "Fall", "Black", "Cyber", "Flash", "New",
        "Free", "Sale", "Charity", "One-day", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
        "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Christmas",
        "Mother's", "Father's", "Valentine's", "Easter", "Halloween", "Thanksgiving", "iOS", "Android", "Call", "CTA", "Target", "Features",
        "Plans", "Price", "Prices", "Pricing", "Open", "Book", "Use", "Add", "Every", "All", "Only", "Early-bird", "Tickets", "Weekend", "Day",
        "Live", "Next", "Intro", "Loyalty", "Memberships", "Registration", "Rooms", "Stay", "Contact", "Order", "Listen", "Download", "Star",
        "Walk-ins", "Same-day", "House", "Evening", "Men's", "Women's", "Kids", "Hot", "Featured", "Available", "Booking", "Beta",
    };

    private static readonly HashSet<string> DayAbbreviations = new(StringComparer.OrdinalIgnoreCase) { "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Daily", "Late", "Now", "Today", "Until", "From" };

    private static readonly HashSet<string> NotPlaceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "I", "We", "Our", "My", "Your", "This", "That", "It", "A", "An", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Christmas", "Easter", "Halloween", "Thanksgiving", "Black", "Cyber", "Free", "Call", "Book", "Donate", "Order", "Use", "Open", "Every",
    };

    private static readonly HashSet<string> ModifierStops = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "our", "my", "your", "their", "its", "all", "every", "off", "of", "with", "and", "or", "for", "new", "is", "are",
        "to", "in", "on", "at", "by", "from", "page", "landing", "launch", "site", "website", "sale", "this", "that", "we", "us",
    };

    private static readonly HashSet<string> MetaWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "page", "landing", "website", "site", "homepage", "section", "sections", "headline", "hero", "cta", "button", "tone", "colour", "color",
        "template", "layout", "target", "audience", "create", "make", "build", "design", "need", "promote", "generate", "write",
    };

    public static Brief Read(string? prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return Brief.Empty;
        }

        var normalized = Normalize(prompt);
        var (quotes, unquoted) = BriefPeople.Read(normalized);
        var (text, askedAction) = BriefInstructions.StripUnquoted(unquoted);
        var name = FindName(text);
        var (category, kind) = FindCategory(text, name);
        var facts = new List<BriefFact>();
        var taken = new List<(int Start, int End)>();

        Discounts(text, facts, taken);
        Prices(text, facts, taken);
        Dates(text, facts, taken);
        Times(text, facts, taken);
        Phones(text, facts, taken);
        Places(text, name, facts, taken);
        Offers(text, facts, taken);
        Numbers(text, facts, taken);
        Features(text, name, category, facts, taken);
        ListClauses(text, name, facts, taken);

        return new Brief(name, category, kind, FindAudience(text), Dedupe(facts), FindCallToAction(text) ?? askedAction, Points(text, name))
        {
            Quotes = quotes,
            Speakers = BriefPeople.Speakers(unquoted),
        };
    }

    internal static string Normalize(string prompt) =>
        Whitespace().Replace(prompt.Replace('’', '\'').Replace('“', '"').Replace('”', '"'), " ").Trim();

    private static string? FindName(string text)
    {
        foreach (var regex in new[] { CalledRegex(), IntroRegex(), LeadingRegex(), SubjectRegex(), ForRegex(), VerbSubjectRegex(), PossessiveRegex() })
        {
            foreach (Match match in regex.Matches(text))
            {
                if (TrimName(match.Groups["name"].Value) is { } name)
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static string? TrimName(string candidate)
    {
        var words = candidate.Trim().TrimEnd(',', ':', ';', '!', '?').Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 0 && words[^1].EndsWith("'s", StringComparison.Ordinal))
        {
            words[^1] = words[^1][..^2];
        }

        // A sentence's full stop is not part of a name, but "Co." is.
        if (words.Count > 0 && words[^1].EndsWith('.') && words[^1] is not ("Co." or "Inc." or "Ltd." or "Bros."))
        {
            words[^1] = words[^1].TrimEnd('.');
        }

        while (words.Count > 0 && words[^1] is "of" or "and" or "&" or "de" or "la" or "del" or "on" or "for")
        {
            words.RemoveAt(words.Count - 1);
        }

        while (words.Count > 1 && LeadsIntoName(words[0], words[1]))
        {
            words.RemoveAt(0);
        }

        if (words.Count == 0 || words.All(w => NotNameWords.Contains(w) || w == "The") || NotNameWords.Contains(words[0]) && words.Count == 1)
        {
            return null;
        }

        var name = string.Join(' ', words).Trim('"', '\'');
        return name.Length is >= 2 and <= 48 && name.Any(char.IsLetter) ? name : null;
    }

    /// <summary>A first word that comes before a name rather than in it: "Homepage", "for", "Open" in "Open daily" (not in "Open Shelves").</summary>
    private static bool LeadsIntoName(string first, string next) => first switch
    {
        "The" => false,
        "for" or "at" or "by" or "of" or "from" or "and" or "&" => true,
        "Open" => NotNameWords.Contains(next) || DayAbbreviations.Contains(next.Split('–', '-')[0]),
        _ => NotNameWords.Contains(first),
    };

    private static (string? Category, BusinessKind Kind) FindCategory(string text, string? name)
    {
        var lower = text.ToLowerInvariant();

        // 1. What follows the name: "Brewly, a smart coffee grinder", "Casa Lupe is a family-run taqueria".
        if (name is not null)
        {
            var at = text.IndexOf(name, StringComparison.Ordinal);
            if (at >= 0)
            {
                var after = at + name.Length;
                var window = AfterNameRegex().Match(text[after..]);
                var restStart = after + window.Groups["rest"].Index;
                if (window.Success && FirstNoun(lower, restStart, restStart + window.Groups["rest"].Length) is { } follows && follows.Start - restStart <= 24)
                {
                    return (Phrase(text, follows.Start, follows.End, restStart), follows.Kind);
                }

                // 2. What comes just before it: "Charity 5K fun run for Paws Rescue", "pottery workshop at Clay Corner".
                var before = lower[..at];
                var joint = BeforeNameRegex().Match(before);
                if (joint.Success && FirstNoun(lower, Math.Max(0, joint.Index - 40), joint.Index + 1 + joint.Groups["gap"].Length, last: true) is { } precedes
                    && joint.Index - precedes.End <= 1 + joint.Groups["gap"].Length)
                {
                    return (Phrase(text, precedes.Start, precedes.End, Math.Max(0, precedes.Start - 30)), precedes.Kind);
                }

                // 3. Inside the name: "Harbor Food Bank", "Riverside Half Marathon".
                if (FirstNoun(lower, at, after, last: true) is { } inside)
                {
                    return (lower[inside.Start..inside.End], inside.Kind);
                }
            }
        }

        // 4. "a/an/our {modifiers} {noun}" anywhere, then any noun at all.
        foreach (Match article in ArticleRegex().Matches(text))
        {
            var end = Math.Min(text.Length, article.Index + article.Length + 40);
            if (FirstNoun(lower, article.Index + article.Length, end) is { } described && described.Start - (article.Index + article.Length) <= 30)
            {
                return (Phrase(text, described.Start, described.End, article.Index + article.Length), described.Kind);
            }
        }

        return FirstNoun(lower, 0, lower.Length) is { } any ? (Phrase(text, any.Start, any.End, Math.Max(0, any.Start - 30)), any.Kind) : (null, BusinessKind.Unknown);
    }

    /// <summary>The earliest lexicon noun between start and end (the latest with <paramref name="last"/>), on word boundaries.</summary>
    private static (int Start, int End, BusinessKind Kind)? FirstNoun(string lower, int start, int end, bool last = false)
    {
        (int Start, int End, BusinessKind Kind)? best = null;
        foreach (var (noun, kind) in BriefLexicon.All)
        {
            var index = start;
            while ((index = lower.IndexOf(noun, index, StringComparison.Ordinal)) >= 0 && index + noun.Length <= end)
            {
                var nounEnd = index + noun.Length;
                var clean = (index == 0 || !char.IsLetterOrDigit(lower[index - 1])) && (nounEnd == lower.Length || !char.IsLetterOrDigit(lower[nounEnd]))
                    && !SectionWordRegex().IsMatch(lower.AsSpan(nounEnd));
                if (clean)
                {
                    // Longer nouns come first, so an equal start keeps "coffee shop" over "shop".
                    var better = best is not { } b || (last ? index > b.Start && index >= b.End : index < b.Start && nounEnd <= b.Start);
                    if (better)
                    {
                        best = (index, nounEnd, kind);
                    }

                    break;
                }

                index = nounEnd;
            }
        }

        return best;
    }

    /// <summary>The noun with up to two describing words before it ("smart coffee grinder"), never reaching before <paramref name="floor"/>.</summary>
    private static string Phrase(string text, int start, int end, int floor)
    {
        var phraseStart = start;
        for (var words = 0; words < 2; words++)
        {
            var i = phraseStart - 1;
            if (i < floor || i < 0 || text[i] != ' ')
            {
                break;
            }

            var wordEnd = i;
            while (i > floor && i > 0 && text[i - 1] != ' ')
            {
                i--;
            }

            var word = text[i..wordEnd];
            var acronym = word.Length is >= 2 and <= 4 && word.All(char.IsUpper) || i == 0;
            if (word.Length == 0 || ModifierStops.Contains(word) || !word.All(c => char.IsLetter(c) || c == '-') || char.IsUpper(word[0]) && !acronym && !Cuisines.Contains(word))
            {
                break;
            }

            phraseStart = i;
        }

        // "Mobile app launch: …" starts the prompt with a capital; mid-sentence it is "a mobile app".
        var phrase = text[phraseStart..end];
        var first = phrase.Split(' ')[0];
        return first.Length > 1 && char.IsUpper(first[0]) && char.IsLower(first[1]) && !Cuisines.Contains(first)
            ? char.ToLowerInvariant(phrase[0]) + phrase[1..]
            : phrase;
    }

    /// <summary>Capitalised words that describe rather than name: "a neighbourhood Italian restaurant".</summary>
    private static readonly HashSet<string> Cuisines = new(StringComparer.Ordinal)
    {
        "Italian", "French", "Japanese", "Mexican", "Thai", "Indian", "Chinese", "Korean", "Greek", "Spanish", "Vietnamese", "Turkish",
        "Lebanese", "American", "British", "Irish", "Scottish", "Welsh", "German", "Portuguese", "Ethiopian", "Colombian", "Nordic",
        "Scandinavian", "Mediterranean", "Persian", "Moroccan", "Caribbean", "Peruvian", "Brazilian", "Cuban", "Filipino", "Malaysian",
        "Indonesian", "Middle", "Eastern", "Asian", "African", "European", "Latin", "Tex-Mex", "Cajun", "Sicilian", "Neapolitan", "Tuscan",
    };

    private static void Discounts(string text, List<BriefFact> facts, List<(int, int)> taken)
    {
        foreach (Match match in DiscountRegex().Matches(text))
        {
            Add(facts, taken, match, new BriefFact(BriefFactKind.Discount, Squash(match.Value)));
        }
    }

    private static void Prices(string text, List<BriefFact> facts, List<(int, int)> taken)
    {
        foreach (Match match in MoneyRegex().Matches(text))
        {
            if (Overlaps(taken, match.Index, match.Index + match.Length))
            {
                continue;
            }

            var money = match.Groups["money"].Value;
            var period = PeriodRegex().Match(text[(match.Index + match.Length)..]);
            var label = PriceLabel(text[..match.Index]);
            Add(facts, taken, match, new BriefFact(BriefFactKind.Price, money, label, period.Success ? Squash(period.Value) : null));
        }
    }

    /// <summary>What a price is for: the words just before it, up to a sentence or list break ("Early-bird tickets", "Solo").</summary>
    private static string? PriceLabel(string before)
    {
        // "Goal: $40,000" labels the amount with the word before its colon.
        before = before.TrimEnd(' ', ':');
        var cut = before.LastIndexOfAny(['.', ',', ';', ':', '(', '!', '?', '—', '–']);
        var words = before[(cut + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("is" or "are" or "at" or "for" or "from" or "just" or "only" or "costs" or "cost" or "price" or "priced" or "then" or "or" or "and" or "each" or "get" or "gets"))
            .TakeLast(3)
            .ToList();
        if (words.Count == 0 || words.Any(w => w.Any(char.IsDigit)))
        {
            return null;
        }

        var label = string.Join(' ', words).Trim(':', ' ');
        return label.Length is > 1 and <= 40 ? char.ToUpperInvariant(label[0]) + label[1..] : null;
    }

    private static void Dates(string text, List<BriefFact> facts, List<(int, int)> taken)
    {
        foreach (var regex in new[] { MonthFirstRegex(), DayFirstRegex(), IsoDateRegex() })
        {
            foreach (Match match in regex.Matches(text))
            {
                if (!Overlaps(taken, match.Index, match.Index + match.Length))
                {
                    Add(facts, taken, match, new BriefFact(BriefFactKind.Date, Squash(match.Value).TrimEnd(',')));
                }
            }
        }

        foreach (Match match in DeadlineRegex().Matches(text))
        {
            if (!Overlaps(taken, match.Index, match.Index + match.Length))
            {
                Add(facts, taken, match, new BriefFact(BriefFactKind.Deadline, Squash(match.Groups["when"].Value)));
            }
        }

        foreach (Match match in WeekdayRegex().Matches(text))
        {
            if (!Overlaps(taken, match.Index, match.Index + match.Length))
            {
                Add(facts, taken, match, new BriefFact(BriefFactKind.Date, match.Value));
            }
        }
    }

    private static void Times(string text, List<BriefFact> facts, List<(int, int)> taken)
    {
        foreach (Match match in TimeRegex().Matches(text))
        {
            if (!Overlaps(taken, match.Index, match.Index + match.Length))
            {
                Add(facts, taken, match, new BriefFact(BriefFactKind.Time, Squash(match.Value)));
            }
        }
    }

    private static void Phones(string text, List<BriefFact> facts, List<(int, int)> taken)
    {
        foreach (Match match in PhoneRegex().Matches(text))
        {
            Add(facts, taken, match, new BriefFact(BriefFactKind.Place, match.Value));
        }

        foreach (Match match in CodeRegex().Matches(text))
        {
            Add(facts, taken, match, new BriefFact(BriefFactKind.Offer, match.Groups["code"].Value));
        }
    }

    private static void Places(string text, string? name, List<BriefFact> facts, List<(int, int)> taken)
    {
        foreach (Match match in AddressRegex().Matches(text))
        {
            Add(facts, taken, match, new BriefFact(BriefFactKind.Place, match.Value));
        }

        foreach (Match match in PlaceRegex().Matches(text))
        {
            var group = match.Groups["place"];
            var words = group.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            var stop = words.FindIndex(w => NotPlaceWords.Contains(w));
            if (stop >= 0)
            {
                words.RemoveRange(stop, words.Count - stop);
            }

            while (words.Count > 0 && words[^1] is "of" or "and" or "&" or "the" or "de" or "la")
            {
                words.RemoveAt(words.Count - 1);
            }

            var place = string.Join(' ', words).TrimEnd('.', ',');
            if (place.Length < 3 || name is not null && (name.Contains(place, StringComparison.Ordinal) || place.Contains(name, StringComparison.Ordinal)))
            {
                continue;
            }

            if (place.EndsWith("'s", StringComparison.Ordinal))
            {
                place = place[..^2];
            }

            if (!Overlaps(taken, group.Index, group.Index + place.Length) && !NotPlaceWords.Contains(place.Split(' ')[0]) && !(place.StartsWith("the ", StringComparison.Ordinal) && place.Split(' ').Length == 1))
            {
                facts.Add(new BriefFact(BriefFactKind.Place, place));
                taken.Add((group.Index, group.Index + place.Length));
            }
        }
    }

    private static void Numbers(string text, List<BriefFact> facts, List<(int, int)> taken)
    {
        foreach (Match match in CountRegex().Matches(text))
        {
            var number = match.Groups["number"].Value.TrimEnd('.', ',');
            var suffix = match.Groups["suffix"].Value;
            var unit = match.Groups["unit"];
            var year = number.Length == 4 && (number.StartsWith("19", StringComparison.Ordinal) || number.StartsWith("20", StringComparison.Ordinal)) && suffix.Length == 0;
            var end = match.Index + number.Length + suffix.Length;
            string fact;
            if (year)
            {
                fact = number;
            }
            else if (unit.Success && char.IsLower(unit.Value[0]) || unit.Success && suffix.Length > 0)
            {
                fact = number + suffix + match.Groups["sep"].Value + unit.Value;
                end = unit.Index + unit.Length;
                var second = match.Groups["unit2"];
                if (second.Success && !unit.Value.EndsWith('s') && (second.Value.EndsWith('s') && !second.Value.EndsWith("ss", StringComparison.Ordinal) || second.Value is "warranty" or "trial" or "guarantee" or "read"))
                {
                    fact += " " + second.Value;
                    end = second.Index + second.Length;
                }
            }
            else if (suffix.Length > 0)
            {
                fact = number + suffix;
            }
            else
            {
                continue;
            }

            if (!Overlaps(taken, match.Index, match.Index + number.Length))
            {
                facts.Add(new BriefFact(BriefFactKind.Number, fact));
                taken.Add((match.Index, end));
            }
        }
    }

    private static void Offers(string text, List<BriefFact> facts, List<(int, int)> taken)
    {
        foreach (Match match in OfferRegex().Matches(text))
        {
            if (!Overlaps(taken, match.Index, match.Index + match.Length))
            {
                Add(facts, taken, match, new BriefFact(BriefFactKind.Offer, Squash(match.Value)));
            }
        }
    }

    /// <summary>Items of "with X, Y and Z" lists and of "Features: …" lines that are not already another fact.</summary>
    private static void Features(string text, string? name, string? category, List<BriefFact> facts, List<(int, int)> taken)
    {
        foreach (Match list in ListRegex().Matches(text))
        {
            var body = list.Groups["items"];
            var offset = body.Index;
            foreach (var raw in ItemSplitRegex().Split(body.Value))
            {
                var start = text.IndexOf(raw, offset, StringComparison.Ordinal);
                offset = start < 0 ? offset : start + raw.Length;
                var item = LeadingArticleRegex().Replace(raw.Trim().TrimEnd('.', '!', ')'), string.Empty).Trim();
                var words = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length is 0 or > 5 || item.Length < 3 || start >= 0 && Overlaps(taken, start, start + raw.Length)
                    || words.Any(w => MetaWords.Contains(w)) || string.Equals(item, name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(item, category, StringComparison.OrdinalIgnoreCase) || item.Any(c => c is '$' or '£' or '€'))
                {
                    continue;
                }

                facts.Add(new BriefFact(BriefFactKind.Feature, item));
                if (start >= 0)
                {
                    taken.Add((start, start + raw.Length));
                }
            }
        }
    }

    /// <summary>Clauses that are bare lists ("No cookies, GDPR compliant, real-time dashboard"): each short item is a feature.</summary>
    private static void ListClauses(string text, string? name, List<BriefFact> facts, List<(int, int)> taken)
    {
        foreach (Match clause in ClauseRegex().Matches(text))
        {
            var items = ItemSplitRegex().Split(clause.Value);
            if (items.Length < 3)
            {
                continue;
            }

            var offset = clause.Index;
            foreach (var raw in items)
            {
                var start = text.IndexOf(raw, offset, StringComparison.Ordinal);
                offset = start < 0 ? offset : start + raw.Length;
                var item = LeadingArticleRegex().Replace(raw.Trim().TrimEnd('.', '!', ')'), string.Empty).Trim();
                var words = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length is 0 or > 5 || item.Length < 3 || start >= 0 && Overlaps(taken, start, start + raw.Length) || item.Any(char.IsDigit)
                    || words.Any(w => MetaWords.Contains(w)) || string.Equals(item, name, StringComparison.OrdinalIgnoreCase) || item.Contains(':'))
                {
                    continue;
                }

                facts.Add(new BriefFact(BriefFactKind.Feature, item));
                if (start >= 0)
                {
                    taken.Add((start, start + raw.Length));
                }
            }
        }
    }

    private static string? FindAudience(string text)
    {
        foreach (Match match in AudienceRegex().Matches(text))
        {
            var words = match.Groups["who"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var last = words[^1];
            if (words.Length <= 4 && (last.EndsWith('s') && !last.EndsWith("ss", StringComparison.Ordinal) || last is "people" or "everyone" or "children" or "staff"))
            {
                return string.Join(' ', words);
            }
        }

        return null;
    }

    private static string? FindCallToAction(string text)
    {
        var explicitCta = ExplicitCtaRegex().Match(text);
        if (explicitCta.Success)
        {
            var value = explicitCta.Groups["cta"].Value.Trim().TrimEnd('.', '!', ',');
            return value.Length is >= 2 and <= 40 ? char.ToUpperInvariant(value[0]) + value[1..] : null;
        }

        var verb = ActionRegex().Match(text);
        if (!verb.Success)
        {
            return null;
        }

        var action = verb.Value.Trim().TrimEnd('.', '!', ',');
        return char.ToUpperInvariant(action[0]) + action[1..];
    }

    /// <summary>The brief's sentences and clauses that say something about the business, not about the page to build.</summary>
    private static List<string> Points(string text, string? name)
    {
        var points = new List<string>();
        foreach (var sentence in SentenceRegex().Split(text).SelectMany(s => OfferBreakRegex().Split(s)))
        {
            var clause = sentence.Trim().TrimEnd('.', '!', ';', ',');
            var intro = IntroClauseRegex().Match(clause);
            if (intro.Success)
            {
                clause = clause[(intro.Index + intro.Length)..].Trim();
            }

            var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || words.Length > 28 || MetaClauseRegex().IsMatch(clause))
            {
                continue;
            }

            if (name is not null && clause.StartsWith(name, StringComparison.Ordinal) && words.Length <= name.Split(' ').Length + 1)
            {
                continue;
            }

            points.Add(char.ToUpperInvariant(clause[0]) + clause[1..]);
        }

        return points;
    }

    private static void Add(List<BriefFact> facts, List<(int, int)> taken, Match match, BriefFact fact)
    {
        facts.Add(fact);
        taken.Add((match.Index, match.Index + match.Length));
    }

    private static bool Overlaps(List<(int Start, int End)> taken, int start, int end) => taken.Any(t => start < t.End && t.Start < end);

    private static List<BriefFact> Dedupe(List<BriefFact> facts)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. facts.Where(f => seen.Add(f.Kind + ":" + f.Text))];
    }

    private static string Squash(string value) => Whitespace().Replace(value.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>"a newsletter signup", "a menu section": the noun names a part of the page, not what the page is about.</summary>
    [GeneratedRegex(@"^[\s-]*(?:sign[- ]?up|signups|section|form|block|banner|button|box|bar|link|widget)\b")]
    private static partial Regex SectionWordRegex();

    [GeneratedRegex(@"\b(?:called|named)\s+""?(?<name>" + Name + ")")]
    private static partial Regex CalledRegex();

    [GeneratedRegex(@"(?:^|[.!?:]\s+)(?:I'm|I am|My name is|Promote|Announce|Introducing|Introduce|Meet|Launch|Launching|We're launching|We are launching|We're opening|We are opening)\s+(?:the\s+|our\s+)?(?<name>" + Name + ")")]
    private static partial Regex IntroRegex();

    [GeneratedRegex(@"\b(?:for|by|from|at)\s+(?:the\s+)?(?<name>" + Name + ")")]
    private static partial Regex ForRegex();

    [GeneratedRegex(@"(?:^|[.!?:]\s+)(?<name>" + Name + @")(?=\s+(?:is|are|opens|is opening|launches|is launching|returns|has|turns)\b|,\s+(?:a|an|the|our)\s)")]
    private static partial Regex SubjectRegex();

    [GeneratedRegex(@"^\s*(?<name>" + Name + @")\s*(?::|—|–|\s-\s)")]
    private static partial Regex LeadingRegex();

    [GeneratedRegex(@"(?:^|[.!?:]\s+)(?<name>" + Name + @")\s+[a-z]+s\b")]
    private static partial Regex VerbSubjectRegex();

    [GeneratedRegex(@"\b(?<name>[A-Z][\w&.+-]*(?:\s+[A-Z][\w&.+-]*){0,2})'s\s")]
    private static partial Regex PossessiveRegex();

    [GeneratedRegex(@"^(?:'s)?\s*(?:,|:|—|–|-|\bis\b|\bopens\b|\bis opening\b)?\s*(?:(?:a|an|the|our)\s+)?(?<rest>[^.;:!?—–]{0,60})")]
    private static partial Regex AfterNameRegex();

    [GeneratedRegex(@"(?<gap>\s(?:[a-z]+\s)?)(?:for|at|by|from|with)\s+(?:the\s+)?$")]
    private static partial Regex BeforeNameRegex();

    [GeneratedRegex(@"\b(?:a|an|our)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ArticleRegex();

    [GeneratedRegex(@"(?:\b(?:up\s+to\s+)?\d{1,3}\s?%\s+off\b|\bsave\s+(?:up\s+to\s+)?\d{1,3}\s?%|[$£€]\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?\s+off\b)", RegexOptions.IgnoreCase)]
    private static partial Regex DiscountRegex();

    [GeneratedRegex(@"(?<money>[$£€]\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?(?:[kKmM]\b)?)")]
    private static partial Regex MoneyRegex();

    [GeneratedRegex(@"^\s*(?:/\s*(?:month|mo|year|yr|night|person|week|hour)|(?:a|per)\s+(?:month|year|night|person|guest|week|hour|class|session|user|employee)(?:\s+per\s+(?:month|year))?)", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodRegex();

    [GeneratedRegex(@"\b" + Month + @"\.?\s+" + Day + @"(?:" + Dash + @"(?:" + Month + @"\.?\s+)?" + Day + @"\b)?(?:,?\s+\d{4})?\b")]
    private static partial Regex MonthFirstRegex();

    [GeneratedRegex(@"\b" + Day + @"(?:" + Dash + Day + @")?\s+" + Month + @"\b(?:\s+\d{4})?")]
    private static partial Regex DayFirstRegex();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex(@"\b(?:until|till|ends?|through|before|by)\s+(?<when>(?:this\s+|next\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|midnight|tonight|tomorrow|the\s+end\s+of\s+\w+)(?:\s+at\s+midnight)?)\b|\b(?<when>(?:this\s+weekend|today|tonight|this\s+week)\s+only|for\s+\d{1,3}\s+(?:hours|days)\s+only)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DeadlineRegex();

    [GeneratedRegex(@"(?<!\b(?:Black|Good|Cyber|Taco)\s)\b(?:Mondays?|Tuesdays?|Wednesdays?|Thursdays?|Fridays?|Saturdays?|Sundays?)\b")]
    private static partial Regex WeekdayRegex();

    [GeneratedRegex(@"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimeRegex();

    [GeneratedRegex(@"(?:\+\d{1,3}\s?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"\b(?:code|coupon|promo code)\s+""?(?<code>[A-Z0-9]{4,16})\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodeRegex();

    [GeneratedRegex(@"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Boulevard|Blvd|Way|Drive|Dr|Square|Place|Row|Court)\b(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?")]
    private static partial Regex AddressRegex();

    [GeneratedRegex(@"\b(?:in|at|on|near|across|serving|based in|around)\s+(?<place>(?:the\s+)?[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|of|the|de|la|and(?=\s+[A-Z])))*)")]
    private static partial Regex PlaceRegex();

    [GeneratedRegex(@"(?<number>\b\d+(?:[.,]\d+)*)(?<suffix>\+|x\b|%|/7|K\b)?(?:(?<sep>-|\s)(?<unit>(?!(?:am|pm|off|or|and|to|a|an|the|for|of|on|in|at|with|per|from|than|by|is|are)\b)[a-zA-Z][a-zA-Z-]*)(?:\s(?<unit2>[a-z][a-z-]*))?)?")]
    private static partial Regex CountRegex();

    [GeneratedRegex(@"\b(?:free\s+(?:shipping|delivery|returns|trial|tier|plan|version|consultation|wifi|wi-fi|gift|bowl|class|session|parking|cancellation|estimates?)|first\s+(?:class|session|lesson|month|visit|coffee)\s+free|no\s+(?:joining|booking|setup|sign-up)\s+fee|buy\s+(?:one|\d+),?\s+get\s+(?:one|\d+)(?:\s+free)?|bogo|\d+(?:st|nd|rd|th)\s+\w+\s+free|money-back\s+guarantee|lifetime\s+warranty|pay\s+after\s+you'?re\s+hired)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OfferRegex();

    [GeneratedRegex(@"(?:\b(?:with|featuring|features|includes|including|offering|offers|serving|plus)\b|\b(?:Features|Includes|Menu|Services|Highlights)\s*:)\s+(?<items>[^.;!?()]{3,200})")]
    private static partial Regex ListRegex();

    [GeneratedRegex(@"[^.;:!?—–()]+")]
    private static partial Regex ClauseRegex();

    [GeneratedRegex(@",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")]
    private static partial Regex ItemSplitRegex();

    [GeneratedRegex(@"^(?:a|an|the|our|your|their|its)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingArticleRegex();

    [GeneratedRegex(@"\b(?i:aimed\s+at|targeting|targeted\s+at|designed\s+for|built\s+for|made\s+for|perfect\s+for|ideal\s+for|target:|audience:|for)\s+(?<who>(?!(?:the|a|an|our|your|all|every|up|only|free|more|less|one|two|us|you|it|its)\b)[a-z][a-z-]*(?:\s+(?!(?:with|who|that|to|in|on|at|and|or|by|from|this|which|so)\b)[a-z][a-z-]*){0,3})")]
    private static partial Regex AudienceRegex();

    [GeneratedRegex(@"\b(?:call[- ]to[- ]action|cta|button)\s*(?:should\s+(?:say|read|be)|that\s+says|saying|reads|says|:|=|is)?\s*(?:""(?<cta>[^""]{2,40})""|'(?<cta>[^']{2,40})'|(?<cta>[A-Z][^.;!?""]{1,38}))", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitCtaRegex();

    [GeneratedRegex(@"\b(?:pre-?order now|order now|buy now|shop now|book a table|book a demo|book now|book a class|book online|reserve (?:a|your) (?:table|spot|seat|room)|register now|sign up to volunteer|sign up|join the waitlist|subscribe(?: free)?|donate(?: now)?|download free|get tickets|enrol(?:l)? now|apply now|call now|start (?:your )?free trial|listen now|adopt or foster)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ActionRegex();

    /// <summary>Sentence breaks, but not after a title: "Speakers include Dr. Maya Chen" is one sentence.</summary>
    [GeneratedRegex(@"(?<=[.!?;])(?<!\b(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.)\s+|\s+[—–]\s+")]
    private static partial Regex SentenceRegex();

    /// <summary>"…grinder with 40 grind settings, $149 until March 1": an offer in the same sentence is a point of its own.</summary>
    [GeneratedRegex(@"[,:]\s+(?=(?:[$£€]\s?\d|\d{1,3}\s?%\s+off|up\s+to\s+\d|free\s|save\s|buy\s+(?:one|\d+)\s+get\s))", RegexOptions.IgnoreCase)]
    private static partial Regex OfferBreakRegex();

    [GeneratedRegex(@"^(?:(?:please\s+)?(?:create|make|build|design|write|generate|need|we\s+need|i\s+need)\s+(?:a|an|the|me\s+a)?\s*(?:[\w-]+\s+){0,3}?(?:page|site|website|homepage)\s+(?:for|about|announcing|promoting)\s+|(?:a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:page|site|website|homepage)\s+(?:for|about|announcing|promoting)\s+)", RegexOptions.IgnoreCase)]
    private static partial Regex IntroClauseRegex();

    [GeneratedRegex(@"\b(?:call[- ]to[- ]action|cta|headline|hero|landing page|tone|colou?r\s+scheme|brand\s+colou?rs?|palette|template|layout|section|button|reservations via the site|book on our site)\b|\b(?:target|audience):|#[0-9a-f]{3,6}\b", RegexOptions.IgnoreCase)]
    private static partial Regex MetaClauseRegex();
}
