using System.Globalization;
using SiteBuilder.Generation.Prompts;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Validation.Briefs;

namespace SiteBuilder.Generation.Offline;

/// <summary>What every section renderer reads: the design, the palette and a few derived choices.</summary>
internal sealed class PageContext
{
    public PageContext(PageDesign design, string? logoDataUri)
    {
        Design = design;
        Template = design.Template;
        Facts = design.Facts;
        Theme = design.Theme;
        Palette = PagePalette.From(design.Theme, design.Hero);
        Sections = design.Sections;
        Brief = design.Brief ?? Brief.Empty;
        Brand = Facts.BrandName ?? Facts.EventName ?? Brief.Name ?? "Your Brand";
        Logo = logoDataUri;
        Kinds = Sections.Select(s => s.Kind).ToHashSet(StringComparer.Ordinal);
        PrimaryAction = design.CtaLabel ?? DefaultAction();
    }

    public PageDesign Design { get; }

    /// <summary>What the original prompt says; <see cref="Brief.Empty"/> for a design written before briefs were read.</summary>
    public Brief Brief { get; }

    public BusinessKind Kind => Brief.Kind;

    /// <summary>The brief gives enough to write the page from it rather than from the template's stock lines.</summary>
    public bool Briefed => Brief.Points.Count > 0 || Brief.Facts.Count > 0;
    public PageTemplate Template { get; }
    public PromptFacts Facts { get; }
    public Theme Theme { get; }
    public PagePalette Palette { get; }
    public IReadOnlyList<LayoutSection> Sections { get; }
    public string Brand { get; }
    public string? Logo { get; }
    public string PrimaryAction { get; }
    private HashSet<string> Kinds { get; }

    public string Id => Template.Id;

    public bool Has(string kind) => Kinds.Contains(kind);

    /// <summary>A link to the first of these sections the page has, or to the top of the page.</summary>
    public string Anchor(params ReadOnlySpan<string> kinds)
    {
        foreach (var kind in kinds)
        {
            if (Has(kind))
            {
                return "#" + kind;
            }
        }

        return "#top";
    }

    /// <summary>Where the primary call to action leads.</summary>
    public string PrimaryTarget => Id switch
    {
        "ecommerce-sale" => Anchor(SectionKinds.ProductGrid, SectionKinds.Cta),
        "saas-product" => Anchor(SectionKinds.Pricing, SectionKinds.NewsletterSignup, SectionKinds.Cta),
        "event" => Anchor(SectionKinds.Pricing, SectionKinds.NewsletterSignup, SectionKinds.Cta),
        "restaurant" => Anchor(SectionKinds.Contact, SectionKinds.Menu, SectionKinds.Cta),
        "portfolio" => Anchor(SectionKinds.Contact, SectionKinds.Cta),
        "app-launch" => Anchor(SectionKinds.NewsletterSignup, SectionKinds.Pricing, SectionKinds.Cta),
        "nonprofit" => Anchor(SectionKinds.Pricing, SectionKinds.Cta, SectionKinds.NewsletterSignup),
        "newsletter" => Anchor(SectionKinds.NewsletterSignup, SectionKinds.Cta),
        "local-business" => Anchor(SectionKinds.Contact, SectionKinds.Pricing, SectionKinds.Cta),
        _ => Anchor(SectionKinds.Cta),
    };

    private string DefaultAction() => Id switch
    {
        "ecommerce-sale" when Kind == BusinessKind.Product && !Brief.Has(BriefFactKind.Discount) => "Order now",
        "ecommerce-sale" => "Shop the sale",
        "saas-product" => "Start free trial",
        "event" when Kind == BusinessKind.Course => "Book a place",
        "event" => "Get tickets",
        "restaurant" => "Book a table",
        "portfolio" => "Start a project",
        "app-launch" => "Join the waitlist",
        "nonprofit" => "Donate now",
        "newsletter" => "Subscribe free",
        "local-business" => "Book now",
        _ => Kind switch
        {
            BusinessKind.Product => "Order now",
            BusinessKind.Course => "Enrol now",
            _ => "Get started",
        },
    };

    public string NavLabel(string kind) => kind switch
    {
        SectionKinds.ProductGrid => "Shop",
        SectionKinds.Features => Id switch
        {
            "portfolio" => "Services",
            "nonprofit" => "Our work",
            "event" => "Why attend",
            "newsletter" => "What you get",
            "restaurant" => "About",
            "ecommerce-sale" => "Why us",
            "local-business" => "Services",
            _ when Briefed => "Details",
            _ => "Features",
        },
        SectionKinds.HowItWorks => "How it works",
        SectionKinds.Menu => "Menu",
        SectionKinds.Schedule => "Agenda",
        SectionKinds.Gallery => Id == "portfolio" ? "Work" : "Gallery",
        SectionKinds.Team => Id == "event" ? "Speakers" : Id == "portfolio" ? "About" : "Team",
        SectionKinds.Pricing => Id switch
        {
            "event" => Kind == BusinessKind.Course ? "Fees" : "Tickets",
            "nonprofit" => "Give",
            "ecommerce-sale" when Kind == BusinessKind.Product => "Pricing",
            "ecommerce-sale" when Brief.Facts.Count > 0 => "Prices",
            "ecommerce-sale" => "Delivery",
            "restaurant" => Brief.Has(BriefFactKind.Price) ? "Prices" : "Set menus",
            "local-business" => "Prices",
            _ => "Pricing",
        },
        SectionKinds.Testimonials => Id == "nonprofit" ? "Stories" : "Reviews",
        SectionKinds.Faq => "FAQ",
        SectionKinds.Contact => Id is "restaurant" or "local-business" ? "Visit" : "Contact",
        SectionKinds.NewsletterSignup => Id == "app-launch" ? "Waitlist" : "Subscribe",
        SectionKinds.Stats => Id == "nonprofit" ? "Impact" : "Numbers",
        SectionKinds.Cta => "Get started",
        _ => LayoutAgent.Capitalize(kind.Replace('-', ' ')),
    };

    /// <summary>The sections worth a place in the header navigation, at most four.</summary>
    public IEnumerable<LayoutSection> NavSections(int max) =>
        Sections.Where(s => s.Kind is not (SectionKinds.Hero or SectionKinds.Footer or SectionKinds.Cta or SectionKinds.Stats)).Take(max);

    public string Money(decimal amount)
    {
        var format = amount == decimal.Truncate(amount) ? "#,0" : "#,0.00";
        return Facts.Currency + amount.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>"on June 1–15" for a calendar date, "this weekend only" as it is.</summary>
    public static string DatePhrase(string dates) =>
        dates.Length == 0 ? dates : char.IsDigit(dates[0]) || MonthStart(dates) ? "on " + dates : dates.ToLowerInvariant();

    private static bool MonthStart(string dates)
    {
        string[] months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        return months.Any(m => dates.StartsWith(m, StringComparison.OrdinalIgnoreCase));
    }
}
