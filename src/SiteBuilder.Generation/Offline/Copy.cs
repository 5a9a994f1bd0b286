using System.Text.RegularExpressions;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Validation.Briefs;

namespace SiteBuilder.Generation.Offline;

internal sealed record Feature(string Icon, string Title, string Text);

/// <param name="Placeholder">A card for the marketer to fill in: its words say what belongs there, and nobody is quoted.</param>
internal sealed record Quote(string Text, string Name, string Role, bool Placeholder = false);

internal sealed record Question(string Ask, string Answer);

internal sealed record Stat(string Value, string Label);

internal sealed record Tier(string Name, string Price, string Period, string Summary, string[] Includes, bool Featured, string Action);

/// <param name="Placeholder">A card for the marketer to fill in ("Speaker to be announced"), not a person.</param>
internal sealed record Person(string Name, string Role, string Bio, bool Placeholder = false);

internal sealed record Slot(string Time, string Title, string Detail);

internal sealed record Dish(string Name, string Description, decimal? Price);

internal sealed record Course(string Title, Dish[] Dishes);

internal sealed record Caption(string Title, string Detail);

/// <summary>
/// The words of the composed pages: per-template copy with the prompt's facts (brand, offer, dates,
/// audience) written in. Plain and specific, the way a marketer would brief a copywriter.
/// </summary>
internal static partial class Copy
{
    public static string HeroChip(PageContext page)
    {
        if (page.Briefed && BriefChip(page) is { } chip)
        {
            return chip;
        }

        var f = page.Facts;
        return page.Id switch
        {
            "ecommerce-sale" => f.Dates ?? (f.Occasion is { } o && o != "Sale" ? o : page.Briefed ? BriefCopy.Capitalize(page.Brief.Category ?? "New") : "Limited time only"),
            "event" => string.Join(" · ", new[] { f.Dates, f.Location }.Where(x => x is not null)) is { Length: > 0 } when ? when : "Registration open",
            "restaurant" => f.Location ?? "Now taking reservations",
            "portfolio" => f.Role is null ? "Portfolio" : LayoutAgent.Capitalize(f.Role),
            "app-launch" => f.Dates is null ? "Early access" : $"Launching {f.Dates}",
            "nonprofit" => "Every gift counts",
            "newsletter" => f.Cadence is null ? "Free newsletter" : $"{LayoutAgent.Capitalize(f.Cadence)} newsletter",
            _ => f.Audience is null ? "New" : $"For {f.Audience}",
        };
    }

    private static string? BriefChip(PageContext page)
    {
        var date = BriefCopy.FirstDate(page);
        var place = BriefCopy.FirstPlace(page);
        var offer = page.Brief.Facts.FirstOrDefault(f => f.Kind is BriefFactKind.Discount or BriefFactKind.Deadline)?.Text;
        var when = string.Join(" · ", new[] { date, place }.Where(x => x is not null));
        return page.Kind switch
        {
            BusinessKind.Event or BusinessKind.Course => when.Length > 0 ? when : null,
            BusinessKind.Restaurant or BusinessKind.LocalService or BusinessKind.Portfolio => place ?? (page.Brief.Category is { } c ? BriefCopy.Capitalize(c) : null),
            BusinessKind.Product or BusinessKind.Shop => offer is null ? date : BriefCopy.Capitalize(offer),
            _ => page.Brief.Category is { } category ? BriefCopy.Capitalize(category) : null,
        };
    }

    public static string HeroLead(PageContext page)
    {
        if (page.Briefed && BriefCopy.Intro(page) is { } intro)
        {
            return intro;
        }

        var f = page.Facts;
        var brand = f.BrandName;
        switch (page.Id)
        {
            case "ecommerce-sale":
            {
                var offer = f.Offer switch
                {
                    null => "Fresh favourites at their best prices",
                    var o when o.StartsWith("Buy", StringComparison.Ordinal) || o.StartsWith("Half", StringComparison.Ordinal) || o.StartsWith("Save", StringComparison.Ordinal) => o,
                    var o => $"Take {LowerFirst(o)} {f.OfferScope ?? "everything"}",
                };
                var at = brand is null ? string.Empty : $" at {brand}";
                var when = f.Dates is null ? string.Empty : $", {PageContext.DatePhrase(f.Dates)}";
                return $"{offer}{at}{when}. Hand-picked styles, fast delivery and easy returns: stock up before it's gone.";
            }

            case "event":
            {
                var when = f.Dates is null ? string.Empty : " " + PageContext.DatePhrase(f.Dates);
                var where = f.Location is null ? string.Empty : $" in {f.Location}";
                return $"Join {f.Audience ?? "builders, makers and leaders"}{when}{where} for inspiring talks, hands-on workshops and the conversations that move you forward.";
            }

            case "restaurant":
                return brand is null
                    ? "We cook with what's in season and serve it with care. Book a table for dinner, bring friends for brunch, or just drop by."
                    : $"At {brand}, we cook with what's in season and serve it with care. Book a table for dinner, bring friends for brunch, or just drop by.";
            case "portfolio":
                return $"Helping {f.Audience ?? "ambitious brands and teams"} turn ideas into clear, beautiful work, from first sketch to final launch.";
            case "app-launch":
            {
                var launch = f.Dates is null ? string.Empty : $", launching {f.Dates}";
                var who = f.Audience is null ? "for everyday life" : $"for {f.Audience}";
                return $"Simple, private and made {who}. Join the waitlist for early access{launch}.";
            }

            case "nonprofit":
                return $"Every gift helps {brand ?? "us"} {f.Mission ?? "reach more people who need support"}. See where your money goes and the difference it makes.";
            case "newsletter":
            {
                var cadence = f.Cadence is null ? "Sharp" : LayoutAgent.Capitalize(f.Cadence);
                return $"{cadence} insights on {f.Topic ?? "the ideas shaping your work"}, read by {f.Audience ?? "thousands of curious people"}. Free, five minutes, no spam.";
            }

            default:
            {
                var who = f.Audience ?? "your team";
                var what = brand ?? (f.Product is null ? "It" : $"Our {f.Product}");
                return $"{what} gives {who} one place to plan, automate and ship, with the insight to keep getting better.";
            }
        }
    }

    public static string[] HeroNotes(PageContext page)
    {
        // "Free forever" is a claim a brief with a price contradicts.
        var priced = page.Brief.Has(BriefFactKind.Price);
        var stock = StockNotes(page).Where(n => Fits(page, n) && BriefCopy.IsSafeStock(n) && !(priced && n.StartsWith("Free", StringComparison.Ordinal)) || !page.Briefed);
        if (!page.Briefed)
        {
            return [.. stock];
        }

        // A briefed page's notes are the brief's own; stock fills in only when it gave none, and never with lines that make a
        // claim about the business ("Talks and workshops" for a half marathon, "Web design" for a wedding photographer).
        var notes = BriefCopy.Notes(page);
        if (notes.Count == 0 && page.Id is not ("event" or "portfolio" or "restaurant"))
        {
            notes.AddRange(stock.Where(n => !notes.Contains(n, StringComparer.OrdinalIgnoreCase)));
        }

        return [.. notes.Take(3)];
    }

    /// <summary>A stock line fits the brief unless it talks about apps and devices for something that is neither.</summary>
    internal static bool Fits(PageContext page, string text) =>
        !page.Briefed || page.Kind is BusinessKind.App or BusinessKind.Software or BusinessKind.Unknown || !DigitalWords.Any(w => TemplateMentions(text, w));

    private static readonly string[] DigitalWords = ["app", "apps", "ios", "android", "iphone", "phone", "phones", "device", "devices", "sync", "free trial", "credit card", "dashboards", "integrations", "plus"];

    private static bool TemplateMentions(string text, string word) => Templates.TemplateCatalog.Mentions(text.ToLowerInvariant(), word);

    private static string[] StockNotes(PageContext page) => page.Id switch
    {
        "ecommerce-sale" => [page.Facts.FreeShipping ? "Free shipping" : "Fast delivery", "Easy 30-day returns", "Secure checkout"],
        "event" => ["Talks and workshops", "Networking", "Limited seats"],
        "restaurant" => ["Seasonal menu", "Private dining", "Walk-ins welcome"],
        "portfolio" => ["Brand identity", "Web design", "Art direction"],
        "app-launch" => ["iOS and Android", "Free to start", "Privacy first"],
        "nonprofit" => ["Secure giving", "Monthly or one-off", "See your impact"],
        "newsletter" => ["Free forever", "One-click unsubscribe", "No spam"],
        "local-business" => ["Friendly, local team", "Easy booking", "Here when you need us"],
        _ => ["Free 14-day trial", "No credit card required", "Cancel anytime"],
    };

    public static string SecondaryLabel(PageContext page, string kind) => kind switch
    {
        SectionKinds.ProductGrid => "Browse the deals",
        SectionKinds.Features => page.Id switch
        {
            "portfolio" => "See services",
            "nonprofit" => "See how we help",
            "event" => "Why attend",
            _ => "See what's inside",
        },
        SectionKinds.HowItWorks => "See how it works",
        SectionKinds.Schedule => "View the agenda",
        SectionKinds.Menu => "See the menu",
        SectionKinds.Gallery => page.Id == "portfolio" ? "View the work" : "Take a look",
        SectionKinds.Team => page.Id == "event" ? "Meet the speakers" : "Meet the team",
        SectionKinds.Pricing => page.Id == "event" ? "See tickets" : "See pricing",
        SectionKinds.Testimonials => "Read the reviews",
        SectionKinds.Faq => "Read the FAQ",
        SectionKinds.Contact => "Find us",
        _ => "Learn more",
    };

    public static string? SectionLead(PageContext page, string kind)
    {
        // The stock leads of these sections make claims (prices rise, set menus, seasonal picks) a brief may not support.
        if (page.Briefed && kind is SectionKinds.Pricing or SectionKinds.ProductGrid && (page.Brief.Has(BriefFactKind.Price) || page.Kind == BusinessKind.Product))
        {
            return null;
        }

        // Nor do they invent prices: without any, the pricing section says so plainly.
        if (page.Briefed && kind == SectionKinds.Pricing)
        {
            return BriefCopy.FreeTiers(page).Count > 0 && page.Kind is BusinessKind.Event or BusinessKind.Course ? null : BriefCopy.NoPrices(page);
        }

        if (page.Briefed && kind == SectionKinds.ProductGrid && page.Brief.Has(BriefFactKind.Discount))
        {
            return null;
        }

        var f = page.Facts;
        return kind switch
        {
            SectionKinds.ProductGrid => f.DiscountPercent is { } p
                ? $"Prices already include your {p}% discount.{(f.Dates is null ? "" : $" The sale runs {f.Dates}.")}"
                : "Our most-loved pieces, picked for the season.",
            SectionKinds.Features => page.Id switch
            {
                "saas-product" => "The features teams reach for every day, without the clutter.",
                "nonprofit" => "Your support funds work that lasts, led by the communities we serve.",
                "newsletter" => "One email, carefully made, worth every minute you give it.",
                "portfolio" => "From first idea to launch, with the same care at every step.",
                _ => null,
            },
            SectionKinds.Pricing => page.Id switch
            {
                "event" => "Prices rise as the date gets closer. Group discounts for five or more.",
                "nonprofit" => "Choose a monthly gift or give once. Every amount makes a difference.",
                "ecommerce-sale" => "Choose how your order gets to you. Members get every sale first.",
                "restaurant" => "Set menus for lunch, dinner and special evenings.",
                _ => "Start free, upgrade when you're ready. No hidden fees.",
            },
            SectionKinds.Menu => "Our menu changes with the seasons. Ask about today's specials.",
            SectionKinds.Schedule => f.Location is null ? "A full day of talks, workshops and time to connect." : $"A full day in {f.Location}: talks, workshops and time to connect.",
            SectionKinds.NewsletterSignup => page.Id switch
            {
                "app-launch" => "Be the first to know when we launch, and get early access before anyone else.",
                "ecommerce-sale" => "Subscribers hear about sales first, and get a welcome gift on their next order.",
                "newsletter" => $"Join readers who get {f.Topic ?? "the best ideas"} in their inbox{(f.Cadence is null ? "" : " " + f.Cadence)}.",
                _ => "News, stories and updates, a few times a month. Unsubscribe in one click.",
            },
            _ => null,
        };
    }

    public static Feature[] Features(PageContext page)
    {
        if (page.Briefed)
        {
            var cards = BriefCopy.Cards(page);
            var stock = (page.Kind is BusinessKind.Product && page.Id is "app-launch" or "ecommerce-sale" ? ProductStock : StockFeatures(page))
                .Where(s => BriefCopy.IsSafeStock(s.Title + s.Text) && Fits(page, s.Title + " " + s.Text));
            cards.AddRange(stock.Take(Math.Max(0, 2 - cards.Count)));
            return [.. cards];
        }

        return StockFeatures(page);
    }

    private static readonly Feature[] ProductStock =
    [
        new("sparkle", "Thoughtful details", "Designed around the way you actually use it, every day."),
        new("shield", "Made to last", "Quality materials, carefully put together and checked before it ships."),
        new("heart", "Real support", "Questions before or after you order? Real people are here to help."),
    ];

    private static Feature[] StockFeatures(PageContext page)
    {
        var f = page.Facts;
        return page.Id switch
        {
            "ecommerce-sale" =>
            [
                new("truck", f.FreeShipping ? "Free shipping" : "Fast delivery", f.FreeShipping ? "Every order ships free and leaves our warehouse within 24 hours." : "Orders leave our warehouse within 24 hours, tracked all the way to your door."),
                new("return", "Easy returns", "Changed your mind? Send it back within 30 days, no questions asked."),
                new("shield", "Secure checkout", "Pay safely with all major cards and wallets. Your details stay private."),
                new("gift", "Gift-ready", "Add gift wrap and a personal note at checkout, on us."),
            ],
            "event" =>
            [
                new("mic", "World-class speakers", "Hear from the people building what comes next, and ask them anything."),
                new("pen", "Hands-on workshops", "Small groups, real problems and takeaways you can use on Monday."),
                new("users", "Meet your peers", "Curated meetups and long breaks, made for conversations that matter."),
            ],
            "restaurant" =>
            [
                new("leaf", "Seasonal ingredients", "We cook with what local growers bring us each week."),
                new("cup", "A proper welcome", "Warm service, a relaxed room and a table that's yours for the evening."),
                new("heart", "Made with care", "Everything from the bread to the ice cream is made in our kitchen."),
            ],
            "portfolio" =>
            [
                new("pen", "Brand identity", "Names, logos and visual systems that make a brand instantly recognisable."),
                new("globe", "Web design", "Fast, accessible websites that look sharp and convert."),
                new("sparkle", "Art direction", "Campaigns, shoots and launches with one clear point of view."),
                new("chart", "Strategy", "Research and positioning that give the creative work a reason."),
            ],
            "app-launch" =>
            [
                new("phone", "Beautifully simple", "Everything you need is one tap away. Nothing you don't is in the way."),
                new("bolt", "Lightning fast", "Opens instantly and stays quick, even on older phones."),
                new("lock", "Private by design", "Your data stays on your device unless you choose to sync it."),
                new("sparkle", "Smart suggestions", "Learns your routine and nudges you at just the right moment."),
            ],
            "nonprofit" =>
            [
                new("heart", "Direct support", "Help reaches people quickly, where and when they need it most."),
                new("leaf", "Lasting programs", "Long-term projects that keep working long after we've gone."),
                new("users", "Community-led", "Local people decide what's needed and lead the work."),
                new("chart", "Open about impact", "We publish where every gift goes and what it achieves."),
            ],
            "local-business" =>
            [
                new("heart", "A warm welcome", "A friendly, independent team that takes the time to get it right."),
                new("calendar", "Easy to book", "Pick a time that suits you and we'll take care of the rest."),
                new("shield", "You're in good hands", "Experienced, qualified and proud of what we do."),
            ],
            "newsletter" =>
            [
                new("mail", "One email, no noise", $"A single, well-made issue{(f.Cadence is null ? "" : " " + f.Cadence)}. No spam, no filler."),
                new("book", "Deep dives", $"Clear explanations of what's happening in {f.Topic ?? "the field"} and why it matters."),
                new("sparkle", "Curated picks", "The best links, tools and reads we found, so you don't have to dig."),
                new("clock", "A five-minute read", "Written to be read with your morning coffee, start to finish."),
            ],
            _ =>
            [
                new("bolt", "Automate the busywork", $"Turn repetitive steps into rules that run themselves, so {f.Audience ?? "your team"} can focus on what matters."),
                new("chart", "Insight at a glance", "Live dashboards show progress, bottlenecks and wins without another status meeting."),
                new("users", "Built for collaboration", "Comments, mentions and shared views keep everyone on the same page."),
                new("link", "Works with your stack", "Connect the tools you already use in a couple of clicks."),
                new("lock", "Secure by default", "Single sign-on, granular permissions and encryption at rest and in transit."),
                new("globe", "Anywhere, any device", "Fast on desktop, tablet and phone, online or off."),
            ],
        };
    }

    public static Feature[] Steps(PageContext page) => page.Id switch
    {
        "app-launch" when !Fits(page, "app") =>
        [
            new("gift", "Order yours", $"Reserve your {page.Brief.Category ?? "own"} in a minute, with secure checkout."),
            new("sparkle", "Set it up", "It arrives ready to go: unbox it and follow the quick-start card."),
            new("heart", "Enjoy the difference", "Small improvements every day that add up to a lot."),
        ],
        "app-launch" =>
        [
            new("phone", "Download the app", "Get it free on iOS and Android in under a minute."),
            new("sparkle", "Make it yours", "Answer three quick questions and the app tunes itself to you."),
            new("bolt", "Enjoy the difference", "Small wins every day that add up to a lot."),
        ],
        _ =>
        [
            new("pen", "Sign up in seconds", "Create your workspace with just an email. No credit card needed."),
            new("link", "Connect your tools", "Bring in your projects and data with one-click integrations."),
            new("bolt", "Ship faster", $"Automations and dashboards help {page.Facts.Audience ?? "your team"} move from plan to done."),
        ],
    };

    /// <summary>
    /// The brief's own testimonials, attributed as it gives them; without any, placeholder cards that say what belongs there.
    /// Words are never put in an invented customer's mouth: a published made-up review is a fake review.
    /// </summary>
    public static Quote[] Quotes(PageContext page)
    {
        if (page.Brief.Quotes.Count > 0)
        {
            return [.. page.Brief.Quotes.Select(q => new Quote(q.Text, q.Name, q.Role is null ? string.Empty : LayoutAgent.Capitalize(q.Role)))];
        }

        var (who, what, from) = QuotedPerson(page);
        return
        [
            new($"Add {BriefCopy.Article(who)} {who}'s words here: {what}.", $"{LayoutAgent.Capitalize(who)} name", from, Placeholder: true),
            new("Use their real words, with their permission: a line from a review, an email or a survey.", $"{LayoutAgent.Capitalize(who)} name", from, Placeholder: true),
            new("Keep it short: one or two sentences, in their own voice.", $"{LayoutAgent.Capitalize(who)} name", from, Placeholder: true),
        ];
    }

    /// <summary>Who a page's testimonials come from, what their words should tell, and what goes under their name.</summary>
    private static (string Who, string What, string From) QuotedPerson(PageContext page) => page.Id switch
    {
        "restaurant" => ("guest", "what they ate, and why they'd come back", "When they visited"),
        "portfolio" => ("client", "what you made together, and what it changed for them", "Role and company"),
        "newsletter" => ("reader", "what they read it for, and what it gives them", "What they do"),
        "nonprofit" => ("supporter", "why they give, and what they've seen it do", "How they're involved"),
        "event" when page.Kind == BusinessKind.Course => ("student", "why they signed up, and what they can do now", "When they took part"),
        "event" => ("attendee", "why they came, and what they took home", "When they came"),
        _ when page.Kind is BusinessKind.App or BusinessKind.Software || page.Id is "app-launch" or "saas-product" && page.Kind == BusinessKind.Unknown =>
            ("user", "what they use it for, and what changed for them", "Role and company"),
        _ => ("customer", "what they bought, and what changed for them", "Where they're from"),
    };

    public static Question[] Questions(PageContext page)
    {
        if (page.Briefed)
        {
            var asked = BriefCopy.Questions(page);
            asked.AddRange(StockQuestions(page).Where(q => StockFits(page, q.Ask + " " + q.Answer)).Take(Math.Max(0, 4 - asked.Count)));
            return [.. asked];
        }

        return StockQuestions(page);
    }

    private static Question[] StockQuestions(PageContext page)
    {
        var f = page.Facts;
        var dates = f.Dates;
        return page.Id switch
        {
            "ecommerce-sale" =>
            [
                new("When does the sale end?", dates is null ? "The sale runs for a limited time, while stock lasts." : $"The sale runs {dates}, while stock lasts."),
                new("Does the discount apply to everything?", f.Offer is null ? "Sale prices are marked on each product, and the price you see is the price you pay." : $"{LayoutAgent.Capitalize(f.Offer)} applies to {f.OfferScope ?? "everything on the site"}, and the price you see is the price you pay."),
                new("How fast is shipping?", f.FreeShipping ? "Orders ship free within 24 hours and usually arrive in 2–4 working days." : "Orders ship within 24 hours and usually arrive in 2–4 working days."),
                new("Can I return sale items?", "Yes. Sale items can be returned within 30 days for a full refund."),
            ],
            "event" =>
            [
                new("When and where is it?", (dates, f.Location) switch
                {
                    ({ } d, { } l) => $"{LayoutAgent.Capitalize(d)} in {l}. Doors open at 8:30 each morning.",
                    ({ } d, null) => $"{LayoutAgent.Capitalize(d)}. Venue details are in your ticket email.",
                    (null, { } l) => $"In {l}. Dates and venue details are in your ticket email.",
                    _ => "Dates and venue details are in your ticket email, and on this page as soon as they're confirmed.",
                }),
                new("Will sessions be recorded?", "Yes. Every ticket includes access to the recordings for 12 months."),
                new("Can I get a refund?", "Tickets are fully refundable up to 14 days before the event, and transferable at any time."),
                new("Is there a code of conduct?", "Yes. We're committed to a safe, welcoming event for everyone, and our team is on hand throughout."),
            ],
            "restaurant" =>
            [
                new("Do you take reservations?", "Yes, for parties of any size. We also keep tables free for walk-ins every night."),
                new("Can you cater for dietary needs?", "Always. Tell us when you book and the kitchen will take care of you."),
                new("Do you host private events?", "Our private room seats up to 24 guests for birthdays, dinners and celebrations."),
                new("Is the restaurant accessible?", "Yes. We have step-free access and an accessible restroom."),
            ],
            "portfolio" =>
            [
                new("What does a typical project look like?", "We start with a short discovery call, agree on goals and scope, then work in focused two-week cycles."),
                new("How long does a project take?", "Most identity and website projects take six to ten weeks from kickoff to launch."),
                new("Do you work with startups?", "Yes. Some of the best projects start with a founder and a sketch."),
                new("How do we get started?", "Send a short note about your project and timeline, and you'll hear back within two working days."),
            ],
            "app-launch" =>
            [
                new("When does it launch?", dates is null ? "Soon. People on the waitlist get access first, before the public launch." : $"We launch {PageContext.DatePhrase(dates)}. People on the waitlist get access first."),
                new("Which devices are supported?", "iPhone and Android phones from the last five years, with tablets coming soon."),
                new("Is it free?", "The core app is free forever. Optional upgrades unlock extra features."),
                new("How do you handle my data?", "Your data stays on your device unless you turn on sync, which is end-to-end encrypted."),
            ],
            "nonprofit" =>
            [
                new("Where does my donation go?", "Straight to our programs. We publish a full breakdown of spending every year."),
                new("Is my donation tax-deductible?", "Gifts may be tax-deductible where you live, and you'll receive a receipt for every donation."),
                new("Can I give monthly?", "Yes. Monthly gifts help us plan ahead, and you can change or cancel them at any time."),
                new("How else can I help?", "Volunteer with us, fundraise with friends, or simply share our story."),
            ],
            "local-business" =>
            [
                new("Do I need to book?", "Booking ahead guarantees your time, and we fit in walk-ins whenever we can."),
                new("How do I get in touch?", "Use the button on this page, or drop by and say hello."),
                new("Can I change or cancel?", "Of course. Just let us know as early as you can so someone else can take the slot."),
            ],
            "newsletter" =>
            [
                new("How often will I hear from you?", f.Cadence is null ? "A few times a month, only when we have something worth your time." : $"One issue, {f.Cadence}. Never more."),
                new("Is it free?", "Yes, the newsletter is free. Supporters can choose to chip in to keep it independent."),
                new("Can I unsubscribe?", "Anytime, with one click at the bottom of every email."),
                new("Do you share my email?", "Never. Your address is used for the newsletter and nothing else."),
            ],
            _ =>
            [
                new("Is there a free trial?", "Yes. Try every feature free for 14 days, no credit card required."),
                new("Can I change plans later?", "Upgrade, downgrade or cancel anytime from your account settings."),
                new("Is my data secure?", "Your data is encrypted in transit and at rest, and you control who sees what."),
                new("Do you offer discounts?", "Nonprofits, schools and early-stage startups get 50% off any paid plan."),
            ],
        };
    }

    public static Stat[] Stats(PageContext page)
    {
        if (page.Briefed && BriefCopy.Stats(page) is { Count: > 0 } fromBrief)
        {
            return [.. fromBrief];
        }

        var f = page.Facts;
        return page.Id switch
        {
            "ecommerce-sale" => f.DiscountPercent is { } p
                ? [new($"{p}%", "off sale items"), new("50k+", "happy customers"), new("4.8/5", "average rating"), new("30 days", "free returns")]
                : [new("50k+", "happy customers"), new("4.8/5", "average rating"), new("24h", "dispatch"), new("30 days", "free returns")],
            "event" => [new("40+", "speakers"), new("25", "workshops"), new("1,200", "attendees"), new("2", "days of ideas")],
            "nonprofit" => [new("25,000+", "people reached"), new("320", "volunteers"), new("87%", "of every gift goes to programs"), new("15", "years of service")],
            "restaurant" => [new("2012", "serving since"), new("40", "local suppliers"), new("4.9/5", "guest rating")],
            "portfolio" => [new("12", "years of practice"), new("80+", "projects launched"), new("9", "design awards")],
            "app-launch" => [new("25k", "on the waitlist"), new("4.9", "beta rating"), new("3×", "faster than before")],
            "newsletter" => [new("40,000+", "readers"), new("58%", "open rate"), new("5 min", "average read")],
            _ => [new("10,000+", "teams onboard"), new("38%", "faster delivery"), new("99.9%", "uptime"), new("4.8/5", "average rating")],
        };
    }

    public static Tier[] Tiers(PageContext page)
    {
        if (page.Briefed)
        {
            // The brief's prices, or its free offer ("a free tier", "Free, pizza provided"), or none: never a made-up amount.
            return BriefCopy.Tiers(page) is { Count: > 0 } fromBrief ? [.. fromBrief] : [.. BriefCopy.FreeTiers(page)];
        }

        var f = page.Facts;
        string M(decimal amount) => page.Money(amount);
        return page.Id switch
        {
            "event" =>
            [
                new("Early bird", M(199), "per person", "For people who plan ahead.", ["Both conference days", "Session recordings", "Lunch and coffee"], false, "Get early-bird tickets"),
                new("General", f.Price ?? M(299), "per person", "The full experience.", ["Both conference days", "Two workshops of your choice", "Recordings for 12 months", "Evening party"], true, "Get general tickets"),
                new("VIP", M(549), "per person", "The best seats, and more.", ["Everything in General", "Speaker dinner", "Front-row seating", "Exclusive swag"], false, "Get VIP tickets"),
            ],
            "nonprofit" =>
            [
                new("Friend", M(10), "per month", "Provides school supplies for a child.", ["Quarterly impact report", "Supporter newsletter"], false, "Give monthly as a Friend"),
                new("Champion", M(25), "per month", "Funds a week of after-school care.", ["Quarterly impact report", "Invitations to project visits", "Supporter newsletter"], true, "Give monthly as a Champion"),
                new("Guardian", M(100), "per month", "Keeps a community program running.", ["Everything in Champion", "Annual call with our director"], false, "Give monthly as a Guardian"),
            ],
            "app-launch" =>
            [
                new("Free", M(0), "forever", "Everything you need to start.", ["All core features", "One device", "Community support"], false, "Start with Free"),
                new("Plus", f.Price ?? M(4.99m), "per month", "For people who use it every day.", ["Unlimited devices", "Encrypted sync", "Smart suggestions", "Priority support"], true, "Choose Plus"),
                new("Family", M(9.99m), "per month", "Plus for up to six people.", ["Everything in Plus", "Shared spaces", "Family controls"], false, "Choose Family"),
            ],
            "restaurant" =>
            [
                new("Lunch set", M(28), "per guest", "Two courses, weekdays 12–3pm.", ["Starter and main", "Glass of house wine"], false, "Book the lunch set"),
                new("Tasting menu", M(65), "per guest", "Six courses from the season.", ["Chef's selection", "Bread and butter service", "Petits fours"], true, "Book the tasting menu"),
                new("Chef's table", M(120), "per guest", "An evening with the kitchen.", ["Eight courses", "Wine pairing", "Meet the chef"], false, "Book the chef's table"),
            ],
            "portfolio" =>
            [
                new("Sprint", M(2500), "from", "A focused one-week design sprint.", ["Workshop and research", "Concept directions", "Presentation"], false, "Book a sprint"),
                new("Project", M(9000), "from", "Identity or website, start to finish.", ["Strategy and design", "Two rounds of revisions", "Launch support"], true, "Start a project"),
                new("Retainer", M(4000), "per month", "An ongoing creative partner.", ["Priority scheduling", "Monthly planning", "Unlimited small requests"], false, "Discuss a retainer"),
            ],
            "ecommerce-sale" =>
            [
                new("Standard", M(0), "delivery", "Free on orders over " + M(50) + ".", ["3–5 working days", "Tracked delivery", "30-day returns"], false, "Shop with standard delivery"),
                new("Members", M(49), "per year", "Free express delivery, all year.", ["Next-day delivery", "Early access to sales", "Extra 10% off sale items", "Free returns"], true, "Become a member"),
                new("Express", M(9.95m), "per order", "When it can't wait.", ["Next-day delivery", "Order by 8pm", "Tracked delivery"], false, "Shop with express delivery"),
            ],
            "newsletter" =>
            [
                new("Free", M(0), "forever", "The newsletter, every issue.", ["Every issue", "Community picks"], false, "Subscribe free"),
                new("Supporter", M(8), "per month", "Keep it independent.", ["Every issue", "Members-only deep dives", "Full archive"], true, "Become a supporter"),
                new("Founding member", M(80), "per year", "For our biggest fans.", ["Everything in Supporter", "Annual reader meetup", "Your name in the credits"], false, "Become a founding member"),
            ],
            _ =>
            [
                new("Starter", M(0), "per month", "For individuals and small projects.", ["Up to 3 projects", "Core automations", "Community support"], false, "Start with Starter"),
                new("Pro", f.Price ?? M(12), "per user / month", "For growing teams that ship often.", ["Unlimited projects", "Advanced automations", "Dashboards and reports", "Priority support"], true, "Start Pro free"),
                new("Business", M(24), "per user / month", "For organisations at scale.", ["Everything in Pro", "Single sign-on", "Audit logs", "Dedicated success manager"], false, "Talk to sales"),
            ],
        };
    }

    /// <summary>The speakers the brief names; a portfolio's own person; otherwise cards for people still to be named.</summary>
    public static Person[] People(PageContext page)
    {
        if (page.Brief.Speakers.Count > 0)
        {
            return [.. page.Brief.Speakers.Select(s => new Person(s.Name, s.Role ?? string.Empty, string.Empty))];
        }

        return page.Id switch
        {
            "event" =>
            [
                new("Speaker to be announced", "Name, role and organisation", "Add who they are and what they'll talk about.", Placeholder: true),
                new("Speaker to be announced", "Name, role and organisation", "A line on why this talk matters to your audience.", Placeholder: true),
                new("Speaker to be announced", "Name, role and organisation", "Name only people who have said yes.", Placeholder: true),
            ],
            "portfolio" =>
            [
                new(page.Brand, page.Facts.Role is null ? "Designer" : LayoutAgent.Capitalize(page.Facts.Role), "A decade of work across brand, digital and print, for startups and household names alike."),
            ],
            _ =>
            [
                new("Team member's name", "Their role", "Add a line on what they do, and why customers are glad they do it.", Placeholder: true),
                new("Team member's name", "Their role", "Real people build trust: use their own name and photo, with their permission.", Placeholder: true),
                new("Team member's name", "Their role", "One or two sentences is plenty.", Placeholder: true),
            ],
        };
    }

    /// <summary>A sample day; a briefed page without times of its own gives the parts of the day, not clock times it never said.</summary>
    public static Slot[] Agenda(PageContext page)
    {
        var timed = !page.Briefed || page.Brief.Has(BriefFactKind.Time);
        return
        [
            new(timed ? "08:30" : "Morning", "Doors open and coffee", "Pick up your badge and meet the community."),
            new(timed ? "09:30" : "Morning", "Opening keynote", $"Welcome to {page.Facts.EventName ?? page.Brand}, and a look at the year ahead."),
            new(timed ? "10:30" : "Late morning", "Breakout sessions", "Three tracks of talks from practitioners in the field."),
            new(timed ? "12:30" : "Midday", "Lunch and networking", "Long tables, good food and time to connect."),
            new(timed ? "14:00" : "Afternoon", "Hands-on workshops", "Small-group sessions with takeaways you can use right away."),
            new(timed ? "16:30" : "Late afternoon", "Closing panel", "Our speakers on what they'll be working on next."),
            new(timed ? "18:00" : "Evening", "Evening party", "Drinks, music and more conversation."),
        ];
    }

    public static Course[] Menu(PageContext page)
    {
        var dishes = page.Brief.OfKind(BriefFactKind.Feature).Select(f => new Dish(BriefCopy.Capitalize(f.Text), "Ask us what's good today.", null)).ToArray();
        if (dishes.Length >= 2)
        {
            return [new Course("From our kitchen", dishes)];
        }

        // A briefed page shows sample dishes for its cuisine but never a price the brief did not give.
        var stock = StockMenu(page);
        return page.Briefed ? [.. stock.Select(c => c with { Dishes = [.. c.Dishes.Select(d => d with { Price = null })] })] : stock;
    }

    private static Course[] StockMenu(PageContext page) => page.Facts.Cuisine switch
    {
        "italian" =>
        [
            new("Antipasti", [new("Burrata", "Heirloom tomatoes, basil oil, sourdough crumb", 14), new("Arancini", "Saffron rice, smoked mozzarella, aioli", 11), new("Fritto misto", "Seasonal vegetables, lemon, sea salt", 12)]),
            new("Pizza and pasta", [new("Margherita", "San Marzano tomato, fior di latte, basil", 16), new("Cacio e pepe", "Fresh tonnarelli, pecorino, black pepper", 19), new("Nduja", "Spicy sausage, honey, ricotta, chilli", 19)]),
            new("Dolci", [new("Tiramisù", "Espresso, mascarpone, cocoa", 9), new("Affogato", "Vanilla gelato, hot espresso", 7), new("Panna cotta", "Vanilla bean, seasonal berries", 9)]),
        ],
        "japanese" =>
        [
            new("Small plates", [new("Edamame", "Sea salt, yuzu kosho", 6), new("Gyoza", "Pork and cabbage, crispy lace, chilli oil", 10), new("Agedashi tofu", "Dashi broth, daikon, spring onion", 9)]),
            new("Sushi and mains", [new("Omakase nigiri", "Eight pieces, chef's selection", 32), new("Salmon don", "Seasoned rice, salmon, ikura, nori", 22), new("Tonkotsu ramen", "Rich pork broth, chashu, egg", 18)]),
            new("Sweet", [new("Matcha cheesecake", "Black sesame crumb", 9), new("Mochi trio", "Yuzu, mango, strawberry", 8)]),
        ],
        "mexican" =>
        [
            new("To start", [new("Guacamole", "Charred corn, lime, totopos", 10), new("Elote", "Grilled corn, chipotle mayo, cotija", 8), new("Tostada", "Tuna, avocado, ponzu, chilli", 12)]),
            new("Tacos", [new("Al pastor", "Pork, pineapple, salsa verde", 13), new("Baja fish", "Crispy cod, cabbage, lime crema", 14), new("Hongos", "Roasted mushrooms, black beans, queso fresco", 12)]),
            new("Dessert", [new("Churros", "Cinnamon sugar, chocolate sauce", 8), new("Tres leches", "Vanilla cream, berries", 8)]),
        ],
        "cafe" =>
        [
            new("Coffee", [new("Flat white", "Double shot, silky milk", 4), new("Pour-over", "Single origin, changes weekly", 5), new("Iced oat latte", "House-made oat milk", 5)]),
            new("Bakery", [new("Butter croissant", "Laminated in house every morning", 4), new("Cardamom bun", "Swedish-style, pearl sugar", 4), new("Banana bread", "Toasted, with salted butter", 5)]),
            new("Brunch", [new("Avocado toast", "Sourdough, chilli, lime, seeds", 12), new("Shakshuka", "Baked eggs, peppers, feta, flatbread", 14), new("Buttermilk pancakes", "Maple, berries, crème fraîche", 13)]),
        ],
        "indian" =>
        [
            new("Small plates", [new("Onion bhaji", "Tamarind and mint chutneys", 8), new("Samosa chaat", "Chickpeas, yoghurt, pomegranate", 10), new("Paneer tikka", "Charred peppers, green chutney", 12)]),
            new("Curries", [new("Butter chicken", "Tomato, fenugreek, cream", 19), new("Dal makhani", "Black lentils, slow-cooked overnight", 15), new("Lamb rogan josh", "Kashmiri chilli, fennel", 22)]),
            new("From the tandoor", [new("Garlic naan", "Brushed with ghee", 4), new("Kulfi", "Pistachio and cardamom", 7)]),
        ],
        _ =>
        [
            new("Starters", [new("Roast squash soup", "Sage, toasted seeds, brown butter", 9), new("Charred leeks", "Romesco, hazelnuts, herbs", 11), new("Seasonal salad", "Leaves from the farm, house vinaigrette", 10)]),
            new("Mains", [new("Wild mushroom risotto", "Aged parmesan, thyme", 21), new("Market fish", "Brown shrimp butter, greens", 26), new("Braised short rib", "Celeriac, red wine jus", 28)]),
            new("Desserts", [new("Dark chocolate tart", "Crème fraîche, sea salt", 9), new("Poached pear", "Vanilla, almond crumble", 8), new("Cheese plate", "Three local cheeses, chutney", 12)]),
        ],
    };

    public static Caption[] Captions(PageContext page) =>
        [.. StockCaptions(page).Select(c => page.Briefed && !BriefCopy.IsSafeStock(c.Detail) ? c with { Detail = string.Empty } : c)];

    private static Caption[] StockCaptions(PageContext page) => page.Id switch
    {
        "portfolio" =>
        [
            new("Rebrand for a coffee roaster", "Identity · Packaging"),
            new("Banking app redesign", "Product design · iOS and Android"),
            new("Festival campaign", "Art direction · Print and social"),
            new("Architecture studio website", "Web design · Development"),
            new("Skincare launch", "Packaging · Photography"),
            new("Annual report", "Editorial design · Data"),
        ],
        "restaurant" =>
        [
            new("The dining room", "Seats 60, with a view of the open kitchen"),
            new("The chef's counter", "Eight seats for the tasting menu"),
            new("Seasonal plates", "Built around what's fresh this week"),
            new("The bar", "Natural wines and house cocktails"),
            new("The private room", "For up to 24 guests"),
            new("The terrace", "Open from May to September"),
        ],
        _ =>
        [
            new("Behind the scenes", "How it all comes together"),
            new("The details", "Made with care, start to finish"),
            new("In the wild", "Real people, real moments"),
            new("The community", "The people who make it special"),
            new("On the road", "Where we've been this year"),
            new("What's next", "A first look at what we're making"),
        ],
    };

    public static string ProductName(PageContext page, int index)
    {
        var category = ProductCategory(page);
        if (category is not null)
        {
            string[] prefixes = ["Signature", "Everyday", "Limited-edition", "Classic"];
            return $"{prefixes[index % prefixes.Length]} {category}";
        }

        var occasion = page.Facts.Occasion?.ToLowerInvariant() ?? string.Empty;
        string[] names = occasion.Contains("summer", StringComparison.Ordinal) || occasion.Contains("spring", StringComparison.Ordinal)
            ? ["Woven Beach Tote", "Linen Shirt", "Canvas Sneakers", "Travel Bottle"]
            : occasion.Contains("winter", StringComparison.Ordinal) || occasion.Contains("christmas", StringComparison.Ordinal) || occasion.Contains("holiday", StringComparison.Ordinal) || occasion.Contains("black friday", StringComparison.Ordinal)
                ? ["Weekender Bag", "Merino Crew Sweater", "All-Weather Boots", "Insulated Bottle"]
                : ["Everyday Tote", "Organic Cotton Tee", "Canvas Sneakers", "Travel Bottle"];
        return names[index % names.Length];
    }

    private static string? ProductCategory(PageContext page)
    {
        var scope = page.Facts.OfferScope;
        if (scope is null || scope is "everything" or "sitewide" or "storewide" or "site-wide" or "store-wide")
        {
            return null;
        }

        var words = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(w => w is "all" or "every" or "our" or "selected" or "select" or "the" or "entire" or "whole" or "new")
            .ToArray();
        return words.Length == 0 ? null : string.Join(' ', words.Select(w => LayoutAgent.Capitalize(w)));
    }

    public static readonly decimal[] BasePrices = [68m, 54m, 89m, 32m];

    private static string LowerFirst(string value) => value.Length == 0 ? value : char.ToLowerInvariant(value[0]) + value[1..];

    [GeneratedRegex(@"\b(?:sale|sales|discount|early-bird|bestsellers)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SaleWordsRegex();

    /// <summary>
    /// Whether a stock line may stand on a briefed page: no number in it, nothing about apps and devices for what is neither,
    /// and nothing about a sale, a discount or early-bird prices for a brief without one.
    /// </summary>
    public static bool StockFits(PageContext page, string text) =>
        BriefCopy.IsSafeStock(text) && Fits(page, text) && (page.Brief.Has(BriefFactKind.Discount) || !SaleWordsRegex().IsMatch(text));
}
