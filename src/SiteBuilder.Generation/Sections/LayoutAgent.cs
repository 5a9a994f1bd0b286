using SiteBuilder.Generation.Prompts;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;
using SiteBuilder.Validation.Briefs;
using Tones = SiteBuilder.Generation.Theming.ThemeSelector.Tones;

namespace SiteBuilder.Generation.Sections;

/// <summary>
/// The <c>layout_agent</c>: the template's sections in order, plus the ones the prompt asks for and
/// minus the ones it rules out, each with a heading drawn from the prompt.
/// </summary>
public static class LayoutAgent
{
    private static readonly Dictionary<string, string> Purposes = new(StringComparer.Ordinal)
    {
        [SectionKinds.Hero] = "Headline, the offer or promise in one line, and the primary call to action.",
        [SectionKinds.Stats] = "Three or four numbers that make the promise credible.",
        [SectionKinds.ProductGrid] = "Featured products with prices and the sale price where there is one.",
        [SectionKinds.Features] = "The three to six reasons to choose this over the alternatives.",
        [SectionKinds.HowItWorks] = "Three short steps from first visit to first success.",
        [SectionKinds.Menu] = "Dishes by course with short descriptions and prices.",
        [SectionKinds.Schedule] = "The agenda: times, sessions and who leads them.",
        [SectionKinds.Gallery] = "A visual grid of work, spaces or moments with captions.",
        [SectionKinds.Team] = "The people the brief names (the speakers, or the team) with their roles; placeholders to fill in where it names none.",
        [SectionKinds.Pricing] = "Plans, tickets or giving levels side by side, one highlighted.",
        [SectionKinds.Testimonials] = "The quotes the brief gives, attributed as it gives them; placeholders to fill in where it gives none.",
        [SectionKinds.Faq] = "The questions that stop people from acting, answered plainly.",
        [SectionKinds.Contact] = "Where to find the business, when it is open, how to reach it.",
        [SectionKinds.NewsletterSignup] = "An email signup with a clear promise and a privacy note.",
        [SectionKinds.Cta] = "A closing band that repeats the main call to action.",
        [SectionKinds.Footer] = "Brand, secondary navigation and small print.",
    };

    /// <summary>Plans the page's sections for a template and prompt.</summary>
    public static PageLayout Plan(PageTemplate template, string prompt, Theme theme)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(theme);
        var facts = PromptFacts.From(prompt);
        var brief = Brief.Read(prompt);
        var kinds = ApplyMentions(ForBrief(template.DefaultSections, brief, prompt), SectionMentions.Find(prompt));
        return new PageLayout(kinds.Select(kind => Section(kind, template, facts, theme.Tone, brief)).ToList());
    }

    /// <summary>
    /// The template's sections fitted to the brief: a place for its prices, its points and its testimonials, and no section
    /// that could only be filled with claims it never made (stats without its numbers, speakers and an agenda for a race,
    /// testimonials without its quotes unless it asks for them).
    /// </summary>
    public static IReadOnlyList<string> ForBrief(IReadOnlyList<string> kinds, Brief brief, string? prompt)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(brief);
        if (brief.Facts.Count == 0 && brief.Points.Count == 0 && brief.Quotes.Count == 0 && brief.Speakers.Count == 0)
        {
            return kinds;
        }

        var result = kinds.ToList();
        if (Offline.BriefCopy.StatFacts(brief).Count() < 2)
        {
            result.Remove(SectionKinds.Stats);
        }

        // Testimonials are the brief's quotes: without any, the section is planned only when the prompt asks for it (the mentions
        // add it back), and then holds placeholders for the marketer to fill, never words from made-up people.
        if (brief.Quotes.Count == 0)
        {
            result.Remove(SectionKinds.Testimonials);
        }

        var lower = prompt?.ToLowerInvariant() ?? string.Empty;
        string[] programme = ["speaker", "speakers", "talk", "talks", "agenda", "schedule", "session", "sessions", "keynote", "line-up", "lineup", "workshops", "panel"];
        if (brief.Speakers.Count == 0 && !programme.Any(word => TemplateCatalog.Mentions(lower, word)))
        {
            result.Remove(SectionKinds.Team);
            result.Remove(SectionKinds.Schedule);
        }

        IReadOnlyList<string> planned = result;
        if ((brief.Has(BriefFactKind.Price) || brief.Has(BriefFactKind.Discount)) && !planned.Contains(SectionKinds.Pricing) && !planned.Contains(SectionKinds.ProductGrid))
        {
            planned = Insert(planned, SectionKinds.Pricing);
        }

        if (brief.Points.Count > 1 && !planned.Contains(SectionKinds.Features))
        {
            planned = Insert(planned, SectionKinds.Features);
        }

        // The brief's own testimonials get a place on any template.
        if (brief.Quotes.Count > 0 && !planned.Contains(SectionKinds.Testimonials))
        {
            planned = Insert(planned, SectionKinds.Testimonials);
        }

        return planned;
    }

    /// <summary>The kinds after adding the wanted and removing the unwanted mentions; hero and footer always stay.</summary>
    public static IReadOnlyList<string> ApplyMentions(IEnumerable<string> kinds, IEnumerable<SectionMention> mentions)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(mentions);
        var result = kinds.Where(SectionKinds.IsKnown).Distinct(StringComparer.Ordinal).ToList();
        foreach (var required in new[] { SectionKinds.Hero, SectionKinds.Footer })
        {
            if (!result.Contains(required))
            {
                result = Insert(result, required).ToList();
            }
        }

        foreach (var mention in mentions)
        {
            if (mention.Unwanted)
            {
                if (!SectionKinds.IsRequired(mention.Kind))
                {
                    result.Remove(mention.Kind);
                }
            }
            else if (!result.Contains(mention.Kind))
            {
                result = Insert(result, mention.Kind).ToList();
            }
        }

        return result;
    }

    /// <summary>Inserts a kind where the canonical order puts it relative to the kinds already there.</summary>
    public static IReadOnlyList<string> Insert(IReadOnlyList<string> kinds, string kind)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var list = kinds.ToList();
        if (list.Contains(kind))
        {
            return list;
        }

        var rank = SectionKinds.Rank(kind);
        var index = list.FindIndex(existing => SectionKinds.Rank(existing) > rank && existing != SectionKinds.Hero);
        if (kind == SectionKinds.Hero)
        {
            index = 0;
        }

        var footer = list.IndexOf(SectionKinds.Footer);
        if (index < 0)
        {
            index = footer >= 0 ? footer : list.Count;
        }

        list.Insert(index, kind);
        return list;
    }

    /// <summary>The section of a kind with its heading for this template and prompt.</summary>
    public static LayoutSection Section(string kind, PageTemplate template, PromptFacts facts, string tone, Brief? brief = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(facts);
        return new LayoutSection(kind, Heading(kind, template, facts, tone, brief), Purposes.GetValueOrDefault(kind, "Supporting content."));
    }

    public static string Heading(string kind, PageTemplate template, PromptFacts facts, string tone, Brief? brief = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(facts);
        var brand = facts.BrandName;
        var id = template.Id;
        var playful = tone == Tones.Playful;
        return kind switch
        {
            SectionKinds.Hero => HeroHeadline(template, facts, brief),
            SectionKinds.Stats => id switch
            {
                "nonprofit" => "Our impact so far",
                "event" => $"{facts.EventName ?? "The event"} in numbers",
                _ => brand is null ? "By the numbers" : $"{brand} by the numbers",
            },
            SectionKinds.ProductGrid => facts.Occasion is { } occasion && occasion != "Sale"
                ? $"Shop the {occasion}"
                : facts.Offer is null ? (brief?.Kind == BusinessKind.Product ? "Get yours" : "Bestsellers") : "Deals worth grabbing",
            SectionKinds.Features => id switch
            {
                "ecommerce-sale" => brand is null ? "Why shop with us" : $"Why shop with {brand}",
                "saas-product" => brand is null ? "Everything your team needs" : $"Everything you need, built into {brand}",
                "event" => "Why attend",
                "restaurant" => "Why guests come back",
                "portfolio" => "Services",
                "app-launch" => brand is null ? "Why you'll love it" : $"Why you'll love {brand}",
                "nonprofit" => "How we help",
                "newsletter" => "What you'll get",
                "local-business" => brand is null ? "Our services" : $"Why choose {brand}",
                _ => "Features",
            },
            SectionKinds.HowItWorks => id == "app-launch" ? "Get started in minutes" : playful ? "Up and running in three steps" : "How it works",
            SectionKinds.Menu => "On the menu",
            SectionKinds.Schedule => facts.Dates is null ? "Agenda" : $"Agenda for {facts.Dates}",
            SectionKinds.Gallery => id switch
            {
                "portfolio" => "Selected work",
                "restaurant" => "A look inside",
                _ => "Gallery",
            },
            SectionKinds.Team => id switch
            {
                "event" => "Speakers",
                "portfolio" => "About",
                _ => "Meet the team",
            },
            SectionKinds.Pricing => id switch
            {
                "event" when brief?.Kind == BusinessKind.Course => "Fees",
                "event" => "Tickets",
                "nonprofit" => "Ways to give",
                "ecommerce-sale" when brief?.Kind == BusinessKind.Product => "Pricing",
                "ecommerce-sale" when brief?.Facts.Count > 0 => "Prices",
                "ecommerce-sale" => "Delivery and membership",
                "restaurant" => brief?.Has(BriefFactKind.Price) == true ? "Prices" : "Set menus",
                "local-business" => "Prices",
                "saas-product" => "Simple, transparent pricing",
                "app-launch" => "Plans for everyone",
                _ => "Pricing",
            },
            SectionKinds.Testimonials => id switch
            {
                "ecommerce-sale" => "What our customers say",
                "event" => "What past attendees say",
                "restaurant" => "What our guests say",
                "portfolio" => "Kind words from clients",
                "nonprofit" => "Stories of change",
                "newsletter" => "What readers say",
                "local-business" => "What our customers say",
                "app-launch" => "Loved by early users",
                _ => facts.Audience is null ? "Loved by teams everywhere" : $"Loved by {facts.Audience}",
            },
            SectionKinds.Faq => playful ? "Questions? We've got answers" : "Frequently asked questions",
            SectionKinds.Contact => id switch
            {
                "restaurant" or "local-business" => ((brief is null ? null : Offline.BriefCopy.FirstPlace(brief)) ?? (brief is null ? facts.Location : null)) is { } place ? $"Visit us in {place}" : "Visit us",
                "portfolio" => "Let's work together",
                _ => "Get in touch",
            },
            SectionKinds.NewsletterSignup => id switch
            {
                "app-launch" => "Join the waitlist",
                "newsletter" => brand is null ? "Subscribe for free" : $"Subscribe to {brand}",
                "ecommerce-sale" => "Get first dibs on the next sale",
                _ => "Stay in the loop",
            },
            SectionKinds.Cta => id switch
            {
                "ecommerce-sale" => facts.Offer is null ? "Ready to treat yourself?" : $"{Capitalize(facts.Offer)} while it lasts",
                "saas-product" => brand is null ? "Start your free trial today" : $"Start using {brand} today",
                "event" => "Save your seat",
                "restaurant" => "Book your table",
                "portfolio" => "Have a project in mind?",
                "app-launch" => brand is null ? "Be first in line" : $"Be first to try {brand}",
                "nonprofit" => "Give today",
                "newsletter" => brief?.Name is null ? "Join thousands of curious readers" : $"Join {brief.Name}",
                "local-business" => brand is null ? "Book your visit" : $"Book your visit to {brand}",
                _ => "Get started today",
            },
            SectionKinds.Footer => brand ?? template.Name,
            _ => Capitalize(kind.Replace('-', ' ')),
        };
    }

    /// <summary>The page's h1: the prompt's own headline when it gives one, otherwise written from its facts.</summary>
    public static string HeroHeadline(PageTemplate template, PromptFacts facts, Brief? brief = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Headline is { Length: > 0 } explicitHeadline)
        {
            return explicitHeadline;
        }

        if (brief is { Name: { } briefName, Category: { } category } && BriefHeadline(template, facts, brief, briefName, category) is { } briefed)
        {
            return briefed;
        }

        var brand = facts.BrandName;
        var scope = facts.OfferScope is null ? string.Empty : " " + facts.OfferScope;
        return template.Id switch
        {
            "ecommerce-sale" => (facts.Occasion is "Sale" ? null : facts.Occasion, facts.Offer) switch
            {
                ({ } occasion, { } offer) => $"{occasion}: {offer}{scope}",
                (null, { } offer) => Capitalize(offer + scope),
                ({ } occasion, null) => $"The {occasion} is on",
                _ => brand is null ? "Our biggest sale of the season" : $"The {brand} sale is on",
            },
            "event" => facts.EventName ?? (brand is null
                ? facts.Location is null ? "An event worth showing up for" : $"Join us in {facts.Location}"
                : $"{brand} live"),
            "restaurant" => RestaurantHeadline(facts),
            "portfolio" => (brand, facts.Role) switch
            {
                ({ } name, { } role) => $"{name}, {role}",
                (null, { } role) => $"{Capitalize(role)} for {facts.Audience ?? "ambitious brands"}",
                ({ } name, null) => $"Selected work by {name}",
                _ => "Design that makes people look twice",
            },
            "app-launch" => ProductHeadline(facts, "Your new favourite app is almost here"),
            "nonprofit" => facts.Mission is null
                ? brand is null ? "Small acts, lasting change" : $"Stand with {brand}"
                : $"Help us {facts.Mission}",
            "newsletter" => (facts.Topic, facts.Cadence) switch
            {
                ({ } topic, { } cadence) => $"The best of {topic}, {cadence} in your inbox",
                ({ } topic, null) => $"The smartest read on {topic}",
                _ => brand is null ? "The newsletter worth opening" : $"{brand}: the newsletter worth opening",
            },
            _ => ProductHeadline(facts, "Do your best work, faster"),
        };
    }

    /// <summary>The headline a copywriter writes from the brief: the name and what it is, or the offer for a sale.</summary>
    private static string? BriefHeadline(PageTemplate template, PromptFacts facts, Brief brief, string name, string category)
    {
        var place = Offline.BriefCopy.FirstPlace(brief);
        var named = name.Contains(category, StringComparison.OrdinalIgnoreCase);
        return brief.Kind switch
        {
            BusinessKind.Shop when facts.Offer is not null => null,
            // "DataOps Summit 2026" says more than the brief's "DataOps Summit"; "the Leeds Frontend Meetup" is only the name with its article.
            BusinessKind.Event => facts.EventName is { } eventName && eventName.Contains(name, StringComparison.Ordinal) && char.IsUpper(eventName[0]) ? eventName : name,
            BusinessKind.Product or BusinessKind.Software or BusinessKind.App => named ? $"Meet {name}" : $"Meet {name}, the {category}",
            BusinessKind.Restaurant or BusinessKind.LocalService => named
                ? place is null ? $"Welcome to {name}" : $"{name}, {place}"
                : place is null ? $"{name}: {category}" : $"{name}: {category} in {place}",
            BusinessKind.Portfolio => named ? name : $"{name}, {category}",
            BusinessKind.Nonprofit when facts.Mission is not null || template.Id != "nonprofit" => null,
            _ => named ? name : $"{name}: {category}",
        };
    }

    private static string ProductHeadline(PromptFacts facts, string fallback)
    {
        var brand = facts.BrandName;
        if (facts.Benefit is { } benefit)
        {
            if (brand is not null)
            {
                return $"{brand} {benefit}";
            }

            if (facts.Product is { } benefitProduct)
            {
                return $"The {benefitProduct} that {benefit}";
            }
        }

        return (brand, facts.Product, facts.Audience) switch
        {
            (_, { } product, { } audience) => $"The {product} built for {audience}",
            ({ } name, { } product, null) => $"Meet {name}, the {product} that just works",
            ({ } name, null, { } audience) => $"{name}: built for {audience}",
            ({ } name, null, null) => $"Meet {name}",
            (null, null, { } audience) => $"The smarter way for {audience} to work",
            _ => fallback,
        };
    }

    private static string RestaurantHeadline(PromptFacts facts)
    {
        var dish = facts.Cuisine switch
        {
            "italian" => "Wood-fired pizza and fresh pasta",
            "japanese" => "Sushi and small plates, made to order",
            "mexican" => "Tacos, mezcal and good company",
            "cafe" => "Slow coffee and fresh bakes",
            "grill" => "Fire-grilled, slow-smoked, made to share",
            "indian" => "Fragrant curries and fresh tandoor breads",
            "plant" => "Plant-based plates full of flavour",
            _ => "Seasonal plates and good company",
        };
        return facts.Location is null ? dish : $"{dish} in {facts.Location}";
    }

    internal static string Capitalize(string value) =>
        value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..];
}
