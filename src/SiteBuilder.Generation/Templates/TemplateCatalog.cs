using SiteBuilder.Generation.Sections;
using SiteBuilder.Validation.Briefs;

namespace SiteBuilder.Generation.Templates;

/// <summary>The page templates a generation can start from, chosen by id or inferred from the prompt.</summary>
public static class TemplateCatalog
{
    /// <summary>The template chosen when a prompt names nothing the catalogue recognises: a general product page.</summary>
    public const string DefaultId = "saas-product";

    public static IReadOnlyList<PageTemplate> All { get; } =
    [
        new("ecommerce-sale", "E-commerce sale", "A seasonal or flash sale with featured products and a clear offer.",
            [SectionKinds.Hero, SectionKinds.ProductGrid, SectionKinds.Features, SectionKinds.Testimonials, SectionKinds.Faq, SectionKinds.Cta, SectionKinds.Footer],
            ["sale", "% off", "percent off", "discount", "discounts", "deal", "deals", "shop", "store", "e-commerce", "ecommerce", "online store",
             "black friday", "cyber monday", "clearance", "promo", "promotion", "coupon", "free shipping", "collection", "apparel", "fashion", "retail", "bogo"]),
        new("saas-product", "SaaS product", "A software product page: features, how it works, pricing and proof.",
            [SectionKinds.Hero, SectionKinds.Features, SectionKinds.HowItWorks, SectionKinds.Stats, SectionKinds.Pricing, SectionKinds.Testimonials, SectionKinds.Faq, SectionKinds.Cta, SectionKinds.Footer],
            ["saas", "software", "platform", "dashboard", "api", "integrations", "integration", "workflow", "workflows", "b2b", "productivity", "analytics",
             "crm", "cloud", "automation", "automate", "tool", "startup", "free trial", "subscription", "teams"]),
        new("event", "Event", "A conference, meetup or festival: schedule, speakers and registration.",
            [SectionKinds.Hero, SectionKinds.Stats, SectionKinds.Schedule, SectionKinds.Team, SectionKinds.Pricing, SectionKinds.Faq, SectionKinds.Cta, SectionKinds.Footer],
            ["event", "conference", "summit", "meetup", "webinar", "workshop", "festival", "concert", "tickets", "ticket", "register", "registration",
             "rsvp", "agenda", "speakers", "expo", "gala", "hackathon", "keynote"]),
        new("restaurant", "Restaurant", "A restaurant, café or bar: menu, atmosphere, hours and reservations.",
            [SectionKinds.Hero, SectionKinds.Menu, SectionKinds.Gallery, SectionKinds.Testimonials, SectionKinds.Contact, SectionKinds.Cta, SectionKinds.Footer],
            ["restaurant", "cafe", "café", "bistro", "menu", "dining", "dinner", "brunch", "lunch", "bar", "bakery", "pizzeria", "pizza", "kitchen", "chef",
             "reservation", "reservations", "food", "coffee", "cuisine", "tasting", "eatery", "diner", "trattoria", "sushi", "tacos", "brewery", "wine bar"]),
        new("portfolio", "Portfolio", "A designer's, photographer's or studio's selected work and services.",
            [SectionKinds.Hero, SectionKinds.Gallery, SectionKinds.Features, SectionKinds.Testimonials, SectionKinds.Contact, SectionKinds.Cta, SectionKinds.Footer],
            ["portfolio", "designer", "photographer", "freelance", "freelancer", "my work", "case studies", "illustrator", "artist", "studio",
             "resume", "cv", "showcase", "architect", "filmmaker", "copywriter"]),
        new("app-launch", "App launch", "A mobile or web app launch with a waitlist and early access.",
            [SectionKinds.Hero, SectionKinds.Features, SectionKinds.HowItWorks, SectionKinds.Testimonials, SectionKinds.Faq, SectionKinds.NewsletterSignup, SectionKinds.Footer],
            ["app", "ios", "android", "mobile app", "launch", "launching", "waitlist", "wait list", "beta", "download", "app store", "google play",
             "coming soon", "early access", "pre-order", "preorder"]),
        new("nonprofit", "Nonprofit", "A charity or cause: mission, impact, stories and a donation call.",
            [SectionKinds.Hero, SectionKinds.Stats, SectionKinds.Features, SectionKinds.Testimonials, SectionKinds.Cta, SectionKinds.NewsletterSignup, SectionKinds.Footer],
            ["nonprofit", "non-profit", "charity", "donate", "donation", "donations", "volunteer", "volunteers", "foundation", "cause", "fundraiser",
             "fundraising", "ngo", "mission", "campaign", "appeal", "relief"]),
        new("newsletter", "Newsletter", "A newsletter or publication: what readers get and a signup form.",
            [SectionKinds.Hero, SectionKinds.Features, SectionKinds.Testimonials, SectionKinds.Faq, SectionKinds.NewsletterSignup, SectionKinds.Footer],
            ["newsletter", "subscribe", "subscribers", "inbox", "digest", "weekly email", "substack", "mailing list", "issue", "issues", "readers", "editorial"]),
        new("local-business", "Local business", "A studio, salon, clinic, gym, hotel or trade: services, prices, opening hours and booking.",
            [SectionKinds.Hero, SectionKinds.Features, SectionKinds.Pricing, SectionKinds.Testimonials, SectionKinds.Faq, SectionKinds.Contact, SectionKinds.Cta, SectionKinds.Footer],
            ["gym", "salon", "spa", "barber", "barbershop", "dentist", "dental", "clinic", "plumber", "electrician", "hotel", "b&b", "guesthouse",
             "yoga studio", "pilates", "appointments", "appointment", "walk-ins", "book online", "opening hours", "local"]),
    ];

    public static PageTemplate Default => Find(DefaultId)!;

    /// <summary>The template with this id (case-insensitive), or null.</summary>
    public static PageTemplate? Find(string? id) =>
        string.IsNullOrWhiteSpace(id)
            ? null
            : All.FirstOrDefault(t => string.Equals(t.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The template whose keywords the prompt uses most (phrases count double; ties go to the earlier
    /// template), or <see cref="DefaultId"/> when none match. A sale page "with a newsletter signup" stays a
    /// sale page: one mention of another template's word does not outweigh the prompt's subject.
    /// </summary>
    public static PageTemplate Infer(string? prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return Default;
        }

        // What the brief says the thing is outweighs the words around it: a scheduling tool "for restaurants" is software.
        if (ForBrief(Brief.Read(prompt)) is { } fromBrief)
        {
            return fromBrief;
        }

        var text = prompt.ToLowerInvariant();
        PageTemplate? best = null;
        var bestScore = 0;
        foreach (var template in All)
        {
            var score = 0;
            foreach (var keyword in template.Keywords)
            {
                if (Mentions(text, keyword))
                {
                    score += keyword.Contains(' ', StringComparison.Ordinal) ? 2 : 1;
                }
            }

            if (score > bestScore)
            {
                best = template;
                bestScore = score;
            }
        }

        return best ?? Default;
    }

    /// <summary>The template that fits what a brief is about (a grinder with a price is a shop page, a marathon an event), or null.</summary>
    public static PageTemplate? ForBrief(Brief brief)
    {
        ArgumentNullException.ThrowIfNull(brief);
        var id = brief.Kind switch
        {
            BusinessKind.Product => brief.Has(BriefFactKind.Price) || brief.Has(BriefFactKind.Discount) ? "ecommerce-sale" : "app-launch",
            BusinessKind.Software => "saas-product",
            BusinessKind.App => "app-launch",
            BusinessKind.Shop => "ecommerce-sale",
            BusinessKind.Event => "event",
            BusinessKind.Restaurant => "restaurant",
            BusinessKind.Portfolio => "portfolio",
            BusinessKind.Nonprofit => "nonprofit",
            BusinessKind.Newsletter => "newsletter",
            BusinessKind.LocalService => "local-business",
            BusinessKind.Course => brief.Has(BriefFactKind.Date) ? "event" : "local-business",
            _ => null,
        };
        return Find(id);
    }

    internal static bool Mentions(string lowerText, string phrase)
    {
        var index = 0;
        while ((index = lowerText.IndexOf(phrase, index, StringComparison.Ordinal)) >= 0)
        {
            var end = index + phrase.Length;
            var startsClean = index == 0 || !char.IsLetterOrDigit(phrase[0]) || !char.IsLetterOrDigit(lowerText[index - 1]);
            var endsClean = end == lowerText.Length || !char.IsLetterOrDigit(lowerText[end]);
            if (startsClean && endsClean)
            {
                return true;
            }

            index = end;
        }

        return false;
    }
}
