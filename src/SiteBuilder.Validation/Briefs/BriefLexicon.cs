namespace SiteBuilder.Validation.Briefs;

/// <summary>The nouns that say what a brief is about, each with the kind of business it belongs to. Longer phrases win over their head noun.</summary>
internal static class BriefLexicon
{
    private static readonly Dictionary<BusinessKind, string[]> Nouns = new()
    {
        [BusinessKind.Product] =
        [
            "coffee grinder", "grinder", "espresso machine", "coffee maker", "water bottle", "bottle", "headphones", "earbuds", "speaker", "backpack",
            "sneakers", "running shoes", "shoes", "e-bike", "bike", "bicycle", "blender", "kettle", "mattress", "standing desk", "desk lamp", "lamp",
            "smartwatch", "watch", "camera", "drone", "stroller", "serum", "moisturiser", "moisturizer", "candle", "notebook", "keyboard", "charger",
            "air purifier", "thermostat", "robot vacuum", "vacuum", "cookware", "knife", "chair", "tent", "jacket", "suitcase", "luggage",
            "toothbrush", "pillow", "monitor", "gadget", "device", "wearable", "tracker", "scooter", "skateboard", "board game", "frying pan",
        ],
        [BusinessKind.Software] =
        [
            "api gateway", "software", "platform", "saas", "crm", "tool", "api", "dashboard", "plugin", "extension", "assistant", "editor",
            "analytics", "database", "framework", "integration", "marketplace",
        ],
        [BusinessKind.App] = ["mobile app", "iphone app", "app"],
        [BusinessKind.Shop] =
        [
            "online store", "online shop", "plant shop", "flower shop", "gift shop", "store", "boutique", "kitchenware", "homeware", "clothing",
            "apparel", "outfitters", "jewellery", "jewelry", "bouquets", "flowers", "florist", "jackets", "furniture", "cosmetics",
        ],
        [BusinessKind.Event] =
        [
            "half marathon", "half-marathon", "marathon", "fun run", "5k", "10k", "triathlon", "race", "conference", "summit", "music festival",
            "festival", "meetup", "gala", "hackathon", "concert", "expo", "trade show", "fair", "tournament", "webinar", "retreat", "wine tasting",
            "tasting evening", "open day", "launch party", "party", "market", "exhibition",
        ],
        [BusinessKind.Restaurant] =
        [
            "restaurant", "taqueria", "trattoria", "pizzeria", "bistro", "brasserie", "diner", "ramen bar", "sushi bar", "wine bar", "cocktail bar", "bar",
            "brewery", "food truck", "coffee shop", "café", "cafe", "bakery", "patisserie", "steakhouse", "tea room", "ice cream shop", "gelateria",
            "deli", "pub", "eatery", "noodle house", "supper club",
        ],
        [BusinessKind.Portfolio] =
        [
            "photographer", "designer", "illustrator", "architect", "architecture firm", "architecture studio", "design studio", "copywriter",
            "videographer", "filmmaker", "animator", "artist", "portfolio", "agency",
        ],
        [BusinessKind.Nonprofit] =
        [
            "food bank", "animal shelter", "shelter", "charity", "nonprofit", "non-profit", "foundation", "trust", "appeal", "fundraiser",
            "rescue", "ngo", "community garden",
        ],
        [BusinessKind.Newsletter] = ["newsletter", "news digest", "digest", "podcast", "magazine", "blog", "zine"],
        [BusinessKind.LocalService] =
        [
            "yoga studio", "pilates studio", "fitness studio", "gym", "salon", "hair salon", "barbershop", "barber", "nail salon", "spa",
            "dentist", "dental practice", "dental clinic", "clinic", "physio", "physiotherapist", "vet", "veterinary clinic", "plumber", "electrician",
            "roofer", "cleaning service", "cleaner", "dog walker", "dog groomer", "groomer", "daycare", "nursery", "tutor", "driving school",
            "law firm", "lawyer", "accountant", "hotel", "boutique hotel", "b&b", "bed and breakfast", "guesthouse", "inn", "car wash", "e-bike rental shop", "bike rental shop", "e-bike rental", "bike rental", "rental shop",
            "bookshop", "bookstore", "real estate agency", "estate agent", "garage", "mechanic", "laundrette", "studio", "practice", "service",
        ],
        [BusinessKind.Course] =
        [
            "online course", "course", "coding bootcamp", "bootcamp", "coding camps", "coding camp", "summer camps", "summer camp", "camps", "camp", "masterclass", "pottery workshop", "workshop", "classes", "class", "academy",
            "language school", "program", "programme", "training", "cohort",
        ],
    };

    /// <summary>Every noun with its kind, longest first so "coffee shop" is found before "shop".</summary>
    public static IReadOnlyList<(string Noun, BusinessKind Kind)> All { get; } =
        [.. Nouns.SelectMany(pair => pair.Value.Select(noun => (noun, pair.Key))).OrderByDescending(entry => entry.noun.Length)];

    /// <summary>Words that say a product is software or an app however the rest reads.</summary>
    public static bool IsDigital(BusinessKind kind) => kind is BusinessKind.Software or BusinessKind.App;
}
