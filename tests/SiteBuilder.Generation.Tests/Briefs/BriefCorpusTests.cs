using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SiteBuilder.Generation.Offline;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;
using SiteBuilder.Validation;

namespace SiteBuilder.Generation.Tests.Briefs;

/// <summary>
/// The offline composer against the brief corpus, the way a marketer reads the result: the page's visible text (what a
/// browser shows, not the markup or the embedded design) must carry the name, what it is, and the prompt's facts, with
/// every price where an offer or price belongs, on a template that fits the business.
/// </summary>
public sealed partial class BriefCorpusTests(ITestOutputHelper output)
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Sections where a price belongs: the offer (hero, closing band), the prices, the products, the menu, the FAQ's "how much".</summary>
    private static readonly HashSet<string> PricePlaces = new(StringComparer.Ordinal) { "hero", "pricing", "product-grid", "menu", "cta", "faq" };

    public static TheoryData<BriefCase> Cases => [.. BriefCorpus.All];

    [Fact]
    public void CorpusSpansAtLeastFortyPromptsAndTwelveKindsOfBusiness()
    {
        Assert.True(BriefCorpus.All.Count >= 40, $"{BriefCorpus.All.Count} prompts");
        Assert.True(BriefCorpus.All.Select(c => c.Business).Distinct().Count() >= 12);
        Assert.True(BriefCorpus.All.SelectMany(c => c.Templates).Distinct().Count() >= 8);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PageShowsTheNameAndWhatItIs(BriefCase brief)
    {
        var page = Compose(brief.Prompt);
        Assert.Contains(Fold(brief.Name), page.Text, StringComparison.Ordinal);
        Assert.Contains(Fold(brief.Category), page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PricesAreInTheOfferOrPricingAndNeverOnlyInATestimonial(BriefCase brief)
    {
        var page = Compose(brief.Prompt);
        foreach (var price in brief.Facts.Where(IsMoney))
        {
            var places = page.SectionsWith(Fold(price));
            Assert.True(places.Any(PricePlaces.Contains), $"{price} is in [{string.Join(", ", places)}], not in an offer or pricing section");
        }
    }

    [Fact]
    public void AtLeastNinetyPercentOfTheFactsReachTheVisibleText()
    {
        var total = 0;
        var found = 0;
        var missing = new StringBuilder();
        foreach (var brief in BriefCorpus.All)
        {
            var page = Compose(brief.Prompt);
            foreach (var fact in brief.Facts)
            {
                total++;
                if (page.Text.Contains(Fold(fact), StringComparison.Ordinal))
                {
                    found++;
                }
                else
                {
                    missing.Append(brief.Name).Append(": ").AppendLine(fact);
                }
            }
        }

        output.WriteLine($"{found} of {total} facts on the page ({100.0 * found / total:0.0} %). Missing:\n{missing}");
        Assert.True(found >= total * 0.9, $"{found} of {total} facts on the page. Missing:\n{missing}");
    }

    [Fact]
    public void TheTemplateFitsTheKindOfBusinessForAtLeastNinetyPercentOfPrompts()
    {
        var misfits = BriefCorpus.All
            .Select(brief => (brief, Template: TemplateCatalog.Infer(brief.Prompt).Id))
            .Where(x => !x.brief.Templates.Contains(x.Template))
            .Select(x => $"{x.brief}: {x.Template}")
            .ToList();
        output.WriteLine($"{misfits.Count} misfits:\n{string.Join("\n", misfits)}");
        Assert.True(misfits.Count <= BriefCorpus.All.Count / 10, string.Join("\n", misfits));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheBriefsInstructionsAreThePlanNotTheCopy(BriefCase brief)
    {
        var page = Compose(brief.Prompt);
        foreach (var phrase in BriefCorpus.InstructionPhrases)
        {
            Assert.False(page.Text.Contains(phrase, StringComparison.Ordinal), $"\"{phrase}\" is on the page: {page.Text}");
        }
    }

    /// <summary>
    /// A copywriter quotes a brief's phrases ("a smart coffee grinder with 40 grind settings") but never pastes the brief: no
    /// sentence on the page repeats a run of the prompt's words longer than twelve words and most of the prompt.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void ThePromptIsNeverPastedAsCopy(BriefCase brief)
    {
        var prompt = Words(Fold(brief.Prompt));
        var limit = Math.Max(12, (int)(prompt.Length * 0.6));
        var longest = Compose(brief.Prompt).Text.Split(['.', '!', '?'])
            .Select(sentence => LongestCommonRun(prompt, Words(sentence)))
            .MaxBy(run => run.Length)!;
        Assert.True(longest.Length <= limit, $"{longest.Length} words of the prompt in a row (limit {limit}): \"{string.Join(' ', longest)}\"");
    }

    /// <summary>Every amount of money on the page is one the brief gave: no sample price, product or ticket tier made up.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryPriceOnThePageIsTheBriefs(BriefCase brief)
    {
        var prompt = Fold(brief.Prompt);
        var invented = MoneyRegex().Matches(Compose(brief.Prompt).Text).Select(m => m.Value).Where(amount => !prompt.Contains(amount, StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(invented.Count == 0, $"Not in the brief: {string.Join(", ", invented)}");
    }

    /// <summary>
    /// A copywriter says a thing once and refers to it after: no line of copy (four words or more) is written out whole in more
    /// than three places of the page (a lead, an answer, a closing line). The cards of a product grid are left out: each
    /// card of a sale shows its reduction and deadline by design.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void NoLineIsWrittenOutMoreThanThreeTimes(BriefCase brief)
    {
        var template = TemplateCatalog.Infer(brief.Prompt);
        var theme = ThemeSelector.Select(new BrandKit(), template, brief.Prompt);
        using var document = Parser.ParseDocument(OfflineComposer.Compose(new PageRequest(brief.Prompt, template, theme, LayoutAgent.Plan(template, brief.Prompt, theme), new BrandKit())));
        var repeated = document.Body!.QuerySelectorAll("p, li, dd, h1, h2, h3, summary, figcaption")
            .Where(e => e.Closest(".product") is null && e.Closest("[aria-hidden=true]") is null && !e.QuerySelectorAll("p, li, dd, h1, h2, h3, summary").Any())
            .Select(e => Fold(e.TextContent).TrimEnd('.'))
            .Where(line => line.Split(' ').Length >= 4 && !line.StartsWith("rated ", StringComparison.Ordinal))
            .GroupBy(line => line)
            .Where(g => g.Count() > 3)
            .Select(g => $"×{g.Count()}: {g.Key}")
            .ToList();
        Assert.True(repeated.Count == 0, string.Join("\n", repeated));
    }

    /// <summary>A brief's quotes are in the testimonials, with who said them, and its speakers are the speakers section's people.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void TheBriefsQuotesAndSpeakersAreShownWhereTheyBelong(BriefCase brief)
    {
        var read = SiteBuilder.Validation.Briefs.Brief.Read(brief.Prompt);
        var page = Compose(brief.Prompt);
        var testimonials = page.Sections.SingleOrDefault(s => s.Section == "testimonials").Text ?? string.Empty;
        var speakers = page.Sections.SingleOrDefault(s => s.Section == "team").Text ?? string.Empty;
        Assert.All(read.Quotes, q => Assert.Contains(Fold(q.Text), testimonials, StringComparison.Ordinal));
        Assert.All(read.Quotes, q => Assert.Contains(Fold(q.Name), testimonials, StringComparison.Ordinal));
        Assert.All(read.Speakers, s => Assert.Contains(Fold(s.Name), speakers, StringComparison.Ordinal));
    }

    /// <summary>The brand report, which reads any provider's page, finds nobody quoted whom the brief does not name, in words it did not give.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void NobodyIsQuotedWhomTheBriefDoesNotName(BriefCase brief)
    {
        var template = TemplateCatalog.Infer(brief.Prompt);
        var theme = ThemeSelector.Select(new BrandKit(), template, brief.Prompt);
        var html = OfflineComposer.Compose(new PageRequest(brief.Prompt, template, theme, LayoutAgent.Plan(template, brief.Prompt, theme), new BrandKit()));

        var quotes = BrandValidator.Validate(html, brief: brief.Prompt).Audits.Single(a => a.Id == "brief-quotes");

        Assert.DoesNotContain(quotes.Findings, f => !f.Message.StartsWith("The testimonials are placeholders", StringComparison.Ordinal));
    }

    /// <summary>Briefs that say little, oddly or only what to build: every one still becomes a page (a crash is a failed generation).</summary>
    [Theory]
    [InlineData("Sale page number 1 for Northwind")]
    [InlineData("A sale page for Globex")]
    [InlineData("Sale")]
    [InlineData("x")]
    [InlineData("Add an FAQ.")]
    [InlineData("With features, pricing and an FAQ.")]
    [InlineData("Menu, reviews and order online button.")]
    [InlineData("Summer clearance: up to 50% off.")]
    [InlineData("A holiday sale: buy 2 get 1 free until December 24.")]
    [InlineData("40% off")]
    [InlineData("Open daily 9am–6pm.")]
    [InlineData("We're a bakery called Crumb. $3 croissants.")]
    [InlineData("Landing page 🚀🚀 for ACME!!! — $$$ — 100% off??")]
    [InlineData("Event on 2027-03-12 at 9:00, tickets €0.")]
    [InlineData("Goal: $40,000.")]
    public void EveryBriefBecomesAPage(string prompt)
    {
        var page = Compose(prompt);
        Assert.False(string.IsNullOrWhiteSpace(page.Text));
    }

    /// <summary>The marketer can pick any template for any brief: every pairing composes (a brief's kind never assumes its template).</summary>
    [Fact]
    public void EveryBriefComposesOnEveryTemplate()
    {
        var failures = new List<string>();
        foreach (var brief in BriefCorpus.All)
        {
            foreach (var template in TemplateCatalog.All)
            {
                try
                {
                    var theme = ThemeSelector.Select(new BrandKit(), template, brief.Prompt);
                    OfflineComposer.Compose(new PageRequest(brief.Prompt, template, theme, LayoutAgent.Plan(template, brief.Prompt, theme), new BrandKit()));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failures.Add($"{brief} on {template.Id}: {e.GetType().Name} {e.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void AListOfFeaturesIsACardEachAndAPriceLineIsNoFeature()
    {
        var page = Compose("Create a landing page for Ledgerly, invoicing software for freelancers. Features: recurring invoices, automatic payment reminders, multi-currency support. Plans: Solo $9/month, Team $29/month.");
        var features = page.Sections.Single(s => s.Section == "features").Text;

        foreach (var feature in new[] { "recurring invoices", "automatic payment reminders", "multi-currency support" })
        {
            Assert.Contains(feature, features, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("recurring invoices, automatic", features, StringComparison.Ordinal);
        Assert.DoesNotContain("$9", features, StringComparison.Ordinal);
        Assert.DoesNotContain("…", page.Text, StringComparison.Ordinal);
        // Each tier shows its own name and price, not the line that priced both.
        Assert.DoesNotContain("solo $9/month, team $29/month", page.Sections.Single(s => s.Section == "pricing").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AMultiBuyIsAPackAndTheFinePrintSaysOnlyWhatTheCardsDoNot()
    {
        var page = Compose("Page for Hydra's new smart water bottle, the Hydra Flow. It tracks how much you drink and keeps drinks cold for 24 hours. $45 each or 2 for $80, this weekend only.");
        var products = page.Sections.Single(s => s.Section == "product-grid").Text;

        Assert.Contains("pack of 2", products, StringComparison.Ordinal);
        Assert.DoesNotContain("option 2", products, StringComparison.Ordinal);
        Assert.Contains("this weekend only.", products, StringComparison.Ordinal);
        Assert.DoesNotContain("$45 each or 2 for $80", products, StringComparison.Ordinal);
    }

    /// <summary>"Welcome to Harbor Food Bank." and "Leeds Frontend Meetup." say only the name: the lead goes on with the brief.</summary>
    [Theory]
    [InlineData("Create a page for the Leeds Frontend Meetup — monthly talks on CSS and accessibility. Next one is Thursday 6 March, 6:30pm at Platform, Leeds.", "leeds frontend meetup: monthly talks on css and accessibility.")]
    [InlineData("Donation page for Harbor Food Bank. We serve 3,200 families a month in Tacoma. $25 feeds a family for a week.", "harbor food bank serves 3,200 families a month in tacoma.")]
    [InlineData("Paws & Claws Mobile Vet — we come to your home in Sacramento. House calls from $85, vaccinations $30.", "paws & claws mobile vet comes to your home in sacramento.")]
    public void AnOpeningThatOnlyNamesTheBusinessGoesOnWithWhatItDoes(string prompt, string lead)
    {
        var hero = Compose(prompt).Sections.Single(s => s.Section == "hero").Text;

        Assert.Contains(lead, hero, StringComparison.Ordinal);
        Assert.DoesNotContain("welcome to", hero, StringComparison.Ordinal);
        Assert.DoesNotContain("the leeds", hero, StringComparison.Ordinal);
    }

    /// <summary>Stock lines fill what a brief leaves out, but claim nothing about the business: no counts, seasons or walk-in policy.</summary>
    [Fact]
    public void ARestaurantsStockLinesClaimNoSeatsSeasonsOrWalkIns()
    {
        var page = Compose("A page for Osteria Lume, a neighbourhood Italian restaurant: seasonal menu, opening hours, booking call to action and reviews.");

        foreach (var claim in new[] { "eight seats", "may to september", "parties of eight", "walk-ins", "drop in", "up to 24 guests", "seats 60" })
        {
            Assert.DoesNotContain(claim, page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnEventsTicketArtClaimsNoScarcityTheBriefDidNotState()
    {
        var page = Compose("An event page for DevDays Lisbon, a two-day developer conference on 12–13 March 2027: speakers, schedule, tickets and a venue section.");

        Assert.DoesNotContain("limited places", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ACoffeeGrinderIsNeverSoldAsAPhoneApp()
    {
        var page = Compose(BriefCorpus.All[0].Prompt);
        Assert.DoesNotContain("ios and android", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("older phones", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("per month", page.Text, StringComparison.Ordinal);
    }

    private static string[] Words(string page) =>
        page.Split([' ', ',', '.', ':', ';', '!', '?', '(', ')', '"', '“', '”'], StringSplitOptions.RemoveEmptyEntries);

    private static string[] LongestCommonRun(string[] a, string[] b)
    {
        var best = (Start: 0, Length: 0);
        var previous = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            for (var j = 1; j <= b.Length; j++)
            {
                if (a[i - 1] == b[j - 1])
                {
                    current[j] = previous[j - 1] + 1;
                    if (current[j] > best.Length)
                    {
                        best = (i - current[j], current[j]);
                    }
                }
            }

            previous = current;
        }

        return a[best.Start..(best.Start + best.Length)];
    }

    private static bool IsMoney(string fact) => fact.IndexOfAny(['$', '£', '€']) >= 0;

    private static VisiblePage Compose(string prompt)
    {
        var template = TemplateCatalog.Infer(prompt);
        var brand = new BrandKit();
        var theme = ThemeSelector.Select(brand, template, prompt);
        var layout = LayoutAgent.Plan(template, prompt, theme);
        var html = OfflineComposer.Compose(new PageRequest(prompt, template, theme, layout, brand));
        return VisiblePage.Read(html);
    }

    /// <summary>Lower case, one kind of dash, single spaces: "7am – 3pm" and "7am–3pm" read alike.</summary>
    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace('–', '-').Replace('—', '-').Replace('’', '\'').ToLowerInvariant())
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Replace(" - ", "-", StringComparison.Ordinal).Trim();
    }

    /// <summary>What a browser shows: the body's text outside scripts, styles and hidden elements, by section.</summary>
    private sealed record VisiblePage(string Text, IReadOnlyList<(string Section, string Text)> Sections)
    {
        public static VisiblePage Read(string html)
        {
            using var document = Parser.ParseDocument(html);
            var sections = new List<(string, string)>();
            foreach (var region in document.Body!.Children.SelectMany(c => c.LocalName == "main" ? c.Children.ToArray() : new[] { c }))
            {
                var name = region.Id ?? region.LocalName;
                sections.Add((name, Fold(TextOf(region))));
            }

            return new VisiblePage(string.Join(" ", sections.Select(s => s.Item2)), sections);
        }

        public List<string> SectionsWith(string folded) => [.. Sections.Where(s => s.Text.Contains(folded, StringComparison.Ordinal)).Select(s => s.Section)];

        private static string TextOf(IElement element)
        {
            var text = new StringBuilder();
            foreach (var node in element.Descendants())
            {
                if (node is IText t && !t.Ancestors<IElement>().Any(a => a.LocalName is "script" or "style" or "template" || a.HasAttribute("hidden")))
                {
                    text.Append(t.Data).Append(' ');
                }
            }

            return text.ToString();
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[$£€]\s?\d[\d,]*(?:\.\d{1,2})?(?:[km]\b)?")]
    private static partial System.Text.RegularExpressions.Regex MoneyRegex();
}
