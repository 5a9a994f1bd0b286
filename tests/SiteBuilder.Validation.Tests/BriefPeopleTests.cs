using SiteBuilder.Validation.Briefs;

namespace SiteBuilder.Validation.Tests;

/// <summary>The people a brief names for the page: the customers it quotes and the speakers it lists, read exactly.</summary>
public sealed class BriefPeopleTests
{
    [Theory]
    [InlineData("Brewly, a smart coffee grinder. Include this review: \"Best grinder I've owned.\" — Sam Lee, barista", "Best grinder I've owned.", "Sam Lee", "barista")]
    [InlineData("Casa Lupe is a taqueria in East Austin. Quote from Dana (regular since 2019): \"The al pastor is the best in town.\"", "The al pastor is the best in town.", "Dana", "regular since 2019")]
    [InlineData("Seabird Inn, a boutique hotel in St Ives. “We woke up to the sea every morning.” – Ana, Lisbon", "We woke up to the sea every morning.", "Ana", "Lisbon")]
    [InlineData("Ledgerly is invoicing software. Testimonial: \"I get paid twice as fast now.\" (Maria Gomez, freelance designer)", "I get paid twice as fast now.", "Maria Gomez", "freelance designer")]
    [InlineData("Flow Yoga Studio in Fremantle. Our member Jo Park says: \"The only class I never skip.\"", "The only class I never skip.", "Jo Park", null)]
    [InlineData("Flow Yoga Studio in Fremantle. \"The only class I never skip,\" says Jo Park.", "The only class I never skip,", "Jo Park", null)]
    [InlineData("Trailhead 28L, a hiking backpack. Add a review by Dr. Amy O'Neil: \"Survived a week of Scottish rain.\"", "Survived a week of Scottish rain.", "Dr. Amy O'Neil", null)]
    [InlineData("Crumb & Co. bakery. 'Best croissant I've had outside Paris.' - Noor K., Elm Street", "Best croissant I've had outside Paris.", "Noor K.", "Elm Street")]
    public void ReadsAQuoteWithWhoSaidItAndWhoTheyAre(string prompt, string text, string name, string? role)
    {
        var quote = Assert.Single(Brief.Read(prompt).Quotes);

        Assert.Equal(new BriefQuote(text, name, role), quote);
    }

    [Fact]
    public void ReadsEveryQuoteOfAList()
    {
        var brief = Brief.Read("Little Fern, a coffee shop in Leith. Reviews: \"Best flat white in Edinburgh.\" — Tom; \"Lovely staff and free wifi.\" — Jo Reid, student.");

        Assert.Equal([new BriefQuote("Best flat white in Edinburgh.", "Tom"), new BriefQuote("Lovely staff and free wifi.", "Jo Reid", "student")], brief.Quotes);
    }

    [Theory]
    [InlineData("DataOps Summit, a conference in New York. \"Early bird\" tickets $399 until July 1.")]
    [InlineData("Brewly, a coffee grinder. Headline: \"Brew better coffee at home\". Call to action \"Pre-order now\".")]
    [InlineData("Trattoria Nonna in Boston, call to action 'Book a table'.")]
    [InlineData("A big \"Book now\" button for Flow Yoga Studio.")]
    [InlineData("Use the tagline \"Brew better coffee\" — Brewly for the hero.")]
    [InlineData("Page for Marco's Pizzeria in Brooklyn: wood-fired pizza, we're open Tue–Sun. It's the best in town.")]
    public void QuotedWordsWithNobodyNamedAreNotTestimonials(string prompt)
    {
        Assert.Empty(Brief.Read(prompt).Quotes);
    }

    [Fact]
    public void AQuoteIsNeitherAPointNorAFactOfTheBusiness()
    {
        var brief = Brief.Read("A launch page for Brewly, a smart coffee grinder with 40 grind settings. Launch price $149. Include this review: \"Best grinder I've owned, worth every one of its $149.\" — Sam Lee, barista. Free shipping in the US.");

        Assert.Single(brief.Quotes);
        Assert.DoesNotContain(brief.Points, p => p.Contains("grinder I've owned", StringComparison.Ordinal) || p.Contains("Sam Lee", StringComparison.Ordinal) || p.Contains("review", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(brief.Facts, f => f.Text.Contains("Sam", StringComparison.Ordinal) || f.Text.Contains("barista", StringComparison.Ordinal));
        Assert.Contains("Free shipping in the US", brief.Points);
    }

    [Theory]
    [InlineData("Launch price $149. Include this review: \"Best grinder I've owned.\" — Sam Lee, barista. Free shipping in the US.", "Launch price $149. Free shipping in the US.")]
    [InlineData("Casa Lupe, a taqueria. Quote from Dana (regular since 2019): \"Best tacos in town.\" Open daily.", "Casa Lupe, a taqueria. Open daily.")]
    [InlineData("Reviews: \"Best flat white in town.\" — Tom; \"Lovely staff.\" — Jo. Open daily, with an FAQ.", "Open daily.")]
    [InlineData("Flow Yoga Studio in Fremantle. Our member Jo Park says: \"The only class I never skip.\" First class free.", "Flow Yoga Studio in Fremantle. First class free.")]
    public void TheInstructionStripperLeavesQuotesOutOfTheCopy(string prompt, string expected)
    {
        Assert.Equal(expected, BriefInstructions.Strip(BriefReader.Normalize(prompt)).Text);
    }

    [Theory]
    [InlineData("DevDays Lisbon, a developer conference on 12–13 March. Speakers include Dr. Maya Chen (CERN) and Tom Ortiz.")]
    [InlineData("DevDays Lisbon, a developer conference on 12–13 March. Speakers: Dr. Maya Chen (CERN), Tom Ortiz. Tickets €99.")]
    [InlineData("DevDays Lisbon, a developer conference on 12–13 March with talks from Dr. Maya Chen (CERN) & Tom Ortiz.")]
    public void ReadsTheSpeakersABriefNames(string prompt)
    {
        Assert.Equal([new BriefPerson("Dr. Maya Chen", "CERN"), new BriefPerson("Tom Ortiz")], Brief.Read(prompt).Speakers);
    }

    [Fact]
    public void ATitleDoesNotEndTheSentenceThatNamesTheSpeakers()
    {
        var brief = Brief.Read("DevDays Lisbon, a developer conference on 12–13 March. Speakers include Dr. Maya Chen (CERN) and Tom Ortiz.");

        Assert.Contains("Speakers include Dr. Maya Chen (CERN) and Tom Ortiz", brief.Points);
    }

    [Theory]
    [InlineData("Landing page for DataOps Summit 2026, a two-day conference for data engineers. 40 speakers, 12 workshops.")]
    [InlineData("An event page for DevDays Lisbon: speakers, schedule, tickets and a venue section.")]
    [InlineData("Speakers: TBA. DevDays Lisbon, a developer conference.")]
    [InlineData("Boom, a portable speaker with 20 hours of battery. Speaker Flip mode included.")]
    public void CountsOfSpeakersAndSectionNamesAreNoSpeakers(string prompt)
    {
        Assert.Empty(Brief.Read(prompt).Speakers);
    }
}
