namespace SiteBuilder.Validation.Briefs;

/// <summary>What a marketer's brief (the generation prompt) says, read the way a copywriter would: who, what, for whom, the concrete facts and the ask.</summary>
/// <param name="Name">The product's or organisation's name: "Brewly", "Riverside Half Marathon".</param>
/// <param name="Category">What it is, as the brief says it: "smart coffee grinder", "taqueria", "half marathon".</param>
/// <param name="Kind">The kind of business the category belongs to.</param>
/// <param name="Audience">Who it is for: "freelancers", "weekend hikers".</param>
/// <param name="Facts">The concrete facts a page about the brief must show, in the order the brief gives them.</param>
/// <param name="CallToAction">The action the brief asks visitors to take ("Pre-order now"), when it names one.</param>
/// <param name="Points">The brief's selling points as short sentences, instructions to the page builder left out.</param>
public sealed record Brief(
    string? Name,
    string? Category,
    BusinessKind Kind,
    string? Audience,
    IReadOnlyList<BriefFact> Facts,
    string? CallToAction,
    IReadOnlyList<string> Points)
{
    public static Brief Empty { get; } = new(null, null, BusinessKind.Unknown, null, [], null, []);

    /// <summary>The testimonials the brief gives, word for word, with who said them: the only words a page may attribute to a customer.</summary>
    public IReadOnlyList<BriefQuote> Quotes { get; init; } = [];

    /// <summary>The speakers (or hosts, or line-up) the brief names, in its order.</summary>
    public IReadOnlyList<BriefPerson> Speakers { get; init; } = [];

    /// <summary>Reads a brief. Never throws; an empty prompt gives <see cref="Empty"/>.</summary>
    public static Brief Read(string? prompt) => BriefReader.Read(prompt);

    public IEnumerable<BriefFact> OfKind(BriefFactKind kind) => Facts.Where(f => f.Kind == kind);

    public bool Has(BriefFactKind kind) => Facts.Any(f => f.Kind == kind);
}

/// <summary>One concrete fact of a brief.</summary>
/// <param name="Kind">What sort of fact it is; prices and dates can be contradicted, the others only missed.</param>
/// <param name="Text">The fact as the brief writes it: "$149", "March 31", "40 grind settings".</param>
/// <param name="Label">For a price, what it is the price of ("Solo", "Early-bird tickets"); for the others, null.</param>
/// <param name="Context">For a price, what follows it ("/month", "per person"); the clause a fact came from otherwise.</param>
public sealed record BriefFact(BriefFactKind Kind, string Text, string? Label = null, string? Context = null);

/// <summary>A testimonial of the brief: <c>Include this review: "Best grinder I've owned." — Sam Lee, barista</c>.</summary>
/// <param name="Text">The words, as the brief quotes them ("Best grinder I've owned.").</param>
/// <param name="Name">Who said them, as the brief names them ("Sam Lee", "Dana").</param>
/// <param name="Role">Who they are or where they are from, when the brief says ("barista", "regular since 2019", "Lisbon").</param>
public sealed record BriefQuote(string Text, string Name, string? Role = null);

/// <summary>A person the brief names for the page, such as a speaker: "Dr. Maya Chen (CERN)".</summary>
/// <param name="Name">The name as the brief writes it.</param>
/// <param name="Role">The organisation or role in brackets after the name, when the brief gives one.</param>
public sealed record BriefPerson(string Name, string? Role = null);

public enum BriefFactKind
{
    /// <summary>An amount of money: "$149", "€6,900".</summary>
    Price,

    /// <summary>A reduction: "40% off", "$50 off", "save 15%".</summary>
    Discount,

    /// <summary>A calendar date or range: "March 31", "September 17–18".</summary>
    Date,

    /// <summary>A clock time: "7:30 am", "6pm".</summary>
    Time,

    /// <summary>A place: "East Austin", "the Javits Center", "221 Pike Street".</summary>
    Place,

    /// <summary>A number with what it counts: "40 grind settings", "13.1 miles".</summary>
    Number,

    /// <summary>A named feature, dish, ingredient or inclusion: "built-in scale", "al pastor".</summary>
    Feature,

    /// <summary>An offer: "free shipping", "first class free", a code such as "NORTH40".</summary>
    Offer,

    /// <summary>When an offer ends, in words: "this weekend only", "until Sunday".</summary>
    Deadline,
}

/// <summary>The kinds of business a brief can be about; each fits one or two page templates.</summary>
public enum BusinessKind
{
    Unknown,
    Product,
    Software,
    App,
    Shop,
    Event,
    Restaurant,
    Portfolio,
    Nonprofit,
    Newsletter,
    LocalService,
    Course,
}
