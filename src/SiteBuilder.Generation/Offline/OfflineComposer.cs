using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using SiteBuilder.Generation.Prompts;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;
using SiteBuilder.Validation.Briefs;

namespace SiteBuilder.Generation.Offline;

/// <summary>
/// The default page model: composes real landing pages from a section library, with no cloud and no
/// model. Deterministic (the same request gives the same page), fast (well under a millisecond of work
/// per page), and streamed section by section like a model would.
/// </summary>
/// <remarks>
/// A refinement (<see cref="PageRequest.ParentHtml"/> set) reads the previous page's embedded
/// <see cref="PageDesign"/>, applies the instruction in <see cref="PageRequest.Prompt"/> through
/// <see cref="Refinement"/>, and composes the page again.
/// </remarks>
public sealed partial class OfflineComposer(TimeSpan sectionDelay, TimeProvider clock) : IPageModel
{
    public const string ProviderName = "offline";
    public const string Model = "offline-composer-1";

    /// <summary>A composer that sends the whole page at once (no pause between sections).</summary>
    public OfflineComposer()
        : this(TimeSpan.Zero, TimeProvider.System)
    {
    }

    public string Provider => ProviderName;

    public string ModelId => Model;

    public async IAsyncEnumerable<PageDelta> StreamPageAsync(PageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parts = ComposeParts(request);
        var note = request.ParentHtml is null ? null : Refinement.Note(request);

        // Hand the caller control before the first part, as a remote model would.
        await Task.Yield();
        for (var i = 0; i < parts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // The head goes at once; each section after a short pause, so the preview grows section by section as with a model.
            if (i > 0 && i < parts.Count - 1 && sectionDelay > TimeSpan.Zero)
            {
                await Task.Delay(sectionDelay, clock, cancellationToken);
            }

            yield return new PageDelta(parts[i], Note: i == parts.Count - 1 ? note : null);
        }
    }

    /// <summary>The whole document at once: what the concatenated deltas of <see cref="StreamPageAsync"/> add up to.</summary>
    public static string Compose(PageRequest request) => string.Concat(ComposeParts(request));

    /// <summary>The document in its streaming parts: head, one per section, closing tags.</summary>
    public static IReadOnlyList<string> ComposeParts(PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var design = request.ParentHtml is null ? Design(request) : Refinement.Refine(request);
        return PageWriter.Write(design, LogoDataUri(request.Brand));
    }

    /// <summary>The design for a new page: the request's template, theme and layout with the prompt's facts.</summary>
    public static PageDesign Design(PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var facts = PromptFacts.From(request.Prompt);
        var brief = Brief.Read(request.Prompt);
        var brandName = Clean(request.Brand?.BrandName) ?? brief.Name ?? facts.BrandName;
        if (brandName is null && request.Template.Id == "event")
        {
            brandName = facts.EventName;
        }

        // The older reader's event name keeps the words around it ("the Leeds Frontend Meetup", "for Sunset Sounds"); the brief's is clean.
        var eventName = facts.EventName is { } e && brief.Name is { } n && e.Contains(n, StringComparison.Ordinal) ? n : facts.EventName;
        facts = facts with { BrandName = brandName, EventName = eventName };
        return new PageDesign(
            TemplateId: request.Template.Id,
            Facts: facts,
            Theme: request.Theme,
            Hero: HeroFor(request.Prompt, request.Theme),
            Sections: Normalize(request.Layout.Sections),
            BrandPrimary: request.Brand?.PrimaryColor,
            BrandSecondary: request.Brand?.SecondaryColor,
            CtaLabel: brief.CallToAction,
            Brief: brief);
    }

    /// <summary>Hero style from the prompt ("dark hero", "light hero") or the theme's tone.</summary>
    public static HeroStyle HeroFor(string? prompt, Theme theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        if (prompt is not null)
        {
            var match = HeroWordRegex().Match(prompt);
            if (match.Success)
            {
                var word = (match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value).ToLowerInvariant();
                return word switch
                {
                    "dark" or "darker" or "black" or "moody" => HeroStyle.Dark,
                    "light" or "lighter" or "white" or "minimal" or "bright" => HeroStyle.Light,
                    _ => HeroStyle.Brand,
                };
            }
        }

        return theme.Tone switch
        {
            ThemeSelector.Tones.Bold or ThemeSelector.Tones.Playful => HeroStyle.Brand,
            ThemeSelector.Tones.Elegant => HeroStyle.Dark,
            _ => HeroStyle.Light,
        };
    }

    /// <summary>Known kinds only, each once, hero first and footer last.</summary>
    internal static IReadOnlyList<LayoutSection> Normalize(IEnumerable<LayoutSection> sections)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<LayoutSection>();
        foreach (var section in sections)
        {
            if (SectionKinds.IsKnown(section.Kind) && seen.Add(section.Kind))
            {
                result.Add(section);
            }
        }

        var hero = result.FindIndex(s => s.Kind == SectionKinds.Hero);
        if (hero > 0)
        {
            var section = result[hero];
            result.RemoveAt(hero);
            result.Insert(0, section);
        }
        else if (hero < 0)
        {
            result.Insert(0, new LayoutSection(SectionKinds.Hero, "Welcome", "Headline and primary call to action."));
        }

        var footer = result.FindIndex(s => s.Kind == SectionKinds.Footer);
        if (footer >= 0 && footer != result.Count - 1)
        {
            var section = result[footer];
            result.RemoveAt(footer);
            result.Add(section);
        }
        else if (footer < 0)
        {
            result.Add(new LayoutSection(SectionKinds.Footer, "Footer", "Brand, secondary navigation and small print."));
        }

        return result;
    }

    /// <summary>Only an inline image can be shown without an external request; a remote logo URL is left out.</summary>
    internal static string? LogoDataUri(BrandKit? brand)
    {
        var logo = brand?.LogoUrl?.Trim();
        return logo is { Length: < 256 * 1024 } && LogoRegex().IsMatch(logo) ? logo : null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"\b(?:(dark|darker|black|moody|light|lighter|white|bright|minimal|brand|colou?rful)\s+hero|hero\s+(?:in|with|on)\s+(?:a\s+)?(dark|black|light|white|brand))\b", RegexOptions.IgnoreCase)]
    private static partial Regex HeroWordRegex();

    [GeneratedRegex(@"^data:image/(?:png|jpeg|gif|webp|svg\+xml)(?:;[a-z0-9=.+-]+)*,[A-Za-z0-9+/=%._~:;,!*'()@&$-]*$", RegexOptions.IgnoreCase)]
    private static partial Regex LogoRegex();
}
