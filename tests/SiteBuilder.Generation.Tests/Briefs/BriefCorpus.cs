namespace SiteBuilder.Generation.Tests.Briefs;

/// <summary>A marketer's prompt and what a page written from it must show.</summary>
/// <param name="Business">The kind of business, for the report.</param>
/// <param name="Prompt">The prompt, as a marketer would type it.</param>
/// <param name="Name">The product's or organisation's name, as the page must show it.</param>
/// <param name="Category">What it is, as the page must say it.</param>
/// <param name="Templates">The templates that fit this kind of business.</param>
/// <param name="Facts">Concrete facts the page must show, as the prompt writes them; money amounts must be in an offer or pricing place.</param>
public sealed record BriefCase(string Business, string Prompt, string Name, string Category, string[] Templates, string[] Facts)
{
    public override string ToString() => $"{Business}: {Name}";
}

/// <summary>
/// Varied marketer prompts across many kinds of business, written before the composer was, to measure it:
/// realistic phrasing (a sentence, a list, a colon line, a first-person note), not shaped to the extractor.
/// </summary>
public static class BriefCorpus
{
    private static readonly string[] Shop = ["ecommerce-sale"];
    private static readonly string[] ProductPage = ["ecommerce-sale", "app-launch"];
    private static readonly string[] Saas = ["saas-product"];
    private static readonly string[] App = ["app-launch"];
    private static readonly string[] Event = ["event"];
    private static readonly string[] Restaurant = ["restaurant"];
    private static readonly string[] Nonprofit = ["nonprofit"];
    private static readonly string[] Newsletter = ["newsletter"];
    private static readonly string[] Portfolio = ["portfolio"];
    private static readonly string[] Local = ["local-business"];
    private static readonly string[] Course = ["event", "local-business"];

    public static IReadOnlyList<BriefCase> All { get; } =
    [
        new("product", "A launch page for Brewly, a smart coffee grinder with 40 grind settings, a built-in scale and app control. Launch price $149 (regular $199) until March 31. Free shipping in the US. Call to action: Pre-order now.",
            "Brewly", "coffee grinder", ProductPage, ["40 grind settings", "built-in scale", "app control", "$149", "$199", "March 31", "Free shipping"]),
        new("product", "We're launching the Trailhead 28L, a waterproof hiking backpack made from recycled nylon. $89, ships October 15. Lifetime warranty. Target: weekend hikers.",
            "Trailhead 28L", "backpack", ProductPage, ["recycled nylon", "$89", "October 15", "Lifetime warranty"]),
        new("product", "Landing page for Lumen Desk Lamp — adjustable colour temperature from 2700K to 6500K, USB-C charging port, 5-year warranty. Price: €79. Order by December 18 for Christmas delivery.",
            "Lumen", "desk lamp", ProductPage, ["2700K", "6500K", "USB-C charging port", "5-year warranty", "€79", "December 18"]),
        new("product", "Page for Hydra's new smart water bottle, the Hydra Flow. It tracks how much you drink, glows when it's time to sip and keeps drinks cold for 24 hours. $45 each or 2 for $80, this weekend only.",
            "Hydra", "water bottle", ProductPage, ["24 hours", "$45", "$80", "this weekend only"]),
        new("saas", "Create a landing page for Ledgerly, invoicing software for freelancers. Features: recurring invoices, automatic payment reminders, multi-currency support. Plans: Solo $9/month, Team $29/month. 30-day free trial, no card needed.",
            "Ledgerly", "invoicing software", Saas, ["recurring invoices", "automatic payment reminders", "multi-currency support", "$9", "$29", "30-day free trial"]),
        new("saas", "ShiftPilot is a scheduling tool for restaurants and retail stores — build the week's rota in 10 minutes, swap shifts from your phone, track labour costs. $4 per employee per month. Book a demo.",
            "ShiftPilot", "scheduling tool", Saas, ["10 minutes", "swap shifts", "labour costs", "$4"]),
        new("saas", "Landing page for Sprout Analytics: privacy-friendly web analytics for small businesses. No cookies, GDPR compliant, real-time dashboard. Free up to 10,000 page views a month, then $12/month.",
            "Sprout Analytics", "web analytics", Saas, ["No cookies", "GDPR compliant", "real-time dashboard", "10,000 page views", "$12"]),
        new("saas", "Homepage for Patchwork, an open-source API gateway. 3x faster than NGINX in our benchmarks, plugin system in Rust, Kubernetes-native. Free self-hosted, Cloud from $199/month. Star us on GitHub.",
            "Patchwork", "API gateway", Saas, ["open-source", "3x faster", "NGINX", "Rust", "Kubernetes", "$199", "GitHub"]),
        new("app", "Mobile app launch: Pocket Sensei teaches Japanese in 5-minute daily lessons with speech recognition. Free on iOS and Android, Premium is $6.99/month. Launching April 2.",
            "Pocket Sensei", "app", App, ["5-minute daily lessons", "speech recognition", "iOS and Android", "$6.99", "April 2"]),
        new("app", "We need a waitlist page for Nestegg, a budgeting app for couples. Shared budgets, bill splitting, savings goals. Beta opens June 10 for the first 500 sign-ups.",
            "Nestegg", "budgeting app", App, ["Shared budgets", "bill splitting", "savings goals", "June 10", "500"]),
        new("app", "App page for TrailMate — offline hiking maps, live location sharing with friends, and 50,000 trails across Europe. €3.99 a month or €29.99 a year. Download free.",
            "TrailMate", "app", App, ["offline hiking maps", "live location sharing", "50,000 trails", "Europe", "€3.99", "€29.99"]),
        new("shop", "Black Friday sale for Northwind Outfitters: 40% off all jackets and boots, November 28 to December 1. Free shipping over $75. Use code NORTH40.",
            "Northwind Outfitters", "jackets", Shop, ["40% off", "November 28", "December 1", "$75", "NORTH40"]),
        new("shop", "Summer clearance at Bloom & Vine, our online plant shop. Up to 50% off houseplants and pots, sale ends Sunday July 20. Orders over £40 ship free.",
            "Bloom & Vine", "plant shop", Shop, ["50% off", "houseplants", "July 20", "£40"]),
        new("shop", "Flash sale page for Kettle & Crumb kitchenware: 25% off cast iron pans for 48 hours only. Free returns within 60 days.",
            "Kettle & Crumb", "kitchenware", Shop, ["25% off", "cast iron pans", "48 hours", "60 days"]),
        new("shop", "Mother's Day gift sale at Petal Post, flowers delivered across London. 20% off all bouquets with code MUM20, order by May 9 for delivery May 10. Bouquets from £35.",
            "Petal Post", "flowers", Shop, ["20% off", "MUM20", "May 9", "May 10", "£35", "London"]),
        new("conference", "Landing page for DataOps Summit 2026, a two-day conference for data engineers, September 17–18 at the Javits Center in New York. 40 speakers, 12 workshops. Early-bird tickets $399 until July 1, then $549.",
            "DataOps Summit", "conference", Event, ["September 17–18", "Javits Center", "New York", "40 speakers", "12 workshops", "$399", "July 1", "$549"]),
        new("meetup", "Create a page for the Leeds Frontend Meetup — monthly talks on CSS and accessibility. Next one is Thursday 6 March, 6:30pm at Platform, Leeds. Free, pizza provided, 80 seats.",
            "Leeds Frontend Meetup", "meetup", Event, ["CSS", "accessibility", "6 March", "6:30pm", "Platform", "pizza", "80 seats"]),
        new("race", "A sign-up page for the Riverside Half Marathon on Sunday, October 12 in Portland. 13.1 miles along the Willamette River, start at 7:30 am. Registration $65, $75 after September 1. Every finisher gets a medal.",
            "Riverside Half Marathon", "half marathon", Event, ["October 12", "Portland", "13.1 miles", "Willamette River", "7:30 am", "$65", "$75", "September 1", "medal"]),
        new("race", "Charity 5K fun run for Paws Rescue, Saturday May 3, Greenfield Park. $25 entry, kids under 12 run free, dogs welcome! All proceeds go to the shelter.",
            "Paws Rescue", "fun run", ["event", "nonprofit"], ["May 3", "Greenfield Park", "$25", "under 12", "dogs welcome"]),
        new("festival", "Page for Sunset Sounds, a three-day music festival on Brighton beach, August 8-10. 30 bands, camping available. Weekend pass £120, day ticket £50.",
            "Sunset Sounds", "music festival", Event, ["Brighton", "August 8-10", "30 bands", "camping", "£120", "£50"]),
        new("tasting", "Wine tasting evening at Vine Street Cellars, Friday November 7, 7–9pm. Six wines from Burgundy with cheese pairings. Tickets $60, members $45. Only 30 spots.",
            "Vine Street Cellars", "wine tasting", Event, ["November 7", "9pm", "Burgundy", "cheese pairings", "$60", "$45", "30 spots"]),
        new("restaurant", "Casa Lupe is a family-run taqueria in East Austin. Handmade corn tortillas, al pastor from the trompo, tacos from $3.50. Taco Tuesday: 2 for $5. Open 11am–10pm, closed Mondays.",
            "Casa Lupe", "taqueria", Restaurant, ["East Austin", "corn tortillas", "al pastor", "$3.50", "$5", "11am", "10pm", "Mondays"]),
        new("restaurant", "Website for Trattoria Nonna in Boston's North End – fresh pasta made daily, wood-fired pizza, 4-course Sunday supper for $45 per person. Reservations via the site, call to action 'Book a table'.",
            "Trattoria Nonna", "trattoria", Restaurant, ["North End", "fresh pasta", "wood-fired pizza", "Sunday supper", "$45"]),
        new("restaurant", "Opening announcement: Umami Ramen Bar opens Friday, January 16 at 221 Pike Street, Seattle. First 100 guests get a free bowl. Tonkotsu, miso and vegan shoyu ramen.",
            "Umami Ramen Bar", "ramen bar", Restaurant, ["January 16", "221 Pike Street", "Seattle", "100 guests", "free bowl", "Tonkotsu", "vegan shoyu"]),
        new("cafe", "Landing page for Crumb & Co., a neighbourhood bakery on Elm Street. Sourdough baked at 6am every morning, croissants, and custom birthday cakes (order 48 hours ahead). Open Tue–Sun 7am–3pm.",
            "Crumb & Co.", "bakery", Restaurant, ["Elm Street", "Sourdough", "6am", "croissants", "birthday cakes", "48 hours", "7am", "3pm"]),
        new("cafe", "Promote Little Fern, a plant-filled coffee shop in Leith. Specialty coffee from Ethiopian and Colombian beans, oat milk at no extra charge, free wifi. Loyalty card: 10th coffee free.",
            "Little Fern", "coffee shop", Restaurant, ["Leith", "Ethiopian", "Colombian", "oat milk", "free wifi", "10th coffee free"]),
        new("nonprofit", "Donation page for Harbor Food Bank. We serve 3,200 families a month in Tacoma. $25 feeds a family for a week. Our goal is $50,000 by December 31 for the winter appeal.",
            "Harbor Food Bank", "food bank", Nonprofit, ["3,200 families", "Tacoma", "$25", "$50,000", "December 31"]),
        new("nonprofit", "Create a page for Second Chance Animal Shelter asking people to adopt or foster. 120 dogs and cats waiting, adoption fee $95 includes vaccinations and microchip. Adoption day Saturday April 12, 10am–4pm.",
            "Second Chance Animal Shelter", "animal shelter", Nonprofit, ["120 dogs and cats", "$95", "vaccinations", "microchip", "April 12", "10am", "4pm"]),
        new("nonprofit", "Clean Rivers Trust is a charity restoring rivers in Wales. Volunteer river clean-up on 21 September, meet at Llandaff Bridge. We've removed 14 tonnes of plastic since 2019. Donate or sign up to volunteer.",
            "Clean Rivers Trust", "charity", Nonprofit, ["Wales", "21 September", "Llandaff Bridge", "14 tonnes"]),
        new("newsletter", "Signup page for The Hedge, a weekly newsletter about personal finance for people in their 20s. Every Sunday, 5-minute read, 38,000 subscribers. Free.",
            "Hedge", "newsletter", Newsletter, ["weekly", "personal finance", "Sunday", "5-minute read", "38,000 subscribers"]),
        new("newsletter", "Landing page for Byte Sized, a daily AI news digest for product managers. Three stories every weekday morning, curated by ex-Google PMs. Subscribe free, paid tier $5/month adds deep dives.",
            "Byte Sized", "digest", Newsletter, ["product managers", "Three stories", "ex-Google", "$5", "deep dives"]),
        new("podcast", "Page for the Slow Money podcast — new episodes every Wednesday, interviews with founders who bootstrapped to $1M. 150 episodes so far. Listen on Spotify and Apple Podcasts.",
            "Slow Money", "podcast", Newsletter, ["Wednesday", "150 episodes", "Spotify", "Apple Podcasts"]),
        new("portfolio", "Portfolio site for Mara Quinn, a wedding photographer based in Lisbon. Full-day coverage from €2,400, engagement shoots €350. Booking 2026 dates now. Featured in Vogue Portugal.",
            "Mara Quinn", "wedding photographer", Portfolio, ["Lisbon", "€2,400", "€350", "2026", "Vogue Portugal"]),
        new("portfolio", "I'm Theo Park, a freelance UX designer. 8 years of experience, worked with Spotify and Monzo. Available from March for 3-month contracts. Day rate £550.",
            "Theo Park", "UX designer", Portfolio, ["8 years", "Spotify", "Monzo", "3-month contracts", "£550"]),
        new("portfolio", "Showcase page for Oakline Studio, an architecture firm in Copenhagen specializing in timber buildings. 60 projects completed, RIBA award 2024. Contact us for a free consultation.",
            "Oakline Studio", "architecture firm", Portfolio, ["Copenhagen", "timber buildings", "60 projects", "RIBA award", "free consultation"]),
        new("fitness", "Page for Ironhouse Gym, open 24/7 in Denver. Memberships $39/month, no joining fee in January. Free personal training session when you sign up. 200+ classes a week.",
            "Ironhouse Gym", "gym", Local, ["24/7", "Denver", "$39", "no joining fee", "personal training", "200+ classes"]),
        new("fitness", "Flow Yoga Studio is opening in Fremantle! Intro offer: unlimited classes for 30 days for $49. Hot yoga, vinyasa and yin. First class free. Book on our site.",
            "Flow Yoga", "yoga studio", Local, ["Fremantle", "30 days", "$49", "Hot yoga", "vinyasa", "yin", "First class free"]),
        new("salon", "Landing page for Blade & Bloom, a barbershop and salon in Shoreditch. Men's cuts £28, colour from £75. Walk-ins welcome Monday to Saturday, late opening Thursday until 9pm. 15% off your first visit.",
            "Blade & Bloom", "barbershop", Local, ["Shoreditch", "£28", "£75", "Walk-ins welcome", "Thursday", "9pm", "15% off"]),
        new("clinic", "Bright Smile Dental is a family dentist in Naperville. New patient special: exam, x-rays and cleaning for $99. Evening appointments until 7pm, accepts most insurance, Invisalign available.",
            "Bright Smile Dental", "dentist", Local, ["Naperville", "exam", "x-rays", "cleaning", "$99", "7pm", "insurance", "Invisalign"]),
        new("clinic", "Paws & Claws Mobile Vet — we come to your home in Sacramento. House calls from $85, vaccinations $30. Same-day appointments. Call 916-555-0142.",
            "Paws & Claws", "vet", Local, ["Sacramento", "$85", "$30", "Same-day appointments", "916-555-0142"]),
        new("trades", "Create a page for Reliable Rooter, a 24-hour plumber serving Phoenix and Scottsdale. Licensed and insured, 20 years in business, upfront pricing, $50 off any job over $300. Call now.",
            "Reliable Rooter", "plumber", Local, ["Phoenix", "Scottsdale", "Licensed and insured", "20 years", "$50 off", "$300"]),
        new("hotel", "Seabird Inn, a 12-room boutique hotel on the harbour in St Ives. Rooms from £140 a night with breakfast. Stay 3 nights, get the 4th free until April 30. Dog friendly.",
            "Seabird Inn", "boutique hotel", Local, ["12-room", "St Ives", "£140", "breakfast", "4th free", "April 30", "Dog friendly"]),
        new("course", "Sales page for Python for Analysts, an 8-week online course starting 2 February. Live sessions Tuesdays 6pm GMT, 24 lessons, certificate on completion. $499, or 3 payments of $179.",
            "Python for Analysts", "online course", Course, ["8-week", "2 February", "Tuesdays", "6pm", "24 lessons", "certificate", "$499", "$179"]),
        new("course", "Landing page for Forge Coding Bootcamp: 12 weeks full-time, Berlin or remote, next cohort starts 14 April. €6,900 or pay after you're hired. 89% of graduates hired within 6 months.",
            "Forge", "coding bootcamp", Course, ["12 weeks", "Berlin", "14 April", "€6,900", "89%", "6 months"]),
        new("course", "One-day pottery workshop at Clay Corner, Saturday 22 March, 10am–4pm. All materials and lunch included, max 8 people, £95 per person. Perfect for beginners.",
            "Clay Corner", "pottery workshop", Course, ["22 March", "10am", "4pm", "lunch", "8 people", "£95", "beginners"]),

        // Briefs that also tell the page builder what to build, as the workspace's own examples do: the page's plan, never its copy.
        new("product", "A launch page for Brewly, a smart coffee grinder with 40 grind settings, $149 until March 1, with features, pricing and an FAQ.",
            "Brewly", "coffee grinder", ProductPage, ["40 grind settings", "$149", "March 1"]),
        new("shop", "A summer sale landing page for Acme Outfitters: 30% off hiking and camping gear until August 31, with a product grid, free shipping over $50 and an FAQ.",
            "Acme Outfitters", "camping gear", Shop, ["30% off", "August 31", "free shipping over $50"]),
        new("saas", "A landing page for Flowboard, a project planning tool for small agencies: features, pricing with a free tier, testimonials and a sign-up call to action.",
            "Flowboard", "project planning tool", Saas, ["small agencies", "free tier"]),
        new("conference", "An event page for DevDays Lisbon, a two-day developer conference on 12–13 March 2027: speakers, schedule, tickets and a venue section.",
            "DevDays Lisbon", "developer conference", Event, ["12–13 March 2027"]),
        new("restaurant", "A page for Osteria Lume, a neighbourhood Italian restaurant: seasonal menu, opening hours, booking call to action and reviews.",
            "Osteria Lume", "Italian restaurant", Restaurant, ["seasonal menu"]),
        new("rental", "Landing page for Pedalworks, an e-bike rental shop in Amsterdam. €25 a day or €120 a week, helmets included. Open daily 9am–6pm. Include a pricing table and a map section.",
            "Pedalworks", "e-bike rental shop", Local, ["€25", "€120", "helmets included", "9am", "6pm", "Amsterdam"]),
        new("retreat", "We're a yoga retreat in Bali called Stillwater. 7-night retreats from $1,450 including meals and airport transfer. Next retreats: May 4 and June 8. Add testimonials and an FAQ.",
            "Stillwater", "yoga retreat", Event, ["$1,450", "meals", "airport transfer", "May 4", "June 8", "Bali"]),
        new("shop", "A holiday sale for Hearth & Home candles: buy 2 get 1 free on all candles until December 24, free gift wrapping. Show a product grid and a countdown.",
            "Hearth & Home", "candles", Shop, ["buy 2 get 1 free", "December 24", "free gift wrapping"]),
        new("restaurant", "Page for Marco's Pizzeria in Brooklyn: wood-fired Neapolitan pizza, open Tue–Sun 5–11pm, delivery within 2 miles. Tuesday special: any large pizza $15. Menu, reviews and order online button.",
            "Marco's Pizzeria", "pizzeria", Restaurant, ["Brooklyn", "wood-fired Neapolitan pizza", "5–11pm", "2 miles", "$15"]),

        // Briefs that give the page its people: customers' own words and the speakers, to be shown exactly as given.
        new("product", "Launch page for Kiln & Co. ceramic pour-over kettle, $89, ships May 5. Include this review: \"Pours slower and steadier than my old gooseneck.\" — Sam Lee, barista at Blue Bottle. Free shipping.",
            "Kiln & Co.", "kettle", ProductPage, ["$89", "May 5", "Free shipping", "Pours slower and steadier than my old gooseneck", "Sam Lee", "barista at Blue Bottle"]),
        new("conference", "Landing page for DevDays Lisbon, a two-day developer conference on 12–13 March 2027 at LX Factory. Speakers include Dr. Maya Chen (CERN) and Tom Ortiz. Tickets €249. Quote from Dana (attended in 2026): \"The best two days of talks I had all year.\"",
            "DevDays Lisbon", "developer conference", Event, ["12–13 March 2027", "LX Factory", "Dr. Maya Chen", "CERN", "Tom Ortiz", "€249", "The best two days of talks I had all year", "Dana"]),
        new("cafe", "Little Fern is a plant-filled coffee shop in Leith with oat milk at no extra charge. “The flat white is the best in Edinburgh.” – Ana, Lisbon. “Lovely staff and free wifi.” – Jo Reid, student",
            "Little Fern", "coffee shop", Restaurant, ["Leith", "oat milk", "The flat white is the best in Edinburgh", "Ana", "Lovely staff and free wifi", "Jo Reid", "student"]),
    ];

    /// <summary>Words that ask for a part of the page; on the page they are instructions printed as copy.</summary>
    public static IReadOnlyList<string> InstructionPhrases { get; } =
    [
        "with features", "call to action", "product grid", "venue section", "and reviews", "and an faq", "with an faq", "landing page", "page for",
        "sign-up call", "booking call", "pricing with", "map section", "pricing table", "order online button", "add testimonials", "countdown",
    ];
}
