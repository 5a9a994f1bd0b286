using System.Text.RegularExpressions;
using System.Text;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Validation.Briefs;
using static SiteBuilder.Generation.Offline.Markup;

namespace SiteBuilder.Generation.Offline;

/// <summary>
/// One renderer per section kind. Each writes a <c>&lt;section id="{kind}" aria-labelledby="{kind}-title"&gt;</c>
/// with an h2 (the hero: the page's only h1) and h3s below it, so headings never skip a level.
/// </summary>
internal static partial class SectionLibrary
{
    public static void Write(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        switch (section.Kind)
        {
            case SectionKinds.Hero: Hero(html, page, section); break;
            case SectionKinds.Stats: Stats(html, page, section, alternate); break;
            case SectionKinds.ProductGrid: Products(html, page, section, alternate); break;
            case SectionKinds.Features: Features(html, page, section, alternate); break;
            case SectionKinds.HowItWorks: Steps(html, page, section, alternate); break;
            case SectionKinds.Menu: Menu(html, page, section, alternate); break;
            case SectionKinds.Schedule: Agenda(html, page, section, alternate); break;
            case SectionKinds.Gallery: Gallery(html, page, section, alternate); break;
            case SectionKinds.Team: Team(html, page, section, alternate); break;
            case SectionKinds.Pricing: Pricing(html, page, section, alternate); break;
            case SectionKinds.Testimonials: Testimonials(html, page, section, alternate); break;
            case SectionKinds.Faq: Faq(html, page, section, alternate); break;
            case SectionKinds.Contact: Contact(html, page, section, alternate); break;
            case SectionKinds.NewsletterSignup: Signup(html, page, section, alternate); break;
            case SectionKinds.Cta: CallToAction(html, page, section); break;
            case SectionKinds.Footer: Footer(html, page); break;
            default: throw new ArgumentOutOfRangeException(nameof(section), section.Kind, "No renderer for this section kind.");
        }
    }

    private static void Open(StringBuilder html, PageContext page, LayoutSection section, bool alternate, bool withLead = true)
    {
        var kind = section.Kind;
        html.Append("\n<section id=\"").Append(kind).Append("\" class=\"section section-").Append(kind)
            .Append(alternate ? " section-alt" : string.Empty).Append("\" aria-labelledby=\"").Append(kind).Append("-title\">")
            .Append("<div class=\"container\"><div class=\"section-head\">")
            .Append("<p class=\"eyebrow\">").Append(Text(page.NavLabel(kind))).Append("</p>")
            .Append("<h2 id=\"").Append(kind).Append("-title\">").Append(Text(section.Heading)).Append("</h2>");
        if (withLead && Copy.SectionLead(page, kind) is { } lead)
        {
            html.Append("<p class=\"section-lead\">").Append(Text(lead)).Append("</p>");
        }

        html.Append("</div>");
    }

    private static void Close(StringBuilder html) => html.Append("</div></section>");

    private static void Hero(StringBuilder html, PageContext page, LayoutSection section)
    {
        html.Append("\n<section id=\"hero\" class=\"hero hero-").Append(page.Design.Hero.ToString().ToLowerInvariant())
            .Append("\" aria-labelledby=\"hero-title\"><div class=\"container hero-grid\"><div class=\"hero-copy\">")
            .Append("<p class=\"hero-chip\">").Append(Text(Copy.HeroChip(page))).Append("</p>")
            .Append("<h1 id=\"hero-title\">").Append(Text(section.Heading)).Append("</h1>")
            .Append("<p class=\"lead\">").Append(Text(Copy.HeroLead(page))).Append("</p>")
            .Append("<div class=\"hero-actions\"><a class=\"btn btn-primary\" href=\"").Append(page.PrimaryTarget).Append("\">")
            .Append(Text(page.PrimaryAction)).Append("</a>");
        var secondary = page.NavSections(8).FirstOrDefault(s => "#" + s.Kind != page.PrimaryTarget);
        if (secondary is not null)
        {
            html.Append("<a class=\"btn btn-outline\" href=\"#").Append(secondary.Kind).Append("\">")
                .Append(Text(Copy.SecondaryLabel(page, secondary.Kind))).Append("</a>");
        }

        html.Append("</div><ul class=\"hero-note\">");
        foreach (var note in Copy.HeroNotes(page))
        {
            html.Append("<li>").Append(Text(note)).Append("</li>");
        }

        html.Append("</ul></div>");
        HeroArt(html, page);
        html.Append("</div></section>");
    }

    /// <summary>The illustration beside the headline. It repeats facts already in the copy, so it is hidden from assistive technology.</summary>
    private static void HeroArt(StringBuilder html, PageContext page)
    {
        var f = page.Facts;
        html.Append("<div class=\"hero-art\" aria-hidden=\"true\">");
        switch (page.Id)
        {
            case var _ when page.Briefed && page.Kind is BusinessKind.Product or BusinessKind.LocalService or BusinessKind.Nonprofit:
                BriefArt(html, page);
                break;
            case "ecommerce-sale":
            {
                var (big, small) = f switch
                {
                    { DiscountPercent: { } p } => ($"{p}%", ("off " + (f.OfferScope ?? (page.Briefed ? SaleScope(page) : "everything"))).TrimEnd()),
                    { Offer: { } o } when o.StartsWith("Buy", StringComparison.Ordinal) => ("2 for 1", "on selected styles"),
                    { Offer: { } o } when o.EndsWith(" off", StringComparison.Ordinal) => (o[..^4], "off " + (f.OfferScope ?? "your order")),
                    _ => ("New", "season favourites"),
                };
                html.Append("<div class=\"art-card art-stack\"><p class=\"art-muted\">")
                    .Append(Text(f.Occasion is { } o2 && o2 != "Sale" ? o2 : "The sale")).Append(f.DiscountPercent is not null && f.Offer?.StartsWith("Up", StringComparison.Ordinal) == true ? " · up to" : string.Empty)
                    .Append("</p><p class=\"art-big\">").Append(Text(big)).Append("</p><p class=\"art-strong\">").Append(Text(small)).Append("</p>")
                    .Append("<div class=\"art-row\"><span class=\"badge\">").Append(Text(f.Dates ?? "Ends soon")).Append("</span><span class=\"art-muted\">While stock lasts</span></div></div>")
                    ;
                SaleFloat(html, page);
                break;
            }

            case "event":
                html.Append("<div class=\"art-card ticket art-stack\"><div class=\"art-row\"><p class=\"art-muted\">Admit one</p><span class=\"badge\">")
                    .Append(Text(BriefCopy.FirstDate(page) ?? f.Dates ?? "Save the date")).Append("</span></div><p class=\"art-strong\">").Append(Text(f.EventName ?? page.Brand)).Append("</p><p class=\"art-muted\">")
                    .Append(Text(BriefCopy.FirstPlace(page) ?? f.Location ?? "Venue announced soon")).Append("</p>");
                Art.Barcode(html);
                // "Limited places" is a claim a brief has to make; a briefed page's ticket just says to book.
                html.Append("</div><div class=\"art-card art-float\"><p class=\"art-strong\">").Append(page.Briefed ? "Your place" : "Limited places")
                    .Append("</p><p class=\"art-muted\">").Append(page.Briefed ? "Book yours today" : "Early-bird pricing now").Append("</p></div>");
                break;
            case "restaurant":
                html.Append("<div class=\"art-card\">");
                Art.Plate(html);
                // A briefed page claims no walk-in policy its brief did not state.
                html.Append("</div><div class=\"art-card art-float\"><p class=\"art-strong\">Reservations open</p><p class=\"art-muted\">")
                    .Append(page.Briefed ? "Book online" : "Walk-ins always welcome").Append("</p></div>");
                break;
            case "portfolio":
                html.Append("<div class=\"art-card art-stack\"><div class=\"art-tiles\">");
                foreach (var tile in new[] { 0, 2, 3, 5 })
                {
                    Art.Tile(html, tile);
                }

                html.Append("</div><p class=\"art-strong\">").Append(Text(page.Brand)).Append("</p><p class=\"art-muted\">").Append(page.Briefed ? "Selected work" : "Selected work, 2019 to today").Append("</p></div>")
                    .Append("<div class=\"art-card art-float\"><p class=\"art-strong\">Available</p><p class=\"art-muted\">for new projects</p></div>");
                break;
            case "nonprofit":
                html.Append("<div class=\"art-card art-stack\"><p class=\"art-muted\">Raised so far this year</p><p class=\"art-big art-money\">")
                    .Append(Text(page.Money(48250))).Append("</p><div class=\"art-bar\"><span></span></div><p class=\"art-muted\">64% of our ")
                    .Append(Text(page.Money(75000))).Append(" goal</p></div><div class=\"art-card art-float\"><p class=\"art-strong\">1,240 supporters</p><p class=\"art-muted\">joined this month</p></div>");
                break;
            case "newsletter":
                html.Append("<div class=\"art-card art-stack\"><div class=\"art-row\"><p class=\"art-strong\">").Append(Text(page.Brand))
                    .Append("</p><span class=\"badge\">").Append(page.Briefed ? "Latest issue" : "Issue 42").Append("</span></div><p class=\"art-muted\">")
                    .Append(Text(f.Topic is null ? "This week: the ideas worth your time" : $"This week in {f.Topic}")).Append("</p>");
                Art.Lines(html, 6);
                html.Append("</div><div class=\"art-card art-float\"><p class=\"art-strong\">5-minute read</p><p class=\"art-muted\">")
                    .Append(Text(f.Cadence is null ? "straight to your inbox" : $"{f.Cadence}, in your inbox")).Append("</p></div>");
                break;
            case var _ when page.Briefed && page.Kind is not (BusinessKind.Software or BusinessKind.App or BusinessKind.Unknown):
                BriefArt(html, page);
                break;
            case var _ when page.Briefed:
                BriefArt(html, page, chart: true);
                break;
            default:
                html.Append("<div class=\"art-card art-stack\"><div class=\"art-row\"><p class=\"art-strong\">").Append(Text(page.Brand))
                    .Append("</p><span class=\"badge\">Live</span></div><div class=\"art-row\"><p class=\"art-muted\">")
                    .Append(page.Id == "app-launch" ? "Your week" : "Team velocity").Append("</p><p class=\"art-strong\">+38%</p></div>");
                Art.Chart(html);
                html.Append("</div><div class=\"art-card art-float\"><p class=\"art-strong\">")
                    .Append(page.Id == "app-launch" ? "Daily streak: 21" : "128 tasks done").Append("</p><p class=\"art-muted\">")
                    .Append(page.Id == "app-launch" ? "Keep it going" : "this week, automatically").Append("</p></div>");
                break;
        }

        html.Append("</div>");
    }

    /// <summary>What the brief's reduction is on, as the sale card says it: "hiking and camping gear", "jackets and boots".</summary>
    private static string SaleScope(PageContext page) =>
        BriefCopy.SaleLines(page) is { Count: > 0 } lines && lines.Count <= 2 && page.Brief.Category is { } category && !lines.Contains(BriefCopy.Capitalize(category))
            ? string.Join(" and ", lines).ToLowerInvariant()
            : string.Empty;

    /// <summary>The sale card's corner: the brief's free shipping or returns with its threshold, never a claim it did not make.</summary>
    private static void SaleFloat(StringBuilder html, PageContext page)
    {
        var f = page.Facts;
        string? offer = f.FreeShipping ? "Free shipping" : "Free returns", terms = "on every order";
        if (page.Briefed)
        {
            offer = page.Brief.OfKind(BriefFactKind.Offer).Select(o => o.Text).FirstOrDefault(o => o.StartsWith("free ", StringComparison.OrdinalIgnoreCase));
            var threshold = page.Brief.OfKind(BriefFactKind.Price).FirstOrDefault(p => p.Label is { } l && l.EndsWith("over", StringComparison.OrdinalIgnoreCase));
            terms = threshold is null ? string.Empty : $"on orders over {threshold.Text}";
        }

        if (offer is null)
        {
            return;
        }

        html.Append("<div class=\"art-card art-float\"><p class=\"art-strong\">").Append(Text(BriefCopy.Capitalize(offer))).Append("</p>");
        if (terms.Length > 0)
        {
            html.Append("<p class=\"art-muted\">").Append(Text(terms)).Append("</p>");
        }

        html.Append("</div>");
    }

    /// <summary>A card of the brief's own facts: the name, what it is, and its first price, date or place.</summary>
    private static void BriefArt(StringBuilder html, PageContext page, bool chart = false)
    {
        var badge = page.Brief.Facts.FirstOrDefault(x => x.Kind is BriefFactKind.Price or BriefFactKind.Discount or BriefFactKind.Date or BriefFactKind.Place)?.Text;
        html.Append("<div class=\"art-card art-stack\"><div class=\"art-row\"><p class=\"art-strong\">").Append(Text(page.Brand)).Append("</p>");
        if (badge is not null)
        {
            html.Append("<span class=\"badge\">").Append(Text(badge)).Append("</span>");
        }

        html.Append("</div><p class=\"art-muted\">").Append(Text(BriefCopy.Capitalize(page.Brief.Category ?? page.Template.Name))).Append("</p>");
        if (chart)
        {
            Art.Chart(html);
        }
        else
        {
            Art.Lines(html, 4);
        }

        html.Append("</div>");
    }

    private static void Stats(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        Open(html, page, section, alternate);
        html.Append("<dl class=\"stats\">");
        foreach (var stat in Copy.Stats(page))
        {
            html.Append("<div class=\"stat\"><dt>").Append(Text(stat.Label)).Append("</dt><dd>").Append(Text(stat.Value)).Append("</dd></div>");
        }

        html.Append("</dl>");
        Close(html);
    }

    private static void Products(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        Open(html, page, section, alternate);
        if (page.Briefed && page.Kind == BusinessKind.Product && BriefCopy.Tiers(page) is { Count: > 0 } offers)
        {
            BriefProducts(html, page, offers);
            FinePrint(html, page, offers);
            Close(html);
            return;
        }

        if (page.Briefed && BriefCopy.SaleLines(page) is { Count: > 0 } lines)
        {
            SaleCards(html, page, lines);
            FinePrint(html, page, [], BriefCopy.Reduction(page.Brief)?.Text);
            Close(html);
            return;
        }

        // A brief that names no product, price or reduction still gets no sample product with a made-up price: its prices as
        // cards, or one card for what it is.
        if (page.Briefed)
        {
            var tiers = BriefCopy.Tiers(page);
            BriefProducts(html, page, tiers.Count > 0 ? tiers : [new Tier(page.Brand, string.Empty, string.Empty, string.Empty, [], true, page.PrimaryAction)]);
            FinePrint(html, page, tiers);
            Close(html);
            return;
        }

        var f = page.Facts;
        html.Append("<div class=\"grid\">");
        for (var i = 0; i < Copy.BasePrices.Length; i++)
        {
            var name = Copy.ProductName(page, i);
            var price = Copy.BasePrices[i];
            var badge = f.DiscountPercent is { } percent ? $"−{percent}%" : i == 0 ? "Bestseller" : i == 2 ? "New" : null;
            html.Append("<article class=\"card product\"><div class=\"product-art\">");
            Art.Product(html, i);
            if (badge is not null)
            {
                html.Append("<span class=\"badge badge-corner\">").Append(Text(badge)).Append("</span>");
            }

            html.Append("</div><div class=\"product-body\"><h3>").Append(Text(name)).Append("</h3><p class=\"price\">");
            if (f.DiscountPercent is { } p && p is > 0 and < 100)
            {
                var sale = decimal.Round(price * (100 - p) / 100m, 2);
                html.Append("<span class=\"price-now\"><span class=\"sr-only\">Now </span>").Append(Text(page.Money(sale))).Append("</span>")
                    .Append("<s class=\"price-was\"><span class=\"sr-only\">was </span>").Append(Text(page.Money(price))).Append("</s>");
            }
            else
            {
                html.Append("<span class=\"price-now\">").Append(Text(page.Money(price))).Append("</span>");
            }

            html.Append("</p><a class=\"btn btn-primary btn-small\" href=\"").Append(page.Anchor(SectionKinds.Cta, SectionKinds.NewsletterSignup))
                .Append("\">Shop <span class=\"sr-only\">").Append(Text(name)).Append("</span></a></div></article>");
        }

        html.Append("</div>");
        FinePrint(html, page, []);
        Close(html);
    }

    /// <summary>A card per line on sale, with the brief's reduction and deadline: no product or price the brief did not name.</summary>
    private static void SaleCards(StringBuilder html, PageContext page, IReadOnlyList<string> lines)
    {
        // A refinement that changes the discount restates the brief (Refinement.Restate), so its reduction is the page's.
        var brief = page.Brief;
        var discount = BriefCopy.Capitalize(BriefCopy.Reduction(brief)!.Text);
        var until = brief.Facts.FirstOrDefault(x => x.Kind is BriefFactKind.Deadline or BriefFactKind.Date)?.Text;
        var when = until is null ? null
            : until.StartsWith("until", StringComparison.OrdinalIgnoreCase) || until.Contains(" only", StringComparison.OrdinalIgnoreCase) || RangeRegex().IsMatch(until)
                ? BriefCopy.Capitalize(until)
                : $"Until {until}";
        // One or two cards stay card-sized, side by side in the middle, rather than stretching across the page.
        html.Append(lines.Count < 3 ? "<div class=\"grid grid-few\">" : "<div class=\"grid\">");
        for (var i = 0; i < lines.Count; i++)
        {
            html.Append("<article class=\"card product\"><div class=\"product-art\">");
            Art.Product(html, i);
            html.Append("<span class=\"badge badge-corner\">").Append(Text(discount)).Append("</span></div><div class=\"product-body\"><h3>")
                .Append(Text(lines[i])).Append("</h3><p class=\"price\"><span class=\"price-now\">").Append(Text(discount)).Append("</span></p>");
            if (when is not null)
            {
                html.Append("<p class=\"muted\">").Append(Text(when)).Append("</p>");
            }

            html.Append("<a class=\"btn btn-primary btn-small\" href=\"").Append(page.Anchor(SectionKinds.Cta, SectionKinds.NewsletterSignup))
                .Append("\">Shop <span class=\"sr-only\">").Append(Text(lines[i])).Append("</span></a></div></article>");
        }

        html.Append("</div>");
    }

    /// <summary>The product itself at the brief's prices: one card per price the brief gives it.</summary>
    private static void BriefProducts(StringBuilder html, PageContext page, IReadOnlyList<Tier> offers)
    {
        html.Append(offers.Count < 3 ? "<div class=\"grid grid-few\">" : "<div class=\"grid\">");
        var index = 0;
        foreach (var offer in offers)
        {
            var name = offer.Name == page.Brand ? $"{page.Brand} {page.Brief.Category}".Trim() : $"{page.Brand}: {offer.Name}";
            html.Append("<article class=\"card product\"><div class=\"product-art\">");
            Art.Product(html, index++);
            html.Append("</div><div class=\"product-body\"><h3>").Append(Text(name)).Append("</h3>");
            if (offer.Price.Length > 0)
            {
                html.Append("<p class=\"price\"><span class=\"price-now\">").Append(Text(offer.Price)).Append("</span>");
                if (offer.Period.Length > 0)
                {
                    html.Append(' ').Append(Text(offer.Period));
                }

                html.Append("</p>");
            }

            if (offer.Summary.Length > 0)
            {
                html.Append("<p class=\"muted\">").Append(Text(offer.Summary)).Append("</p>");
            }

            html.Append("<a class=\"btn btn-primary btn-small\" href=\"").Append(page.Anchor(SectionKinds.Cta, SectionKinds.NewsletterSignup))
                .Append("\">").Append(Text(page.PrimaryAction)).Append(" <span class=\"sr-only\">").Append(Text(name)).Append("</span></a></div></article>");
        }

        html.Append("</div>");
    }

    private static void Features(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        Open(html, page, section, alternate);
        var features = Copy.Features(page);
        // Three a row for three, five or six cards (five in fours leaves one alone on its row).
        html.Append("<div class=\"grid").Append(features.Length is 3 or 5 or 6 ? " grid-wide" : string.Empty).Append("\">");
        foreach (var feature in features)
        {
            html.Append("<article class=\"card\"><div class=\"icon\">");
            Art.Icon(html, feature.Icon);
            html.Append("</div><h3>").Append(Text(feature.Title)).Append("</h3>");
            if (feature.Text.Length > 0)
            {
                html.Append("<p class=\"muted\">").Append(Text(feature.Text)).Append("</p>");
            }

            html.Append("</article>");
        }

        html.Append("</div>");
        Close(html);
    }

    private static void Steps(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        Open(html, page, section, alternate);
        html.Append("<ol class=\"grid grid-wide steps\">");
        var number = 1;
        foreach (var step in Copy.Steps(page))
        {
            html.Append("<li class=\"card\"><span class=\"step-number\" aria-hidden=\"true\">").Append(number++).Append("</span><h3>")
                .Append(Text(step.Title)).Append("</h3><p class=\"muted\">").Append(Text(step.Text)).Append("</p></li>");
        }

        html.Append("</ol>");
        Close(html);
    }

    private static void Menu(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        Open(html, page, section, alternate);
        html.Append("<div class=\"menu-grid\">");
        foreach (var course in Copy.Menu(page))
        {
            html.Append("<div class=\"menu-course\"><h3>").Append(Text(course.Title)).Append("</h3><ul class=\"dishes\">");
            foreach (var dish in course.Dishes)
            {
                html.Append("<li class=\"dish\"><div class=\"dish-line\"><span>").Append(Text(dish.Name)).Append("</span>");
                if (dish.Price is { } price)
                {
                    html.Append("<span class=\"dish-price\">").Append(Text(page.Money(price))).Append("</span>");
                }

                html.Append("</div><p>").Append(Text(dish.Description)).Append("</p></li>");
            }

            html.Append("</ul></div>");
        }

        html.Append("</div>");
        Close(html);
    }

    private static void Agenda(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        Open(html, page, section, alternate);
        html.Append("<ol class=\"schedule\">");
        foreach (var slot in Copy.Agenda(page))
        {
            html.Append("<li class=\"slot\"><time datetime=\"").Append(slot.Time).Append("\">").Append(slot.Time).Append("</time><h3>")
                .Append(Text(slot.Title)).Append("</h3><p class=\"muted\">").Append(Text(slot.Detail)).Append("</p></li>");
        }

        html.Append("</ol>");
        Close(html);
    }

    private static void Gallery(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        Open(html, page, section, alternate);
        html.Append("<div class=\"gallery\">");
        var index = 0;
        foreach (var caption in Copy.Captions(page))
        {
            html.Append("<figure class=\"tile\">");
            Art.Tile(html, index++);
            html.Append("<figcaption>").Append(Text(caption.Title));
            if (caption.Detail.Length > 0)
            {
                html.Append("<span>").Append(Text(caption.Detail)).Append("</span>");
            }

            html.Append("</figcaption></figure>");
        }

        html.Append("</div>");
        Close(html);
    }

    private static void Team(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        Open(html, page, section, alternate);
        html.Append("<div class=\"grid\">");
        var index = 0;
        foreach (var person in Copy.People(page))
        {
            // A placeholder shows an empty, dashed avatar: no initials of a person who does not exist.
            if (person.Placeholder)
            {
                html.Append("<article class=\"card placeholder\"><span class=\"avatar avatar-large avatar-placeholder\" aria-hidden=\"true\"></span>");
            }
            else
            {
                html.Append("<article class=\"card\"><span class=\"avatar avatar-large").Append(index++ % 2 == 1 ? " avatar-alt" : string.Empty)
                    .Append("\" aria-hidden=\"true\">").Append(Text(Initials(person.Name))).Append("</span>");
            }

            html.Append("<h3>").Append(Text(person.Name)).Append("</h3>");
            if (person.Role.Length > 0)
            {
                html.Append("<p class=\"eyebrow\">").Append(Text(person.Role)).Append("</p>");
            }

            if (person.Bio.Length > 0)
            {
                html.Append("<p class=\"muted\">").Append(Text(person.Bio)).Append("</p>");
            }

            html.Append("</article>");
        }

        html.Append("</div>");
        Close(html);
    }

    private static void Pricing(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        Open(html, page, section, alternate);
        var tiers = Copy.Tiers(page);
        html.Append(tiers.Length < 3 ? "<div class=\"grid grid-few\">" : "<div class=\"grid grid-wide\">");
        foreach (var tier in tiers)
        {
            html.Append("<article class=\"card pricing-card").Append(tier.Featured ? " featured" : string.Empty).Append("\">");
            if (tier.Featured && tiers.Length > 1)
            {
                html.Append("<span class=\"badge badge-primary\">Most popular</span>");
            }

            html.Append("<h3>").Append(Text(tier.Name)).Append("</h3><p class=\"muted\">").Append(Text(tier.Summary)).Append("</p>")
                .Append("<p class=\"amount\">").Append(Text(tier.Price)).Append(" <span>").Append(Text(tier.Period)).Append("</span></p><ul class=\"checklist\">");
            foreach (var item in tier.Includes)
            {
                html.Append("<li>");
                Art.Icon(html, "check", 20);
                html.Append("<span>").Append(Text(item)).Append("</span></li>");
            }

            html.Append("</ul><a class=\"btn ").Append(tier.Featured ? "btn-primary" : "btn-outline").Append(" btn-block\" href=\"")
                .Append(page.Anchor(SectionKinds.NewsletterSignup, SectionKinds.Cta, SectionKinds.Contact)).Append("\">").Append(Text(tier.Action)).Append("</a></article>");
        }

        html.Append("</div>");
        FinePrint(html, page, tiers);
        Close(html);
    }

    /// <summary>The brief's other price lines (a threshold, a second offer) under the prices, so every price the brief gives is in one place.</summary>
    private static void FinePrint(StringBuilder html, PageContext page, IEnumerable<Tier> tiers, string? onTheCards = null)
    {
        if (!page.Briefed)
        {
            return;
        }

        var lines = BriefCopy.PricePoints(page, tiers, onTheCards);
        if (lines.Count > 0)
        {
            html.Append("<ul class=\"fine-print\">");
            foreach (var line in lines)
            {
                html.Append("<li>").Append(Text(line)).Append("</li>");
            }

            html.Append("</ul>");
        }
    }

    /// <summary>
    /// The brief's quotes as figures (blockquote and caption), without stars: a rating the brief never gave is a claim.
    /// Placeholder cards are plain, dashed and muted, so nobody mistakes them for a customer's words.
    /// </summary>
    private static void Testimonials(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        Open(html, page, section, alternate);
        var quotes = Copy.Quotes(page);
        html.Append(quotes.Length < 3 ? "<div class=\"grid grid-few\">" : "<div class=\"grid grid-wide\">");
        var index = 0;
        foreach (var quote in quotes)
        {
            if (quote.Placeholder)
            {
                html.Append("<div class=\"card quote placeholder\"><p class=\"placeholder-words\">").Append(Text(quote.Text))
                    .Append("</p><p class=\"quote-by\"><span class=\"avatar avatar-placeholder\" aria-hidden=\"true\"></span><span><span class=\"person-name\">")
                    .Append(Text(quote.Name)).Append("</span><br><span class=\"muted\">").Append(Text(quote.Role)).Append("</span></span></p></div>");
                continue;
            }

            html.Append("<figure class=\"card quote\"><blockquote><p>“").Append(Text(quote.Text)).Append("”</p></blockquote><figcaption><span class=\"avatar")
                .Append(index++ % 2 == 1 ? " avatar-alt" : string.Empty).Append("\" aria-hidden=\"true\">").Append(Text(Initials(quote.Name)))
                .Append("</span><span><span class=\"person-name\">").Append(Text(quote.Name)).Append("</span>");
            if (quote.Role.Length > 0)
            {
                html.Append("<br><span class=\"muted\">").Append(Text(quote.Role)).Append("</span>");
            }

            html.Append("</span></figcaption></figure>");
        }

        html.Append("</div>");
        Close(html);
    }

    private static void Faq(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        Open(html, page, section, alternate);
        html.Append("<div class=\"faq-list\">");
        foreach (var question in Copy.Questions(page))
        {
            html.Append("<details class=\"faq-item\"><summary>").Append(Text(question.Ask)).Append("</summary><p>").Append(Text(question.Answer)).Append("</p></details>");
        }

        html.Append("</div>");
        Close(html);
    }

    private static void Contact(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        Open(html, page, section, alternate);
        var f = page.Facts;
        var restaurant = page.Id is "restaurant" or "local-business";
        html.Append("<div class=\"contact-grid\"><article class=\"card\"><div class=\"icon\">");
        Art.Icon(html, "clock");
        html.Append("</div><h3>").Append(restaurant ? "Opening hours" : "Availability").Append("</h3><dl class=\"hours\">");
        var briefHours = page.Briefed ? BriefCopy.HoursLines(page) : [];
        if (briefHours.Count > 0)
        {
            html.Append("</dl>");
            foreach (var line in briefHours)
            {
                html.Append("<p>").Append(Text(line)).Append("</p>");
            }
        }
        else
        {
            (string Days, string Hours)[] hours = page.Briefed
                ? [("Hours", "Ask us, or see the booking page")]
                : restaurant
                    ? [("Mon–Thu", "5pm – 10pm"), ("Fri–Sat", "5pm – 11pm"), ("Sunday", "11am – 9pm")]
                    : [("Mon–Fri", "9am – 6pm"), ("Replies", "Within two working days")];
            foreach (var (days, time) in hours)
            {
                html.Append("<dt>").Append(Text(days)).Append("</dt><dd>").Append(Text(time)).Append("</dd>");
            }

            html.Append("</dl>");
        }

        html.Append("</article><article class=\"card\"><div class=\"icon\">");
        Art.Icon(html, "pin");
        html.Append("</div><h3>").Append(restaurant ? "Find us" : "Where we work").Append("</h3><address>").Append(Text(page.Brand)).Append("<br>")
            .Append(Text(BriefCopy.FirstPlace(page) ?? f.Location ?? (restaurant ? "In the heart of the neighbourhood" : "Remote, worldwide"))).Append("</address><p class=\"muted\">")
            .Append(page.Briefed ? "Directions and parking details on request." : restaurant ? "Step-free access. Private room for up to 24 guests." : "Working with clients across time zones.").Append("</p></article>");
        html.Append("<article class=\"card\"><div class=\"icon\">");
        Art.Icon(html, restaurant ? "calendar" : "mail");
        html.Append("</div><h3>").Append(page.Id == "local-business" ? "Book a visit" : restaurant ? "Reservations" : "Start a conversation").Append("</h3><p class=\"muted\">")
            .Append(page.Id == "local-business" ? "Book online in a minute, or get in touch with any question." : restaurant ? page.Briefed ? "Book online in a minute, or call us." : "Book online in a minute, or call us for parties of eight or more." : "Tell us about your project, goals and timeline.")
            .Append("</p><a class=\"btn btn-primary\" href=\"").Append(page.Anchor(SectionKinds.Cta, SectionKinds.NewsletterSignup)).Append("\">")
            .Append(Text(page.PrimaryAction)).Append("</a></article></div>");
        Close(html);
    }

    private static void Signup(StringBuilder html, PageContext page, LayoutSection section, bool alternate)
    {
        var lead = Copy.SectionLead(page, SectionKinds.NewsletterSignup);
        var button = page.Id switch
        {
            "app-launch" => "Join the waitlist",
            "newsletter" => "Subscribe",
            _ => "Sign up",
        };
        html.Append("\n<section id=\"newsletter-signup\" class=\"section section-newsletter-signup").Append(alternate ? " section-alt" : string.Empty)
            .Append("\" aria-labelledby=\"newsletter-signup-title\"><div class=\"container\"><div class=\"card signup-card\">")
            .Append("<p class=\"eyebrow\">").Append(Text(page.NavLabel(SectionKinds.NewsletterSignup))).Append("</p>")
            .Append("<h2 id=\"newsletter-signup-title\">").Append(Text(section.Heading)).Append("</h2>");
        if (lead is not null)
        {
            html.Append("<p class=\"section-lead\">").Append(Text(lead)).Append("</p>");
        }

        // A preview page has nowhere to post to: the form stays on the page (action="#") and sends nothing off-site.
        html.Append("<form class=\"signup-form\" action=\"#\" method=\"get\"><div class=\"field\"><label for=\"signup-email\">Email address</label>")
            .Append("<input id=\"signup-email\" name=\"email\" type=\"email\" autocomplete=\"email\" placeholder=\"you@example.com\" required=\"\"></div>")
            .Append("<button class=\"btn btn-primary\" type=\"submit\">").Append(Text(button)).Append("</button></form>")
            .Append("<p class=\"fine-print\">No spam. Unsubscribe anytime with one click.</p></div></div></section>");
    }

    private static void CallToAction(StringBuilder html, PageContext page, LayoutSection section)
    {
        var f = page.Facts;
        var text = page.Id switch
        {
            "ecommerce-sale" => f.Dates is null ? "Sale prices end soon and the bestsellers go first." : $"Sale prices end after {f.Dates}, and the bestsellers go first.",
            "saas-product" => "Try every feature free for 14 days. No credit card, no commitment.",
            "event" => f.Dates is null ? "Seats are limited and early-bird prices won't last." : $"See you {PageContext.DatePhrase(f.Dates)}. Seats are limited and early-bird prices won't last.",
            "restaurant" => "Tables fill up fast at the weekend. Book now, or drop in and take your chances.",
            "portfolio" => "Tell me about it. I reply to every message within two working days.",
            "app-launch" => "Join the waitlist today and get three months of Plus free at launch.",
            "nonprofit" => "Your gift today goes straight to the people and places that need it most.",
            "newsletter" => "Free, five minutes, and worth it. Unsubscribe whenever you like.",
            "local-business" => "Book your visit today. We look forward to seeing you.",
            _ => "Join the teams doing their best work, faster.",
        };
        if (page.Briefed)
        {
            // A stock closing line stays only where it fits the brief and promises nothing the brief did not.
            var stockFits = Copy.StockFits(page, text) && BriefCopy.ClaimsOnlyWhatTheBriefSays(page, text);
            text = BriefCopy.Closing(page) ?? (stockFits ? text : page.PrimaryAction.EndsWith(" now", StringComparison.OrdinalIgnoreCase) ? $"{page.PrimaryAction}." : $"{page.PrimaryAction} today.");
        }

        var target = page.PrimaryTarget == "#cta" ? page.Anchor(SectionKinds.NewsletterSignup, SectionKinds.Contact, SectionKinds.Pricing) : page.PrimaryTarget;
        html.Append("\n<section id=\"cta\" class=\"section section-cta\" aria-labelledby=\"cta-title\"><div class=\"container\"><div class=\"cta-band\"><div>")
            .Append("<h2 id=\"cta-title\">").Append(Text(section.Heading)).Append("</h2><p>").Append(Text(text)).Append("</p></div>")
            .Append("<div class=\"cta-actions\"><a class=\"btn btn-primary\" href=\"").Append(target).Append("\">").Append(Text(page.PrimaryAction)).Append("</a>");
        if (page.Has(SectionKinds.Faq))
        {
            html.Append("<a class=\"btn btn-outline\" href=\"#faq\">Questions?</a>");
        }

        html.Append("</div></div></div></section>");
    }

    private static void Footer(StringBuilder html, PageContext page)
    {
        var tagline = page.Id switch
        {
            "ecommerce-sale" => "Quality pieces, fair prices and delivery you can count on.",
            "event" => "Ideas, people and the conversations that move us forward.",
            "restaurant" => "Seasonal cooking, warm welcomes.",
            "portfolio" => "Design and direction for brands with something to say.",
            "app-launch" => "Made for the way you live.",
            "nonprofit" => "Small acts, lasting change.",
            "newsletter" => "The newsletter worth opening.",
            "local-business" => "Friendly, local and here when you need us.",
            _ when page.Briefed && page.Kind is not (BusinessKind.Software or BusinessKind.Unknown) => page.Brief.Category is { } category ? BriefCopy.Capitalize(category) + "." : "Thanks for stopping by.",
            _ => "Do your best work, faster.",
        };
        html.Append("\n<footer class=\"site-footer\"><div class=\"container\"><div class=\"footer-grid\"><div><p class=\"footer-brand\">")
            .Append(Text(page.Brand)).Append("</p><p class=\"footer-tagline\">").Append(Text(tagline)).Append("</p></div>")
            .Append("<nav class=\"footer-nav\" aria-label=\"Footer\"><ul>");
        foreach (var section in page.NavSections(6))
        {
            html.Append("<li><a href=\"#").Append(section.Kind).Append("\">").Append(Text(page.NavLabel(section.Kind))).Append("</a></li>");
        }

        html.Append("<li><a href=\"#top\">Back to top</a></li></ul></nav></div><p class=\"legal\">© ")
            .Append(Text(page.Brand)).Append(". All rights reserved.</p></div></footer>");
    }

    [GeneratedRegex(@"\s(?:to|through)\s|[–-]")]
    private static partial Regex RangeRegex();
}
