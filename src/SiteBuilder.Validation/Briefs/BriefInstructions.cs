using System.Text.RegularExpressions;

namespace SiteBuilder.Validation.Briefs;

/// <summary>
/// The parts of a brief that tell the page builder what to build, not what the business is: "with features, pricing and
/// an FAQ", ": speakers, schedule, tickets and a venue section", "a sign-up call to action". A copywriter reads them as
/// the page's plan and never prints them, so they are taken out before the facts and selling points are read. What such a
/// list says about the business stays: "pricing with a free tier" leaves "Free tier", "free shipping over $50" is kept,
/// and "seasonal menu" is both a section and a fact ("Seasonal menu"). Quoted testimonials are taken out first: they are
/// the testimonials section's words (<see cref="BriefPeople"/>).
/// </summary>
internal static partial class BriefInstructions
{
    /// <summary>The brief without its instructions, and the call to action an instruction asked for ("Sign up"), if any.</summary>
    /// <remarks>A customer's quoted words are the testimonial's, never the business's copy, and never read as instructions.</remarks>
    public static (string Text, string? Action) Strip(string text) => StripUnquoted(BriefPeople.WithoutQuotes(text));

    /// <summary><see cref="Strip"/> of a brief whose quotes are already out (<see cref="BriefPeople.Read"/>).</summary>
    public static (string Text, string? Action) StripUnquoted(string text)
    {
        var action = ActionOf(text);
        var rescued = new List<string>();
        var stripped = ListRegex().Replace(text, list => StripList(list, rescued));
        stripped = SentenceRegex().Replace(stripped, sentence => OnlyParts(sentence.Groups["body"].Value, atLeast: 1) ? string.Empty : sentence.Value);

        // A sentence that is only a list of parts: "Menu, reviews and order online button."
        stripped = BareSentenceRegex().Replace(stripped, sentence => OnlyParts(sentence.Groups["body"].Value, atLeast: 2) ? string.Empty : sentence.Value);
        stripped = Tidy(stripped);
        if (rescued.Count > 0)
        {
            stripped = stripped.TrimEnd() + " " + string.Join(" ", rescued.Select(r => char.ToUpperInvariant(r[0]) + r[1..] + "."));
        }

        return (stripped.Trim(), action);
    }

    /// <summary>True when the words only name parts of a page: "features", "a venue section", "booking call to action".</summary>
    public static bool IsInstruction(string item)
    {
        var words = LeadRegex().Replace(item.Trim().TrimEnd('.', '!', ')'), string.Empty).Trim();
        return words.Length > 0 && !words.Any(char.IsDigit) && (PartRegex().IsMatch(words) || ControlRegex().IsMatch(words));
    }

    /// <summary>Whether a list of at least <paramref name="atLeast"/> items names nothing but parts of a page.</summary>
    private static bool OnlyParts(string list, int atLeast)
    {
        var items = ItemSplitRegex().Split(list).Where((_, i) => i % 2 == 0).ToList();
        return items.Count >= atLeast && items.All(IsInstruction);
    }

    private static string StripList(Match list, List<string> rescued)
    {
        // Items and the separators between them ("40 grind settings", ", ", "$149 until March 1", " and ", …).
        var tokens = ItemSplitRegex().Split(list.Groups["items"].Value);
        var keep = new bool[tokens.Length];
        var dropped = 0;
        for (var i = 0; i < tokens.Length; i += 2)
        {
            var item = TriggerRegex().Replace(tokens[i].Trim(), string.Empty);
            var with = PartWithRegex().Match(item);
            if (with.Success && !item.Any(char.IsDigit))
            {
                rescued.Add(LeadRegex().Replace(with.Groups["rest"].Value.Trim(), string.Empty));
            }
            else if (IsInstruction(item))
            {
                // "Seasonal menu" is a section the brief asks for and also something the restaurant has.
                var part = LeadRegex().Replace(item, string.Empty);
                if (DescribedPartRegex().IsMatch(part))
                {
                    rescued.Add(part);
                }
            }
            else
            {
                keep[i] = item.Length > 0;
                continue;
            }

            dropped++;
        }

        // A list where nothing names a part of the page is the business's own ("with 40 grind settings, a built-in scale").
        if (dropped == 0)
        {
            return list.Value;
        }

        var kept = new System.Text.StringBuilder();
        for (var i = 0; i < tokens.Length; i += 2)
        {
            if (keep[i])
            {
                // Each kept item follows the separator that stood before it, or none when it now comes first.
                kept.Append(kept.Length == 0 ? string.Empty : tokens[i - 1]).Append(tokens[i].Trim());
            }
        }

        return kept.Length == 0
            ? list.Groups["end"].Value
            : list.Groups["lead"].Value + list.Groups["trigger"].Value + " " + kept + list.Groups["end"].Value;
    }

    /// <summary>The call to action an instruction names by its purpose: "a sign-up call to action" asks for "Sign up".</summary>
    private static string? ActionOf(string text)
    {
        // "an order online button", "a big 'Book now' button": the words before "button" are the label.
        var button = ButtonRegex().Match(text);
        if (button.Success)
        {
            var label = button.Groups["label"].Value.Trim('\'', '"', ' ');
            return char.ToUpperInvariant(label[0]) + label[1..].ToLowerInvariant();
        }

        var match = ActionInstructionRegex().Match(text);
        return match.Success ? match.Groups["what"].Value.ToLowerInvariant() switch
        {
            "sign-up" or "signup" or "sign up" => "Sign up",
                        "donation" or "donate" => "Donate",
            "registration" or "register" => "Register now",
            "subscribe" or "subscription" => "Subscribe",
            "download" => "Download",
            "pre-order" or "preorder" => "Pre-order now",
            "contact" or "enquiry" or "inquiry" => "Get in touch",
            _ => null,
        } : null;
    }

    private static string Tidy(string text)
    {
        text = SpaceBeforePunctuationRegex().Replace(text, "$1");
        text = DoubledPunctuationRegex().Replace(text, "$1");
        text = DanglingRegex().Replace(text, "$1");
        return Whitespace().Replace(text, " ");
    }

    /// <summary>
    /// A list that may name page parts: after a colon, or after "with", "including", "featuring", "plus", "include", "add",
    /// "sections", up to the end of its sentence. The lead keeps the comma or colon's place when items are left.
    /// </summary>
    [GeneratedRegex(@"(?<lead>,?\s*)(?<trigger>:|\b(?:with|including|featuring|plus|include|add|and\s+(?:a|an))\b)\s+(?<items>[^.;:!?]{2,300}?)(?<end>[.;!?]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ListRegex();

    /// <summary>A whole sentence that only names parts: "Sections: hero, features, pricing." is emptied by the lists; "Add an FAQ." by this.</summary>
    [GeneratedRegex(@"(?<=^|[.!?;]\s)(?:please\s+)?(?:add|include|show|use|put|give it|end with|finish with)\s+(?<body>[^.!?;]{2,80})[.!?;]?", RegexOptions.IgnoreCase)]
    private static partial Regex SentenceRegex();

    private const string Part =
        @"(?:features?(?:\s+list)?|key\s+features|benefits|pricing(?:\s+(?:table|tiers?|plans?))?|price\s+list|prices|plans|faqs?|frequently\s+asked\s+questions|" +
        @"testimonials?|reviews?|quotes|speakers?(?:\s+line-?up)?|line-?up|schedule|agenda|programme|program|tickets?|ticketing|venue|location|map|directions|" +
        @"opening\s+(?:hours|times)|hours|menu|gallery|photos|portfolio|team|about(?:\s+us)?|contact(?:\s+(?:details|info))?|" +
        @"products?(?:\s+(?:grid|cards?|list|showcase))?|product\s+grid|newsletter(?:\s+sign-?up)?|sign-?up|how\s+it\s+works|steps|stats|statistics|countdown(?:\s+timer)?|" +
        @"hero(?:\s+(?:image|banner))?|header|footer|nav(?:igation)?|call[- ]to[- ]action|cta|buttons?|booking|bookings|reservations?|form|sponsors|partners|" +
        @"logos?|case\s+studies|blog|donation\s+form|impact|story|mission|signup)";

    private const string PartModifier =
        @"(?:sign-?up|booking|reservation|donation|donate|registration|subscribe|download|pre-?order|contact|enquiry|inquiry|newsletter|big|bold|prominent|" +
        @"clear|simple|short|strong|customer|client|product|venue|ticket|speaker|event|seasonal|weekly|daily|full|detailed|sample|small|large|final|closing|main|" +
        @"email|social|trust|team|a\s+few|some|several)";

    [GeneratedRegex(@"^(?:" + PartModifier + @"\s+){0,2}" + Part + @"(?:\s+(?:section|sections|block|area|form|page|strip|band|bar|panel))?$", RegexOptions.IgnoreCase)]
    private static partial Regex PartRegex();

    /// <summary>A part named with something true about the business: "seasonal menu", "weekly schedule".</summary>
    [GeneratedRegex(@"^(?:seasonal|weekly|daily)\s+(?:menu|schedule|programme|program)$", RegexOptions.IgnoreCase)]
    private static partial Regex DescribedPartRegex();

    /// <summary>"pricing with a free tier": the part is an instruction, what it has is a fact.</summary>
    [GeneratedRegex(@"^(?:(?:a|an|the)\s+)?" + Part + @"\s+(?:with|showing|that\s+shows|including)\s+(?<rest>[^,]{3,60})$", RegexOptions.IgnoreCase)]
    private static partial Regex PartWithRegex();

    [GeneratedRegex(@"\b(?:a|an|the)?\s*(?<what>sign-?up|sign up|booking|reservation|donation|donate|registration|register|subscribe|subscription|download|pre-?order|contact|enquiry|inquiry)\s+(?:call[- ]to[- ]action|cta|button)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ActionInstructionRegex();

    [GeneratedRegex(@"^(?:(?:a|an|the|some|our|your)\s+)+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadRegex();

    /// <summary>Any few words naming a control or block of the page: "order online button", "sticky booking bar".</summary>
    [GeneratedRegex(@"^(?:[\w'-]+\s+){0,3}(?:button|buttons|section|sections|banner|widget|call[- ]to[- ]action|cta)$", RegexOptions.IgnoreCase)]
    private static partial Regex ControlRegex();

    [GeneratedRegex(@"(?<=^|[.!?;]\s)(?<body>[^.!?;:]{2,120})[.!?;]?")]
    private static partial Regex BareSentenceRegex();

    [GeneratedRegex(@"\b(?:an?\s+)?(?:big\s+|prominent\s+|clear\s+)?['""]?(?<label>(?:order|book|buy|shop|register|donate|download|subscribe|join|reserve|apply|enrol|enroll|call|get|start)(?:\s+[a-z]+){0,2}?)['""]?\s+button\b", RegexOptions.IgnoreCase)]
    private static partial Regex ButtonRegex();

    [GeneratedRegex(@"(,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)")]
    private static partial Regex ItemSplitRegex();

    [GeneratedRegex(@"^(?:with|including|featuring|plus)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex TriggerRegex();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuationRegex();

    [GeneratedRegex(@"([.,;:!?])[.,;:]+")]
    private static partial Regex DoubledPunctuationRegex();

    /// <summary>A clause that ended in a removed list: "…until March 1, ." or "…agencies:." keep only the full stop.</summary>
    [GeneratedRegex(@"[,:;]\s*([.!?])")]
    private static partial Regex DanglingRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
