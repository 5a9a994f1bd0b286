using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SiteBuilder.Generation.Prompts;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;
using SiteBuilder.Validation.Briefs;

namespace SiteBuilder.Generation.Offline;

public enum HeroShift
{
    Darker,
    Lighter,
    Brand,
}

public enum MovePlacement
{
    Top,
    Bottom,
    Before,
    After,
    Up,
    Down,
}

/// <summary>"move the FAQ above pricing": <paramref name="Anchor"/> is the other section for Before/After.</summary>
public sealed record SectionMove(string Kind, MovePlacement Placement, string? Anchor = null);

/// <summary>
/// What a follow-up instruction asks for, as far as the offline composer understands it: colours,
/// page and hero lightness, tone, headline, brand name, button label, sections added, removed or moved,
/// and a new offer or dates. Anything else is left as it was.
/// </summary>
public sealed record RefinementInstruction(
    string? PrimaryColor = null,
    string? SecondaryColor = null,
    HeroShift? Hero = null,
    bool? DarkPage = null,
    string? Tone = null,
    string? Headline = null,
    string? BrandName = null,
    string? CtaLabel = null,
    IReadOnlyList<SectionMention>? Sections = null,
    IReadOnlyList<SectionMove>? Moves = null,
    string? Offer = null,
    string? OfferScope = null,
    int? DiscountPercent = null,
    string? Dates = null)
{
    public IReadOnlyList<SectionMention> SectionChanges => Sections ?? [];

    public IReadOnlyList<SectionMove> SectionMoves => Moves ?? [];

    /// <summary>Reads an instruction such as "make the hero darker" or "add a pricing section".</summary>
    public static RefinementInstruction Parse(string? text) => Refinement.Parse(text);

    public bool ChangesColors => PrimaryColor is not null || SecondaryColor is not null;

    /// <summary>True when the instruction named nothing the composer can apply.</summary>
    public bool IsEmpty =>
        !ChangesColors && Hero is null && DarkPage is null && Tone is null && Headline is null && BrandName is null && CtaLabel is null
        && SectionChanges.Count == 0 && SectionMoves.Count == 0 && Offer is null && Dates is null;
}

/// <summary>Reads follow-up instructions and applies them to a page's design.</summary>
public static partial class Refinement
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Colour names a marketer might use, mapped to shades that work as brand colours.</summary>
    private static readonly Dictionary<string, string> NamedColors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["red"] = "#D32F2F", ["crimson"] = "#B91C1C", ["burgundy"] = "#7F1D1D", ["maroon"] = "#800000", ["coral"] = "#F97362",
        ["pink"] = "#DB2777", ["magenta"] = "#C026D3", ["purple"] = "#7E22CE", ["violet"] = "#7C3AED", ["lavender"] = "#A78BFA",
        ["indigo"] = "#4F46E5", ["blue"] = "#1D4ED8", ["navy"] = "#1E3A8A", ["sky blue"] = "#0284C7", ["cyan"] = "#06B6D4",
        ["turquoise"] = "#14B8A6", ["teal"] = "#0F766E", ["mint"] = "#34D399", ["green"] = "#2E7D32", ["emerald"] = "#059669",
        ["forest green"] = "#166534", ["lime"] = "#65A30D", ["olive"] = "#4D7C0F", ["yellow"] = "#FACC15", ["gold"] = "#CA8A04",
        ["amber"] = "#F59E0B", ["orange"] = "#EA580C", ["brown"] = "#92400E", ["black"] = "#111111", ["charcoal"] = "#334155",
        ["grey"] = "#4B5563", ["gray"] = "#4B5563", ["slate"] = "#475569",
    };

    /// <summary>The design of a refinement: the parent's design with the instruction applied.</summary>
    public static PageDesign Refine(PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The parent's own design wins over the request's theme and layout, which the pipeline planned from
        // the instruction alone: a refinement changes what it names and keeps everything else.
        var parent = PageDesign.Read(request.ParentHtml) ?? Recover(request);
        return Apply(parent, Parse(request.Prompt));
    }

    /// <summary>
    /// What the version's note says about an instruction, when the composer did less than asked: a section it already had
    /// or never had, or an instruction it cannot read at all. Null when everything asked for was applied.
    /// </summary>
    public static string? Note(PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parent = PageDesign.Read(request.ParentHtml) ?? Recover(request);
        var instruction = Parse(request.Prompt);
        if (instruction.IsEmpty)
        {
            var asked = request.Prompt.Trim();
            asked = asked.Length <= 80 ? asked : asked[..77].TrimEnd() + "…";
            return $"The offline composer cannot apply “{asked}”: it changes colours, the hero, tone, the headline, the brand name, button labels, sections and offers. Nothing was changed — switch to Claude for free-form changes.";
        }

        var had = parent.Sections.Select(s => s.Kind).ToHashSet(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var mention in instruction.SectionChanges)
        {
            var name = SectionName(mention.Kind);
            if (!mention.Unwanted && had.Contains(mention.Kind))
            {
                notes.Add($"The page already had {Article(name)} {name} section, so it was kept as it was.");
            }
            else if (mention.Unwanted && SectionKinds.IsRequired(mention.Kind))
            {
                notes.Add($"The {name} stays: every page needs one.");
            }
            else if (mention.Unwanted && !had.Contains(mention.Kind))
            {
                notes.Add($"The page had no {name} section to remove.");
            }
        }

        return notes.Count == 0 ? null : string.Join(" ", notes.Distinct(StringComparer.Ordinal));
    }

    /// <summary>The sections a refinement really gives the page, for the plan the pipeline reports: the parent's, changed by the instruction.</summary>
    public static PageLayout PlanFor(PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new PageLayout(Refine(request).Sections);
    }

    private static string SectionName(string kind) => kind switch
    {
        SectionKinds.Faq => "FAQ",
        SectionKinds.Cta => "call-to-action",
        SectionKinds.NewsletterSignup => "newsletter sign-up",
        _ => kind.Replace('-', ' '),
    };

    private static string Article(string word) => "aeiou".Contains(char.ToLowerInvariant(word[0]), StringComparison.Ordinal) && word != "FAQ" ? "an" : "a";

    public static RefinementInstruction Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RefinementInstruction();
        }

        var rest = text.Replace('\u2019', '\'').Replace('\u201C', '"').Replace('\u201D', '"');
        var headline = TakeValue(ref rest, HeadlineRegex());
        var brand = TakeValue(ref rest, BrandRegex());
        var cta = TakeValue(ref rest, CtaRegex());
        var moves = TakeMoves(ref rest);
        var (primary, secondary, background) = FindColors(rest);
        var lower = rest.ToLowerInvariant();

        bool? darkPage = null;
        if (PageDarkRegex().IsMatch(lower) || background is { IsDark: true })
        {
            darkPage = true;
        }
        else if (PageLightRegex().IsMatch(lower) || background is { IsDark: false })
        {
            darkPage = false;
        }

        HeroShift? hero = null;
        if (HeroBrandRegex().IsMatch(lower))
        {
            hero = HeroShift.Brand;
        }
        else if (darkPage is null && DarkerRegex().IsMatch(lower))
        {
            hero = HeroShift.Darker;
        }
        else if (darkPage is null && LighterRegex().IsMatch(lower))
        {
            hero = HeroShift.Lighter;
        }

        var facts = PromptFacts.From(rest);
        var sections = SectionMentions.Find(rest).Where(m => m.Kind != SectionKinds.Hero).ToList();
        return new RefinementInstruction(
            PrimaryColor: primary?.ToHex(),
            SecondaryColor: secondary?.ToHex(),
            Hero: hero,
            DarkPage: darkPage,
            Tone: ThemeSelector.FindTone(rest),
            Headline: headline,
            BrandName: brand,
            CtaLabel: cta,
            Sections: sections,
            Moves: moves,
            Offer: facts.Offer,
            OfferScope: facts.OfferScope,
            DiscountPercent: facts.DiscountPercent,
            Dates: facts.Dates);
    }

    /// <summary>Applies an instruction to a design; what the instruction does not mention stays as it was.</summary>
    public static PageDesign Apply(PageDesign design, RefinementInstruction instruction)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(instruction);
        var template = design.Template;
        var oldFacts = design.Facts;
        var facts = oldFacts with
        {
            BrandName = instruction.BrandName ?? oldFacts.BrandName,
            Offer = instruction.Offer ?? oldFacts.Offer,
            OfferScope = instruction.Offer is null ? oldFacts.OfferScope : instruction.OfferScope ?? oldFacts.OfferScope,
            DiscountPercent = instruction.Offer is null ? oldFacts.DiscountPercent : instruction.DiscountPercent,
            Dates = instruction.Dates ?? oldFacts.Dates,
        };

        var theme = design.Theme;
        var brandPrimary = design.BrandPrimary;
        var brandSecondary = design.BrandSecondary;
        if (instruction.ChangesColors || instruction.Tone is not null || instruction.DarkPage is not null)
        {
            var primary = instruction.PrimaryColor ?? brandPrimary ?? theme.Primary;
            var secondary = instruction.SecondaryColor ?? brandSecondary ?? (instruction.PrimaryColor is null ? theme.Secondary : null);
            theme = ThemeSelector.Build(
                new BrandKit(primary, secondary),
                template,
                instruction.Tone ?? theme.Tone,
                instruction.DarkPage ?? ThemeSelector.IsDark(theme));
            brandPrimary = instruction.PrimaryColor ?? brandPrimary;
            brandSecondary = instruction.SecondaryColor ?? brandSecondary;
        }

        var hero = instruction.Hero switch
        {
            HeroShift.Darker => design.Hero == HeroStyle.Light ? HeroStyle.Brand : HeroStyle.Dark,
            HeroShift.Lighter => design.Hero == HeroStyle.Dark ? HeroStyle.Brand : HeroStyle.Light,
            HeroShift.Brand => HeroStyle.Brand,
            _ => design.Hero,
        };

        var sections = Resection(design, instruction, template, oldFacts, facts, theme.Tone);
        return design with
        {
            Brief = Restate(design.Brief, oldFacts, facts),
            Facts = facts,
            Theme = theme,
            Hero = hero,
            Sections = sections,
            CtaLabel = instruction.CtaLabel ?? design.CtaLabel,
            BrandPrimary = brandPrimary,
            BrandSecondary = brandSecondary,
        };
    }

    /// <summary>
    /// The brief's copy says what the page now says: after "change the discount to 40% off" its lines and facts read 40%,
    /// after a new date the new date, so no line written from the brief contradicts the refined headline.
    /// </summary>
    private static Brief? Restate(Brief? brief, PromptFacts before, PromptFacts after)
    {
        var swaps = new List<(string From, string To)>();
        if (before.DiscountPercent is { } was && after.DiscountPercent is { } now && was != now)
        {
            swaps.Add(($"{was}%", $"{now}%"));
        }

        if (before.Dates is { } oldDates && after.Dates is { } newDates && oldDates != newDates)
        {
            swaps.Add((oldDates, newDates));
        }

        if (brief is null || swaps.Count == 0)
        {
            return brief;
        }

        string Swap(string text) => swaps.Aggregate(text, (current, swap) => current.Replace(swap.From, swap.To, StringComparison.OrdinalIgnoreCase));
        return brief with
        {
            Points = [.. brief.Points.Select(Swap)],
            Facts = [.. brief.Facts.Select(f => f with { Text = Swap(f.Text) })],
        };
    }

    private static List<LayoutSection> Resection(PageDesign design, RefinementInstruction instruction, PageTemplate template, PromptFacts oldFacts, PromptFacts facts, string tone)
    {
        var kinds = LayoutAgent.ApplyMentions(design.Sections.Select(s => s.Kind), instruction.SectionChanges).ToList();
        foreach (var move in instruction.SectionMoves)
        {
            kinds = Move(kinds, move);
        }

        var existing = design.Sections.ToDictionary(s => s.Kind, StringComparer.Ordinal);
        var sections = new List<LayoutSection>(kinds.Count);
        foreach (var kind in kinds)
        {
            LayoutSection section;
            if (existing.TryGetValue(kind, out var kept))
            {
                // Headings the marketer never changed follow the facts (a new offer, a new brand name).
                var wasGenerated = kept.Heading == LayoutAgent.Heading(kind, template, oldFacts, design.Theme.Tone, design.Brief)
                    || kept.Heading == LayoutAgent.Heading(kind, template, oldFacts, design.Theme.Tone);
                section = wasGenerated ? kept with { Heading = LayoutAgent.Heading(kind, template, facts, tone, design.Brief) } : kept;
            }
            else
            {
                // A section the marketer adds is written for the brief, as the first version's were.
                section = LayoutAgent.Section(kind, template, facts, tone, design.Brief);
            }

            if (kind == SectionKinds.Hero && instruction.Headline is { } headline)
            {
                section = section with { Heading = headline };
            }

            sections.Add(section);
        }

        return sections;
    }

    private static List<string> Move(List<string> kinds, SectionMove move)
    {
        if (SectionKinds.IsRequired(move.Kind))
        {
            return kinds;
        }

        var list = kinds.ToList();
        var from = list.IndexOf(move.Kind);
        if (from < 0)
        {
            list = LayoutAgent.Insert(list, move.Kind).ToList();
            from = list.IndexOf(move.Kind);
        }

        list.RemoveAt(from);
        var firstContent = list.IndexOf(SectionKinds.Hero) + 1;
        var lastContent = list.IndexOf(SectionKinds.Footer) is var footer and >= 0 ? footer : list.Count;
        var anchor = move.Anchor is null ? -1 : list.IndexOf(move.Anchor);
        var to = move.Placement switch
        {
            MovePlacement.Top => firstContent,
            MovePlacement.Bottom => lastContent,
            MovePlacement.Up => Math.Max(firstContent, from - 1),
            MovePlacement.Down => Math.Min(lastContent, from + 1),
            MovePlacement.Before when anchor >= 0 => anchor,
            MovePlacement.After when anchor >= 0 => anchor + 1,
            _ => from,
        };
        list.Insert(Math.Clamp(to, firstContent, lastContent), move.Kind);
        return list;
    }

    /// <summary>
    /// The design of a parent page the composer did not write (a model's page): its h1, title, sections and
    /// primary colour where they can be read, the request's template, theme and layout for the rest.
    /// </summary>
    internal static PageDesign Recover(PageRequest request)
    {
        using var document = Parser.ParseDocument(request.ParentHtml ?? string.Empty);
        var h1 = Squash(document.QuerySelector("h1")?.TextContent);
        var title = Squash(document.Title);
        var brand = request.Brand?.BrandName;
        if (brand is null && title is not null && title.LastIndexOf(" | ", StringComparison.Ordinal) is var bar and > 0)
        {
            brand = title[(bar + 3)..];
        }

        var facts = PromptFacts.From($"{title}. {h1}") with { Headline = null };
        facts = facts with { BrandName = brand ?? facts.BrandName };

        var sections = new List<LayoutSection>();
        foreach (var element in document.QuerySelectorAll("section, footer"))
        {
            var heading = Squash(element.QuerySelector("h1, h2")?.TextContent);
            var label = $"{element.Id} {element.ClassName} {heading}".Replace('-', ' ');
            var kind = element.LocalName == "footer"
                ? SectionKinds.Footer
                : element.QuerySelector("h1") is not null ? SectionKinds.Hero : SectionMentions.Find(label).FirstOrDefault(m => !m.Unwanted)?.Kind;
            if (kind is not null && sections.All(s => s.Kind != kind))
            {
                var planned = LayoutAgent.Section(kind, request.Template, facts, request.Theme.Tone);
                sections.Add(heading is null || kind == SectionKinds.Footer ? planned : planned with { Heading = heading });
            }
        }

        if (h1 is not null && sections.All(s => s.Kind != SectionKinds.Hero))
        {
            sections.Insert(0, new LayoutSection(SectionKinds.Hero, h1, "Headline and primary call to action."));
        }

        var theme = request.Theme;
        string? brandPrimary = null;
        var styles = string.Concat(document.QuerySelectorAll("style").Select(s => s.TextContent));
        if (PrimaryVariableRegex().Match(styles) is { Success: true } primaryMatch)
        {
            brandPrimary = primaryMatch.Groups[1].Value;
            theme = ThemeSelector.Build(new BrandKit(brandPrimary, request.Brand?.SecondaryColor), request.Template, theme.Tone, ThemeSelector.IsDark(theme));
        }

        return new PageDesign(
            TemplateId: request.Template.Id,
            Facts: facts,
            Theme: theme,
            Hero: OfflineComposer.HeroFor(null, theme),
            Sections: OfflineComposer.Normalize(sections.Count > 1 ? sections : request.Layout.Sections),
            BrandPrimary: brandPrimary ?? request.Brand?.PrimaryColor,
            BrandSecondary: request.Brand?.SecondaryColor);
    }

    private static string? Squash(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return WhitespaceRegex().Replace(text, " ").Trim();
    }

    /// <summary>Cuts the value a pattern captures out of the instruction, so its words are not read twice.</summary>
    private static string? TakeValue(ref string text, Regex pattern)
    {
        var match = pattern.Match(text);
        if (!match.Success)
        {
            return null;
        }

        var raw = match.Groups["value"].Value.Trim();
        string value;
        var quoted = QuotedRegex().Match(raw);
        if (quoted.Success)
        {
            value = (quoted.Groups[1].Success ? quoted.Groups[1].Value : quoted.Groups[2].Value).Trim();
            var end = match.Groups["value"].Index + quoted.Index + quoted.Length;
            text = text[..match.Index] + " " + text[end..];
        }
        else
        {
            var stop = SentenceEndRegex().Match(raw);
            value = (stop.Success ? raw[..stop.Index] : raw).Trim().TrimEnd('.', '!', '?', ';', ',');
            var end = match.Groups["value"].Index + (stop.Success ? stop.Index : raw.Length);
            text = text[..match.Index] + " " + text[Math.Min(end, text.Length)..];
        }

        return value.Length is > 0 and <= 160 ? value : null;
    }

    private static List<SectionMove> TakeMoves(ref string text)
    {
        var moves = new List<SectionMove>();
        while (MoveRegex().Match(text) is { Success: true } match)
        {
            var subject = SectionMentions.Find(match.Groups["subject"].Value).FirstOrDefault()?.Kind;
            var anchor = match.Groups["anchor"].Success ? SectionMentions.Find(match.Groups["anchor"].Value).FirstOrDefault()?.Kind : null;
            var placement = match.Groups["where"].Value.ToLowerInvariant() switch
            {
                var w when w.Contains("top", StringComparison.Ordinal) || w.Contains("start", StringComparison.Ordinal) => MovePlacement.Top,
                var w when w.Contains("bottom", StringComparison.Ordinal) || w.Contains("end", StringComparison.Ordinal) => MovePlacement.Bottom,
                "above" or "before" => MovePlacement.Before,
                "below" or "after" or "under" => MovePlacement.After,
                "up" => MovePlacement.Up,
                _ => MovePlacement.Down,
            };
            if (subject is not null && (placement is not (MovePlacement.Before or MovePlacement.After) || anchor is not null))
            {
                moves.Add(new SectionMove(subject, placement, anchor));
            }

            text = text[..match.Index] + " " + text[(match.Index + match.Length)..];
        }

        return moves;
    }

    private static (RgbColor? Primary, RgbColor? Secondary, RgbColor? Background) FindColors(string text)
    {
        var found = new List<(int Index, int End, RgbColor Color)>();
        foreach (Match match in HexRegex().Matches(text))
        {
            found.Add((match.Index, match.Index + match.Length, RgbColor.Parse(match.Groups[1].Value)));
        }

        foreach (Match match in ColorNameRegex().Matches(text))
        {
            if (NamedColors.TryGetValue(WhitespaceRegex().Replace(match.Groups[1].Value, " "), out var hex) && !found.Any(f => match.Index >= f.Index && match.Index < f.End))
            {
                found.Add((match.Index, match.Index + match.Length, RgbColor.Parse(hex)));
            }
        }

        if (found.Count == 0)
        {
            return (null, null, null);
        }

        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        var roles = RoleRegex().Matches(text).Select(m => (m.Index, Role: RoleOf(m.Value))).ToList();
        RgbColor? primary = null, secondary = null, background = null;
        foreach (var (index, end, color) in found)
        {
            // The role word nearest to the colour, not nearer to another colour, decides what it colours.
            var role = roles
                .Where(r => found.All(other => Math.Abs(other.Index - r.Index) >= Math.Abs(index - r.Index)))
                .OrderBy(r => Math.Abs(r.Index - index))
                .Select(r => r.Role)
                .FirstOrDefault() ?? "primary";
            switch (role)
            {
                case "secondary": secondary ??= color; break;
                case "background": background ??= color; break;
                default: primary ??= color; break;
            }
        }

        return (primary, secondary, background);
    }

    private static string RoleOf(string word) => word.ToLowerInvariant() switch
    {
        "secondary" or "accent" or "highlight" or "highlights" or "badge" or "badges" => "secondary",
        "background" or "page background" => "background",
        _ => "primary",
    };

    [GeneratedRegex(@"\b(?:(?:change|set|make|update|rename|replace|use|switch)\s+(?:the\s+)?(?:main\s+|hero\s+|page\s+)?(?:headline|heading|title|h1)\s*(?:text\s+)?(?:to|say|says|read|reads|into|as|with|:|=)?|(?:new\s+)?(?:headline|h1)\s*(?:should\s+(?:be|say|read)|:|=))\s*(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HeadlineRegex();

    [GeneratedRegex(@"\b(?:change|set|rename|update|call)\s+(?:the\s+)?(?:brand(?:\s+name)?|company(?:\s+name)?|business(?:\s+name)?)\s+(?:to|as)\s+(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex BrandRegex();

    [GeneratedRegex(@"\b(?:change|set|make|update|rename)\s+(?:the\s+)?(?:main\s+|primary\s+|hero\s+)?(?:button|buttons|cta|call[- ]to[- ]action)(?:\s+(?:text|label|copy))?\s+(?:to|say|says|read|reads)\s+(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex CtaRegex();

    [GeneratedRegex(@"\bmove\s+(?:the\s+)?(?<subject>[\w&' -]+?)\s+(?:section\s+)?(?<where>to\s+the\s+(?:top|bottom|end|start)|up|down|above|below|before|after|under)(?:\s+(?:the\s+)?(?<anchor>[\w&' -]+?))?(?=\s*(?:[.;!?,]|\band\b|$))", RegexOptions.IgnoreCase)]
    private static partial Regex MoveRegex();

    [GeneratedRegex(@"""([^""]{1,160})""|'([^']{1,160})'")]
    private static partial Regex QuotedRegex();

    [GeneratedRegex(@"[.!?;](?:\s|$)|\s+and\s+(?:make|add|remove|use|change|set|drop)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SentenceEndRegex();

    [GeneratedRegex(@"(?<![\w#])#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")]
    private static partial Regex HexRegex();

    [GeneratedRegex(@"\b(sky\s+blue|forest\s+green|red|crimson|burgundy|maroon|coral|pink|magenta|purple|violet|lavender|indigo|blue|navy|cyan|turquoise|teal|mint|green|emerald|lime|olive|yellow|gold|amber|orange|brown|black|charcoal|grey|gray|slate)\b(?!\s+friday)", RegexOptions.IgnoreCase)]
    private static partial Regex ColorNameRegex();

    [GeneratedRegex(@"\b(?:page\s+background|primary|brand|main|base|secondary|accent|highlights?|badges?|background|buttons?|hero)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RoleRegex();

    [GeneratedRegex(@"\b(?:dark\s+(?:mode|theme|background|page|design|look|version)|night\s+mode|(?:page|site|website|background|everything)\s+(?:dark|darker|black)|make\s+(?:the\s+)?(?:whole\s+)?(?:page|site|website|background|everything|it\s+all)\s+dark(?:er)?)\b")]
    private static partial Regex PageDarkRegex();

    [GeneratedRegex(@"\b(?:light\s+(?:mode|theme|background|page|design|look|version)|(?:page|site|website|background|everything)\s+(?:light|lighter|white|bright|brighter)|make\s+(?:the\s+)?(?:whole\s+)?(?:page|site|website|background|everything|it\s+all)\s+(?:light|lighter|bright|brighter))\b")]
    private static partial Regex PageLightRegex();

    [GeneratedRegex(@"\b(?:darker|dark|deeper|moodier|dramatic)\b")]
    private static partial Regex DarkerRegex();

    [GeneratedRegex(@"\b(?:lighter|light|brighter|softer|airier|paler)\b")]
    private static partial Regex LighterRegex();

    [GeneratedRegex(@"\b(?:(?:brand|primary)\s+colou?r(?:ed)?\s+(?:for\s+the\s+|in\s+the\s+|on\s+the\s+)?hero|(?:colou?rful|brand(?:ed)?)\s+hero|hero\s+(?:in|with)\s+(?:the\s+)?(?:brand|primary)\s+colou?r)\b")]
    private static partial Regex HeroBrandRegex();

    [GeneratedRegex(@"--(?:colou?r-)?(?:primary|brand)(?:-colou?r)?\s*:\s*(#[0-9a-fA-F]{6})\b")]
    private static partial Regex PrimaryVariableRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
