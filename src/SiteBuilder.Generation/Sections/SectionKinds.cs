namespace SiteBuilder.Generation.Sections;

/// <summary>The section kinds the layout agent plans and the offline composer renders.</summary>
public static class SectionKinds
{
    public const string Hero = "hero";
    public const string Stats = "stats";
    public const string ProductGrid = "product-grid";
    public const string Features = "features";
    public const string HowItWorks = "how-it-works";
    public const string Menu = "menu";
    public const string Schedule = "schedule";
    public const string Gallery = "gallery";
    public const string Team = "team";
    public const string Pricing = "pricing";
    public const string Testimonials = "testimonials";
    public const string Faq = "faq";
    public const string Contact = "contact";
    public const string NewsletterSignup = "newsletter-signup";
    public const string Cta = "cta";
    public const string Footer = "footer";

    /// <summary>Every kind in the order a page puts them when a prompt adds one: hero first, footer last.</summary>
    public static IReadOnlyList<string> CanonicalOrder { get; } =
    [
        Hero, Stats, ProductGrid, Features, HowItWorks, Menu, Schedule, Gallery, Team,
        Pricing, Testimonials, Faq, Contact, NewsletterSignup, Cta, Footer,
    ];

    public static bool IsKnown(string kind) => CanonicalOrder.Contains(kind, StringComparer.Ordinal);

    /// <summary>Hero holds the page's one h1 and footer its contentinfo landmark, so neither is removed.</summary>
    public static bool IsRequired(string kind) => kind is Hero or Footer;

    public static int Rank(string kind)
    {
        for (var i = 0; i < CanonicalOrder.Count; i++)
        {
            if (CanonicalOrder[i] == kind)
            {
                return i;
            }
        }

        return CanonicalOrder.Count;
    }

    /// <summary>Words and phrases a marketer uses for each kind, longest first within a kind.</summary>
    internal static IReadOnlyList<(string Phrase, string Kind)> Synonyms { get; } = BuildSynonyms();

    private static List<(string, string)> BuildSynonyms()
    {
        var table = new Dictionary<string, string[]>
        {
            [Hero] = ["hero section", "hero banner", "hero image", "hero", "banner"],
            [Stats] = ["stats section", "statistics", "stats", "key numbers", "by the numbers", "impact numbers"],
            [ProductGrid] = ["product grid", "product gallery", "product list", "product listing", "product cards", "products", "catalogue", "catalog"],
            [Features] = ["feature list", "features", "benefits", "perks", "why choose us", "why us", "services"],
            [HowItWorks] = ["how it works", "how-it-works", "steps"],
            [Menu] = ["food menu", "drinks menu", "menu", "dishes"],
            [Schedule] = ["schedule", "agenda", "timetable", "itinerary", "line-up", "lineup", "programme"],
            [Gallery] = ["photo gallery", "image gallery", "gallery", "photos", "showcase", "case studies", "selected work", "our work", "portfolio grid"],
            [Team] = ["speaker line-up", "speaker lineup", "our speakers", "our team", "the team", "team", "founders", "staff"],
            [Pricing] = ["pricing table", "pricing plans", "pricing", "price plans", "plans", "tiers", "tickets", "ticket options"],
            [Testimonials] = ["testimonials", "testimonial", "reviews", "customer stories", "social proof", "success stories"],
            [Faq] = ["frequently asked questions", "faqs", "faq", "q&a", "questions"],
            [Contact] = ["contact section", "contact details", "contact us", "contact", "opening hours", "address", "visit us", "map", "find us"],
            [NewsletterSignup] = ["newsletter signup", "newsletter sign-up", "newsletter sign up", "email signup", "email sign-up", "signup form", "sign-up form", "sign up form", "mailing list", "waitlist", "wait list", "subscribe form", "newsletter"],
            [Cta] = ["call to action", "call-to-action", "cta"],
            [Footer] = ["footer"],
        };

        return table
            .SelectMany(pair => pair.Value.Select(phrase => (phrase, pair.Key)))
            .OrderByDescending(entry => entry.phrase.Length)
            .ToList();
    }
}
