using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SiteBuilder.Validation.Briefs;

/// <summary>How a page stands against its brief.</summary>
/// <param name="Name">The brief's name, or null when it names none.</param>
/// <param name="NameFound">The page's visible text has the name.</param>
/// <param name="Category">What the brief says it is.</param>
/// <param name="CategoryFound">The page's visible text has it (its last word, the noun, is enough: "grinder" for "smart coffee grinder").</param>
/// <param name="Facts">Each fact of the brief: found, missing or contradicted.</param>
/// <param name="Coverage">Found facts ÷ facts, 0–1 (1 when the brief has no facts).</param>
public sealed record BriefMatch(string? Name, bool NameFound, string? Category, bool CategoryFound, IReadOnlyList<BriefFactResult> Facts, double Coverage)
{
    public int Found => Facts.Count(f => f.Status == BriefFactStatus.Found);

    public int Contradicted => Facts.Count(f => f.Status == BriefFactStatus.Contradicted);
}

/// <param name="Kind">price, discount, date, time, place, number, feature, offer or deadline.</param>
/// <param name="Text">The fact as the brief writes it.</param>
/// <param name="Status">found, missing or contradicted.</param>
/// <param name="Section">Where the page shows it: the id of the section (or landmark) holding the first occurrence.</param>
/// <param name="PageValue">For a contradiction, what the page says instead ("$129").</param>
public sealed record BriefFactResult(string Kind, string Text, string Status, string? Section, string? PageValue);

public static class BriefFactStatus
{
    public const string Found = "found";
    public const string Missing = "missing";
    public const string Contradicted = "contradicted";
}

/// <summary>A page's visible text, cut by section, as the brief check reads it.</summary>
/// <param name="Segments">Each section's (or landmark's) id and its visible text, in page order.</param>
public sealed record PageText(IReadOnlyList<(string Section, string Text)> Segments)
{
    public string All { get; } = string.Join("\n", Segments.Select(s => s.Text));
}

/// <summary>
/// Checks a page's visible text against a brief: which facts it shows, which it misses and which it states differently
/// (a price or date near the brief's but not the brief's). Text comparisons ignore case, dash style and spacing.
/// </summary>
public static partial class BriefCheck
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static BriefMatch Check(Brief brief, PageText page)
    {
        ArgumentNullException.ThrowIfNull(brief);
        ArgumentNullException.ThrowIfNull(page);
        var segments = page.Segments.Select(s => (s.Section, Text: Fold(s.Text))).ToList();
        var all = string.Join("\n", segments.Select(s => s.Text));
        var pageMoney = MoneyOn(all);
        var pageDates = DatesOn(all);
        var pageTimes = TimesOn(all);

        var results = new List<BriefFactResult>(brief.Facts.Count);
        foreach (var fact in brief.Facts)
        {
            results.Add(fact.Kind switch
            {
                BriefFactKind.Price => CheckPrice(fact, segments, pageMoney),
                BriefFactKind.Date when ParseDate(fact.Text) is { } date => CheckDate(fact, date, segments, pageDates),
                BriefFactKind.Time when ParseTime(Fold(fact.Text)) is { } minutes => CheckTime(fact, minutes, segments, pageTimes),
                BriefFactKind.Number => CheckNumber(fact, segments),
                _ => CheckText(fact, segments),
            });
        }

        var nameFound = brief.Name is not { } name || Locate(segments, Fold(name)) is not null || Locate(segments, Fold(WithoutThe(name))) is not null;
        var categoryFound = brief.Category is not { } category || Locate(segments, Fold(category)) is not null || Locate(segments, Fold(category.Split(' ')[^1])) is not null;
        var coverage = results.Count == 0 ? 1.0 : results.Count(r => r.Status == BriefFactStatus.Found) / (double)results.Count;
        return new BriefMatch(brief.Name, nameFound, brief.Category, categoryFound, results, coverage);
    }

    /// <summary>Lower case, one kind of dash, single spaces, no space around dashes: "7am – 3pm" and "7am-3pm" read alike.</summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var raw in text)
        {
            var c = raw switch
            {
                '–' or '—' or '‑' or '−' => '-',
                '’' => '\'',
                '\u00A0' => ' ',
                _ => char.ToLowerInvariant(raw),
            };
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space && c != '-' && (builder.Length == 0 || builder[^1] != '-'))
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static BriefFactResult CheckText(BriefFact fact, List<(string Section, string Text)> segments)
    {
        var folded = Fold(fact.Text);

        // "Mondays" is found as "Monday": a weekday is a weekday, once or every week.
        if (fact.Kind == BriefFactKind.Date && folded.EndsWith("days", StringComparison.Ordinal))
        {
            folded = folded[..^1];
        }

        var section = Locate(segments, folded) ?? Locate(segments, folded.Replace('-', ' ')) ?? Locate(segments, WithoutThe(folded));
        return Result(fact, section is null ? BriefFactStatus.Missing : BriefFactStatus.Found, section, null);
    }

    private static BriefFactResult CheckNumber(BriefFact fact, List<(string Section, string Text)> segments)
    {
        // "13.1 miles along" is found as "13.1 miles": the number and the first letters of what it counts.
        var folded = Fold(fact.Text);
        var match = NumberFactRegex().Match(folded);
        if (!match.Success)
        {
            return CheckText(fact, segments);
        }

        var number = Regex.Escape(match.Groups[1].Value);
        var unit = match.Groups[2].Value;
        var pattern = unit.Length == 0
            ? new Regex($@"(?<![\d.,]){number}(?![\d])", RegexOptions.CultureInvariant)
            : new Regex($@"(?<![\d.,]){number}[-\s]?(?:[a-z]+[-\s]){{0,2}}?{Regex.Escape(unit[..Math.Min(4, unit.Length)])}", RegexOptions.CultureInvariant);
        foreach (var (section, text) in segments)
        {
            if (pattern.IsMatch(text))
            {
                return Result(fact, BriefFactStatus.Found, section, null);
            }
        }

        return Result(fact, BriefFactStatus.Missing, null, null);
    }

    private static BriefFactResult CheckPrice(BriefFact fact, List<(string Section, string Text)> segments, List<(char Currency, decimal Amount, string Text)> pageMoney)
    {
        if (ParseMoney(Fold(fact.Text)) is not { } wanted)
        {
            return CheckText(fact, segments);
        }

        foreach (var (section, text) in segments)
        {
            if (MoneyOn(text).Any(m => m.Currency == wanted.Currency && m.Amount == wanted.Amount))
            {
                return Result(fact, BriefFactStatus.Found, section, null);
            }
        }

        // A different amount in the same currency and the same range reads as the same price stated differently.
        var other = pageMoney.FirstOrDefault(m => m.Currency == wanted.Currency && wanted.Amount > 0 && m.Amount >= wanted.Amount * 0.5m && m.Amount <= wanted.Amount * 2m);
        return other.Text is null
            ? Result(fact, BriefFactStatus.Missing, null, null)
            : Result(fact, BriefFactStatus.Contradicted, null, other.Text);
    }

    private static BriefFactResult CheckDate(BriefFact fact, (int Month, int Day) wanted, List<(string Section, string Text)> segments, List<(int Month, int Day, string Text)> pageDates)
    {
        foreach (var (section, text) in segments)
        {
            if (DatesOn(text).Any(d => d.Month == wanted.Month && d.Day == wanted.Day))
            {
                return Result(fact, BriefFactStatus.Found, section, null);
            }
        }

        var other = pageDates.FirstOrDefault(d => d.Month == wanted.Month || Math.Abs(d.Month - wanted.Month) == 1);
        return other.Text is null
            ? Result(fact, BriefFactStatus.Missing, null, null)
            : Result(fact, BriefFactStatus.Contradicted, null, other.Text);
    }

    private static BriefFactResult CheckTime(BriefFact fact, int wanted, List<(string Section, string Text)> segments, List<(int Minutes, string Text)> pageTimes)
    {
        foreach (var (section, text) in segments)
        {
            if (TimesOn(text).Any(t => t.Minutes == wanted))
            {
                return Result(fact, BriefFactStatus.Found, section, null);
            }
        }

        return Result(fact, BriefFactStatus.Missing, null, null);
    }

    private static BriefFactResult Result(BriefFact fact, string status, string? section, string? pageValue) =>
        new(fact.Kind.ToString().ToLowerInvariant(), fact.Text, status, section, pageValue);

    private static string? Locate(List<(string Section, string Text)> segments, string folded)
    {
        if (folded.Length == 0)
        {
            return null;
        }

        foreach (var (section, text) in segments)
        {
            var index = 0;
            while ((index = text.IndexOf(folded, index, StringComparison.Ordinal)) >= 0)
            {
                var end = index + folded.Length;
                var clean = (index == 0 || !char.IsLetterOrDigit(text[index - 1]) || !char.IsLetterOrDigit(folded[0]))
                    && (end == text.Length || !char.IsLetterOrDigit(text[end]) || !char.IsLetterOrDigit(folded[^1]) || text[end] == 's' && char.IsLetter(folded[^1]));
                if (clean)
                {
                    return section;
                }

                index = end;
            }
        }

        return null;
    }

    private static string WithoutThe(string text) => text.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? text[4..] : text;

    private static List<(char Currency, decimal Amount, string Text)> MoneyOn(string folded)
    {
        var found = new List<(char, decimal, string)>();
        foreach (Match match in MoneyRegex().Matches(folded))
        {
            if (ParseMoney(match.Value) is { } money)
            {
                found.Add((money.Currency, money.Amount, match.Value));
            }
        }

        return found;
    }

    private static (char Currency, decimal Amount)? ParseMoney(string folded)
    {
        var match = MoneyRegex().Match(folded);
        if (!match.Success)
        {
            return null;
        }

        var digits = match.Groups[2].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var scale = match.Groups[3].Value switch { "k" => 1_000m, "m" => 1_000_000m, _ => 1m };
        return (match.Groups[1].Value[0], amount * scale);
    }

    internal static (int Month, int Day)? ParseDate(string text)
    {
        var dates = DatesOn(Fold(text));
        return dates.Count == 0 ? null : (dates[0].Month, dates[0].Day);
    }

    private static List<(int Month, int Day, string Text)> DatesOn(string folded)
    {
        var found = new List<(int, int, string)>();
        foreach (Match match in MonthDayRegex().Matches(folded))
        {
            found.Add((MonthOf(match.Groups[1].Value), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), match.Value));
        }

        foreach (Match match in DayMonthRegex().Matches(folded))
        {
            found.Add((MonthOf(match.Groups[2].Value), int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Value));
        }

        foreach (Match match in IsoRegex().Matches(folded))
        {
            found.Add((int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), match.Value));
        }

        return found;
    }

    private static int MonthOf(string name) => Array.IndexOf(Months, name[..3]) + 1;

    private static int? ParseTime(string folded)
    {
        var times = TimesOn(folded);
        return times.Count == 0 ? null : times[0].Minutes;
    }

    private static List<(int Minutes, string Text)> TimesOn(string folded)
    {
        var found = new List<(int, string)>();
        foreach (Match match in TimeRegex().Matches(folded))
        {
            var clock = !match.Groups[1].Success;
            var hour = int.Parse(match.Groups[clock ? 4 : 1].Value, CultureInfo.InvariantCulture);
            var minutes = match.Groups[clock ? 5 : 2];
            var minute = minutes.Success ? int.Parse(minutes.Value, CultureInfo.InvariantCulture) : 0;
            var half = match.Groups[3].Value;
            if (half.StartsWith('p') && hour < 12)
            {
                hour += 12;
            }
            else if (half.StartsWith('a') && hour == 12)
            {
                hour = 0;
            }

            found.Add(((hour * 60) + minute, match.Value));
        }

        return found;
    }

    [GeneratedRegex(@"([$£€])\s?(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)([km]\b)?")]
    private static partial Regex MoneyRegex();

    [GeneratedRegex(@"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s(\d{1,2})(?:st|nd|rd|th)?\b")]
    private static partial Regex MonthDayRegex();

    [GeneratedRegex(@"\b(\d{1,2})(?:st|nd|rd|th)?(?:-\d{1,2}(?:st|nd|rd|th)?)?\s(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")]
    private static partial Regex DayMonthRegex();

    [GeneratedRegex(@"\b\d{4}-(\d{2})-(\d{2})\b")]
    private static partial Regex IsoRegex();

    [GeneratedRegex(@"\b(\d{1,2})(?::(\d{2}))?\s?(am|pm|a\.m\.|p\.m\.)|\b(\d{1,2}):(\d{2})\b(?!\s?[ap])")]
    private static partial Regex TimeRegex();

    [GeneratedRegex(@"^(\d+(?:[.,]\d+)*(?:\+|x|%|/7|k)?)(?:[-\s]([a-z][a-z-]*))?")]
    private static partial Regex NumberFactRegex();
}
