using AngleSharp.Dom;
using SiteBuilder.Validation.Briefs;
using SiteBuilder.Validation.Document;

namespace SiteBuilder.Validation.Audits;

/// <summary>
/// "Matches the brief": the page's visible text against the prompt it was written from. The name and what it is, every
/// concrete fact (found, missing, or contradicted by a nearby different price or date), whether its quotes are the brief's
/// (<see cref="QuoteAudit"/>), and a ceiling on the score so a page that ignores its brief is never ready to publish.
/// </summary>
internal static class BriefAudit
{
    /// <summary>With no fact found the score is at most this; each found fact lifts the ceiling evenly up to 10.</summary>
    public const double FloorCap = 4.0;

    /// <summary>A price or date that differs from the brief's keeps the score below "fair".</summary>
    public const double ContradictionCap = 6.0;

    /// <summary>A page that never names what the brief is about cannot be "ready to publish".</summary>
    public const double UnnamedCap = 8.0;

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "script", "style", "template", "noscript", "head", "title" };

    private static readonly HashSet<string> Regions = new(StringComparer.Ordinal) { "section", "header", "footer", "nav", "aside", "main" };

    private static readonly HashSet<string> Inline = new(StringComparer.Ordinal)
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small",
        "span", "strong", "sub", "sup", "time", "u", "var",
    };

    public static BriefMatch? Run(PageDocument document, string? prompt, AuditRecorder audits)
    {
        var brief = Brief.Read(prompt);
        if (!string.IsNullOrWhiteSpace(prompt))
        {
            QuoteAudit.Run(document, brief, prompt, audits);
        }

        if (brief.Name is null && brief.Category is null && brief.Facts.Count == 0)
        {
            return null;
        }

        var match = BriefCheck.Check(brief, VisibleText(document));
        if (brief.Name is not null || brief.Category is not null)
        {
            audits.Applicable(AuditCatalog.BriefName);
            if (!match.NameFound)
            {
                audits.FailPage(AuditCatalog.BriefName, $"The page never names {brief.Name}, the subject of the brief.");
            }

            if (!match.CategoryFound)
            {
                audits.FailPage(AuditCatalog.BriefName, $"The page never says what {brief.Name ?? "it"} is: the brief calls it a {brief.Category}.");
            }
        }

        if (match.Facts.Count > 0)
        {
            audits.Applicable(AuditCatalog.BriefFacts);
            foreach (var fact in match.Facts.Where(f => f.Status == BriefFactStatus.Missing))
            {
                audits.FailPage(AuditCatalog.BriefFacts, $"The brief's {fact.Kind} “{fact.Text}” is not on the page.");
            }
        }

        if (brief.Has(BriefFactKind.Price) || brief.Has(BriefFactKind.Date))
        {
            audits.Applicable(AuditCatalog.BriefContradictions);
            foreach (var fact in match.Facts.Where(f => f.Status == BriefFactStatus.Contradicted))
            {
                audits.FailPage(AuditCatalog.BriefContradictions, $"The brief gives the {fact.Kind} as {fact.Text}; the page says {fact.PageValue} and never {fact.Text}.");
            }
        }

        return match;
    }

    /// <summary>The highest score a page may have against its brief (10 when it matches, or has no brief).</summary>
    public static double Cap(BriefMatch? match)
    {
        if (match is null)
        {
            return 10;
        }

        var cap = match.Facts.Count == 0 ? 10 : FloorCap + ((10 - FloorCap) * match.Coverage);
        if (match.Contradicted > 0)
        {
            cap = Math.Min(cap, ContradictionCap);
        }

        if (!match.NameFound || !match.CategoryFound)
        {
            cap = Math.Min(cap, UnnamedCap);
        }

        return Math.Floor(cap * 10) / 10;
    }

    /// <summary>The text a reader sees, by section: no head, scripts, styles, templates or <c>hidden</c> elements.</summary>
    internal static PageText VisibleText(PageDocument document)
    {
        var segments = new List<(string Section, string Text)>();
        var body = document.Html.Body;
        if (body is null)
        {
            return new PageText(segments);
        }

        // An explicit stack: the page is walked without recursion, like every other walk of the validator.
        var stack = new Stack<(INode Node, string Section, bool Leaving)>();
        var current = "body";
        var text = new System.Text.StringBuilder();
        stack.Push((body, "body", false));
        while (stack.Count > 0)
        {
            var (node, section, leaving) = stack.Pop();
            if (section != current)
            {
                Flush(segments, current, text);
                current = section;
            }

            if (leaving)
            {
                text.Append(' ');
                continue;
            }

            if (node is IText textNode)
            {
                text.Append(textNode.Data);
                continue;
            }

            if (node is not IElement element || Skipped.Contains(element.LocalName) || element.HasAttribute("hidden"))
            {
                continue;
            }

            var inner = Regions.Contains(element.LocalName) ? element.Id ?? element.LocalName : section;
            var block = !Inline.Contains(element.LocalName);
            if (block)
            {
                stack.Push((element, section, true));
                text.Append(' ');
            }

            for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, inner, false));
            }
        }

        Flush(segments, current, text);
        return new PageText(segments);
    }

    private static void Flush(List<(string Section, string Text)> segments, string section, System.Text.StringBuilder text)
    {
        if (text.Length > 0 && !string.IsNullOrWhiteSpace(text.ToString()))
        {
            segments.Add((section, text.ToString()));
        }

        text.Clear();
    }
}
